"""Workload-based staffing (WHO's Workload Indicators of Staffing Need, WISN) beside the norm."""

from .model import (
    WorkloadResult,
    default_additional_hours_per_year,
    default_available_hours_per_fte,
    default_contacts_per_trajectory,
    default_support_share,
    workload,
    workload_inputs,
    workload_point,
)

__all__ = [
    "WorkloadResult", "workload", "workload_point", "workload_inputs",
    "default_contacts_per_trajectory", "default_support_share",
    "default_additional_hours_per_year", "default_available_hours_per_fte",
]
