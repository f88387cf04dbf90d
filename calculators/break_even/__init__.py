"""Break-even (terugverdienen): how many avoided trajectories pay for the POH-J?

One calculator folder: ``model.py`` (the plain typed model), ``definition.py`` (its inputs and outputs
as every surface shows them, collected by ``calculators/registry.py``) and ``terugverdienen.js`` (the
page calculator's formula in the browser).
"""

from .model import BreakEvenResult, break_even, break_even_point, break_even_share, trajectory_share_needed

__all__ = ["BreakEvenResult", "break_even_point", "break_even", "break_even_share", "trajectory_share_needed"]
