"""Staffing (formatie): the AEF norm per 10,000 youths, and what a number of weekly hours can carry.

One calculator folder: ``model.py`` (the plain typed model), ``definition.py`` (its inputs and outputs
as every surface shows them, collected by ``calculators/registry.py``) and ``formatie.js`` (the page
calculator's formula in the browser).
"""

from .model import (
    PER_YOUTHS,
    CapacityComparison,
    CapacityResult,
    StaffingResult,
    capacity,
    capacity_observations,
    capacity_point,
    fte_per_10k_for,
    hours_to_fte,
    mean_contacts,
    norm_youths,
    staffing,
    staffing_point,
)

__all__ = [
    "PER_YOUTHS", "StaffingResult", "staffing_point", "staffing", "hours_to_fte", "fte_per_10k_for", "norm_youths",
    "CapacityResult", "capacity_point", "mean_contacts", "capacity", "CapacityComparison", "capacity_observations",
]
