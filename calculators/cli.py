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
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from tabulate import tabulate

from . import cli_decision, data, edition, formatting
from .break_even import break_even
from .cli_output import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    Parser,
    fmt_span,
    mid_of,
    span_dict,
    table,
)
from .discrepancies import all_discrepancies
from .errors import InputError
from .parsing import parse_band_map, parse_number, parse_value
from .published import all_cells
from .published import counts as cell_counts
from .ranges import Range
from .referral import reach_what_if, referral
from .registry import BREAK_EVEN, CAPACITY, REFERRAL, STAFFING, WHAT_IF, Calculator, break_even_basis
from .savings import builtin_scenario, custom_scenario, savings
from .staffing import capacity, staffing

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
        (data.label("youths"), formatting.number(youths)),
        ("Norm", formatting.span(norm.low, norm.high, "fte_per_10k", 1)),
        *STAFFING.rows(result),
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
    text = table(CAPACITY.rows(result))
    return span_dict(result), text


def cmd_break_even(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    full = args.full_cost_fte is not None
    if full:  # the whole cost (salary plus cost items) of F fte is the annual cost
        if args.annual_cost is not None:
            raise InputError("Geef --annual-cost of --full-cost-fte op, niet allebei.", field="annual_cost")
        total = cli_decision.full_cost(args)
        args.annual_cost = f"{total.low!r}..{total.high!r}"
        if args.contracted_hours is None and args.hours_per_week is None:
            args.contracted_hours = repr(parse_number(args.full_cost_fte, "fte") * data.value("hours_per_fte"))
    elif cli_decision.cost_amounts(args) or args.cost_per_fte is not None:
        raise InputError("Kostenposten en --cost-per-fte gelden alleen samen met --full-cost-fte.",
                         field="full_cost_fte")
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
    rows = BREAK_EVEN.rows(result)
    rows.insert(1, ("Basis van de jaarkosten", break_even_basis(
        args.annual_cost is not None and not full, full,
        mid_of(parse_value(args.hourly_rate, "hourly_rate")), mid_of(parse_value(args.paid_weeks, "paid_weeks")))))
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
        (
            line_low.label,
            formatting.number(line_low.count),
            formatting.span(line_low.savings_bggz, line_high.savings_bggz, "eur"),
            formatting.span(line_low.savings_sggz, line_high.savings_sggz, "eur"),
            formatting.span(line_low.pohj_time_cost, line_high.pohj_time_cost, "eur"),
        )
        for line_low, line_high in zip(result.low.lines, result.high.lines, strict=True)
    ]
    lines.append(
        (
            "Totaal",
            formatting.number(result.mid.trajectories),
            fmt_span(result, "savings_bggz", "eur"),
            fmt_span(result, "savings_sggz", "eur"),
            fmt_span(result, "pohj_time_cost", "eur"),
        )
    )
    text = (
        f"Scenario: {scen.label}\n\n"
        + tabulate(
            lines,
            headers=("Band", "Trajecten", "Besparing B-GGZ", "Besparing S-GGZ", "Tijdkosten POH-J"),
            tablefmt="simple",
            colalign=("left", "right", "right", "right", "right"),
        )
        + f"\n\nTotale besparing: {fmt_span(result, 'savings_total', 'eur')}"
        + "\nDe tijdkosten van de POH-J staan ernaast ter vergelijking; ze zijn al onderdeel van de jaarkosten"
        " en zijn niet van de besparing afgetrokken."
        + (
            "\nGeen meetbaar effect: geen traject telt als vermeden, zoals in het CPB-onderzoek van 2020 naar gemeenten"
            " die POH's financieren. De jaarkosten van de POH-J blijven staan."
            if scen.name == "none"
            else ""
        )
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
    rows = REFERRAL.rows(result)
    if args.target_reach is not None:
        what_if = reach_what_if(
            parse_value(args.target_reach, "reach"),  # type: ignore[arg-type]
            **{k: v for k, v in inputs.items() if k not in {"baseline_referrals", "reach"}},
            reach_from=inputs["reach"],
        )
        out["what_if"] = span_dict(what_if)
        rows += WHAT_IF.rows(what_if)
    return out, table(rows)


def cmd_discrepancies(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    items = all_discrepancies()
    out = {
        d.id: {
            "title": d.title,
            "printed": d.printed,
            "ours": d.ours,
            "ours_high": d.ours_high,
            "unit": d.unit,
            "source": d.source,
            "ref": d.ref,
            "explanation": d.explanation(),
        }
        for d in items
    }
    text = "\n\n".join(f"{d.title} ({d.source}, {d.ref})\n  {d.explanation()}" for d in items)
    return out, text


def cmd_published(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    cells = all_cells()
    n = cell_counts(cells)
    out = {
        "cells": [dataclasses.asdict(c) | {"matches": c.matches} for c in cells],
        "matching": sum(c.matches for c in cells),
        "total": n.total,
        "fed_in": n.fed_in,
        "reproduced": n.reproduced,
        "reproduced_matching": n.reproduced_matching,
        "reproduced_off": n.reproduced_off,
    }
    rows = [
        (
            c.table,
            c.row,
            c.column,
            "invoer" if c.fed_in else "herrekend",
            "n.v.t." if c.printed is None else formatting.number(c.printed, c.decimals),
            formatting.number(c.ours, max(c.decimals, 2)),
            "ja" if c.matches else f"nee ({c.discrepancy})",
        )
        for c in cells
    ]
    text = tabulate(rows, headers=("Tabel", "Rij", "Kolom", "Soort", "Afgedrukt", "Model", "Klopt"), tablefmt="simple")
    text += (
        f"\n\n{n.total} afgedrukte cellen: {n.fed_in} zijn invoer van het model (overgenomen, kloppen vanzelf), "
        f"{n.reproduced} zijn herrekend. Van de herrekende cellen kloppen er {n.reproduced_matching}; "
        f"{n.reproduced_off} wijken af (zie python -m calculators discrepancies)."
    )
    return out, text


def _as_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def add_inputs(p: argparse.ArgumentParser, calc: Calculator, required: tuple[str, ...] = ()) -> None:
    """The calculator's inputs as options: name, default, label and bound from the registry (one definition)."""
    for i in calc.inputs:
        bound, unit = i.maximum(), i.unit_name()
        help_text = i.dutch_label() + (f" (hoogstens {_as_text(bound)})" if bound is not None else "")
        metavar = "F" if unit == "share" else "EUR" if unit.startswith("eur") else "N"
        option = "--" + i.name.replace("_", "-")
        if i.name in required:
            p.add_argument(option, required=True, metavar=metavar, help=help_text)
        else:
            p.add_argument(option, default=_as_text(i.default_value()), metavar=metavar, help=help_text)


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
    parser = Parser(
        prog="python -m calculators",
        description="Rekenmodellen van het Handboek POH-Jeugd. Gebruik --json voor machineleesbare uitvoer.",
    )
    parser.add_argument(
        "--version", action=VersionAction, help="toon de editie van het handboek en de licenties en stop"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser, metavar="OPDRACHT")

    def command(name: str, help_text: str, fn: Callable[..., Any]) -> Parser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--json", action="store_true", help="één JSON-object met onafgeronde getallen")
        p.set_defaults(handler=fn)
        return p

    p = command(STAFFING.name, STAFFING.title, cmd_staffing)
    add_inputs(p, STAFFING, required=("youths",))

    p = command("capacity", "Wat een aantal uren per week aan contacten en cliënten kan dragen", cmd_capacity)
    p.add_argument("--hours-per-week", required=True, metavar="H", help="uren POH-J per week")
    p.add_argument(
        "--contact-minutes", default=None, help=f"duur van een contact (standaard {_default('contact_minutes')})"
    )
    p.add_argument(
        "--indirect-uplift", default=None, help=f"opslag indirecte tijd (standaard {_default('indirect_uplift')})"
    )
    p.add_argument("--working-weeks", default=None, help=f"productieve weken (standaard {_default('working_weeks')})")
    p.add_argument("--client-time-share", default=None, help="deel van de uren voor cliënttrajecten (standaard 1)")
    p.add_argument(
        "--trajectories",
        default=None,
        metavar="BAND=N,...",
        help="verdeling van trajecten over banden (standaard Holland Rijnland 2020)",
    )

    p = command("break-even", "Terugverdienen: hoeveel vermeden trajecten betalen de POH-J?", cmd_break_even)
    p.add_argument("--annual-cost", default=None, metavar="EUR", help="jaarkosten POH-J")
    p.add_argument("--hours-per-week", default=None, metavar="H", help="uren per week (als de jaarkosten ontbreken)")
    p.add_argument("--hourly-rate", default=_default("hourly_rate"), help="uurkosten zonder indirecte tijd")
    p.add_argument("--paid-weeks", default=_default("paid_weeks"), help="betaalde weken per jaar")
    p.add_argument("--contracted-hours", default=None, metavar="H", help="contracturen (standaard --hours-per-week)")
    p.add_argument("--trajectory-price", default=_default("bggz_price"), help="prijs van een vermeden traject")
    p.add_argument(
        "--direct-hours-per-trajectory",
        default=_default("direct_hours_per_trajectory"),
        help="directe uren per traject",
    )
    p.add_argument("--indirect-uplift", default=_default("indirect_uplift"), help="opslag indirecte tijd")
    p.add_argument("--working-weeks", default=_default("working_weeks"), help="productieve weken per jaar")
    p.add_argument(
        "--full-cost-fte",
        default=None,
        metavar="F",
        help="jaarkosten = integrale kosten van F fte (salaris plus kostenposten, zie costs)",
    )
    cli_decision.add_cost_options(p)

    p = command("savings", "Besparingsscenario's voor trajecten zonder verwijzing", cmd_savings)
    p.add_argument(
        "--scenario",
        default="conservative",
        help="conservative (conservatief), optimistic (optimistisch) of none (geen meetbaar effect: "
        "besparing 0, zoals het CPB-onderzoek van 2020)",
    )
    p.add_argument(
        "--trajectories",
        default=None,
        metavar="BAND=N,...",
        help="trajecten per band, bijvoorbeeld 1=49,2-5=95,6-10=100 (standaard Holland Rijnland 2020)",
    )
    p.add_argument("--bggz-price", default=_default("bggz_price"), help="prijs B-GGZ-traject")
    p.add_argument("--sggz-price", default=_default("sggz_price"), help="prijs S-GGZ-traject")
    p.add_argument(
        "--bggz-share", default=None, metavar="BAND=F,...", help="eigen scenario: aandeel vermeden B-GGZ per band"
    )
    p.add_argument(
        "--sggz-share", default=None, metavar="BAND=F,...", help="eigen scenario: aandeel vermeden S-GGZ per band"
    )
    p.add_argument(
        "--hourly-cost", default=None, help="kosten per contactuur incl. indirecte tijd (standaard 61 x 1,33)"
    )

    p = command(REFERRAL.name, REFERRAL.title, cmd_referral)
    add_inputs(p, REFERRAL)
    p.add_argument("--trajectory-price", default=_default("bggz_price"), help="prijs van een vermeden verwijzing")
    p.add_argument("--baseline-referrals", default=None, metavar="N", help="verwijzingen in een basisjaar (2018: 1418)")
    p.add_argument("--target-reach", default=None, metavar="F", help="wat als het bereik dit wordt?")

    command("discrepancies", "Waar de bronnen niet kloppen: afgedrukt tegenover herrekend", cmd_discrepancies)
    command("published", "Alle afgedrukte cellen van de business case, herrekend", cmd_published)

    # decision support (workload, costs, sensitivity, annex): calculators/cli_decision.py
    cli_decision.register(sub, command)

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
