"""Break-even (terugverdienen): how many avoided trajectories pay for the POH-J?

The Rebel worked examples (Oegstgeest, Lisse), made explicit:

1. annual cost = given, or hours per week x hourly rate x 52 paid weeks;
2. trajectories needed = annual cost / price of one avoided trajectory (B-GGZ € 876);
3. hours needed per year = trajectories x 6 direct hours x (1 + 33 % indirect time);
4. hours per week = hours per year / 47 productive weeks (direct and indirect);
5. share of the contracted hours, and the hours left for everything else.

The examples never state 52 paid versus 47 productive weeks; 47 is the only
number of weeks that reproduces all six printed weekly figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..ranges import Range, Span, ranged
from ..validation import NonNegative, Positive, Share, Weeks, require, validated


@dataclass(frozen=True)
class BreakEvenResult:
    annual_cost: float
    trajectory_price: float
    trajectories_needed: float
    trajectories_short: float
    trajectories_long: float
    direct_hours_per_year: float
    hours_needed_per_year: float
    hours_per_week: float
    direct_hours_per_week: float
    indirect_hours_per_week: float
    contracted_hours: float | None
    share_of_contracted_time: float | None
    remaining_hours_per_week: float | None
    feasible: bool | None
    hourly_cost_incl_indirect: float


def break_even_point(
    annual_cost: NonNegative | None = None,
    hours_per_week: NonNegative | None = None,
    hourly_rate: NonNegative | None = None,
    paid_weeks: Weeks | None = None,
    contracted_hours: NonNegative | None = None,
    trajectory_price: Positive | None = None,
    direct_hours_per_trajectory: NonNegative | None = None,
    indirect_uplift: NonNegative | None = None,
    working_weeks: Weeks | None = None,
    short_share: Share | None = None,
) -> BreakEvenResult:
    """Break-even for one value of each input; unset inputs take their default from ``data/``."""
    require(
        annual_cost is not None or hours_per_week is not None,
        "Geef de jaarkosten of het aantal uren per week op.",
        field="annual_cost",
    )
    rate = data.value("hourly_rate") if hourly_rate is None else hourly_rate
    paid = data.value("paid_weeks") if paid_weeks is None else paid_weeks
    price = data.value("bggz_price") if trajectory_price is None else trajectory_price
    direct = (data.value("direct_hours_per_trajectory") if direct_hours_per_trajectory is None
              else direct_hours_per_trajectory)
    uplift = data.value("indirect_uplift") if indirect_uplift is None else indirect_uplift
    weeks = data.value("working_weeks") if working_weeks is None else working_weeks
    short = data.value("break_even_mix_short") if short_share is None else short_share

    cost = annual_cost if annual_cost is not None else hours_per_week * rate * paid  # type: ignore[operator]
    needed = cost / price
    direct_year = needed * direct
    total_year = direct_year * (1 + uplift)
    per_week = total_year / weeks
    direct_week = direct_year / weeks
    contract = contracted_hours if contracted_hours is not None else hours_per_week
    share = remaining = feasible = None
    if contract is not None:
        require(contract > 0, "Contracturen per week moeten groter dan nul zijn om een aandeel te berekenen.",
                field="contracted_hours")
        share = per_week / contract
        remaining = contract - per_week
        feasible = per_week <= contract
    return BreakEvenResult(
        annual_cost=cost,
        trajectory_price=price,
        trajectories_needed=needed,
        trajectories_short=needed * short,
        trajectories_long=needed * (1 - short),
        direct_hours_per_year=direct_year,
        hours_needed_per_year=total_year,
        hours_per_week=per_week,
        direct_hours_per_week=direct_week,
        indirect_hours_per_week=per_week - direct_week,
        contracted_hours=contract,
        share_of_contracted_time=share,
        remaining_hours_per_week=remaining,
        feasible=feasible,
        hourly_cost_incl_indirect=rate * (1 + uplift),
    )


break_even_point = validated(break_even_point)  # not @validated: mutmut 3 skips decorated functions


def break_even(**inputs: float | Range | None) -> Span[BreakEvenResult]:
    """Break-even over ranged inputs (any argument of :func:`break_even_point` may be a Range)."""
    return ranged(break_even_point, **inputs)


def break_even_share(
    hourly_rate: float | None = None,
    paid_weeks: float | None = None,
    direct_hours_per_trajectory: float | None = None,
    indirect_uplift: float | None = None,
    working_weeks: float | None = None,
    trajectory_price: float | None = None,
) -> float:
    """Share of its own hours a POH-J must spend on avoided trajectories to break even.

    It does not depend on the number of hours: cost and capacity both scale with
    them. With the defaults this is about 0.61 (Rebel: 'zo'n 2/3e').
    """
    result = break_even_point(
        hours_per_week=1.0,
        hourly_rate=hourly_rate,
        paid_weeks=paid_weeks,
        direct_hours_per_trajectory=direct_hours_per_trajectory,
        indirect_uplift=indirect_uplift,
        working_weeks=working_weeks,
        trajectory_price=trajectory_price,
    )
    assert result.share_of_contracted_time is not None
    return result.share_of_contracted_time


def trajectory_share_needed(mean_direct_hours_per_trajectory: float, **inputs: float | None) -> float:
    """Share of its trajectories a POH-J must close without the referral that would otherwise have come.

    :func:`break_even_share` is a share of hours, with every avoided trajectory
    ``direct_hours_per_trajectory`` (6) direct hours long; it equals a share of trajectories only when all
    trajectories are that long. If the POH-J's trajectories last ``mean_direct_hours_per_trajectory`` on
    average and all her hours go to trajectories, she closes proportionally more (or fewer) of them, and
    the share needed is ``break_even_share x mean / direct``. Time for work without a client raises it.
    """
    require(mean_direct_hours_per_trajectory > 0, "Het gemiddelde aantal uren per traject moet groter dan nul zijn.",
            field="mean_direct_hours_per_trajectory")
    direct = inputs.get("direct_hours_per_trajectory")
    direct = data.value("direct_hours_per_trajectory") if direct is None else direct
    return break_even_share(**inputs) * mean_direct_hours_per_trajectory / direct
