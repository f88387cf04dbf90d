"""Savings scenarios (besparing): what do trajectories without referral avoid?

One calculator folder: ``model.py`` (the plain typed model) and ``definition.py`` (its outputs as every
surface shows them, collected by ``calculators/registry.py``). It has no page calculator of its own:
the break-even page (``break_even/terugverdienen.js``) shows the savings beside the break-even.
"""

from .model import (
    SCENARIO_ALIASES,
    SCENARIO_NAMES,
    SavingsLine,
    SavingsResult,
    Scenario,
    TrajectoryGroup,
    builtin_scenario,
    cost_coverage,
    custom_scenario,
    default_hourly_cost,
    estimated_counts,
    groups_from_counts,
    pilot_costs,
    pilot_hours_2020,
    published_groups,
    savings,
    savings_point,
)

__all__ = [
    "Scenario", "SCENARIO_NAMES", "SCENARIO_ALIASES", "builtin_scenario", "custom_scenario", "TrajectoryGroup",
    "SavingsLine", "SavingsResult", "groups_from_counts", "published_groups", "savings_point",
    "default_hourly_cost", "savings", "cost_coverage", "pilot_hours_2020", "pilot_costs", "estimated_counts",
]
