"""Staffing (formatie): the AEF norm, and what a number of weekly hours can carry.

``staffing``: youths x norm (fte per 10,000 youths) -> fte, weekly hours, annual
cost, each as a low–high range (AEF: 1.0–1.2 fte, 38 h, € 100,000–110,000).

``capacity``: weekly hours -> contacts, trajectories and new clients per year,
using the same time rules as the Rebel break-even examples (a contact takes one
direct hour plus 33 % indirect time; 47 productive weeks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import bands, data
from ..ranges import Range, Span, ranged
from ..validation import (
    Count,
    NonNegative,
    Positive,
    Share,
    Weeks,
    require,
    validated,
)

PER_YOUTHS = 10_000  # the norm is expressed per 10,000 youths


@dataclass(frozen=True)
class StaffingResult:
    youths: float
    fte_per_10k: float
    fte: float
    hours_per_week: float
    annual_cost: float
    cost_per_youth: float


def staffing_point(
    youths: Count,
    fte_per_10k: NonNegative,
    hours_per_fte: Positive,
    cost_per_fte: NonNegative,
) -> StaffingResult:
    """Staffing for one value of each input."""
    fte = youths / PER_YOUTHS * fte_per_10k
    cost = fte * cost_per_fte
    return StaffingResult(
        youths=youths,
        fte_per_10k=fte_per_10k,
        fte=fte,
        hours_per_week=fte * hours_per_fte,
        annual_cost=cost,
        cost_per_youth=cost / youths if youths else 0.0,
    )


staffing_point = validated(staffing_point)  # not @validated: mutmut 3 skips decorated functions


def staffing(
    youths: float,
    fte_per_10k: float | Range | None = None,
    hours_per_fte: float | Range | None = None,
    cost_per_fte: float | Range | None = None,
) -> Span[StaffingResult]:
    """Staffing as a low–high range; defaults are the AEF norm from ``data/``."""
    return ranged(
        staffing_point,
        youths=youths,
        fte_per_10k=Range.of("fte_per_10k") if fte_per_10k is None else fte_per_10k,
        hours_per_fte=data.value("hours_per_fte") if hours_per_fte is None else hours_per_fte,
        cost_per_fte=Range.of("cost_per_fte") if cost_per_fte is None else cost_per_fte,
    )


def hours_to_fte(hours_per_week: float, hours_per_fte: float | None = None) -> float:
    """Weekly hours as fte (38-hour fte unless given)."""
    return hours_per_week / (data.value("hours_per_fte") if hours_per_fte is None else hours_per_fte)


def fte_per_10k_for(hours_per_week: float, youths: float, hours_per_fte: float | None = None) -> float:
    """A given number of weekly hours expressed in the norm's unit: fte per 10,000 youths."""
    return hours_to_fte(hours_per_week, hours_per_fte) / youths * PER_YOUTHS if youths else 0.0


def norm_youths(hours_per_week: float, fte_per_10k: float, hours_per_fte: float | None = None) -> float:
    """How many youths a number of weekly hours covers at a given norm."""
    return hours_to_fte(hours_per_week, hours_per_fte) / fte_per_10k * PER_YOUTHS


@dataclass(frozen=True)
class CapacityResult:
    hours_per_week: float
    client_hours_per_week: float
    hours_per_contact: float
    contacts_per_week: float
    contacts_per_year: float
    mean_contacts_per_trajectory: float
    trajectories_per_year: float
    new_clients_per_week: float
    contacts_per_full_day: float


def capacity_point(
    hours_per_week: NonNegative,
    contact_minutes: Positive,
    indirect_uplift: NonNegative,
    working_weeks: Weeks,
    client_time_share: Share,
    mean_contacts_per_trajectory: Positive,
    hours_per_day: Positive,
) -> CapacityResult:
    """Capacity for one value of each input."""
    per_contact = contact_minutes / 60 * (1 + indirect_uplift)
    client_hours = hours_per_week * client_time_share
    per_week = client_hours / per_contact
    per_year = per_week * working_weeks
    trajectories = per_year / mean_contacts_per_trajectory
    return CapacityResult(
        hours_per_week=hours_per_week,
        client_hours_per_week=client_hours,
        hours_per_contact=per_contact,
        contacts_per_week=per_week,
        contacts_per_year=per_year,
        mean_contacts_per_trajectory=mean_contacts_per_trajectory,
        trajectories_per_year=trajectories,
        new_clients_per_week=trajectories / data.value("paid_weeks"),
        contacts_per_full_day=hours_per_day / per_contact,
    )


capacity_point = validated(capacity_point)  # not @validated: mutmut 3 skips decorated functions


def mean_contacts(band_counts: Mapping[str, float] | None = None) -> float:
    """Mean contacts per trajectory for a distribution over the contact bands.

    Default: the self-treated trajectories of Holland Rijnland 2020.
    """
    counts = bands.published_counts() if band_counts is None else bands.normalise(band_counts)
    require(all(c >= 0 for c in counts.values()), "Aantallen per band mogen niet negatief zijn.",
            field="trajectories")
    total = sum(counts.values())
    require(total > 0, "Vul voor minstens één band een aantal trajecten in.", field="trajectories")
    per_band = bands.contacts_per_band()
    return sum(counts[b] * per_band[b] for b in bands.BANDS) / total


def capacity(
    hours_per_week: float | Range,
    contact_minutes: float | Range | None = None,
    indirect_uplift: float | Range | None = None,
    working_weeks: float | Range | None = None,
    client_time_share: float | Range | None = None,
    mean_contacts_per_trajectory: float | Range | None = None,
    band_counts: Mapping[str, float] | None = None,
) -> Span[CapacityResult]:
    """What a number of weekly hours can carry, with defaults from ``data/``."""

    def default(x: float | Range | None, key: str) -> float | Range:
        return data.value(key) if x is None else x

    return ranged(
        capacity_point,
        hours_per_week=hours_per_week,
        contact_minutes=default(contact_minutes, "contact_minutes"),
        indirect_uplift=default(indirect_uplift, "indirect_uplift"),
        working_weeks=default(working_weeks, "working_weeks"),
        client_time_share=default(client_time_share, "client_time_share"),
        mean_contacts_per_trajectory=(
            mean_contacts(band_counts) if mean_contacts_per_trajectory is None else mean_contacts_per_trajectory
        ),
        hours_per_day=data.value("hours_per_day"),
    )


@dataclass(frozen=True)
class CapacityComparison:
    study: str
    hours_per_week: float
    observed_new_clients_per_week: float
    modelled_new_clients_per_week: float
    ratio: float  # observed / modelled
    source: str
    ref: str
    note: str


def capacity_observations() -> list[CapacityComparison]:
    """Observed intake in the sources beside what the capacity model gives for the same hours."""
    out = []
    for row in data.rows("capacity_observations"):
        hours = data.number(row, "hours_per_week") or 0.0
        observed = data.number(row, "new_clients_per_week") or 0.0
        modelled = capacity(hours).mid.new_clients_per_week
        out.append(
            CapacityComparison(
                study=row["study"],
                hours_per_week=hours,
                observed_new_clients_per_week=observed,
                modelled_new_clients_per_week=modelled,
                ratio=observed / modelled if modelled else 0.0,
                source=row["source"],
                ref=row["ref"],
                note=row["note"],
            )
        )
    return out
