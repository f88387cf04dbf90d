"""One-way sensitivity (tornado): every assumption moved between its low and high value from data/."""

from .model import (
    Sensitivity,
    TornadoRow,
    break_even_assumptions,
    break_even_sensitivity,
    savings_sensitivity,
    tornado,
    workload_sensitivity,
)

__all__ = ["Sensitivity", "TornadoRow", "tornado", "break_even_assumptions", "break_even_sensitivity",
           "savings_sensitivity", "workload_sensitivity"]
