"""Savings scenarios (besparing): what do trajectories without referral avoid?

Each trajectory the POH-J closes without referral is counted in a contact band.
A scenario says, per band, which share of those trajectories avoided a B-GGZ
and which share an S-GGZ trajectory. Savings = count x share x price.

The Rebel report states two scenarios (``data/tables/savings_scenarios.csv``):

- conservative: 2–5 and 6–10 contacts each avoid a B-GGZ trajectory; 1 contact nothing;
- optimistic: 25 % of 1-contact trajectories avoid B-GGZ; all 2–5 avoid B-GGZ;
  of 6–10, 70 % avoid B-GGZ and 30 % S-GGZ.

A third scenario, ``none`` ('geen meetbaar effect'), avoids nothing in any band. It is
the reckoning that follows from the CPB study of December 2020 (known through news
reports): municipal funding of practice assistants did not significantly change the use
of second-line youth care. It is not a measured saving of zero; it is what a business
case can claim when no effect has been shown. The POH-J's cost stays the same.

The POH-J's own time cost of the same trajectories (contacts x hourly cost
including indirect time) is reported beside the savings, never subtracted: it
is already part of the POH-J's annual cost, which is what the savings should be
compared with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .. import bands, data
from ..errors import InputError
from ..ranges import Range, Span, ranged
from ..validation import NonNegative, Positive, require, show, validated


@dataclass(frozen=True)
class Scenario:
    name: str
    label: str
    bggz_share: Mapping[str, float]
    sggz_share: Mapping[str, float]


SCENARIO_NAMES = {"conservative": "conservatief", "optimistic": "optimistisch", "none": "geen meetbaar effect"}
#: Every accepted name (English, Dutch, short Dutch) -> scenario key.
SCENARIO_ALIASES = {**{k: k for k in SCENARIO_NAMES}, **{v: k for k, v in SCENARIO_NAMES.items()},
                    "geen": "none", "geen effect": "none", "nul": "none"}


def builtin_scenario(name: str) -> Scenario:
    """A built-in scenario by name (English or Dutch); unknown names are an InputError."""
    key = SCENARIO_ALIASES.get(name.strip().lower(), name.strip().lower())
    rows = [r for r in data.rows("savings_scenarios") if r["scenario"] == key]
    if not rows:
        choices = ", ".join(f"{en} ({nl})" for en, nl in SCENARIO_NAMES.items())
        raise InputError(f"Onbekend scenario {show(name)}: kies uit {choices} of geef eigen aandelen op.",
                         field="scenario")
    return Scenario(
        name=key,
        label=SCENARIO_NAMES[key],
        bggz_share={r["band"]: data.number(r, "bggz_share") or 0.0 for r in rows},
        sggz_share={r["band"]: data.number(r, "sggz_share") or 0.0 for r in rows},
    )


def custom_scenario(
    bggz_share: Mapping[str, float], sggz_share: Mapping[str, float] | None = None, label: str = "eigen scenario"
) -> Scenario:
    """A user-defined scenario: per band the shares of avoided B-GGZ and S-GGZ trajectories."""
    b = dict.fromkeys(bands.BANDS, 0.0)
    s = dict.fromkeys(bands.BANDS, 0.0)
    for target, given in ((b, bggz_share), (s, sggz_share or {})):
        for band, share in given.items():
            target[bands.parse_band(band)] = share
    for band in bands.BANDS:
        for kind, share in (("B-GGZ", b[band]), ("S-GGZ", s[band])):
            require(0 <= share <= 1,
                    f"Aandeel vermeden {kind} voor band {band} moet tussen 0 en 1 liggen, niet {show(share)}.",
                    field="scenario")
        require(b[band] + s[band] <= 1 + 1e-9,
                f"In band {band} tellen de aandelen B-GGZ en S-GGZ op tot meer dan 1: één traject kan maar "
                "één vervolgtraject vermijden.", field="scenario")
    return Scenario(name="custom", label=label, bggz_share=b, sggz_share=s)


@dataclass(frozen=True)
class TrajectoryGroup:
    """Trajectories closed without referral, in one contact band."""

    band: str
    count: float
    contacts: float | None = None  # contacts per trajectory; default per band
    label: str | None = None


@dataclass(frozen=True)
class SavingsLine:
    label: str
    band: str
    count: float
    contacts: float
    avoided_bggz: float
    avoided_sggz: float
    savings_bggz: float
    savings_sggz: float
    savings_total: float
    pohj_cost_per_trajectory: float
    pohj_time_cost: float


@dataclass(frozen=True)
class SavingsResult:
    scenario: str
    lines: tuple[SavingsLine, ...]
    trajectories: float
    avoided_bggz: float
    avoided_sggz: float
    savings_bggz: float
    savings_sggz: float
    savings_total: float
    pohj_time_cost: float
    hourly_cost_incl_indirect: float


def groups_from_counts(counts: Mapping[str, float]) -> tuple[TrajectoryGroup, ...]:
    """``{'1': 49, '2-5': 95}`` -> trajectory groups, one per band, in band order."""
    normal = bands.normalise(counts)
    return tuple(TrajectoryGroup(band=b, count=normal[b]) for b in bands.BANDS)


def published_groups() -> tuple[TrajectoryGroup, ...]:
    """The rows of Rebel's 2020 savings tables, Katwijk's average-7.9 row included."""
    out = []
    for row in data.rows("published_savings"):
        if row["scenario"] == "conservative" and row["band"]:
            out.append(TrajectoryGroup(band=row["band"], count=data.number(row, "count") or 0.0,
                                       contacts=data.number(row, "contacts"), label=row["row"]))
    return tuple(out)


def savings_point(
    groups: tuple[TrajectoryGroup, ...],
    scenario: Scenario,
    bggz_price: NonNegative,
    sggz_price: NonNegative,
    hourly_cost_incl_indirect: NonNegative,
    contact_minutes: Positive,
) -> SavingsResult:
    """Savings for one value of each price; see the module docstring for the rules."""
    per_band = bands.contacts_per_band()
    lines = []
    for g in groups:
        band = bands.parse_band(g.band)
        require(g.count >= 0, f"Het aantal trajecten in band {band} mag niet negatief zijn ({show(g.count)}).",
                field="trajectories")
        contacts = per_band[band] if g.contacts is None else g.contacts
        require(contacts >= 0, f"Het aantal contacten in band {band} mag niet negatief zijn.", field="trajectories")
        b = g.count * scenario.bggz_share.get(band, 0.0)
        s = g.count * scenario.sggz_share.get(band, 0.0)
        per_trajectory = contacts * contact_minutes / 60 * hourly_cost_incl_indirect
        lines.append(
            SavingsLine(
                label=g.label or bands.LABELS[band],
                band=band,
                count=g.count,
                contacts=contacts,
                avoided_bggz=b,
                avoided_sggz=s,
                savings_bggz=b * bggz_price,
                savings_sggz=s * sggz_price,
                savings_total=b * bggz_price + s * sggz_price,
                pohj_cost_per_trajectory=per_trajectory,
                pohj_time_cost=g.count * per_trajectory,
            )
        )
    return SavingsResult(
        scenario=scenario.name,
        lines=tuple(lines),
        trajectories=sum(x.count for x in lines),
        avoided_bggz=sum(x.avoided_bggz for x in lines),
        avoided_sggz=sum(x.avoided_sggz for x in lines),
        savings_bggz=sum(x.savings_bggz for x in lines),
        savings_sggz=sum(x.savings_sggz for x in lines),
        savings_total=sum(x.savings_total for x in lines),
        pohj_time_cost=sum(x.pohj_time_cost for x in lines),
        hourly_cost_incl_indirect=hourly_cost_incl_indirect,
    )


savings_point = validated(savings_point)  # not @validated: mutmut 3 skips decorated functions


def default_hourly_cost(hourly_rate: float | None = None, indirect_uplift: float | None = None) -> float:
    """Cost of one direct contact hour including indirect time (€ 61 x 1.33)."""
    rate = data.value("hourly_rate") if hourly_rate is None else hourly_rate
    uplift = data.value("indirect_uplift") if indirect_uplift is None else indirect_uplift
    return rate * (1 + uplift)


def savings(
    trajectories: Mapping[str, float] | Sequence[TrajectoryGroup] | None = None,
    scenario: str | Scenario = "conservative",
    bggz_price: float | Range | None = None,
    sggz_price: float | Range | None = None,
    hourly_cost_incl_indirect: float | Range | None = None,
    contact_minutes: float | Range | None = None,
) -> Span[SavingsResult]:
    """Savings over ranged prices. Default trajectories: Holland Rijnland 2020 per band."""
    if trajectories is None:
        groups = tuple(TrajectoryGroup(band=b, count=c) for b, c in bands.published_counts().items())
    elif isinstance(trajectories, Mapping):
        groups = groups_from_counts(trajectories)
    else:
        groups = tuple(trajectories)
    return ranged(
        savings_point,
        groups=groups,
        scenario=builtin_scenario(scenario) if isinstance(scenario, str) else scenario,
        bggz_price=data.value("bggz_price") if bggz_price is None else bggz_price,
        sggz_price=data.value("sggz_price") if sggz_price is None else sggz_price,
        hourly_cost_incl_indirect=default_hourly_cost() if hourly_cost_incl_indirect is None
        else hourly_cost_incl_indirect,
        contact_minutes=data.value("contact_minutes") if contact_minutes is None else contact_minutes,
    )


def cost_coverage(savings_total: float, annual_cost: float) -> float:
    """Savings as a share of the POH-J's annual cost (1 = it pays for itself)."""
    return savings_total / annual_cost if annual_cost else 0.0


def pilot_hours_2020() -> float:
    """Weekly POH-J hours of all Holland Rijnland pilots in 2020 (the base of the 2020 savings table)."""
    return sum(data.number(r, "hours_per_week") or 0.0 for r in data.rows("pilots_holland_rijnland"))


def pilot_costs() -> float:
    """Printed annual cost of all Holland Rijnland pilots (Lisse was cost-neutral)."""
    return sum(data.number(r, "annual_cost") or 0.0 for r in data.rows("pilots_holland_rijnland"))


def estimated_counts(hours_per_week: float) -> dict[str, float]:
    """Self-treated trajectories per band for a POH-J with these weekly hours.

    Assumption (stated in the apps and the book): every POH-J hour yields as many
    self-treated trajectories as the Holland Rijnland average in 2020, i.e. the
    published counts scaled by hours / all pilot hours.
    """
    scale = hours_per_week / pilot_hours_2020()
    return {band: count * scale for band, count in bands.published_counts().items()}
