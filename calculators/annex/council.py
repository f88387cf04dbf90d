"""The council annex ('raad'): one A4 attachment, at most two pages, that answers a council's questions.

For the reader's number of youths (and, if given, the weekly hours): the formation by the norm and by
the workload side by side, the whole annual cost with its basis, the referrals to avoid to break even,
the three savings scenarios including 'geen meetbaar effect', what the evidence says, the risks in the
glossary's terms, the tornado chart and every input with its source. Every figure comes from the same
model calls as the CLI (``staffing``, ``workload``, ``costs``, ``break-even --full-cost-fte``,
``savings``), formatted by the registry; ``tests/test_annex_council.py`` compares them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data, formatting
from ..break_even import break_even
from ..costs import costs
from ..errors import InputError
from ..ranges import Range
from ..registry import (
    BREAK_EVEN,
    COSTS,
    HOURS_PER_WEEK_INPUT,
    SAVINGS,
    STAFFING,
    WORKLOAD,
    observed_self_helped,
)
from ..savings import SCENARIO_NAMES, estimated_counts, savings
from ..sensitivity import break_even_sensitivity
from ..staffing import staffing
from ..workload import workload, workload_inputs
from .content import Annex, Section, source_text

SCENARIOS = tuple(SCENARIO_NAMES)  # conservatief, optimistisch, geen meetbaar effect


@dataclass(frozen=True)
class Formation:
    """The formation the cost and break-even are computed for: the reader's hours, or the norm's range."""

    fte_low: float
    fte_high: float
    hours_low: float
    hours_high: float
    own: bool  # the reader gave the hours


def formation(youths: float, hours_per_week: float | None) -> Formation:
    hpf = data.value("hours_per_fte")
    if hours_per_week is not None:
        return Formation(hours_per_week / hpf, hours_per_week / hpf, hours_per_week, hours_per_week, True)
    s = staffing(youths)
    return Formation(s.low.fte, s.high.fte, s.low.hours_per_week, s.high.hours_per_week, False)


def _check(youths: float, hours_per_week: float | None) -> None:
    if not youths > 0:
        raise InputError("Het aantal jeugdigen moet groter dan nul zijn.", field="youths")
    if hours_per_week is not None and not hours_per_week > 0:
        raise InputError("Het aantal uren per week moet groter dan nul zijn.", field="hours_per_week")


def _fact_row(key: str, unit: str | None = None, decimals: int = 0) -> tuple[str, str, str]:
    f = data.fact(key)
    u = unit or f.unit
    if f.low is not None and f.high is not None and key in ("fte_per_10k", "cost_per_fte"):
        value = formatting.span(f.low, f.high, u, decimals)
    else:
        value = formatting.auto(data.value(key), u)
    return f.label, value, source_text(f.source, f.ref)


def council_annex(youths: float, hours_per_week: float | None = None, **workload_given: float) -> Annex:
    """``workload_given``: WISN inputs the reader changed (the formatie app's advanced fields)."""
    _check(youths, hours_per_week)
    norm = staffing(youths)
    wl = workload(youths, **workload_given)
    form = formation(youths, hours_per_week)
    whole_low, whole_high = costs(form.fte_low), costs(form.fte_high)
    whole = Range(whole_low.total_low, whole_high.total_high)
    be = break_even(annual_cost=whole, contracted_hours=Range(form.hours_low, form.hours_high))
    saved = {name: (savings(estimated_counts(form.hours_low), scenario=name).mid.savings_total,
                    savings(estimated_counts(form.hours_high), scenario=name).mid.savings_total)
             for name in SCENARIOS}
    low_share, high_share = observed_self_helped()
    n = formatting.number(youths)
    hours_text = (formatting.with_unit(form.hours_low, "hours_per_week", 1) if form.own
                  else formatting.span(form.hours_low, form.hours_high, "hours_per_week", 1) + " (de norm)")

    answer = (
        f"Voor {n} jeugdigen geeft de AEF-norm {STAFFING['fte'].of(norm)} "
        f"({STAFFING['hours_per_week'].of(norm)}); de werklastmethode (WISN) komt op "
        f"{WORKLOAD['fte_needed'].of(wl)}. Bij {hours_text} zijn de integrale jaarkosten "
        f"{COSTS['total'].text(whole.low, whole.high)}. Om die terug te verdienen moet de POH-Jeugd "
        f"{BREAK_EVEN['trajectories_needed'].of(be)} verwijzingen per jaar voorkomen. Dat dit lukt, is niet "
        "aangetoond; volgens berichten over een CPB-onderzoek (2020) veranderde het jeugdzorggebruik niet "
        "significant in gemeenten die praktijkondersteuners financieren.")
    why = ("Waarom twee uitkomsten? De norm is een afspraak per 10.000 jeugdigen (AEF); de werklast telt het "
           "verwachte aantal trajecten en hun uren. Die komt lager uit zolang maar een deel van de hulpvragen bij "
           "de POH-Jeugd terechtkomt, en rust op een aanname over het aantal hulpvragen (zie Invoer).")
    sections = (
        Section("1. Formatie: de norm en de werklast", (
            *STAFFING.rows(norm, ("fte", "hours_per_week")),
            *WORKLOAD.rows(wl, ("fte_needed", "hours_per_week_needed")),
        ), why),
        Section("2. Jaarkosten", (
            (COSTS["salary"].label, COSTS["salary"].text(whole_low.salary_low, whole_high.salary_high)),
            (COSTS["total"].label, COSTS["total"].text(whole.low, whole.high)),
        ), f"Berekend voor {hours_text}. Kostenposten als werkplek, supervisie, opleiding, toegang tot het HIS en "
           "regie hebben geen bron met een bedrag; ze staan hier op € 0 en horen er in een begroting bij."),
        Section("3. Terugverdienen", tuple(BREAK_EVEN.rows(be, ("trajectories_needed", "hours_per_week",
                                                                  "share_of_contracted_time"))),
                f"Een vermeden verwijzing is gewaardeerd op {formatting.euro(data.value('bggz_price'))} "
                "(een traject in de basis-GGZ). Het aandeel van de uren is geen aandeel van de trajecten."),
        Section("4. Besparing in drie scenario's", tuple(
            (f"{SAVINGS['savings_total'].label}: {SCENARIO_NAMES[name]}", SAVINGS["savings_total"].text(*saved[name]))
            for name in SCENARIOS),
            "Trajecten die de POH-Jeugd zelf afrondt, geschat naar rato van de uren zoals in Holland Rijnland "
            "(2020). Alleen 'geen meetbaar effect' past bij wat het CPB vond; de andere twee zijn aannames."),
        Section("5. Wat het onderzoek zegt", (), (
            f"In de evaluaties van Holland Rijnland, Accare en Rotterdam werd "
            f"{formatting.span(low_share, high_share, 'share')} van de jeugdigen bij de POH-Jeugd niet "
            "doorverwezen. Dat is een waarneming, geen gemeten effect (zie 'Geen vergelijkingsgroep' hieronder). "
            "Het CPB vergeleek gemeenten die "
            "praktijkondersteuners financieren met gemeenten die dat niet doen en vond geen significante "
            "verandering in het jeugdzorggebruik (bekend uit nieuwsberichten over het rapport van december 2020; "
            "het rapport zelf is niet ingezien).")),
    )
    f = data.fact("youths")
    inputs: list[tuple[str, str, str]] = [(f.label, n, "eigen invoer")]
    if hours_per_week is not None:
        inputs.append((HOURS_PER_WEEK_INPUT.dutch_label(), formatting.auto(hours_per_week, "hours_per_week"),
                       "eigen invoer"))
    inputs += [_fact_row("fte_per_10k", decimals=1), _fact_row("hours_per_fte", "hours_per_week"),
               _fact_row("cost_per_fte"), _fact_row("bggz_price", "eur")]
    for name, a in workload_inputs().items():
        if name in workload_given:
            inputs.append((a.label, formatting.auto(workload_given[name], a.unit), "eigen invoer"))
        elif name in ("help_questions_per_1000", "share_via_pohj", "contacts_per_trajectory"):
            inputs.append((a.label, formatting.auto(a.value, a.unit), source_text(a.source, a.ref)))
    sens = break_even_sensitivity(full_cost_fte=(form.fte_low + form.fte_high) / 2,
                                  contracted_hours=(form.hours_low + form.hours_high) / 2, youths=youths)
    return Annex("raad", f"POH-Jeugd voor {n} jeugdigen: formatie, kosten en effect",
                 f"Hoeveel uur POH-Jeugd hoort bij {n} jeugdigen, wat kost dat, hoeveel verwijzingen moet de "
                 "POH-Jeugd voorkomen om dat terug te verdienen, werkt het, en wat zijn de risico's?",
                 tuple(inputs), (), sens, answer=answer, sections=sections)
