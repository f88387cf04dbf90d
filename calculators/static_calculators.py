"""Calculators that recompute in the reader's browser, without a kernel.

Each is an Altair chart whose inputs are Vega-Lite parameters bound to sliders and
number fields; the formulas are Vega expressions evaluated by the self-hosted Vega
bundle. They mirror the Python models; tests/test_static_calculators.py renders
them with vl-convert over a grid of inputs and checks every number against the
Python model, so the two cannot drift apart unnoticed.

In Jupyter, :func:`live` shows the ipywidgets app instead (same cell, richer output).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from . import data
from .charts import embed_html
from . import bands
from .referral import observed_inputs_2020
from .savings import SCENARIO_NAMES, builtin_scenario, pilot_hours_2020
from .registry import observed_self_helped
from .staffing import PER_YOUTHS

FONT = 15
ROW_HEIGHT = 26


@dataclass(frozen=True)
class Line:
    """One output line: a label and a Vega expression that yields the formatted value."""

    label: str
    expr: str


def _num(expr: str, spec: str) -> str:
    return f"format({expr}, '{spec}')"


def _range(low: str, high: str, spec: str, suffix: str = "") -> str:
    sep = " – " if spec.startswith("$") else "–"
    return f"{_num(low, spec)} + '{sep}' + {_num(high, spec)} + '{suffix}'"


def _text_block(lines: list[Line], params: list[alt.Parameter], title: str, description: str,
                calc: dict[str, str]) -> alt.Chart:
    """A column of 'label: value' lines computed from the parameters."""
    frame = pd.DataFrame({"regel": [line.label for line in lines], "volgorde": range(len(lines))})
    chart = alt.Chart(frame)
    for name, expr in calc.items():  # intermediate values, each defined once
        chart = chart.transform_calculate(**{name: expr})
    choose = " : ".join(f"datum.regel == '{line.label}' ? {line.expr}" for line in lines) + " : ''"
    return (chart.transform_calculate(waarde=choose)
            .transform_calculate(tekst="datum.regel + ': ' + datum.waarde")
            .mark_text(align="left", baseline="middle", fontSize=FONT, dx=4)
            .encode(y=alt.Y("volgorde:O", axis=None), text="tekst:N")
            .add_params(*params)
            .properties(width=560, height=ROW_HEIGHT * len(lines), title=title, description=description))


def _slider(name: str, key: str, label: str, step: float, lo: float | None = None, hi: float | None = None,
            value: float | None = None) -> alt.Parameter:
    low, high = data.bounds(key) if lo is None or hi is None else (lo, hi)
    return alt.param(name=name, value=data.value(key) if value is None else value,
                     bind=alt.binding_range(min=low if lo is None else lo, max=high if hi is None else hi,
                                            step=step, name=label + " "))


# --------------------------------------------------------------------------- staffing


def staffing_chart(youths: float | None = None) -> alt.Chart:
    low, high = data.bounds("fte_per_10k")
    cost_low, cost_high = data.bounds("cost_per_fte")
    params = [
        alt.param(name="jeugdigen", value=data.value("youths") if youths is None else youths,
                  bind=alt.binding(input="number", name="Aantal jeugdigen (0–17 jaar) ")),
        _slider("norm_laag", "fte_per_10k", "Norm: fte per 10.000 jeugdigen, ondergrens", 0.05, 0.5, 2.0, low),
        _slider("norm_hoog", "fte_per_10k", "Norm: fte per 10.000 jeugdigen, bovengrens", 0.05, 0.5, 2.0, high),
        _slider("uren_fte", "hours_per_fte", "Uren per fte", 1),
        _slider("kosten_laag", "cost_per_fte", "Kosten per fte, ondergrens (€)", 1000, 60_000, 160_000, cost_low),
        _slider("kosten_hoog", "cost_per_fte", "Kosten per fte, bovengrens (€)", 1000, 60_000, 160_000, cost_high),
    ]
    calc = {
        "fte_laag": f"jeugdigen / {PER_YOUTHS} * norm_laag",
        "fte_hoog": f"jeugdigen / {PER_YOUTHS} * norm_hoog",
    }
    lines = [
        Line("Formatie", _range("datum.fte_laag", "datum.fte_hoog", ",.2f", " fte")),
        Line("Uren per week", _range("datum.fte_laag * uren_fte", "datum.fte_hoog * uren_fte", ",.1f", " uur")),
        Line("Kosten per jaar", _range("datum.fte_laag * kosten_laag", "datum.fte_hoog * kosten_hoog", "$,.0f")),
    ]
    return _text_block(lines, params, "Rekentool formatie (rekent in uw browser)",
                       "Rekentool: formatie, uren en kosten van een POH-Jeugd volgens de norm per 10.000 jeugdigen.",
                       calc)


# --------------------------------------------------------------------------- break-even


def break_even_chart() -> alt.Chart:
    b_price, s_price = data.value("bggz_price"), data.value("sggz_price")
    aef = data.value("aef_trajectory_price")
    params = [
        _slider("uren", "hours_per_week", "Uren POH-J per week", 1, 1, 60),
        _slider("uurtarief", "hourly_rate", "Uurkosten POH-J (€, zonder indirecte tijd)", 1),
        alt.param(name="prijs", value=b_price,
                  bind=alt.binding_select(options=[b_price, aef, s_price],
                                          labels=["B-GGZ-traject", "AEF-trajectprijs", "S-GGZ-traject"],
                                          name="Vermeden traject ")),
    ]
    params.append(alt.param(name="scenario", value="conservative",
                            bind=alt.binding_select(options=list(SCENARIO_NAMES), labels=list(SCENARIO_NAMES.values()),
                                                    name="Besparingsscenario ")))
    direct = data.value("direct_hours_per_trajectory")
    uplift = data.value("indirect_uplift")
    calc = {
        "kosten": f"uren * uurtarief * {data.value('paid_weeks')}",
        "trajecten": "datum.kosten / prijs",
        "uren_nodig": f"datum.trajecten * {direct} * (1 + {uplift}) / {data.value('working_weeks')}",
        "besparing": f"uren / {pilot_hours_2020()} * ({_scenario_savings_expr()})",
    }
    observed = observed_self_helped()
    lines = [
        Line("Jaarkosten", _num("datum.kosten", "$,.0f")),
        Line("Te voorkomen trajecten per jaar", _num("datum.trajecten", ",.1f")),
        Line("Uren per week voor die trajecten", _num("datum.uren_nodig", ",.1f") + " + ' uur'"),
        Line("Aandeel van de uren", _num("datum.uren_nodig / uren", ".1%")),
        Line("Uren over voor andere taken", _num("uren - datum.uren_nodig", ",.1f") + " + ' uur'"),
        Line("Besparing in het gekozen scenario", _num("datum.besparing", "$,.0f")),
        Line("Besparing als deel van de jaarkosten", _num("datum.kosten > 0 ? datum.besparing / datum.kosten : 0", ".0%")),
        # the share of hours is the share of trajectories only if every trajectory takes the model's direct hours
        Line(f"Benodigd effect als aandeel trajecten (elk traject {direct:g} uur direct contact)",
             _num("datum.uren_nodig / uren", ".1%")),
        Line("Zonder verwijzing geholpen in evaluaties (geen effect)",
             _range(repr(min(observed)), repr(max(observed)), ".0%")),
    ]
    return _text_block(lines, params, "Rekentool terugverdienen (rekent in uw browser)",
                       "Rekentool: hoeveel trajecten een POH-Jeugd per jaar moet voorkomen om de eigen kosten terug "
                       "te verdienen, hoeveel uur dat vraagt, en wat de zelf afgeronde trajecten besparen in het "
                       "conservatieve scenario, het optimistische of zonder meetbaar effect (CPB, 2020). Het aantal "
                       "trajecten per contactband is geschat naar rato van de uren, zoals in Holland Rijnland in 2020.",
                       calc)


def _scenario_savings_expr() -> str:
    """Savings of the Holland Rijnland 2020 trajectories per band under the chosen scenario, as one Vega
    expression (the Python model: savings(estimated_counts(hours), scenario), per band count x share x price)."""
    counts = bands.published_counts()
    b_price, s_price = data.value("bggz_price"), data.value("sggz_price")
    parts = {}
    for name in SCENARIO_NAMES:
        scen = builtin_scenario(name)
        terms = [f"{counts[b]} * ({scen.bggz_share.get(b, 0.0)} * {b_price} + {scen.sggz_share.get(b, 0.0)} * {s_price})"
                 for b in bands.BANDS]
        parts[name] = " + ".join(terms)
    *first, last = list(SCENARIO_NAMES)
    return " : ".join(f"scenario == '{n}' ? ({parts[n]})" for n in first) + f" : ({parts[last]})"


# --------------------------------------------------------------------------- workload (WISN)


def workload_chart(youths: float | None = None) -> alt.Chart:
    """WISN staffing beside the norm (formulas of calculators/workload/model.py)."""
    from .workload import workload_inputs
    from .workload.model import PER_YOUTHS as PER_1000

    wi = workload_inputs()
    r, c, h = wi["help_questions_per_1000"], wi["contacts_per_trajectory"], wi["additional_hours_per_year"]
    params = [
        alt.param(name="jeugdigen", value=data.value("youths") if youths is None else youths,
                  bind=alt.binding(input="number", name="Aantal jeugdigen (0–17 jaar) ")),
        _slider("hulpvragen", "help_questions_per_1000", "Hulpvragen via de huisarts per 1000 jeugdigen (aanname)",
                1, 0, 2 * r.high, r.value),
        _slider("bereik", "reach", "Deel van de hulpvragen dat bij de POH-J komt", 0.01, 0, 1),
        alt.param(name="contacten", value=round(c.value, 1),
                  bind=alt.binding_range(min=1, max=12, step=0.1, name="Contacten per traject ")),
        _slider("minuten", "contact_minutes", "Duur van een contact (minuten)", 5, 15, 90),
        _slider("opslag", "indirect_uplift", "Opslag indirecte tijd", 0.01, 0, 1),
        alt.param(name="extra", value=h.value,
                  bind=alt.binding_range(min=0, max=400, step=0.5, name="Extra taken, uren per jaar ")),
    ]
    awt = data.value("hours_per_fte") * data.value("working_weeks")
    calc = {
        "trajecten": f"jeugdigen / {PER_1000} * hulpvragen * bereik",
        "uren_client": "datum.trajecten * contacten * minuten / 60",
        "fte": f"datum.uren_client / {awt} * (1 + opslag) + extra / {awt}",
    }
    low, high = data.bounds("fte_per_10k")
    lines = [
        Line("Trajecten per jaar", _num("datum.trajecten", ",.0f")),
        Line("Uren cliëntcontact per jaar", _num("datum.uren_client", ",.0f")),
        Line("Formatie volgens de werklast", _num("datum.fte", ",.2f") + " + ' fte'"),
        Line("Uren per week", _num(f"datum.fte * {data.value('hours_per_fte')}", ",.1f") + " + ' uur'"),
        Line("De norm ter vergelijking", _range(f"jeugdigen / {PER_YOUTHS} * {low}",
                                                 f"jeugdigen / {PER_YOUTHS} * {high}", ",.2f", " fte")),
    ]
    return _text_block(lines, params, "Rekentool werklast (WISN; rekent in uw browser)",
                       "Rekentool: formatie volgens de werklastmethode van de WHO (WISN), naast de norm per 10.000 "
                       "jeugdigen.", calc)


# --------------------------------------------------------------------------- referral


def referral_chart() -> alt.Chart:
    observed = observed_inputs_2020()
    params = [
        alt.param(name="hulpvragen", value=round(observed["help_questions"]),
                  bind=alt.binding(input="number", name="Hulpvragen via de huisarts per jaar ")),
        _slider("bereik", "reach", "Bereik: deel naar de POH-J", 0.01, 0, 1),
        _slider("verwijs", "pohj_referral_rate", "Verwijspercentage POH-J naar jeugd-GGZ of overbrugging", 0.01, 0, 1),
        _slider("aanzuig", "induced_demand", "Aanzuigende werking", 0.01, 0, 0.5),
    ]
    calc = {
        "naar_pohj": "hulpvragen * bereik",
        "direct": "hulpvragen - datum.naar_pohj",
        "via_pohj": "datum.naar_pohj * verwijs",
        "totaal": "datum.direct + datum.via_pohj",
        # as referral_point: those the POH-J refers on would have been referred anyway, and the
        # counterfactual share of those it did not refer; induced cases would not have come at all
        "vermeden": f"datum.direct + (datum.naar_pohj - datum.naar_pohj * aanzuig) * (verwijs + "
                    f"{data.value('counterfactual_referral_rate')} * (1 - verwijs)) - datum.totaal",
    }
    lines = [
        Line("Naar de POH-Jeugd", _num("datum.naar_pohj", ",.0f")),
        Line("Direct verwezen door de huisarts", _num("datum.direct", ",.0f")),
        Line("Verwezen via de POH-Jeugd", _num("datum.via_pohj", ",.0f")),
        Line("Zonder verwijzing geholpen", _num("datum.naar_pohj - datum.via_pohj", ",.0f")),
        Line("Verwijsaandeel", _num("hulpvragen > 0 ? datum.totaal / hulpvragen : 0", ".1%")),
        Line("Vermeden verwijzingen", _num("datum.vermeden", ",.0f")),
        Line("Waarde vermeden verwijzingen", _num(f"datum.vermeden * {data.value('bggz_price')}", "$,.0f")),
    ]
    return _text_block(lines, params, "Rekentool verwijsaandeel (rekent in uw browser)",
                       "Rekentool: verwijsstromen via de huisarts en de POH-Jeugd, het verwijsaandeel en de vermeden "
                       "verwijzingen.", calc)


CHARTS = {"formatie": staffing_chart, "terugverdienen": break_even_chart, "verwijsaandeel": referral_chart,
          "werklast": workload_chart}
APP_FOR = {"werklast": "formatie"}  # the ipywidgets app that holds a calculator in Jupyter

INSTRUCTION = ("Verschuif de schuifjes of typ een getal; de uitkomst verandert direct. De berekening gebeurt in uw "
               "browser: er wordt niets verstuurd of opgeslagen. Dezelfde rekenregels staan in hoofdstuk "
               "'Verantwoording van de rekenmodellen'.")


class Calculator:
    """The static calculator on the book page; the ipywidgets app when opened in Jupyter."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.chart = CHARTS[name]()

    def _repr_html_(self) -> str:
        return f'<div class="statische-rekentool">{embed_html(self.chart)}<p>{html.escape(INSTRUCTION)}</p></div>'

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/html": self._repr_html_(), "text/plain": f"Rekentool {self.name}"}
        try:  # the live app for Jupyter; the book drops this MIME type (nb_mime_priority_overrides)
            from .ui import APPS

            widget_bundle = APPS[APP_FOR.get(self.name, self.name)]().widget._repr_mimebundle_()
            bundle.update({k: v for k, v in widget_bundle.items() if "widget-view" in k})
        except Exception:  # pragma: no cover - no widget front-end available: the static version suffices
            pass
        return bundle


def live(name: str) -> Calculator:
    """Show calculator ``name`` ('formatie', 'terugverdienen', 'verwijsaandeel', 'werklast') in a chapter."""
    return Calculator(name)
