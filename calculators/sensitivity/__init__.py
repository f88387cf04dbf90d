"""One-way sensitivity (tornado): every assumption moved between its low and high value from data/.

A calculator folder: ``model.py`` (the plain typed model), ``chart.py`` (the tornado's chart spec) and
``definition.py`` (empty on purpose: the outcome and its label belong to the calculator it varies).
"""

from .model import (
    Sensitivity,
    TornadoRow,
    break_even_assumptions,
    break_even_joint,
    break_even_sensitivity,
    savings_sensitivity,
    staffing_sensitivity,
    tornado,
    workload_sensitivity,
)

__all__ = ["Sensitivity", "TornadoRow", "tornado", "break_even_assumptions", "break_even_sensitivity",
           "savings_sensitivity", "workload_sensitivity", "break_even_joint", "staffing_sensitivity"]
