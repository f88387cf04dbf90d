"""What the annex says: built from the models, with every input's source (no layout here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .. import data, formatting, glossary, locators
from ..assumptions import Assumption
from ..break_even import break_even
from ..ranges import Range
from ..registry import (
    ANNUAL_COST_INPUT,
    BASIS_LABEL,
    BREAK_EVEN,
    CONTRACTED_HOURS_INPUT,
    HOURS_PER_WEEK_INPUT,
    STAFFING,
    WORKLOAD,
    YOUTHS_INPUT,
    break_even_basis,
    observed_self_helped,
)
from ..sensitivity import Sensitivity, break_even_sensitivity, workload_sensitivity
from ..sensitivity.model import staffing_sensitivity
from ..staffing import staffing
from ..workload import workload, workload_inputs

# Risks in the glossary's own terms and words (calculators/glossary.py reads them from the book).
RISK_TERMS = (("Aanzuigende werking", "aanzuigende werking"), ("Stapeling", "stapeling"),
              ("Waterbedeffect", "waterbedeffect"))
NO_COMPARISON = ("Geen vergelijkingsgroep", "Geen evaluatie vergeleek praktijken met en zonder POH-Jeugd in een "
                 "opzet die een effect kan aantonen. Accare zag op beschikkingen van gemeenten dat praktijken met "
                 "een POH-Jeugd relatief minder jeugdigen naar de basis-GGZ verwezen, maar kon dat verschil niet "
                 "duiden (Accare 2019, box 4). Een aandeel jeugdigen dat niet werd verwezen is daarom geen gemeten "
                 "effect.")


def caveats() -> tuple[tuple[str, str], ...]:
    return (*((title, glossary.definition(term)) for title, term in RISK_TERMS), NO_COMPARISON)


def handbook_version() -> str:
    """The handbook's edition (calculators/edition.py, the one place it is set)."""
    from ..edition import EDITION

    return EDITION


@dataclass(frozen=True)
class Section:
    """A headed part of an annex: a sentence or two and, where there are figures, a table."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Annex:
    model: str
    title: str
    question: str
    inputs: tuple[tuple[str, str, str], ...]  # label, value, source
    results: tuple[tuple[str, str], ...]  # label, value (a range where it is one)
    sensitivity: Sensitivity | None
    caveats: tuple[tuple[str, str], ...] = field(default_factory=caveats)
    date: str = field(default_factory=lambda: dt.date.today().strftime("%d-%m-%Y"))
    version: str = field(default_factory=handbook_version)
    answer: str = ""                       # the answer first, in a few sentences (the council annex)
    sections: tuple[Section, ...] = ()     # headed parts after the answer (the council annex)


def source_text(source: str, ref: str) -> str:
    """'aanname', 'eigen invoer' or 'Rebel; … (2021), dia ‘…’': the place a reader finds in the original."""
    if source == "aanname":
        return "aanname (geen bron)"
    if source == "eigen invoer":
        return "eigen invoer"
    name = data.sources()[source]["short_nl"]
    where = locators.reader_place(source, ref) if ref else ""
    return f"{name}, {where}" if where else name


def _value(x: float | Range, unit: str) -> str:
    if isinstance(x, Range):
        return formatting.span(x.low, x.high, unit, 2 if unit in {"fte", "share"} else 0)
    return formatting.auto(x, unit)


def _assumption_row(a: Assumption, given: float | Range | None) -> tuple[str, str, str]:
    if given is not None:
        return a.label, _value(given, a.unit), "eigen invoer"
    return a.label, _value(a.value, a.unit), source_text(a.source, a.ref)


def staffing_annex(youths: float) -> Annex:
    s = staffing(youths)
    norm, cost = Assumption.of_fact("fte_per_10k", "fte_per_10k"), Assumption.of_fact("cost_per_fte", "cost_per_fte")
    inputs = (
        (YOUTHS_INPUT.dutch_label(), formatting.number(youths), "eigen invoer"),
        (norm.label, formatting.span(norm.low, norm.high, "fte_per_10k", 1), source_text(norm.source, norm.ref)),
        (data.label("hours_per_fte"), formatting.auto(data.value("hours_per_fte"), "hours_per_week"),
         source_text(data.fact("hours_per_fte").source, data.fact("hours_per_fte").ref)),
        (cost.label, formatting.span(cost.low, cost.high, "eur"), source_text(cost.source, cost.ref)),
    )
    results = tuple(STAFFING.rows(s))
    return Annex("staffing", "Formatie POH-Jeugd volgens de norm",
                 f"Hoeveel formatie POH-Jeugd hoort volgens de AEF-norm bij {formatting.number(youths)} jeugdigen, "
                 "en wat kost die?", inputs, results, staffing_sensitivity(youths))


def workload_annex(youths: float, hours_per_fte: float | None = None, current_hours: float | None = None,
                   **given: float | Range | None) -> Annex:
    r = workload(youths, hours_per_fte=hours_per_fte, current_hours=current_hours, **given)
    defaults = workload_inputs()
    inputs = ((YOUTHS_INPUT.dutch_label(), formatting.number(youths), "eigen invoer"),
              *(_assumption_row(a, given.get(n)) for n, a in defaults.items()))
    # the norm and the workload side by side, as the formatie app shows them, with the cost of the norm
    norm = staffing(youths, hours_per_fte=hours_per_fte)
    results = [*STAFFING.rows(norm, ("fte",)), *WORKLOAD.rows(r, ("fte_needed",)),
               *STAFFING.rows(norm, ("hours_per_week",)), *WORKLOAD.rows(r, ("hours_per_week_needed",)),
               *STAFFING.rows(norm, ("annual_cost",)),
               *WORKLOAD.rows(r, ("trajectories_per_year", "client_hours_per_year", "wisn_ratio",
                                  "wisn_difference_fte"))]
    points = {k: v for k, v in given.items() if v is not None and not isinstance(v, Range)}
    sens = workload_sensitivity(youths, hours_per_fte=hours_per_fte, **points)
    return Annex("workload", "Formatie POH-Jeugd: de norm en de werklast (WISN)",
                 f"Hoeveel formatie hoort bij {formatting.number(youths)} jeugdigen volgens de AEF-norm, en hoeveel "
                 "vraagt het verwachte werk volgens de werklastmethode van de WHO (WISN)? De norm is een "
                 "beleidsafspraak per 10.000 jeugdigen; de werklast telt de verwachte trajecten en hun uren, en "
                 "komt daardoor lager uit zolang maar een deel van de hulpvragen bij de POH-Jeugd komt.",
                 inputs, tuple(results), sens)


def break_even_annex(annual_cost: float | None = None, hours_per_week: float | None = None,
                     contracted_hours: float | None = None, youths: float | None = None,
                     **given: float | None) -> Annex:
    b = break_even(annual_cost=annual_cost, hours_per_week=hours_per_week, contracted_hours=contracted_hours,
                   **{k: v for k, v in given.items() if v is not None})
    inputs: list[tuple[str, str, str]] = []
    if annual_cost is not None:
        inputs.append((ANNUAL_COST_INPUT.dutch_label(), formatting.euro(annual_cost), "eigen invoer"))
    if hours_per_week is not None:
        inputs.append((HOURS_PER_WEEK_INPUT.dutch_label(), formatting.auto(hours_per_week, "hours_per_week"),
                       "eigen invoer"))
    if contracted_hours is not None:
        inputs.append((CONTRACTED_HOURS_INPUT.dutch_label(), formatting.auto(contracted_hours, "hours_per_week"),
                       "eigen invoer"))
    route = "hours" if hours_per_week is not None and annual_cost is None else "annual_cost"
    from ..sensitivity import break_even_assumptions

    for a in break_even_assumptions(route):
        inputs.append(_assumption_row(a, given.get(a.name)))
    results = BREAK_EVEN.rows(b, ("annual_cost", "trajectories_needed", "hours_per_week", "share_of_contracted_time"))
    results.insert(1, (BASIS_LABEL, break_even_basis(
        annual_cost is not None, hourly_rate=given.get("hourly_rate") or data.value("hourly_rate"),
        paid_weeks=given.get("paid_weeks") or data.value("paid_weeks"))))
    overrides: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    sens = break_even_sensitivity(annual_cost=annual_cost if route == "annual_cost" else None,
                                  hours_per_week=hours_per_week if route == "hours" else None,
                                  contracted_hours=contracted_hours, youths=youths, **overrides)
    if "avoided_per_1000_youths" in sens.extra:
        a = sens.extra["avoided_per_1000_youths"]
        results.append(("Vermeden trajecten per 1000 jeugdigen per jaar",
                        f"{formatting.auto(a['base'], 'count', 1)} (bereik "
                        f"{formatting.span(a['low'], a['high'], 'count', 1)})"))
    observed = observed_self_helped()
    results.append(("Ter vergelijking: zonder verwijzing geholpen in de evaluaties (geen effect)",
                    formatting.span(min(observed), max(observed), "share")))
    return Annex("break-even", "Terugverdienen van een POH-Jeugd: het benodigde effect",
                 "Hoeveel verwijzingen moet een POH-Jeugd per jaar voorkomen om haar eigen kosten terug te "
                 "verdienen, en hoe verhoudt dat zich tot wat evaluaties zagen?", tuple(inputs), tuple(results), sens)
