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
    add_input,
    add_inputs,
    as_text,
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
from .registry import (
    ANNUAL_COST_INPUT,
    BASIS_LABEL,
    BREAK_EVEN,
    BREAK_EVEN_ASSUMPTION_INPUTS,
    BREAK_EVEN_HOURS_INPUT,
    CAPACITY,
    CAPACITY_INPUTS,
    CONTRACTED_HOURS_INPUT,
    FULL_COST_FTE_INPUT,
    REFERRAL,
    SAVINGS,
    SAVINGS_INPUTS,
    STAFFING,
    WHAT_IF,
    app_input,
    break_even_basis,
)
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
        (data.label("fte_per_10k"), formatting.span(norm.low, norm.high, "fte_per_10k", 1)),
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
    rows.insert(1, (BASIS_LABEL, break_even_basis(
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
    total = SAVINGS["savings_total"]
    text = (
        f"Scenario: {scen.label}\n\n"
        + tabulate(
            lines,
            headers=("Band", *(SAVINGS[n].label for n in ("trajectories", "savings_bggz", "savings_sggz",
                                                           "pohj_time_cost"))),
            tablefmt="simple",
            colalign=("left", "right", "right", "right", "right"),
        )
        + f"\n\n{total.label}: {total.of(result)}"
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
    add_inputs(p, STAFFING.inputs, required=("youths",))

    p = command(CAPACITY.name, CAPACITY.title, cmd_capacity)
    add_input(p, CAPACITY_INPUTS[0], required=True, metavar="H")
    for i in CAPACITY_INPUTS[1:]:  # empty: the model takes the default from data/, which the help names
        add_input(p, i, default=as_text(i.default_value()))
    p.add_argument(
        "--trajectories",
        default=None,
        metavar="BAND=N,...",
        help="verdeling van trajecten over banden (standaard Holland Rijnland 2020)",
    )

    p = command("break-even", BREAK_EVEN.title, cmd_break_even)
    add_input(p, ANNUAL_COST_INPUT, default=False)
    add_input(p, BREAK_EVEN_HOURS_INPUT, default=False, metavar="H")
    add_input(p, BREAK_EVEN_ASSUMPTION_INPUTS[0])
    add_input(p, BREAK_EVEN_ASSUMPTION_INPUTS[1])
    add_input(p, CONTRACTED_HOURS_INPUT, default=False, metavar="H")
    add_inputs(p, BREAK_EVEN_ASSUMPTION_INPUTS[2:])
    add_input(p, FULL_COST_FTE_INPUT, default=False, metavar="F")
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
    add_inputs(p, SAVINGS_INPUTS[:2])
    p.add_argument(
        "--bggz-share", default=None, metavar="BAND=F,...", help="eigen scenario: aandeel vermeden B-GGZ per band"
    )
    p.add_argument(
        "--sggz-share", default=None, metavar="BAND=F,...", help="eigen scenario: aandeel vermeden S-GGZ per band"
    )
    add_input(p, SAVINGS_INPUTS[2], default=formatting.with_unit(SAVINGS_INPUTS[2].default_value(), "eur_per_hour", 2))

    p = command(REFERRAL.name, REFERRAL.title, cmd_referral)
    add_inputs(p, REFERRAL.inputs)
    add_input(p, next(i for i in BREAK_EVEN_ASSUMPTION_INPUTS if i.name == "trajectory_price"))
    add_input(p, app_input("baseline_referrals"), default=False)
    add_input(p, app_input("target_reach"), default=False)

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
