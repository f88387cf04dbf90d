"""Where the sources' own figures do not add up: our value beside the printed one.

``data/discrepancies.csv`` holds, per case, the printed value, our value (as
pinned for the tests) and a Dutch explanation with ``{placeholders}``. This
module recomputes our value from the models and data, so the handbook never
quotes a number that the code cannot reproduce.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import data, formatting
from .break_even import break_even_point
from .published import _savings_result, break_even_inputs
from .referral import observed_2020
from .staffing import hours_to_fte, staffing


def _pilot(name: str) -> dict[str, str]:
    return next(r for r in data.rows("pilots_holland_rijnland") if r["municipality"] == name)


def _pilot_costs() -> float:
    from .savings import pilot_costs

    return pilot_costs()


def _printed_optimistic_total() -> float:
    row = next(r for r in data.rows("published_savings") if r["scenario"] == "optimistic" and r["row"] == "Totaal")
    return (data.number(row, "savings_bggz") or 0.0) + (data.number(row, "savings_sggz") or 0.0)


def _line(scenario: str, label: str, column: str) -> float:
    result = _savings_result(scenario)
    return float(getattr(next(x for x in result.lines if x.label == label), column))


def _noordwijk_rate(year_column: str, jgt_column: str) -> float:
    row = _pilot("Noordwijk")
    hours = (data.number(row, year_column) or 0.0) + (data.number(row, jgt_column) or 0.0)
    return (data.number(row, "annual_cost") or 0.0) / (hours * data.value("paid_weeks"))


def _outcome(study: str, category: str) -> float:
    row = next(r for r in data.rows("outcomes") if r["study"] == study and r["category"] == category)
    return data.number(row, "share") or 0.0


def _accare_intervention_share(intervention: str) -> float:
    row = next(r for r in data.rows("accare_activities") if r["intervention"] == intervention)
    return data.number(row, "share") or 0.0


# id -> (our value, our upper value or None)
_OURS: dict[str, Callable[[], tuple[float, float | None]]] = {
    "optimistic_total": lambda: (_savings_result("optimistic").savings_total, None),
    "optimistic_bggz_total": lambda: (_savings_result("optimistic").savings_bggz, None),
    "katwijk_bggz_optimistic": lambda: (_line("optimistic", "Gemiddelde Katwijk (7.9)", "savings_bggz"), None),
    "optimistic_covers_half": lambda: (
        _printed_optimistic_total() / _pilot_costs(),
        _savings_result("optimistic").savings_total / _pilot_costs(),
    ),
    "pohj_cost_band_6_10": lambda: (_line("conservative", "6-10 contacten", "pohj_cost_per_trajectory"), None),
    "pohj_cost_katwijk": lambda: (_line("conservative", "Gemiddelde Katwijk (7.9)", "pohj_cost_per_trajectory"), None),
    "contact_length": lambda: (data.value("contact_minutes"), None),
    "hourly_rate_low": lambda: (
        _noordwijk_rate("hours_per_week", "jgt_hours_per_week"),
        _noordwijk_rate("hours_per_week_2021", "jgt_hours_per_week_2021"),
    ),
    "oegstgeest_remaining_hours": lambda: (
        break_even_point(**break_even_inputs("oegstgeest")).remaining_hours_per_week or 0.0, None),
    "break_even_rounding": lambda: (break_even_point(**break_even_inputs("oegstgeest")).hours_per_week, None),
    "hillegom_fte_of_hours": lambda: (
        hours_to_fte(data.bounds("hillegom_planned_hours")[0]),
        hours_to_fte(data.bounds("hillegom_planned_hours")[1]),
    ),
    "hillegom_norm_hours": lambda: (
        staffing(data.value("youths")).low.hours_per_week,
        staffing(data.value("youths")).high.hours_per_week,
    ),
    "katwijk_fte_hours": lambda: (
        (data.number(_pilot("Katwijk"), "hours_per_week") or 0.0) / data.value("katwijk_fte"), None),
    "pohj_youths_2020": lambda: (observed_2020()["to_pohj"], None),
    "letter_referral_increase": lambda: (observed_2020()["gp_referrals"], None),
    "letter_direct_share": lambda: (observed_2020()["direct_referrals"] / observed_2020()["help_questions"], None),
    "letter_half_not_referred": lambda: (
        observed_2020()["helped_without_referral"] / observed_2020()["to_pohj"],
        _outcome("rebel_holland_rijnland", "self")),
    "accare_bridging": lambda: (_accare_intervention_share("Overbruggingshulp"), _outcome("accare", "other")),
    "aftercare_total": lambda: (sum(data.number(r, "count") or 0.0 for r in data.rows("aftercare_rebel")), None),
}


@dataclass(frozen=True)
class Discrepancy:
    id: str
    topic: str
    title: str
    printed: float
    ours: float
    ours_high: float | None
    unit: str
    source: str
    ref: str
    template: str

    @property
    def max_decimals(self) -> int:
        return {"fte": 2}.get(self.unit, 1)

    def fmt(self, x: float) -> str:
        return formatting.auto(x, self.unit, self.max_decimals)

    def explanation(self) -> str:
        """The Dutch explanation with every placeholder filled in (numbers without units)."""
        values = {key: formatting.auto(f.value, f.unit, max(f.decimals, 0))
                  for key, f in data.facts().items() if f.value is not None}
        values.update(printed=self.fmt(self.printed), ours=self.fmt(self.ours),
                      ours_high=self.fmt(self.ours_high) if self.ours_high is not None else "")
        return self.template.format(**values)


def compute(id_: str) -> tuple[float, float | None]:
    return _OURS[id_]()


def all_discrepancies() -> list[Discrepancy]:
    out = []
    for row in data.rows("discrepancies"):
        ours, ours_high = compute(row["id"])
        out.append(Discrepancy(
            id=row["id"], topic=row["topic"], title=row["title"], printed=data.number(row, "printed") or 0.0,
            ours=ours, ours_high=ours_high, unit=row["unit"], source=row["source"], ref=row["ref"],
            template=row["explanation"],
        ))
    return out


def get(id_: str) -> Discrepancy:
    return next(d for d in all_discrepancies() if d.id == id_)
