"""Workload-based staffing (WHO's Workload Indicators of Staffing Need, WISN) beside the norm.

One calculator folder: ``model.py`` (the plain typed model), ``definition.py`` (its inputs and outputs
as every surface shows them, collected by ``calculators/registry.py``) and ``werklast.js`` (the page
calculator's formula in the browser).
"""

from .model import (
    PER_YOUTHS,
    WorkloadResult,
    default_additional_hours_per_year,
    default_additional_hours_point,
    default_available_hours_per_fte,
    default_contacts_per_trajectory,
    default_support_share,
    help_questions_per_1000_proxy,
    workload,
    workload_inputs,
    workload_point,
)

__all__ = [
    "WorkloadResult", "workload", "workload_point", "workload_inputs",
    "default_contacts_per_trajectory", "default_support_share",
    "default_additional_hours_per_year", "default_available_hours_per_fte",
    "PER_YOUTHS", "help_questions_per_1000_proxy", "default_additional_hours_point",
]
