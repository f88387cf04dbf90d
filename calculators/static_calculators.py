"""Calculators that recompute in the reader's browser, without a kernel: plain HTML forms.

Each page calculator of ``calculators/registry.py`` (``PAGE_CALCULATORS``) becomes a form whose
fields, labels, units, bounds and result lines are generated here from the registry, with the
answers for the default inputs already filled in by the Python models (so the page reads right
without JavaScript and in print). A small ES module per calculator (``<name>.js`` in the calculator's
folder, e.g. ``calculators/staffing/formatie.js``; all served flat as ``_static/rekentools/<name>.js``)
mirrors the model's formula; ``rekentool.js`` (in ``calculators/rekentools/`` with the other shared files)
parses Dutch numbers, checks the bounds, formats the answers and reads inputs from the page's query string.
No inline code: the form carries its definition as a ``<script type="application/json">`` block.

:func:`compute` is the Python side of every formula the modules mirror;
``tests/test_static_calculators.py`` runs the modules in chromium over at least 200 random input
sets per calculator (:func:`vectors`) and requires the same text as the Python models give.

In Jupyter, :func:`live` also offers the ipywidgets app (same cell, richer output).
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import bands, data, formatting, registry
from .costs import cost_items, costs
from .house_style import load as load_house_style
from .parsing import parse_number
from .ranges import Range
from .referral import referral_point
from .savings import (
    SCENARIO_NAMES,
    builtin_scenario,
    cost_coverage,
    estimated_counts,
    pilot_hours_2020,
    savings,
)
from .staffing import PER_YOUTHS, staffing
from .workload import workload
from .workload.model import PER_YOUTHS as PER_1000
from .workload.model import default_available_hours_per_fte, default_support_share

#: Where the shared modules and the style sheet live (rekentool.js, oogopslag.js, rekentool.css); each page
#: calculator's own formula is in its calculator's folder. book/_ext/rekentools.py copies them all to the site's
#: _static/rekentools/ (see module_files).
MODULE_DIR = Path(__file__).resolve().parent / "rekentools"
#: The modules as a chapter page (one folder below the site root) reaches them.
STATIC_URL = "../_static/rekentools/"


def module_files() -> dict[str, Path]:
    """Every file the site serves in _static/rekentools/, by its name there: the shared ones of MODULE_DIR and
    each page calculator's formula from its calculator's folder (``<name>.js``). The modules import each other
    by these names (``./formatie.js``), so two files with one name are refused."""
    files = {p.name: p for p in sorted(MODULE_DIR.iterdir()) if p.suffix in (".js", ".css")}
    for page in registry.PAGE_CALCULATORS:
        name = f"{page.name}.js"
        if name in files:
            raise ValueError(f"two modules named {name}: {files[name]} and {registry.page_module(page.name)}")
        files[name] = registry.page_module(page.name)
    return files


INSTRUCTION = ("Typ uw eigen getallen (bijvoorbeeld 12.000 of 0,3 of 30%); de uitkomst verandert direct. De "
               "berekening gebeurt in uw browser: er wordt niets verstuurd of opgeslagen. De rekenregels staan in "
               "hoofdstuk 'Verantwoording van de rekenmodellen'.")
PRINT_NOTE = ("Op papier staat hier de uitkomst bij de standaardwaarden. Met eigen getallen rekenen kan in de "
              "webversie van dit handboek:")


# --------------------------------------------------------------------------- inputs as a form shows them


def field_text(inp: registry.Input, x: float) -> str:
    """A number as the form shows it in a field: '5.000', '1,2', '30%' (no trailing zeros)."""
    if inp.unit_name() == "share":
        return _trim(formatting.number(x * 100, max(inp.decimals - 2, 0))) + "%"
    return _trim(formatting.number(x, inp.decimals))


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(",") if "," in text else text


def default_texts(page: registry.PageCalculator) -> dict[str, str]:
    """Each input's default as typed in its field."""
    return {i.name: field_text(i, i.default_value()) for i in page.inputs}


def values(page: registry.PageCalculator, texts: Mapping[str, str] | None = None) -> dict[str, float]:
    """The inputs as numbers, from the fields' text (defaults where not given), parsed as the form parses."""
    given = {**default_texts(page), **(texts or {})}
    return {i.name: parse_number(given[i.name], i.name, label=i.dutch_label()) for i in page.inputs}


# --------------------------------------------------------------------------- the formulas (Python side)


def compute(name: str, v: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    """Every output of page calculator ``name`` as (low, high), from the Python models."""
    page = registry.page_calculator(name)
    out: dict[str, tuple[float, float]] = {}
    if name == "formatie":
        s = staffing(v["youths"], Range(v["fte_per_10k_low"], v["fte_per_10k_high"]), v["hours_per_fte"],
                     Range(v["cost_per_fte_low"], v["cost_per_fte_high"]))
        out = {o.name: (getattr(s.low, o.name), getattr(s.high, o.name)) for o in page.shown}
    elif name == "werklast":
        w = workload(v["youths"], v["help_questions_per_1000"], v["share_via_pohj"], v["contacts_per_trajectory"],
                     v["minutes_per_contact"], default_support_share(v["indirect_uplift"]),
                     v["additional_hours_per_year"], default_available_hours_per_fte(v["hours_per_fte"]),
                     v["hours_per_fte"]).mid
        out = {n: (getattr(w, n), getattr(w, n)) for n in page.outputs}
        norm = staffing(v["youths"], hours_per_fte=v["hours_per_fte"])
        out["fte"] = (norm.low.fte, norm.high.fte)
    elif name == "terugverdienen":
        from .break_even import break_even_point

        b = break_even_point(hours_per_week=v["hours_per_week"], hourly_rate=v["hourly_rate"],
                             trajectory_price=v["trajectory_price"])
        out = {n: (getattr(b, n), getattr(b, n)) for n in page.outputs}
        for key in SCENARIO_NAMES:
            total = savings(estimated_counts(v["hours_per_week"]), scenario=key).mid.savings_total
            out[f"savings_{key}"] = (total, total)
            share = cost_coverage(total, b.annual_cost)
            out[f"coverage_{key}"] = (share, share)
        out[registry.OBSERVED_SELF_HELPED.name] = registry.observed_self_helped()
    elif name == "verwijsaandeel":
        r = referral_point(help_questions=v["help_questions"], reach=v["reach"],
                           pohj_referral_rate=v["pohj_referral_rate"], induced_demand=v["induced_demand"],
                           counterfactual_referral_rate=v["counterfactual_referral_rate"],
                           trajectory_price=data.value("bggz_price"))
        out = {n: (getattr(r, n), getattr(r, n)) for n in page.outputs}
    elif name == "integrale-kosten":
        c = costs(v["fte"], {i.item: v[i.item] for i in cost_items()},
                  cost_per_fte=Range(v["cost_per_fte_low"], v["cost_per_fte_high"]))
        out = {"salary": (c.salary_low, c.salary_high), "items_total": (c.items_total, c.items_total),
               "total": (c.total_low, c.total_high)}
    else:
        raise KeyError(name)
    return out


def answers(name: str, v: Mapping[str, float] | None = None) -> dict[str, str]:
    """Each output of page calculator ``name`` as the page prints it (registry rounding), by output name."""
    page = registry.page_calculator(name)
    result = compute(name, values(page) if v is None else v)
    return {o.name: o.text(*result[o.name]) for o in page.shown}


def constants(name: str) -> dict[str, Any]:
    """The numbers from data/ that the module's formula needs besides the inputs."""
    if name == "formatie":
        return {"per_youths": PER_YOUTHS}
    if name == "werklast":
        low, high = data.bounds("fte_per_10k")
        return {"per_1000": PER_1000, "per_youths": PER_YOUTHS, "working_weeks": data.value("working_weeks"),
                "norm_low": low, "norm_high": high}
    if name == "terugverdienen":
        counts = bands.published_counts()
        scenarios = {key: builtin_scenario(key) for key in SCENARIO_NAMES}
        return {
            "paid_weeks": data.value("paid_weeks"), "working_weeks": data.value("working_weeks"),
            "direct_hours_per_trajectory": data.value("direct_hours_per_trajectory"),
            "indirect_uplift": data.value("indirect_uplift"), "pilot_hours": pilot_hours_2020(),
            "bggz_price": data.value("bggz_price"), "sggz_price": data.value("sggz_price"),
            "bands": [{"band": b, "count": counts.get(b, 0.0),
                       "bggz": {k: s.bggz_share.get(b, 0.0) for k, s in scenarios.items()},
                       "sggz": {k: s.sggz_share.get(b, 0.0) for k, s in scenarios.items()}} for b in bands.BANDS],
            "scenarios": list(SCENARIO_NAMES), "observed_self_helped": list(registry.observed_self_helped()),
        }
    if name == "verwijsaandeel":
        return {"trajectory_price": data.value("bggz_price")}
    if name == "integrale-kosten":
        return {"items": {i.item: i.basis for i in cost_items()}}
    raise KeyError(name)


# --------------------------------------------------------------------------- test vectors


def vectors(name: str, n: int = 200, seed: int = 19) -> list[dict[str, Any]]:
    """``n`` random input sets across each input's plausible range (seeded), plus every edge: all inputs at
    the low end, all at the high end, and each input alone at each end. Low/high pairs keep low <= high.
    Each with the outputs' text as the Python models and the registry's rounding give it."""
    page = registry.page_calculator(name)
    rng = random.Random(f"{seed}-{name}")
    base = values(page)
    sets: list[dict[str, float]] = [
        {i.name: i.plausible[0] for i in page.inputs}, {i.name: i.plausible[1] for i in page.inputs}]
    for i in page.inputs:
        for end in i.plausible:
            sets.append({**base, i.name: end})
    while len(sets) < n + 2 + 2 * len(page.inputs):
        sets.append({i.name: rng.uniform(*i.plausible) for i in page.inputs})
    out = []
    for v in sets:
        for low, high in (("fte_per_10k_low", "fte_per_10k_high"), ("cost_per_fte_low", "cost_per_fte_high")):
            if low in v and v[low] > v[high]:
                v[low], v[high] = v[high], v[low]
        out.append({"values": v, "expected": answers(name, v)})
    return out


# --------------------------------------------------------------------------- the form


def definition(name: str) -> dict[str, Any]:
    """What the module needs, as the form's JSON block: inputs, outputs (label, unit, decimals), constants."""
    page = registry.page_calculator(name)
    return {
        "name": name,
        "inputs": [{"name": i.name, "param": i.param, "id": _id(name, i.param), "label": i.dutch_label(),
                    "unit": i.unit_name(), "max": i.maximum(), "positive": i.positive,
                    "max_text": None if i.maximum() is None else field_text(i, i.maximum() or 0.0)}
                   for i in page.inputs],
        "outputs": [{"name": o.name, "label": o.label, "unit": o.unit, "decimals": o.decimals} for o in page.shown],
        "bars": list(page.bars),
        "pairs": [[low.name, high.name] for low, high in _pairs(page)],
        "suffix": formatting._SUFFIX,
        "constants": constants(name),
        "site": load_house_style().website,
    }


def _pairs(page: registry.PageCalculator) -> list[tuple[registry.Input, registry.Input]]:
    by_name = {i.name: i for i in page.inputs}
    return [(by_name[n], by_name[n[:-4] + "_high"]) for n in by_name
            if n.endswith("_low") and n[:-4] + "_high" in by_name]


def _id(name: str, param: str) -> str:
    return f"rekenformulier-{name}-{param}"


def _help(inp: registry.Input) -> str:
    """The input's help with ``{fact}`` replaced by the fact's value and unit from data/."""
    return inp.help_text()


def form_html(name: str) -> str:
    """The page calculator as an HTML form, answers for the defaults filled in."""
    page = registry.page_calculator(name)
    esc = html.escape
    shown = answers(name)
    fields = []
    for i, text in zip(page.inputs, default_texts(page).values(), strict=True):
        fid = _id(name, i.param)
        described = f"{fid}-fout" + (f" {fid}-hulp" if i.help else "")
        fields.append(
            f'<div class="rekentool-veld"><label for="{fid}">{esc(i.dutch_label())}</label>'
            f'<input id="{fid}" name="{esc(i.param)}" type="text" inputmode="decimal" autocomplete="off" '
            f'spellcheck="false" value="{esc(text)}" aria-describedby="{described}">'
            + (f'<span class="rekentool-hulp" id="{fid}-hulp">{esc(_help(i))}</span>' if i.help else "")
            + f'<span class="rekentool-fout" id="{fid}-fout"></span></div>')
    lines = "".join(f'<div><dt>{esc(o.label)}</dt><dd data-uitkomst="{o.name}">{esc(shown[o.name])}</dd></div>'
                    for o in page.shown)
    title_id = f"rekenformulier-{name}-titel"
    config = json.dumps(definition(name), ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<form class="rekentool" id="rekenformulier-{name}" data-rekentool="{name}" novalidate '
        f'aria-labelledby="{title_id}">'
        f'<p class="rekentool-titel" id="{title_id}"><strong>{esc(page.title)}</strong></p>'
        f'<p class="rekentool-uitleg">{esc(INSTRUCTION)}</p>'
        f'<fieldset><legend>Uw getallen</legend><div class="rekentool-velden">{"".join(fields)}</div></fieldset>'
        f'<div class="rekentool-uitkomst" aria-live="polite"><p class="rekentool-kop">Uitkomst</p>'
        f'<dl>{lines}</dl></div>'
        f'<div class="rekentool-grafiek" aria-hidden="true"></div>'
        f'<p class="rekentool-print">{esc(PRINT_NOTE)} <span class="rekentool-adres"></span></p>'
        f'<script type="application/json" class="rekentool-definitie">{config}</script>'
        f'</form>'
        f'<link rel="stylesheet" href="{STATIC_URL}rekentool.css">'
        f'<script type="module" src="{STATIC_URL}rekentool.js"></script>'
    )


class Calculator:
    """The page calculator on the book page; the ipywidgets app too when opened in Jupyter."""

    def __init__(self, name: str) -> None:
        self.page = registry.page_calculator(name)
        self.name = name

    def _repr_html_(self) -> str:
        return form_html(self.name)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/html": self._repr_html_(), "text/plain": self.page.title}
        try:  # the live app for Jupyter; the book drops this MIME type (nb_mime_priority_overrides)
            from .ui import APPS

            widget_bundle = APPS[self.page.app]().widget._repr_mimebundle_()
            bundle.update({k: v for k, v in widget_bundle.items() if "widget-view" in k})
        except Exception:  # noqa: BLE001, S110  # pragma: no cover - no widget front-end: the form suffices
            pass
        return bundle


def live(name: str) -> Calculator:
    """Show page calculator ``name`` in a chapter: one of ``registry.PAGE_CALCULATORS`` ('formatie', 'werklast',
    'terugverdienen', 'verwijsaandeel', 'integrale-kosten')."""
    return Calculator(name)


# --------------------------------------------------------------------------- the summary page ('In één oogopslag')
# The page's figures for the reader's number of youths (and, optionally, own hours per week and the cost basis of
# the break-even), recomputed in the browser by rekentools/oogopslag.js with the page calculators' own modules
# (formatie.js, terugverdienen.js). Each figure on the page is a <span data-uitkomst="name"> that the module
# fills; summary_vectors() holds the module to these Python answers, as vectors() does for the forms.

SUMMARY_STATIC_URL = "_static/rekentools/"   # the summary page sits at the site's root
SUMMARY_INPUTS = (replace(registry.YOUTHS_INPUT, positive=True),
                  replace(next(i for i in registry.APP_INPUTS if i.name == "own_hours"), plausible=(1, 80), decimals=1,
                          positive=True))  # ?uren=46
SUMMARY_OUTPUTS = (
    registry.Output("youths", "Jeugdigen", "count", 0),
    registry.STAFFING["fte"], registry.STAFFING["hours_per_week"], replace(registry.STAFFING["annual_cost"],
                                                                           name="cost_aef"),
    replace(registry.BREAK_EVEN["annual_cost"], name="cost_hourly"),
    registry.BREAK_EVEN["annual_cost"], registry.BREAK_EVEN["trajectories_needed"],
    registry.BREAK_EVEN["share_of_contracted_time"],
    *(o for o in registry.BREAK_EVEN_SAVINGS),
)


def summary(youths: float, hours_per_week: float | None = None,
            basis: str = "uurtarief") -> dict[str, tuple[float, float]]:
    """Every input-dependent figure of the summary page as (low, high), from the models: the formation as the
    council annex takes it (the norm, or the reader's hours), its yearly cost on both bases, and the break-even
    and the three savings scenarios at the low end on the chosen basis ('uurtarief' or 'aef')."""
    from .annex.council import formation
    from .break_even import break_even_point

    if basis not in registry.COST_BASES:
        raise KeyError(basis)
    f = formation(youths, hours_per_week)
    fte, hours = (f.fte_low, f.fte_high), (f.hours_low, f.hours_high)
    cost_low, cost_high = data.bounds("cost_per_fte")
    aef = (fte[0] * cost_low, fte[1] * cost_high)
    hourly = tuple(break_even_point(hours_per_week=h).annual_cost for h in hours)
    be = [
        break_even_point(hours_per_week=h, annual_cost=aef[i] if basis == "aef" else None) for i, h in enumerate(hours)
    ]
    out = {
        "youths": (youths, youths),
        "fte": fte,
        "hours_per_week": hours,
        "cost_aef": aef,
        "cost_hourly": (hourly[0], hourly[1]),
        "annual_cost": (be[0].annual_cost, be[1].annual_cost),
        "trajectories_needed": (be[0].trajectories_needed, be[1].trajectories_needed),
        "share_of_contracted_time": (be[0].share_of_contracted_time or 0.0, be[1].share_of_contracted_time or 0.0),
    }
    for key in SCENARIO_NAMES:
        total = savings(estimated_counts(hours[0]), scenario=key).mid.savings_total
        out[f"savings_{key}"] = (total, total)
        share = cost_coverage(total, be[0].annual_cost)
        out[f"coverage_{key}"] = (share, share)
    return out


def summary_texts(
    youths: float | None = None, hours_per_week: float | None = None, basis: str = "uurtarief"
) -> dict[str, str]:
    """The summary's figures as the page prints them (registry rounding), by name; defaults from data/."""
    result = summary(data.value("youths") if youths is None else youths, hours_per_week, basis)
    return {o.name: o.text(*result[o.name]) for o in SUMMARY_OUTPUTS}


def summary_definition() -> dict[str, Any]:
    """What oogopslag.js needs: the two inputs, the outputs' rounding, the defaults from data/ the formulas take,
    the constants of formatie.js and terugverdienen.js, and the apps' addresses for the links."""
    norm_low, norm_high = data.bounds("fte_per_10k")
    cost_low, cost_high = data.bounds("cost_per_fte")
    return {
        "inputs": [
            {
                "name": i.name,
                "param": i.param,
                "label": i.dutch_label(),
                "unit": i.unit_name(),
                "max": i.maximum(),
                "positive": i.positive,
                "max_text": None if i.maximum() is None else field_text(i, i.maximum() or 0.0),
            }
            for i in SUMMARY_INPUTS
        ],
        "outputs": [
            {"name": o.name, "label": o.label, "unit": o.unit, "decimals": o.decimals} for o in SUMMARY_OUTPUTS
        ],
        "suffix": formatting._SUFFIX,
        "bases": registry.COST_BASES,
        "basis_param": registry.COST_BASIS_PARAM,
        "defaults": {
            "fte_per_10k_low": norm_low,
            "fte_per_10k_high": norm_high,
            "cost_per_fte_low": cost_low,
            "cost_per_fte_high": cost_high,
            "hours_per_fte": data.value("hours_per_fte"),
            "hourly_rate": data.value("hourly_rate"),
            "trajectory_price": data.value("bggz_price"),
        },
        "formatie": constants("formatie"),
        "terugverdienen": constants("terugverdienen"),
    }


def summary_vectors(n: int = 200, seed: int = 20) -> list[dict[str, Any]]:
    """Random youths (and own hours in half of the sets), each basis, plus the edges; with the Python texts."""
    rng = random.Random(f"{seed}-oogopslag")
    (y_lo, y_hi), (h_lo, h_hi) = (i.plausible for i in SUMMARY_INPUTS)
    sets: list[tuple[float, float | None]] = [
        (1, None),
        (y_hi, None),
        (data.value("youths"), None),
        (1, h_lo),
        (y_hi, h_hi),
    ]
    while len(sets) < n:
        sets.append((round(rng.uniform(1, y_hi)), rng.uniform(h_lo, h_hi) if rng.random() < 0.5 else None))
    return [
        {"youths": y, "hours_per_week": h, "basis": b, "expected": summary_texts(y, h, b)}
        for i, (y, h) in enumerate(sets)
        for b in (list(registry.COST_BASES) if i < 5 else [list(registry.COST_BASES)[i % 2]])
    ]


def uitkomst(name: str, texts: Mapping[str, str] | None = None) -> str:
    """A summary figure as the page prints it, marked for oogopslag.js: <span data-uitkomst="name">text</span>."""
    shown = (summary_texts() if texts is None else texts)[name]
    return f'<span class="oogopslag-uitkomst" data-uitkomst="{html.escape(name)}">{html.escape(shown)}</span>'


SUMMARY_INSTRUCTION = (
    "Vul het aantal jeugdigen (0 tot 18 jaar) in uw gemeente in: alle getallen op deze pagina en "
    "de links naar de rekentools en apps rekenen direct mee. Dat gebeurt in uw browser; er wordt "
    "niets verstuurd of opgeslagen."
)


def summary_form_html() -> str:
    """The summary page's field for the number of youths, with the hours and the cost basis folded under it."""
    esc = html.escape
    youths, hours = SUMMARY_INPUTS
    default_youths = field_text(youths, youths.default_value())

    def field(inp: registry.Input, value: str, note: str) -> str:
        fid = f"oogopslag-{inp.param}"
        return (
            f'<div class="rekentool-veld"><label for="{fid}">{esc(note or inp.dutch_label())}</label>'
            f'<input id="{fid}" name="{esc(inp.param)}" type="text" inputmode="decimal" autocomplete="off" '
            f'spellcheck="false" value="{esc(value)}" aria-describedby="{fid}-fout">'
            f'<span class="rekentool-fout" id="{fid}-fout"></span></div>'
        )

    bases = "".join(
        f'<label class="oogopslag-keuze"><input type="radio" name="{registry.COST_BASIS_PARAM}" value="{key}"'
        f"{' checked' if key == 'uurtarief' else ''}> {esc(label)}</label>"
        for key, label in registry.COST_BASES.items()
    )
    config = json.dumps(summary_definition(), ensure_ascii=False).replace("</", "<\\/")
    return (
        '<form class="rekentool oogopslag-invoer" id="oogopslag-invoer" data-oogopslag novalidate '
        'aria-labelledby="oogopslag-titel">'
        '<p class="rekentool-titel" id="oogopslag-titel"><strong>Reken met uw eigen gemeente</strong></p>'
        f'<p class="rekentool-uitleg">{esc(SUMMARY_INSTRUCTION)}</p>'
        + field(youths, default_youths, "Aantal jeugdigen in uw gemeente")
        + '<details class="oogopslag-meer"><summary>Eigen uren per week en de kostenbasis</summary>'
        + field(hours, "", "Eigen inzet: uren POH-Jeugd per week (leeg = de norm)")
        + '<fieldset class="oogopslag-basis"><legend>Jaarkosten voor het terugverdienen</legend>'
        + bases
        + "</fieldset></details>"
        '<p class="rekentool-fout oogopslag-status" aria-live="polite"></p>'
        f'<script type="application/json" class="oogopslag-definitie">{config}</script>'
        "</form>"
        f'<link rel="stylesheet" href="{SUMMARY_STATIC_URL}rekentool.css">'
        f'<script type="module" src="{SUMMARY_STATIC_URL}oogopslag.js"></script>'
    )


class SummaryForm:
    """The summary page's form as a notebook output (HTML only)."""

    def _repr_html_(self) -> str:
        return summary_form_html()


def summary_link(text: str, path: str, kind: str, anchor: str = "") -> str:
    """A link that carries the reader's numbers: written for the defaults, rewritten by oogopslag.js as they type.

    ``kind``: 'jeugdigen' (the number of youths), 'formatie' (youths and own hours) or 'uren' (the hours at the low
    end, and the yearly cost on the AEF basis) — see linkQuery in oogopslag.js. ``path`` is relative to the page."""
    from urllib.parse import urlencode

    texts = summary(data.value("youths"))
    query = {
        "jeugdigen": {"jeugdigen": f"{data.value('youths'):.0f}"},
        "formatie": {"jeugdigen": f"{data.value('youths'):.0f}"},
        "uren": {"uren": f"{round(texts['hours_per_week'][0], 1):g}"},
    }[kind]
    href = f"{path}?{urlencode(query)}" + (f"#{anchor}" if anchor else "")
    base = path + (f"#{anchor}" if anchor else "")
    return (
        f'<a href="{html.escape(href)}" data-href="{html.escape(base)}" data-oogopslag-link="{kind}">'
        f"{html.escape(text)}</a>"
    )
