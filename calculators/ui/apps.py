"""The three calculator apps: formatie, terugverdienen (with savings), verwijsaandeel.

Each app only wires fields to a model from the package and formats the result;
presets read the published cases from data/ (nothing is typed here).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from .. import bands, data, export, summaries
from ..book import table
from ..break_even import break_even
from ..cli_decision import BREAK_EVEN_ASSUMPTIONS
from ..formatting import fte, number, percent, span, with_unit
from ..published import break_even_inputs
from ..ranges import Range, Span
from ..referral import observed_inputs_2020, reach_what_if, referral
from ..registry import (
    BASIS_LABEL,
    BREAK_EVEN,
    CAPACITY,
    REFERRAL,
    SAVINGS,
    STAFFING,
    WHAT_IF,
    WORKLOAD,
    Calculator,
    app_input,
    break_even_basis,
    observed_self_helped,
)
from ..savings import (
    SCENARIO_NAMES,
    builtin_scenario,
    cost_coverage,
    estimated_counts,
    pilot_costs,
    pilot_hours_2020,
    savings,
)
from ..sensitivity.chart import describe, tornado_spec
from ..staffing import capacity, fte_per_10k_for, hours_to_fte, staffing
from ..workload import workload, workload_inputs
from .base import LABEL_WIDTH, CalculatorApp, FieldSpec, pair
from .figures import Figure, bar_chart, category, quantity


def tornado_html(sens: Any) -> str:
    """The tornado chart of a sensitivity analysis, rendered like the other app charts."""
    return Figure(tornado_spec(sens, width=260), describe(sens)).svg_html()


def _workload_kwargs(v: Mapping[str, Any]) -> dict[str, Any]:
    """The WISN inputs from the formatie fields (support share and available time from the shared fields)."""
    u = v["indirect_uplift"]
    return {"help_questions_per_1000": v["help_questions_per_1000"], "share_via_pohj": v["share_via_pohj"],
            "contacts_per_trajectory": v["contacts_per_trajectory"], "minutes_per_contact": v["contact_minutes"],
            "support_share": u / (1 + u), "additional_hours_per_year": v["additional_hours_per_year"],
            "available_hours_per_fte": v["hours_per_fte"] * v["working_weeks"], "hours_per_fte": v["hours_per_fte"]}


_WL = workload_inputs()


def _pilot(name: str) -> dict[str, str]:
    return next(r for r in data.rows("pilots_holland_rijnland") if r["municipality"] == name)


def _results(s: Span[Any], calc: Calculator, names: tuple[str, ...]) -> dict[str, tuple[str, float, float, str]]:
    """Export rows of the registry's outputs -> (label, low, high, unit)."""
    return {n: (calc[n].label, float(getattr(s.low, n)), float(getattr(s.high, n)), calc[n].unit)
            for n in names if getattr(s.mid, n) is not None}


def _row(label: str, value: str) -> dict[str, str]:
    return {"wat": label, "waarde": value}


def _point(s: Any, calc: Calculator, name: str) -> dict[str, str]:
    """A result row for one point value of the registry's output."""
    o = calc[name]
    return _row(o.label, o.text(getattr(s, name)))


def _ranged(s: Span[Any], calc: Calculator, name: str) -> dict[str, str]:
    """A result row for a low–high value of the registry's output."""
    o = calc[name]
    return _row(o.label, o.of(s))


# --------------------------------------------------------------------------- formatie


_STAFFING_LABELS = {i.name: i.dutch_label() for i in STAFFING.inputs}  # the norm's fields as the page names them


class StaffingApp(CalculatorApp):
    app_id = "formatie"
    title = "Rekentool formatie en capaciteit POH-Jeugd"
    intro = ("Hoeveel uur POH-Jeugd hoort bij het aantal jeugdigen volgens de AEF-norm, wat kost dat, en wat "
             "kan een POH-Jeugd in die uren doen? Getallen mogen met een komma: 0,5 of 1.000,5.")
    fields_spec = (
        FieldSpec("youths"),
        FieldSpec("own_hours", fact="hours_per_week", label=app_input("own_hours").dutch_label(), optional=True,
                  hint="leeg = rekenen met de norm"),
        FieldSpec("help_questions_per_1000", advanced=True),
        FieldSpec("share_via_pohj", fact="reach", advanced=True),
        FieldSpec("contacts_per_trajectory", default=_WL["contacts_per_trajectory"].value, advanced=True,
                  hint="standaard: gewogen gemiddelde van de trajecttypen van Accare"),
        FieldSpec("additional_hours_per_year", default=_WL["additional_hours_per_year"].value, advanced=True,
                  hint="standaard: uren in het basisteam (Accare) x productieve weken"),
        FieldSpec("fte_per_10k_low", fact="fte_per_10k", label=_STAFFING_LABELS["fte_per_10k_low"],
                  default=data.bounds("fte_per_10k")[0], advanced=True),
        FieldSpec("fte_per_10k_high", fact="fte_per_10k", label=_STAFFING_LABELS["fte_per_10k_high"],
                  default=data.bounds("fte_per_10k")[1], advanced=True),
        FieldSpec("hours_per_fte", advanced=True),
        FieldSpec("cost_per_fte_low", fact="cost_per_fte", label=_STAFFING_LABELS["cost_per_fte_low"],
                  default=data.bounds("cost_per_fte")[0], advanced=True),
        FieldSpec("cost_per_fte_high", fact="cost_per_fte", label=_STAFFING_LABELS["cost_per_fte_high"],
                  default=data.bounds("cost_per_fte")[1], advanced=True),
        FieldSpec("contact_minutes", advanced=True),
        FieldSpec("indirect_uplift", advanced=True),
        FieldSpec("working_weeks", advanced=True),
        FieldSpec("client_time_share", advanced=True),
    )

    def presets(self) -> Mapping[str, Mapping[str, float | None]]:
        out: dict[str, dict[str, float | None]] = {
            "Hillegom": {"youths": data.value("youths"), "own_hours": float(_pilot("Hillegom")["hours_per_week"])},
        }
        for row in data.rows("example_municipalities"):
            out[row["name"].capitalize()] = {"youths": float(row["youths"])}
        return out

    def compute(self, v: Mapping[str, Any]) -> tuple[str, str, Figure, export.Record]:
        s = staffing(v["youths"], fte_per_10k=pair(v, "fte_per_10k_low", "fte_per_10k_high"),
                     hours_per_fte=v["hours_per_fte"], cost_per_fte=pair(v, "cost_per_fte_low", "cost_per_fte_high"))
        own = v.get("own_hours")
        hours: float | Range = own if own is not None else Range(s.low.hours_per_week, s.high.hours_per_week)
        c = capacity(hours, contact_minutes=v["contact_minutes"], indirect_uplift=v["indirect_uplift"],
                     working_weeks=v["working_weeks"], client_time_share=v["client_time_share"])
        wl = workload(v["youths"], current_hours=own, **_workload_kwargs(v)).mid
        assumed = " (met onze aanname over het aantal hulpvragen)" if v["help_questions_per_1000"] == \
            _WL["help_questions_per_1000"].value else ""
        sentence = (summaries.staffing_sentence(s) + f" Volgens de werklast (WISN) is "
                    f"{WORKLOAD['fte_needed'].text(wl.fte_needed)} nodig, "
                    f"{WORKLOAD['hours_per_week_needed'].text(wl.hours_per_week_needed)}{assumed}. "
                    + summaries.capacity_sentence(c))
        rows = [_ranged(s, STAFFING, "fte"), _point(wl, WORKLOAD, "fte_needed"),
                _ranged(s, STAFFING, "hours_per_week"), _point(wl, WORKLOAD, "hours_per_week_needed"),
                _ranged(s, STAFFING, "annual_cost"), _ranged(s, STAFFING, "cost_per_youth")]
        if own is not None:
            own_fte = hours_to_fte(own, v["hours_per_fte"])
            per_10k = fte_per_10k_for(own, v["youths"], v["hours_per_fte"])
            rows += [{"wat": "Eigen inzet", "waarde": f"{with_unit(own, 'hours_per_week', 1)} = {fte(own_fte, 2)}"},
                     {"wat": "Eigen inzet per 10.000 jeugdigen", "waarde": fte(per_10k, 2)}]
            if wl.wisn_ratio is not None:
                rows.append(_point(wl, WORKLOAD, "wisn_ratio"))
        rows += [_ranged(c, CAPACITY, n)
                 for n in ("contacts_per_week", "trajectories_per_year", "new_clients_per_week")]
        table_html = table(
            rows, {"wat": "Uitkomst", "waarde": "Waarde"}, caption="Formatie en capaciteit"
        )._repr_html_()
        bars = [
            ("Norm, ondergrens", s.low.hours_per_week),
            ("Norm, bovengrens", s.high.hours_per_week),
            ("Werklast (WISN)", wl.hours_per_week_needed),
        ]
        if own is not None:
            bars.append(("Eigen inzet", own))
        description = "Uren per week: " + ", ".join(f"{n} {number(u, 1)} uur" for n, u in bars) + "."
        chart = bar_chart(
            [{"inzet": n, "uren": u} for n, u in bars],
            title="Uren per week",
            fill="#1f5c99",
            x=quantity("uren", "Uren per week"),
            y=category("inzet"),
            description=description,
        )
        record = export.Record(
            app=self.app_id,
            title=self.title,
            sentence=sentence,
            inputs={k: val for k, val in v.items() if val is not None},
            input_facts={f.spec.key: f.spec.fact or f.spec.key for f in self.fields.values()},
            results={
                **_results(s, STAFFING, ("fte", "hours_per_week", "annual_cost", "cost_per_youth")),
                **_results(Span(wl, wl, wl), WORKLOAD, ("fte_needed", "hours_per_week_needed")),
                **_results(c, CAPACITY, ("contacts_per_week", "trajectories_per_year", "new_clients_per_week")),
            },
            notes=[
                "De norm komt uit het AEF-rapport 'Stelsel in groei', via de raadsbrief van Hillegom.",
                "Capaciteit: een contact kost een uur plus de opslag voor indirecte tijd; productieve weken per jaar.",
            ],
        )
        return sentence, table_html, chart, record

    def more_outputs(self, v: Mapping[str, Any]) -> tuple[str, Any]:
        from ..annex import council_annex, workload_annex

        kw = _workload_kwargs(v)
        hpf = kw.pop("hours_per_fte")
        # only what the reader changed counts as 'eigen invoer'; a value equal to the sourced default keeps its source
        own = {n: x for n, x in kw.items() if not math.isclose(x, _WL[n].value, rel_tol=1e-9)}
        sens = workload_annex(v["youths"], hours_per_fte=hpf, current_hours=v.get("own_hours"), **own).sensitivity
        assert sens is not None
        # the download is the council annex: norm and workload, cost, break-even, scenarios, evidence, risks
        annex = council_annex(v["youths"], v.get("own_hours"), **own) if v["youths"] > 0 else None
        return ("<h3>Welke aanname weegt het zwaarst voor de werklast?</h3>" + tornado_html(sens)), annex


# --------------------------------------------------------------------------- terugverdienen + besparing

BAND_FIELDS = bands.COUNT_KEYS  # one text field per contact band


class BreakEvenApp(CalculatorApp):
    app_id = "terugverdienen"
    title = "Rekentool terugverdienen en besparing POH-Jeugd"
    intro = (
        "Hoeveel trajecten moet een POH-Jeugd per jaar voorkomen om de eigen kosten terug te verdienen, en "
        "wat besparen de trajecten die de POH-Jeugd zelf afrondt? Vul de jaarkosten in, of laat ze leeg "
        "en reken vanuit de uren."
    )
    fields_spec = (
        FieldSpec("annual_cost", optional=True, hint="leeg = uren × uurkosten × betaalde weken"),
        FieldSpec("hours_per_week"),
        FieldSpec("contracted_hours", optional=True, hint="leeg = de uren per week hierboven"),
        FieldSpec("youths", optional=True,
                  hint="voor de bijlage voor de raad (formatie, kosten, scenario's, risico's); "
                  "leeg = een bijlage over terugverdienen alleen"),
        FieldSpec("hourly_rate", advanced=True),
        FieldSpec("paid_weeks", advanced=True),
        FieldSpec("trajectory_price", default=data.value("bggz_price"), advanced=True),
        FieldSpec("direct_hours_per_trajectory", advanced=True),
        FieldSpec("indirect_uplift", advanced=True),
        FieldSpec("working_weeks", advanced=True),
        *(
            FieldSpec(
                BAND_FIELDS[b],
                fact=bands.COUNT_KEYS[b],
                optional=True,
                advanced=True,
                hint="leeg = geschat naar rato van de uren (Holland Rijnland 2020)",
            )
            for b in bands.BANDS
        ),
        FieldSpec("bggz_price", advanced=True),
        FieldSpec("sggz_price", advanced=True),
    )

    def extra_controls(self) -> list[w.Widget]:
        self.scenario = w.Dropdown(
            options=[(nl, en) for en, nl in SCENARIO_NAMES.items()],
            value="conservative",
            description="Besparingsscenario",
            style={"description_width": LABEL_WIDTH},
            layout=w.Layout(width="calc(100% - 8px)", max_width="42em"),
        )
        self.scenario.observe(self._changed, names="value")
        return [self.scenario]

    def reset_extra(self) -> None:
        self.scenario.value = "conservative"

    def load_extra(self, values: Mapping[str, Any]) -> None:
        if values.get("scenario") in SCENARIO_NAMES:
            self.scenario.value = values["scenario"]

    def presets(self) -> Mapping[str, Mapping[str, float | None]]:
        oeg = break_even_inputs("oegstgeest")
        lisse = break_even_inputs("lisse")
        hil = _pilot("Hillegom")
        return {
            "Oegstgeest": {
                "annual_cost": oeg["annual_cost"],
                "hours_per_week": oeg["contracted_hours"],
                "contracted_hours": oeg["contracted_hours"],
            },
            "Lisse": {"hours_per_week": lisse["hours_per_week"]},
            "Hillegom": {"annual_cost": float(hil["annual_cost"]), "hours_per_week": float(hil["hours_per_week"])},
            "Holland Rijnland 2020": {
                "annual_cost": pilot_costs(),
                "hours_per_week": pilot_hours_2020(),
                **{BAND_FIELDS[b]: c for b, c in bands.published_counts().items()},
            },
        }

    def compute(self, v: Mapping[str, Any]) -> tuple[str, str, Figure, export.Record]:
        b = break_even(
            annual_cost=v.get("annual_cost"),
            hours_per_week=v["hours_per_week"],
            hourly_rate=v["hourly_rate"],
            paid_weeks=v["paid_weeks"],
            contracted_hours=v.get("contracted_hours"),
            trajectory_price=v["trajectory_price"],
            direct_hours_per_trajectory=v["direct_hours_per_trajectory"],
            indirect_uplift=v["indirect_uplift"],
            working_weeks=v["working_weeks"],
        )
        given = {band: v.get(key) for band, key in BAND_FIELDS.items()}
        estimated = all(c is None for c in given.values())
        hours = v.get("contracted_hours") or v["hours_per_week"]
        counts = estimated_counts(hours) if estimated else {b: c or 0.0 for b, c in given.items()}
        scen = builtin_scenario(self.scenario.value)
        sv = savings(
            counts,
            scenario=scen,
            bggz_price=v["bggz_price"],
            sggz_price=v["sggz_price"],
            hourly_cost_incl_indirect=v["hourly_rate"] * (1 + v["indirect_uplift"]),
        )
        coverage = cost_coverage(sv.mid.savings_total, b.mid.annual_cost)
        sentence = (
            summaries.break_even_sentence(b)
            + " "
            + summaries.savings_sentence(sv, scen.label)
            + (
                " (Aantallen trajecten geschat naar rato van de uren, zoals in Holland Rijnland 2020.)"
                if estimated
                else ""
            )
            + f" De besparing is {percent(coverage)} van de jaarkosten."
        )
        basis = break_even_basis(
            v.get("annual_cost") is not None, hourly_rate=v["hourly_rate"], paid_weeks=v["paid_weeks"]
        )
        rows = [
            _point(b.mid, BREAK_EVEN, "annual_cost"),
            _row(BASIS_LABEL, basis),
            *(
                _point(b.mid, BREAK_EVEN, n)
                for n in ("trajectories_needed", "hours_per_week", "direct_hours_per_week", "indirect_hours_per_week")
            ),
        ]
        if b.mid.share_of_contracted_time is not None:
            rows += [
                _point(b.mid, BREAK_EVEN, "share_of_contracted_time"),
                _point(b.mid, BREAK_EVEN, "remaining_hours_per_week"),
            ]
        rows += [
            _row(f"{SAVINGS[n].label} ({scen.label})", SAVINGS[n].text(getattr(sv.mid, n)))
            for n in ("savings_bggz", "savings_sggz", "savings_total")
        ]
        rows.append(_point(sv.mid, SAVINGS, "pohj_time_cost"))
        table_html = table(
            rows, {"wat": "Uitkomst", "waarde": "Waarde"}, caption="Terugverdienen en besparing"
        )._repr_html_()
        parts = [
            ("Direct cliëntcontact", b.mid.direct_hours_per_week),
            ("Indirecte tijd", b.mid.indirect_hours_per_week),
        ]
        if b.mid.remaining_hours_per_week is not None:
            parts.append(("Over voor andere taken", max(b.mid.remaining_hours_per_week, 0.0)))
        description = "Verdeling van de uren per week: " + ", ".join(f"{n} {number(h, 1)} uur" for n, h in parts) + "."
        names = [p[0] for p in parts]
        chart = bar_chart(
            [{"deel": n, "uren": h, "rij": "Uren per week", "volgorde": i} for i, (n, h) in enumerate(parts)],
            title="Wat terugverdienen van de week vraagt",
            height=60,
            description=description,
            x=quantity("uren", "Uren per week", total=True),
            y=category("rij"),
            color={
                "field": "deel",
                "type": "nominal",
                "title": "Deel",
                "sort": names,
                "scale": {"range": ["#1f5c99", "#7aa6d1", "#c9c9c9"]},
            },
            order={"field": "volgorde", "type": "quantitative"},
        )
        inputs = {k: val for k, val in v.items() if val is not None}
        record = export.Record(
            app=self.app_id,
            title=self.title,
            sentence=sentence,
            inputs=inputs,
            input_facts={f.spec.key: f.spec.fact or f.spec.key for f in self.fields.values()},
            results={
                **_results(
                    b,
                    BREAK_EVEN,
                    (
                        "annual_cost",
                        "trajectories_needed",
                        "hours_per_week",
                        "share_of_contracted_time",
                        "remaining_hours_per_week",
                    ),
                ),
                **_results(sv, SAVINGS, ("savings_bggz", "savings_sggz", "savings_total", "pohj_time_cost")),
            },
            notes=[
                f"Scenario: {scen.label}.",
                f"{BASIS_LABEL}: {basis}.",
                "Trajecten per band "
                + ("geschat naar rato van de uren (Holland Rijnland 2020)." if estimated else "zoals ingevuld."),
                "Kosten over de betaalde weken, uren over de productieve weken, "
                "zoals in de rekenvoorbeelden van Rebel.",
            ],
        )
        return sentence, table_html, chart, record

    def more_outputs(self, v: Mapping[str, Any]) -> tuple[str, Any]:
        from ..annex import break_even_annex, council_annex

        contract = v.get("contracted_hours") or v["hours_per_week"]
        annual = v.get("annual_cost")
        # only what the reader changed counts as 'eigen invoer'; a value equal to the sourced default keeps its source
        defaults = {k: data.value("bggz_price" if k == "trajectory_price" else k) for k in BREAK_EVEN_ASSUMPTIONS}
        own = {k: v[k] for k in BREAK_EVEN_ASSUMPTIONS if not math.isclose(v[k], defaults[k], rel_tol=1e-9)}
        if annual is not None:
            own = {k: x for k, x in own.items() if k not in ("hourly_rate", "paid_weeks")}
            annex = break_even_annex(annual_cost=annual, contracted_hours=contract, **own)
        else:
            annex = break_even_annex(
                hours_per_week=v["hours_per_week"], contracted_hours=v.get("contracted_hours"), **own
            )
        sens = annex.sensitivity
        assert sens is not None
        if v.get("youths"):  # the council annex, as the formatie app and the summary page give it
            annex = council_annex(v["youths"], v["hours_per_week"])
        observed = observed_self_helped()
        note = (
            f"<p><strong>Benodigd effect:</strong> {percent(sens.base, 1)} van de uren moet naar trajecten die een "
            f"verwijzing vermijden (bij de standaardwaarden van de overige aannames). Als aandeel van de trajecten "
            f"is dat minder als de trajecten korter duren dan in het model (zie het hoofdstuk over financiering). "
            f"In de evaluaties van Holland Rijnland, "
            f"Accare en Rotterdam werd {span(min(observed), max(observed), 'share')} van de jeugdigen zonder "
            "verwijzing geholpen; dat is geen gemeten effect. Het CPB vond geen significante verandering in het "
            "jeugdzorggebruik van gemeenten die praktijkondersteuners financieren.</p>"
            if sens.outcome == "share_of_contracted_time"
            else ""
        )
        return "<h3>Welk effect is nodig, en welke aanname weegt het zwaarst?</h3>" + note + tornado_html(sens), annex


# --------------------------------------------------------------------------- verwijsaandeel


class ReferralApp(CalculatorApp):
    app_id = "verwijsaandeel"
    title = "Rekentool verwijsstromen en verwijsaandeel"
    intro = (
        "Hoeveel hulpvragen via de huisarts komen bij de POH-Jeugd, hoeveel worden er verwezen, en wat "
        "verandert er als het bereik stijgt? Aandelen als 0,3 of 30%."
    )
    fields_spec = (
        FieldSpec("help_questions"),
        FieldSpec("reach"),
        FieldSpec("pohj_referral_rate"),
        FieldSpec("target_reach"),
        FieldSpec("induced_demand", advanced=True),
        FieldSpec("counterfactual_referral_rate", advanced=True),
        FieldSpec("trajectory_price", default=data.value("bggz_price"), advanced=True),
        FieldSpec("baseline_referrals", optional=True, hint="leeg = geen vergelijking", advanced=True),
        FieldSpec("hourly_rate", advanced=True),
    )

    def presets(self) -> Mapping[str, Mapping[str, float | None]]:
        observed = observed_inputs_2020()
        return {
            "Holland Rijnland 2020": dict(observed),
            "AEF-aanname: alles via de POH-J": {**observed, "reach": data.bounds("reach")[1]},
            "Met aanzuigende werking": {**observed, "induced_demand": data.bounds("induced_demand")[1]},
        }

    def compute(self, v: Mapping[str, Any]) -> tuple[str, str, Figure, export.Record]:
        common = {
            k: v[k]
            for k in (
                "help_questions",
                "pohj_referral_rate",
                "induced_demand",
                "counterfactual_referral_rate",
                "trajectory_price",
            )
        }
        r = referral(reach=v["reach"], baseline_referrals=v.get("baseline_referrals"), **common)
        wi = reach_what_if(v["target_reach"], reach_from=v["reach"], hourly_rate=v["hourly_rate"], **common)
        sentence = summaries.referral_sentence(r) + " " + summaries.what_if_sentence(wi)
        m = r.mid
        rows = [
            {"wat": REFERRAL[n].label, "nu": getattr(m, n), "wat_als": getattr(wi.mid.target, n)}
            for n in (
                "help_questions",
                "to_pohj",
                "direct_referrals",
                "pohj_referrals",
                "helped_without_referral",
                "total_referrals",
                "avoided_referrals",
            )
        ]
        table_html = table(
            rows,
            {
                "wat": "Stroom",
                "nu": f"Bij bereik {percent(m.reach)}",
                "wat_als": f"Bij bereik {percent(wi.mid.target.reach)}",
            },
            caption="Verwijsstromen per jaar",
            formats={"nu": lambda x: number(x), "wat_als": lambda x: number(x)},
        )._repr_html_()
        flows = []
        for label, res in (
            (f"Bereik {percent(m.reach)}", m),
            (f"Bereik {percent(wi.mid.target.reach)}", wi.mid.target),
        ):
            flows += [
                {"scenario": label, "stroom": REFERRAL[n].label, "aantal": getattr(res, n)}
                for n in ("direct_referrals", "pohj_referrals", "helped_without_referral")
            ]
        description = (
            "Verwijsstromen bij het huidige en het nieuwe bereik: "
            + "; ".join(f"{f['scenario']}, {str(f['stroom']).lower()} {number(float(f['aantal']))}" for f in flows)
            + "."
        )
        chart = bar_chart(
            flows,
            title="Verwijsstromen",
            height=90,
            description=description,
            x=quantity("aantal", "Jeugdigen per jaar", total=True),
            y=category("scenario"),
            color={
                "field": "stroom",
                "type": "nominal",
                "title": "Stroom",
                "legend": {"labelLimit": 0, "orient": "bottom", "columns": 1},
                "scale": {"range": ["#7a1f1f", "#d08a3c", "#1f5c99"]},
            },
        )
        record = export.Record(
            app=self.app_id,
            title=self.title,
            sentence=sentence,
            inputs={k: val for k, val in v.items() if val is not None},
            input_facts={f.spec.key: f.spec.fact or f.spec.key for f in self.fields.values()},
            results={
                **_results(
                    r,
                    REFERRAL,
                    (
                        "to_pohj",
                        "direct_referrals",
                        "pohj_referrals",
                        "total_referrals",
                        "helped_without_referral",
                        "referral_share",
                        "avoided_referrals",
                        "avoided_cost",
                    ),
                ),
                **_results(
                    wi,
                    WHAT_IF,
                    ("extra_avoided_referrals", "extra_avoided_cost", "extra_pohj_hours_per_week", "extra_pohj_cost"),
                ),
            },
            notes=["Aanzuigende werking en het deel dat anders was verwezen zijn aannames; zie het handboek."],
        )
        return sentence, table_html, chart, record


APPS = {"formatie": StaffingApp, "terugverdienen": BreakEvenApp, "verwijsaandeel": ReferralApp}
