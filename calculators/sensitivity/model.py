"""One-way sensitivity analysis: which assumption moves the answer most?

Each assumption is set to its low and then its high value (from ``data/``, or the range a user
gives), all others stay at their default; the outcome at both ends is recorded and the rows are
sorted by swing = |outcome at high - outcome at low|, largest first (a tornado chart).

Outcomes:

- ``break-even``: the share of the POH-J's contracted time that must go to trajectories that each
  avoid a referral (``share_of_contracted_time``). Because every trajectory in the model takes the
  same time, this is also the share of its trajectories that must avoid one: the effect needed.
  Without contracted hours: the number of avoided trajectories needed per year.
- ``savings``: the savings of a year's trajectories without referral, times the share of those
  youths who would otherwise have been referred (the Rebel scenarios assume all of them).
- ``workload``: the fte needed by the WISN method.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import data
from ..assumptions import Assumption
from ..break_even import break_even_point
from ..break_even.definition import BREAK_EVEN
from ..costs import costs
from ..errors import InputError
from ..ranges import Range, check_range
from ..savings import SCENARIO_NAMES, savings
from ..savings.definition import SAVINGS
from ..staffing.definition import STAFFING
from ..validation import show
from ..workload import workload_inputs, workload_point
from ..workload.definition import WORKLOAD
from ..workload.model import default_available_hours_per_fte


@dataclass(frozen=True)
class TornadoRow:
    parameter: str
    label: str
    unit: str
    source: str
    ref: str
    assumption: bool  # no source gives the value ('aanname')
    input_base: float | str
    input_low: float | str
    input_high: float | str
    outcome_at_low: float
    outcome_at_high: float
    low: float
    high: float
    swing: float


@dataclass(frozen=True)
class Sensitivity:
    model: str
    outcome: str
    outcome_label: str
    unit: str
    base: float
    rows: tuple[TornadoRow, ...]
    extra: dict[str, Any] = field(default_factory=dict)


def tornado(outcome: Callable[[Mapping[str, Any]], float], base: Mapping[str, Any],
            assumptions: list[Assumption]) -> tuple[float, tuple[TornadoRow, ...]]:
    """The base outcome and one row per assumption, sorted by swing (largest first, then by label)."""
    at_base = outcome(base)
    rows = []
    for a in assumptions:
        at_low = outcome({**base, a.name: a.low})
        at_high = outcome({**base, a.name: a.high})
        rows.append(TornadoRow(a.name, a.label, a.unit, a.source, a.ref, a.is_assumption, base[a.name], a.low,
                               a.high, at_low, at_high, min(at_low, at_high), max(at_low, at_high),
                               abs(at_high - at_low)))
    rows.sort(key=lambda r: (-r.swing, r.label))
    return at_base, tuple(rows)


def _override(a: Assumption, given: float | Range | None) -> Assumption:
    """A user's value replaces the default (a point) or the range (a Range)."""
    if given is None:
        return a
    for x in ((given.low, given.high) if isinstance(given, Range) else (given,)):
        if a.unit == "share" and not 0 <= x <= 1:
            raise InputError(f"{a.label} is een aandeel en moet tussen 0 en 1 liggen (0,3 = 30%), niet {show(x)}.",
                             field=a.name)
        if not x >= 0:
            raise InputError(f"{a.label} mag niet negatief zijn ({show(x)}).", field=a.name)
    if isinstance(given, Range):
        check_range(a.name, given)
        return Assumption(a.name, a.label, given.mid, given.low, given.high, a.unit, a.source, a.ref, a.key)
    return Assumption(a.name, a.label, given, given, given, a.unit, a.source, a.ref, a.key)


def _base(assumptions: list[Assumption]) -> dict[str, Any]:
    return {a.name: a.value for a in assumptions}


# --------------------------------------------------------------------------------- break-even


def break_even_assumptions(route: str) -> list[Assumption]:
    """The break-even inputs with a plausible range. ``route``: 'hours', 'full_cost' or 'annual_cost'."""
    bggz, sggz = data.value("bggz_price"), data.value("sggz_price")
    out = []
    if route == "hours":
        out += [Assumption.of_fact("hourly_rate", "hourly_rate"), Assumption.of_fact("paid_weeks", "paid_weeks")]
    if route == "full_cost":
        out.append(Assumption.of_fact("cost_per_fte", "cost_per_fte"))
    out += [
        Assumption.of_fact("trajectory_price", "trajectory_price", bggz, bggz, sggz),
        Assumption.of_fact("direct_hours_per_trajectory", "direct_hours_per_trajectory"),
        Assumption.of_fact("indirect_uplift", "indirect_uplift"),
        Assumption.of_fact("working_weeks", "working_weeks"),
    ]
    return out


def break_even_sensitivity(
    annual_cost: float | None = None,
    hours_per_week: float | None = None,
    full_cost_fte: float | None = None,
    cost_items: Mapping[str, float] | None = None,
    contracted_hours: float | None = None,
    youths: float | None = None,
    **given: float | Range | None,
) -> Sensitivity:
    """Tornado for break-even; ``given`` overrides an assumption (a point or a range)."""
    routes = [x is not None for x in (annual_cost, hours_per_week, full_cost_fte)]
    if sum(routes) != 1:
        raise InputError("Geef precies één van: de jaarkosten, de uren per week of het aantal fte voor de "
                         "integrale kosten.", field="annual_cost")
    route = "annual_cost" if annual_cost is not None else "hours" if hours_per_week is not None else "full_cost"
    assumptions = [_override(a, given.get(a.name)) for a in break_even_assumptions(route)]
    unused = {k for k, v in given.items() if v is not None} - {a.name for a in assumptions}
    if unused:
        raise InputError(f"Deze invoer telt niet mee bij deze manier van kosten berekenen: {', '.join(sorted(unused))} "
                         "(het uurtarief en de betaalde weken alleen bij uren per week, de kosten per fte alleen bij "
                         "integrale kosten).", field=sorted(unused)[0])
    if route == "full_cost" and contracted_hours is None:
        contracted_hours = full_cost_fte * data.value("hours_per_fte")  # type: ignore[operator]
    contract = contracted_hours if contracted_hours is not None else hours_per_week
    outcome_name = "share_of_contracted_time" if contract is not None else "trajectories_needed"

    def run(p: Mapping[str, Any]) -> Any:
        kw = {k: v for k, v in p.items() if k != "cost_per_fte"}
        if route == "full_cost":
            kw["annual_cost"] = costs(full_cost_fte, cost_items, cost_per_fte=p["cost_per_fte"]).total_low  # type: ignore[arg-type]
        elif route == "annual_cost":
            kw["annual_cost"] = annual_cost
        else:
            kw["hours_per_week"] = hours_per_week
        return break_even_point(contracted_hours=contracted_hours, **kw)

    base, rows = tornado(lambda p: getattr(run(p), outcome_name), _base(assumptions), assumptions)
    extra: dict[str, Any] = {}
    if youths is not None:
        if not youths > 0:
            raise InputError(f"Het aantal jeugdigen moet groter dan nul zijn, niet {youths:g}.", field="youths")
        # all assumptions at once anywhere in their ranges: the range of avoided trajectories per 1000 youths
        joint = break_even_joint(run, assumptions)
        per = 1000 / youths
        extra["avoided_per_1000_youths"] = {"base": run(_base(assumptions)).trajectories_needed * per,
                                            "low": joint[0] * per, "high": joint[1] * per}
    # the outcome's label and unit are the registry's (the same words as the CLI, the apps and the annex)
    out = BREAK_EVEN[outcome_name]
    return Sensitivity("break-even", outcome_name, out.label, out.unit, base, rows, extra)


def break_even_joint(run: Callable[[Mapping[str, Any]], Any], assumptions: list[Assumption]) -> tuple[float, float]:
    """Lowest and highest trajectories needed with every assumption anywhere in its range (corners)."""
    import itertools

    values = [run(dict(zip([a.name for a in assumptions], combo, strict=True))).trajectories_needed
              for combo in itertools.product(*[(a.low, a.high) for a in assumptions])]
    return min(values), max(values)


# --------------------------------------------------------------------------------- savings


def savings_sensitivity(trajectories: Mapping[str, float] | None = None, scenario: str = "conservative",
                        **given: float | Range | None) -> Sensitivity:
    """Tornado for the savings: prices, the scenario, and the share that would otherwise have been referred."""
    assumptions = [
        _override(Assumption.of_fact("bggz_price", "bggz_price"), given.get("bggz_price")),
        _override(Assumption.of_fact("sggz_price", "sggz_price"), given.get("sggz_price")),
        _override(Assumption.of_fact("counterfactual_referral_rate", "counterfactual_referral_rate"),
                  given.get("counterfactual_referral_rate")),
    ]

    def run(p: Mapping[str, Any], scen: str = scenario) -> float:
        result = savings(trajectories, scenario=scen, bggz_price=p["bggz_price"], sggz_price=p["sggz_price"]).mid
        return result.savings_total * p["counterfactual_referral_rate"]

    base_inputs = _base(assumptions)
    base, rows = tornado(run, base_inputs, assumptions)
    low_s, high_s = run(base_inputs, "conservative"), run(base_inputs, "optimistic")
    refs = sorted({part for r in data.rows("savings_scenarios") if r["source"] == "rebel2021"
                   for part in r["ref"].split("; ")})
    scen_row = TornadoRow("scenario", "Besparingsscenario (Rebel)", "text", "rebel2021", "; ".join(refs), False,
                          SCENARIO_NAMES.get(scenario, scenario), SCENARIO_NAMES["conservative"],
                          SCENARIO_NAMES["optimistic"], low_s, high_s, min(low_s, high_s), max(low_s, high_s),
                          abs(high_s - low_s))
    rows = tuple(sorted((*rows, scen_row), key=lambda r: (-r.swing, r.label)))
    return Sensitivity("savings", "savings_total", f"{SAVINGS['savings_total'].label} (× deel dat anders was "
                       "verwezen)", "eur", base, rows)


# --------------------------------------------------------------------------------- staffing (norm)


def staffing_sensitivity(youths: float) -> Sensitivity:
    """Tornado for the annual cost of the AEF norm: the norm and the cost per fte between their ends."""
    from ..staffing import staffing_point

    if not isinstance(youths, int | float) or youths < 0:
        raise InputError("Het aantal jeugdigen mag niet negatief zijn.", field="youths")
    norm, cost = Assumption.of_fact("fte_per_10k", "fte_per_10k"), Assumption.of_fact("cost_per_fte", "cost_per_fte")
    norm = Assumption(norm.name, norm.label, (norm.low + norm.high) / 2, norm.low, norm.high, norm.unit, norm.source,
                      norm.ref, norm.key)
    cost = Assumption(cost.name, cost.label, (cost.low + cost.high) / 2, cost.low, cost.high, cost.unit, cost.source,
                      cost.ref, cost.key)
    hpf = data.value("hours_per_fte")
    base, rows = tornado(lambda p: staffing_point(youths=youths, hours_per_fte=hpf, **p).annual_cost,
                         {"fte_per_10k": norm.value, "cost_per_fte": cost.value}, [norm, cost])
    return Sensitivity("staffing", "annual_cost", f"{STAFFING['annual_cost'].label}, midden", "eur", base, rows)


# --------------------------------------------------------------------------------- workload


def workload_sensitivity(youths: float, hours_per_fte: float | None = None,
                         **given: float | Range | None) -> Sensitivity:
    """Tornado for the WISN fte needed."""
    if not isinstance(youths, int | float) or youths < 0:
        raise InputError("Het aantal jeugdigen mag niet negatief zijn.", field="youths")
    hpf = data.value("hours_per_fte") if hours_per_fte is None else hours_per_fte
    inputs = workload_inputs()
    if hours_per_fte is not None and given.get("available_hours_per_fte") is None:
        awt = inputs["available_hours_per_fte"]
        w_low, w_high = data.bounds("working_weeks")
        inputs["available_hours_per_fte"] = Assumption(
            awt.name, awt.label, default_available_hours_per_fte(hpf), default_available_hours_per_fte(hpf, w_low),
            default_available_hours_per_fte(hpf, w_high), awt.unit, awt.source, awt.ref, awt.key)
    unknown = {k for k, v in given.items() if v is not None} - set(inputs)
    if unknown:
        raise InputError(f"Onbekende invoer voor de gevoeligheidsanalyse: {', '.join(sorted(unknown))}.")
    assumptions = [_override(a, given.get(name)) for name, a in inputs.items()]
    base, rows = tornado(lambda p: workload_point(youths=youths, hours_per_fte=hpf, **p).fte_needed,
                         _base(assumptions), assumptions)
    return Sensitivity("workload", "fte_needed", WORKLOAD["fte_needed"].label, "fte", base, rows)

