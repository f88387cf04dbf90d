"""Referral flows (verwijsstromen) along the GP route, the referral share, and the reach what-if.

One calculator folder: ``model.py`` (the plain typed model), ``definition.py`` (the inputs and outputs
of the referral calculator and of the what-if as every surface shows them, collected by
``calculators/registry.py``) and ``verwijsaandeel.js`` (the page calculator's formula in the browser).
"""

from .model import (
    ReachWhatIf,
    ReferralResult,
    baseline_2018,
    default_hours_per_trajectory,
    observed_2020,
    observed_inputs_2020,
    reach_what_if,
    reach_what_if_point,
    referral,
    referral_point,
    self_helped_hours_per_trajectory,
)

__all__ = [
    "ReferralResult", "referral_point", "referral", "observed_2020", "observed_inputs_2020", "baseline_2018",
    "ReachWhatIf", "reach_what_if_point", "default_hours_per_trajectory", "self_helped_hours_per_trajectory",
    "reach_what_if",
]
