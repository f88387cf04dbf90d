"""The whole annual cost of a POH-J: salary range per fte plus the items a municipality must budget."""

from .model import CostItem, CostLine, CostsResult, cost_items, costs

__all__ = ["CostItem", "CostLine", "CostsResult", "cost_items", "costs"]
