"""Command-line interface: ``python -m calculators SUBCOMMAND [options] [--json]``.

A public contract used by scripts, the handbook and outside checks. Without
``--json`` it prints a readable Dutch table; with ``--json`` one JSON object of
unrounded numbers (euros; shares as fractions 0–1). A value may be a range
``LOW..HIGH``; the JSON value is then ``{"low": …, "high": …}``.

Bad input prints one Dutch line on stderr and exits with 2; never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from tabulate import tabulate

from . import data, edition, formatting
from .break_even import break_even
from .discrepancies import all_discrepancies
from .errors import InputError
from .published import all_cells
from .published import counts as cell_counts
from .ranges import Range, Span
from .referral import reach_what_if, referral
from .savings import builtin_scenario, custom_scenario, savings
from .staffing import capacity, staffing
from .parsing import parse_band_map, parse_number, parse_value

EXIT_INPUT = 2
EXIT_INTERNAL = 1


# --------------------------------------------------------------------------- output


def _jsonable(x: Any) -> Any:
    if isinstance(x, Range):
        return {"low": x.low, "high": x.high}
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _jsonable(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    return x


def span_dict(span: Span[Any]) -> dict[str, Any]:
    """A result as a JSON dict: plain numbers where low == high, else {'low', 'high'}."""

    def merge(low: Any, high: Any) -> Any:
        if dataclasses.is_dataclass(low) and not isinstance(low, type):
            return {f.name: merge(getattr(low, f.name), getattr(high, f.name)) for f in dataclasses.fields(low)}
        if isinstance(low, list | tuple):
            return [merge(a, b) for a, b in zip(low, high, strict=True)]
        if isinstance(low, int | float) and not isinstance(low, bool) and low != high:
            return {"low": low, "high": high}
        return _jsonable(low)

    return merge(span.low, span.high)


def fmt_span(span: Span[Any], name: str, unit: str, decimals: int = 0) -> str:
    low, high = getattr(span.low, name), getattr(span.high, name)
    if low is None:
        return "–"
    return formatting.span(low, high, unit, decimals)


def table(rows: Sequence[tuple[str, str]]) -> str:
    return tabulate(rows, headers=("Omschrijving", "Waarde"), tablefmt="simple", colalign=("left", "right"))


# --------------------------------------------------------------------------- subcommands


def cmd_staffing(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    youths = parse_number(args.youths, "youths")
    norm = Range(parse_number(args.fte_per_10k_low, "fte_per_10k"), parse_number(args.fte_per_10k_high, "fte_per_10k"))
    cost = Range(parse_number(args.cost_per_fte_low, "cost_per_fte"),
                 parse_number(args.cost_per_fte_high, "cost_per_fte"))
    hours_per_fte = parse_number(args.hours_per_fte, "hours_per_fte")
    result = staffing(youths, fte_per_10k=norm, hours_per_fte=hours_per_fte, cost_per_fte=cost)
    out = {
        "youths": youths,
        "fte_low": result.low.fte, "fte_high": result.high.fte,
        "hours_per_week_low": result.low.hours_per_week, "hours_per_week_high": result.high.hours_per_week,
        "annual_cost_low": result.low.annual_cost, "annual_cost_high": result.high.annual_cost,
        "cost_per_youth_low": result.low.cost_per_youth, "cost_per_youth_high": result.high.cost_per_youth,
        "inputs": {"fte_per_10k_low": norm.low, "fte_per_10k_high": norm.high, "hours_per_fte": hours_per_fte,
                   "cost_per_fte_low": cost.low, "cost_per_fte_high": cost.high},
    }
    text = table([
        ("Jeugdigen (0–17 jaar)", formatting.number(youths)),
        ("Norm", formatting.span(norm.low, norm.high, "fte_per_10k", 1)),
        ("Formatie", fmt_span(result, "fte", "fte", 2)),
        ("Uren per week", fmt_span(result, "hours_per_week", "hours_per_week", 1)),
        ("Kosten per jaar", fmt_span(result, "annual_cost", "eur")),
        ("Kosten per jeugdige per jaar", fmt_span(result, "cost_per_youth", "eur", 2)),
    ])
    return out, text


def cmd_capacity(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    band_counts = parse_band_map(args.trajectories, "trajectories") if args.trajectories else None
    result = capacity(
        parse_value(args.hours_per_week, "hours_per_week"),  # type: ignore[arg-type]
        contact_minutes=parse_value(args.contact_minutes, "contact_minutes"),
        indirect_uplift=parse_value(args.indirect_uplift, "indirect_uplift"),
        working_weeks=parse_value(args.working_weeks, "working_weeks"),
        client_time_share=parse_value(args.client_time_share, "client_time_share"),
        band_counts=band_counts,
    )
    text = table([
        ("Uren per week", fmt_span(result, "hours_per_week", "hours_per_week", 1)),
        ("Waarvan voor cliënttrajecten", fmt_span(result, "client_hours_per_week", "hours_per_week", 1)),
        ("Tijd per contact (incl. indirect)", fmt_span(result, "hours_per_contact", "hours", 2)),
        ("Contacten per week", fmt_span(result, "contacts_per_week", "count", 1)),
        ("Contacten per jaar", fmt_span(result, "contacts_per_year", "count")),
        ("Gemiddeld aantal contacten per traject", fmt_span(result, "mean_contacts_per_trajectory", "count", 1)),
        ("Trajecten per jaar", fmt_span(result, "trajectories_per_year", "count")),
        ("Nieuwe cliënten per week", fmt_span(result, "new_clients_per_week", "count", 1)),
        ("Contacten op een volle werkdag", fmt_span(result, "contacts_per_full_day", "count", 1)),
    ])
    return span_dict(result), text


def cmd_break_even(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    if args.annual_cost is None and args.hours_per_week is None:
        raise InputError("Geef --annual-cost (jaarkosten) of --hours-per-week (uren per week) op.",
                         field="annual_cost")
    result = break_even(
        annual_cost=parse_value(args.annual_cost, "annual_cost"),
        hours_per_week=parse_value(args.hours_per_week, "hours_per_week"),
        hourly_rate=parse_value(args.hourly_rate, "hourly_rate"),
        paid_weeks=parse_value(args.paid_weeks, "paid_weeks"),
        contracted_hours=parse_value(args.contracted_hours, "contracted_hours"),
        trajectory_price=parse_value(args.trajectory_price, "trajectory_price"),
        direct_hours_per_trajectory=parse_value(args.direct_hours_per_trajectory, "direct_hours_per_trajectory"),
        indirect_uplift=parse_value(args.indirect_uplift, "indirect_uplift"),
        working_weeks=parse_value(args.working_weeks, "working_weeks"),
    )
    rows = [
        ("Jaarkosten POH-J", fmt_span(result, "annual_cost", "eur")),
        ("Prijs vermeden traject", fmt_span(result, "trajectory_price", "eur")),
        ("Benodigde vermeden trajecten per jaar", fmt_span(result, "trajectories_needed", "count", 1)),
        ("Uren per jaar (direct + indirect)", fmt_span(result, "hours_needed_per_year", "count")),
        ("Uren per week", fmt_span(result, "hours_per_week", "hours_per_week", 1)),
        ("  waarvan direct cliëntcontact", fmt_span(result, "direct_hours_per_week", "hours_per_week", 1)),
        ("  waarvan indirect cliëntcontact", fmt_span(result, "indirect_hours_per_week", "hours_per_week", 1)),
    ]
    if result.mid.contracted_hours is not None:
        rows += [
            ("Contracturen per week", fmt_span(result, "contracted_hours", "hours_per_week", 1)),
            ("Aandeel van de contracturen", fmt_span(result, "share_of_contracted_time", "share", 2)),
            ("Uren over voor andere taken", fmt_span(result, "remaining_hours_per_week", "hours_per_week", 1)),
        ]
    return span_dict(result), table(rows)


def cmd_savings(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    if args.bggz_share or args.sggz_share:
        scen = custom_scenario(parse_band_map(args.bggz_share or "1=0", "scenario"),
                               parse_band_map(args.sggz_share or "1=0", "scenario"))
    else:
        scen = builtin_scenario(args.scenario)
    counts = parse_band_map(args.trajectories, "trajectories") if args.trajectories else None
    result = savings(
        counts,
        scenario=scen,
        bggz_price=parse_value(args.bggz_price, "bggz_price"),
        sggz_price=parse_value(args.sggz_price, "sggz_price"),
        hourly_cost_incl_indirect=parse_value(args.hourly_cost, "hourly_cost_incl_indirect"),
    )
    lines = [
        (line_low.label, formatting.number(line_low.count), formatting.span(line_low.savings_bggz, line_high.savings_bggz, "eur"),
         formatting.span(line_low.savings_sggz, line_high.savings_sggz, "eur"),
         formatting.span(line_low.pohj_time_cost, line_high.pohj_time_cost, "eur"))
        for line_low, line_high in zip(result.low.lines, result.high.lines, strict=True)
    ]
    lines.append(("Totaal", formatting.number(result.mid.trajectories), fmt_span(result, "savings_bggz", "eur"),
                  fmt_span(result, "savings_sggz", "eur"), fmt_span(result, "pohj_time_cost", "eur")))
    text = (
        f"Scenario: {scen.label}\n\n"
        + tabulate(lines, headers=("Band", "Trajecten", "Besparing B-GGZ", "Besparing S-GGZ", "Tijdkosten POH-J"),
                   tablefmt="simple", colalign=("left", "right", "right", "right", "right"))
        + f"\n\nTotale besparing: {fmt_span(result, 'savings_total', 'eur')}"
        + "\nDe tijdkosten van de POH-J staan ernaast ter vergelijking; ze zijn al onderdeel van de jaarkosten"
        " en zijn niet van de besparing afgetrokken."
        + ("\nGeen meetbaar effect: geen traject telt als vermeden, zoals in het CPB-onderzoek van 2020 naar gemeenten"
           " die POH's financieren. De jaarkosten van de POH-J blijven staan." if scen.name == "none" else "")
    )
    return span_dict(result), text


def cmd_referral(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    inputs = {
        "help_questions": parse_value(args.help_questions, "help_questions"),
        "reach": parse_value(args.reach, "reach"),
        "pohj_referral_rate": parse_value(args.pohj_referral_rate, "pohj_referral_rate"),
        "induced_demand": parse_value(args.induced_demand, "induced_demand"),
        "counterfactual_referral_rate": parse_value(args.counterfactual_referral_rate, "counterfactual_referral_rate"),
        "trajectory_price": parse_value(args.trajectory_price, "trajectory_price"),
        "baseline_referrals": parse_value(args.baseline_referrals, "baseline_referrals"),
    }
    result = referral(**inputs)
    out = span_dict(result)
    rows = [
        ("Hulpvragen via de huisarts", fmt_span(result, "help_questions", "count")),
        ("Naar de POH-J (bereik)", f"{fmt_span(result, 'to_pohj', 'count')} ({fmt_span(result, 'reach', 'share', 3)})"),
        ("Direct verwezen door de huisarts", fmt_span(result, "direct_referrals", "count")),
        ("Verwezen via de POH-J", fmt_span(result, "pohj_referrals", "count")),
        ("Niet naar jeugd-GGZ of overbrugging verwezen", fmt_span(result, "helped_without_referral", "count")),
        ("Verwijzingen tweede lijn totaal", fmt_span(result, "total_referrals", "count")),
        ("Verwijsaandeel", fmt_span(result, "referral_share", "share", 3)),
        ("Vermeden verwijzingen (t.o.v. geen POH-J)", fmt_span(result, "avoided_referrals", "count")),
        ("Waarde vermeden verwijzingen", fmt_span(result, "avoided_cost", "eur")),
    ]
    if result.mid.baseline_referrals is not None:
        rows.append(("Verschil met basisjaar", fmt_span(result, "change_vs_baseline", "count")))
    if args.target_reach is not None:
        what_if = reach_what_if(parse_value(args.target_reach, "reach"),  # type: ignore[arg-type]
                                **{k: v for k, v in inputs.items() if k not in {"baseline_referrals", "reach"}},
                                reach_from=inputs["reach"])
        out["what_if"] = span_dict(what_if)
        rows += [
            ("Extra jeugdigen bij de POH-J", fmt_span(what_if, "extra_to_pohj", "count")),
            ("Extra vermeden verwijzingen", fmt_span(what_if, "extra_avoided_referrals", "count")),
            ("Extra waarde vermeden verwijzingen", fmt_span(what_if, "extra_avoided_cost", "eur")),
            ("Extra POH-J-uren per week nodig", fmt_span(what_if, "extra_pohj_hours_per_week", "hours_per_week", 1)),
            ("Kosten van die extra uren per jaar", fmt_span(what_if, "extra_pohj_cost", "eur")),
        ]
    return out, table(rows)


def cmd_discrepancies(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    items = all_discrepancies()
    out = {d.id: {"title": d.title, "printed": d.printed, "ours": d.ours, "ours_high": d.ours_high,
                  "unit": d.unit, "source": d.source, "ref": d.ref, "explanation": d.explanation()} for d in items}
    text = "\n\n".join(f"{d.title} ({d.source}, {d.ref})\n  {d.explanation()}" for d in items)
    return out, text


def cmd_published(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    cells = all_cells()
    n = cell_counts(cells)
    out = {"cells": [dataclasses.asdict(c) | {"matches": c.matches} for c in cells],
           "matching": sum(c.matches for c in cells), "total": n.total, "fed_in": n.fed_in,
           "reproduced": n.reproduced, "reproduced_matching": n.reproduced_matching,
           "reproduced_off": n.reproduced_off}
    rows = [(c.table, c.row, c.column, "invoer" if c.fed_in else "herrekend",
             "n.v.t." if c.printed is None else formatting.number(c.printed, c.decimals),
             formatting.number(c.ours, max(c.decimals, 2)), "ja" if c.matches else f"nee ({c.discrepancy})")
            for c in cells]
    text = tabulate(rows, headers=("Tabel", "Rij", "Kolom", "Soort", "Afgedrukt", "Model", "Klopt"),
                    tablefmt="simple")
    text += (f"\n\n{n.total} afgedrukte cellen: {n.fed_in} zijn invoer van het model (overgenomen, kloppen vanzelf), "
             f"{n.reproduced} zijn herrekend. Van de herrekende cellen kloppen er {n.reproduced_matching}; "
             f"{n.reproduced_off} wijken af (zie python -m calculators discrepancies).")
    return out, text


# --------------------------------------------------------------------------- argparse in Dutch

_ARGPARSE_NL: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (r"the following arguments are required: (.+)", lambda m: f"Verplichte optie ontbreekt: {m[1]}."),
    (r"unrecognized arguments: (.+)", lambda m: f"Onbekende optie: {m[1]}."),
    (r"argument (\S+): expected one argument", lambda m: f"Optie {m[1]} verwacht een waarde."),
    (r"argument (\S+): invalid choice: '?([^' ]+)'? \(choose from (.+)\)",
     lambda m: f"Onbekende keuze '{m[2]}' voor {m[1]}: kies uit {m[3]}."),
    (r"argument (\S+): not allowed with argument (\S+)", lambda m: f"Opties {m[1]} en {m[2]} gaan niet samen."),
    (r"invalid choice: '?([^' ]+)'? \(choose from (.+)\)", lambda m: f"Onbekende opdracht '{m[1]}': kies uit {m[2]}."),
]


def dutch_argparse_message(message: str) -> str:
    for pattern, build in _ARGPARSE_NL:
        match = re.search(pattern, message)
        if match:
            return build(match)
    return f"Ongeldige invoer: {message}"


class DutchHelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix '' when it builds a subcommand's prog from the parent's usage
        super().add_usage(usage, actions, groups, prefix="gebruik: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._optionals.title = "opties"
        self._positionals.title = "opdrachten"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        print(f"fout: {dutch_argparse_message(message)}", file=sys.stderr)
        raise SystemExit(EXIT_INPUT)


def _default(key: str) -> str:
    """A default from data/ as CLI text (so --help shows the sourced value)."""
    v = data.value(key)
    return str(int(v)) if float(v).is_integer() else str(v)


class VersionAction(argparse.Action):
    """``--version``: the edition and licences on one unwrapped line, exit 0."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> NoReturn:
        print(edition.version_text())
        parser.exit()


def build_parser() -> Parser:
    parser = Parser(prog="python -m calculators",
                    description="Rekenmodellen van het Handboek POH-Jeugd. Gebruik --json voor machineleesbare uitvoer.")
    parser.add_argument("--version", action=VersionAction, help="toon de editie van het handboek en de licenties en stop")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="OPDRACHT")

    def command(name: str, help_text: str, fn: Callable[..., Any]) -> Parser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="één JSON-object met onafgeronde getallen")
        p.set_defaults(handler=fn)
        return p

    p = command("staffing", "Formatie volgens de norm per 10.000 jeugdigen", cmd_staffing)
    p.add_argument("--youths", required=True, metavar="N", help="aantal jeugdigen van 0–17 jaar")
    p.add_argument("--fte-per-10k-low", default=str(data.bounds("fte_per_10k")[0]), help="norm, ondergrens")
    p.add_argument("--fte-per-10k-high", default=str(data.bounds("fte_per_10k")[1]), help="norm, bovengrens")
    p.add_argument("--hours-per-fte", default=_default("hours_per_fte"), help="uren per fte")
    p.add_argument("--cost-per-fte-low", default=str(int(data.bounds("cost_per_fte")[0])), help="kosten per fte, ondergrens")
    p.add_argument("--cost-per-fte-high", default=str(int(data.bounds("cost_per_fte")[1])), help="kosten per fte, bovengrens")

    p = command("capacity", "Wat een aantal uren per week aan contacten en cliënten kan dragen", cmd_capacity)
    p.add_argument("--hours-per-week", required=True, metavar="H", help="uren POH-J per week")
    p.add_argument("--contact-minutes", default=None, help=f"duur van een contact (standaard {_default('contact_minutes')})")
    p.add_argument("--indirect-uplift", default=None, help=f"opslag indirecte tijd (standaard {_default('indirect_uplift')})")
    p.add_argument("--working-weeks", default=None, help=f"productieve weken (standaard {_default('working_weeks')})")
    p.add_argument("--client-time-share", default=None, help="deel van de uren voor cliënttrajecten (standaard 1)")
    p.add_argument("--trajectories", default=None, metavar="BAND=N,...",
                   help="verdeling van trajecten over banden (standaard Holland Rijnland 2020)")

    p = command("break-even", "Terugverdienen: hoeveel vermeden trajecten betalen de POH-J?", cmd_break_even)
    p.add_argument("--annual-cost", default=None, metavar="EUR", help="jaarkosten POH-J")
    p.add_argument("--hours-per-week", default=None, metavar="H", help="uren per week (als de jaarkosten ontbreken)")
    p.add_argument("--hourly-rate", default=_default("hourly_rate"), help="uurkosten zonder indirecte tijd")
    p.add_argument("--paid-weeks", default=_default("paid_weeks"), help="betaalde weken per jaar")
    p.add_argument("--contracted-hours", default=None, metavar="H", help="contracturen (standaard --hours-per-week)")
    p.add_argument("--trajectory-price", default=_default("bggz_price"), help="prijs van een vermeden traject")
    p.add_argument("--direct-hours-per-trajectory", default=_default("direct_hours_per_trajectory"),
                   help="directe uren per traject")
    p.add_argument("--indirect-uplift", default=_default("indirect_uplift"), help="opslag indirecte tijd")
    p.add_argument("--working-weeks", default=_default("working_weeks"), help="productieve weken per jaar")

    p = command("savings", "Besparingsscenario's voor trajecten zonder verwijzing", cmd_savings)
    p.add_argument("--scenario", default="conservative", help="conservative (conservatief), optimistic (optimistisch) of none (geen meetbaar effect: "
                   "besparing 0, zoals het CPB-onderzoek van 2020)")
    p.add_argument("--trajectories", default=None, metavar="BAND=N,...",
                   help="trajecten per band, bijvoorbeeld 1=49,2-5=95,6-10=100 (standaard Holland Rijnland 2020)")
    p.add_argument("--bggz-price", default=_default("bggz_price"), help="prijs B-GGZ-traject")
    p.add_argument("--sggz-price", default=_default("sggz_price"), help="prijs S-GGZ-traject")
    p.add_argument("--bggz-share", default=None, metavar="BAND=F,...", help="eigen scenario: aandeel vermeden B-GGZ per band")
    p.add_argument("--sggz-share", default=None, metavar="BAND=F,...", help="eigen scenario: aandeel vermeden S-GGZ per band")
    p.add_argument("--hourly-cost", default=None, help="kosten per contactuur incl. indirecte tijd (standaard 61 x 1,33)")

    p = command("referral", "Verwijsstromen en verwijsaandeel langs de huisartsroute", cmd_referral)
    p.add_argument("--help-questions", default=_default("help_questions"), metavar="N", help="hulpvragen via de huisarts per jaar")
    p.add_argument("--reach", default=_default("reach"), metavar="F", help="deel dat bij de POH-J komt (0–1)")
    p.add_argument("--pohj-referral-rate", default=_default("pohj_referral_rate"), metavar="F",
                   help="deel dat de POH-J naar jeugd-GGZ of overbrugging verwijst (0–1; definitie van Rebel)")
    p.add_argument("--induced-demand", default=_default("induced_demand"), metavar="F",
                   help="aanzuigende werking: deel van de POH-J-instroom dat nieuwe vraag is")
    p.add_argument("--counterfactual-referral-rate", default=_default("counterfactual_referral_rate"), metavar="F",
                   help="deel van de niet naar jeugd-GGZ verwezen jeugdigen dat anders was verwezen")
    p.add_argument("--trajectory-price", default=_default("bggz_price"), help="prijs van een vermeden verwijzing")
    p.add_argument("--baseline-referrals", default=None, metavar="N", help="verwijzingen in een basisjaar (2018: 1418)")
    p.add_argument("--target-reach", default=None, metavar="F", help="wat als het bereik dit wordt?")

    command("discrepancies", "Waar de bronnen niet kloppen: afgedrukt tegenover herrekend", cmd_discrepancies)
    command("published", "Alle afgedrukte cellen van de business case, herrekend", cmd_published)

    # decision support (workload, costs, sensitivity, annex; break-even --full-cost-fte): calculators/cli_decision.py
    from .cli_decision import register as register_decision

    register_decision(sub, command)

    # ---- evaluation kit (issue 10): its subcommands live in calculators/evaluation/cli.py
    from .evaluation.cli import register as register_evaluation

    register_evaluation(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        out, text = args.handler(args)
    except InputError as exc:
        print(f"fout: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # never a traceback for a reader; the message says where to look
        print(f"interne fout ({type(exc).__name__}): {exc}. Meld dit met de gebruikte opdracht.", file=sys.stderr)
        return EXIT_INTERNAL
    try:
        print(json.dumps(out, ensure_ascii=False, indent=2) if args.json else text, flush=True)
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error, and no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
