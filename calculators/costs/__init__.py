"""The whole annual cost of a POH-J: salary range per fte plus the items a municipality must budget.

One calculator folder: ``model.py`` (the plain typed model), ``definition.py`` (its inputs and outputs
as every surface shows them, collected by ``calculators/registry.py``) and ``integrale-kosten.js`` (the
page calculator's formula in the browser).
"""

from .model import CostItem, CostLine, CostsResult, cost_items, costs

__all__ = ["CostItem", "CostLine", "CostsResult", "cost_items", "costs"]
