"""CLI subcommands for decision support: ``workload``, ``costs``, ``sensitivity`` (and ``annex``).

``cli.build_parser`` calls :func:`register` once; this module does not import ``cli`` (no import
circle): what the subcommands share lives in ``cli_output``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from . import data, formatting
from .cli_output import Parser, add_input, mid_of, span_dict, table
from .costs import cost_items, costs
from .errors import InputError
from .parsing import parse_band_map, parse_number, parse_value
from .ranges import Range
from .registry import (
    ANNUAL_COST_INPUT,
    BREAK_EVEN_ASSUMPTION_INPUTS,
    BREAK_EVEN_HOURS_INPUT,
    CONTRACTED_HOURS_INPUT,
    COST_ITEM_INPUTS,
    COST_PER_FTE_INPUT,
    COSTS,
    COSTS_FTE_INPUT,
    CURRENT_HOURS_INPUT,
    FULL_COST_FTE_INPUT,
    HOURS_PER_FTE_INPUT,
    HOURS_PER_WEEK_INPUT,
    REFERRAL,
    SAVINGS_INPUTS,
    STAFFING,
    WORKLOAD,
    YOUTHS_INPUT,
    YOUTHS_PER_1000_INPUT,
)
from .sensitivity import Sensitivity, break_even_sensitivity, savings_sensitivity, workload_sensitivity
from .workload import workload, workload_inputs

ASSUMPTION_MARK = "aanname"

# option name -> model argument, for the WISN inputs (the option names)
WORKLOAD_OPTIONS = {
    "--help-questions-per-1000": "help_questions_per_1000",
    "--share-via-pohj": "share_via_pohj",
    "--contacts-per-trajectory": "contacts_per_trajectory",
    "--minutes-per-contact": "minutes_per_contact",
    "--support-share": "support_share",
    "--additional-hours-per-year": "additional_hours_per_year",
    "--available-hours-per-fte": "available_hours_per_fte",
}

COST_OPTIONS = {f"--{i.item.replace('_', '-')}": i.item for i in cost_items()}


def _fmt(x: float, unit: str) -> str:
    return formatting.auto(x, unit, 2)


def input_note(name: str, given: Any) -> str:
    """'(aanname)' or the source, or 'eigen invoer' when the user gave the value."""
    if given is not None:
        return "eigen invoer"
    a = workload_inputs()[name]
    if a.is_assumption:
        return ASSUMPTION_MARK
    return f"{data.sources()[a.source]['short_nl']}, {a.ref}"


def _positive_youths(text: str) -> float | Range:
    value = parse_value(text, "youths")
    assert value is not None
    return value


# ----------------------------------------------------------------------------------- workload


def workload_args(args: argparse.Namespace) -> dict[str, Any]:
    return {arg: parse_value(getattr(args, arg), arg) for arg in WORKLOAD_OPTIONS.values()}


def cmd_workload(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    given = workload_args(args)
    youths = _positive_youths(args.youths)
    hours_per_fte = parse_value(args.hours_per_fte, "hours_per_fte")
    current = parse_value(args.current_hours, "current_hours") if args.current_hours is not None else None
    result = workload(youths, hours_per_fte=hours_per_fte, current_hours=current, **given)
    out = span_dict(result)
    if current is None:
        out.pop("wisn_ratio", None)
        out.pop("wisn_difference_fte", None)
    defaults = workload_inputs()
    out["inputs"] = {
        name: {"value": given[name] if given[name] is not None else defaults[name].value,
               "low": defaults[name].low, "high": defaults[name].high, "label": defaults[name].label,
               "source": "eigen invoer" if given[name] is not None else defaults[name].source,
               "ref": "" if given[name] is not None else defaults[name].ref,
               "assumption": given[name] is None and defaults[name].is_assumption}
        for name in WORKLOAD_OPTIONS.values()
    }
    out["inputs"] = {k: ({kk: (vv if not isinstance(vv, Range) else {"low": vv.low, "high": vv.high})
                          for kk, vv in v.items()}) for k, v in out["inputs"].items()}
    rows = WORKLOAD.rows(result)  # the WISN ratio and difference only when --current-hours is given
    inputs = [(f"  {d.label}", f"{_fmt(d.value if given[n] is None else mid_of(given[n]), d.unit)} "
               f"({input_note(n, given[n])})") for n, d in defaults.items()]
    text = table(rows) + "\n\nInvoer (bron of aanname):\n" + "\n".join(f"{a}: {b}" for a, b in inputs)
    return out, text


# ----------------------------------------------------------------------------------- costs


def cost_amounts(args: argparse.Namespace) -> dict[str, float]:
    out = {}
    for item in COST_OPTIONS.values():
        text = getattr(args, item)
        if text is not None:
            out[item] = parse_number(text, item)
    return out


def _cost_per_fte(args: argparse.Namespace) -> Range | None:
    value = parse_value(args.cost_per_fte, "cost_per_fte")
    if value is None:
        return None
    return value if isinstance(value, Range) else Range(value, value)


def cmd_costs(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    fte = parse_number(args.fte, "fte")
    result = costs(fte, cost_amounts(args), cost_per_fte=_cost_per_fte(args))
    out = {
        "fte": result.fte, "cost_per_fte_low": result.cost_per_fte_low, "cost_per_fte_high": result.cost_per_fte_high,
        "salary_low": result.salary_low, "salary_high": result.salary_high,
        "items": [{"item": line.item, "label": line.label, "basis": line.basis, "amount": line.amount,
                   "per_year": line.low, "own_input": line.own_input, "entered": line.entered,
                   "source": line.source, "ref": line.ref} for line in result.items],
        "items_total": result.items_total, "total_low": result.total_low, "total_high": result.total_high,
    }
    rows = [(COSTS["salary"].label, COSTS["salary"].text(result.salary_low, result.salary_high))]
    for line in result.items:
        note = "ingevuld" if line.entered else "eigen invoer: nog 0"
        rows.append((f"{line.label} ({'per fte' if line.basis == 'per_fte' else 'per jaar'})",
                     f"{formatting.euro(line.low)} ({note})"))
    rows.append((COSTS["total"].label, COSTS["total"].text(result.total_low, result.total_high)))
    return out, table(rows)


def full_cost(args: argparse.Namespace) -> Range:
    fte = parse_number(args.full_cost_fte, "fte")
    result = costs(fte, cost_amounts(args), cost_per_fte=_cost_per_fte(args))
    return Range(result.total_low, result.total_high)


# ----------------------------------------------------------------------------------- sensitivity


def sensitivity_dict(s: Sensitivity) -> dict[str, Any]:
    import dataclasses

    return {"model": s.model, "outcome": s.outcome, "outcome_label": s.outcome_label, "unit": s.unit,
            "base": s.base, "rows": [dataclasses.asdict(r) for r in s.rows], **s.extra}


def sensitivity_text(s: Sensitivity) -> str:
    from tabulate import tabulate

    def show(x: Any, unit: str) -> str:
        return x if isinstance(x, str) else _fmt(x, unit)

    lines = [(r.label + (f" ({ASSUMPTION_MARK})" if r.assumption else ""),
              f"{show(r.input_low, r.unit)} – {show(r.input_high, r.unit)}",
              _fmt(r.outcome_at_low, s.unit), _fmt(r.outcome_at_high, s.unit), _fmt(r.swing, s.unit))
             for r in s.rows]
    text = (f"{s.outcome_label}: {_fmt(s.base, s.unit)} bij de standaardwaarden\n\n"
            + tabulate(lines, headers=("Aanname", "Laag – hoog", "Uitkomst laag", "Uitkomst hoog", "Zwaai"),
                       tablefmt="simple", colalign=("left", "right", "right", "right", "right")))
    if "avoided_per_1000_youths" in s.extra:
        a = s.extra["avoided_per_1000_youths"]
        text += (f"\n\nVermeden trajecten per 1000 jeugdigen per jaar om terug te verdienen: {_fmt(a['base'], 'count')}"
                 f" (bereik {formatting.span(a['low'], a['high'], 'count', 1)})")
    return text


def _given(args: argparse.Namespace, names: list[str]) -> dict[str, Any]:
    return {n: parse_value(getattr(args, n), n) for n in names if getattr(args, n, None) is not None}


def run_sensitivity(args: argparse.Namespace) -> Sensitivity:
    if args.model == "workload":
        return workload_sensitivity(parse_number(args.youths, "youths"),
                                    hours_per_fte=parse_number(args.hours_per_fte, "hours_per_fte"),
                                    **_given(args, list(WORKLOAD_OPTIONS.values())))
    if args.model == "savings":
        counts = parse_band_map(args.trajectories, "trajectories") if args.trajectories else None
        return savings_sensitivity(counts, scenario=args.scenario,
                                   **_given(args, ["bggz_price", "sggz_price", "counterfactual_referral_rate"]))
    number = {k: (parse_number(getattr(args, k), k) if getattr(args, k) is not None else None)
              for k in ("annual_cost", "hours_per_week", "full_cost_fte", "contracted_hours", "youths")}
    return break_even_sensitivity(
        annual_cost=number["annual_cost"], hours_per_week=number["hours_per_week"],
        full_cost_fte=number["full_cost_fte"], cost_items=cost_amounts(args),
        contracted_hours=number["contracted_hours"], youths=number["youths"],
        **_given(args, ["hourly_rate", "paid_weeks", "cost_per_fte", "trajectory_price",
                        "direct_hours_per_trajectory", "indirect_uplift", "working_weeks"]))


def cmd_sensitivity(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    s = run_sensitivity(args)
    return sensitivity_dict(s), sensitivity_text(s)


# ----------------------------------------------------------------------------------- annex


def cmd_annex(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from .annex import break_even_annex, council_annex, staffing_annex, workload_annex, write

    if args.model == "raad":
        hours = parse_number(args.hours_per_week, "hours_per_week") if args.hours_per_week is not None else None
        annex = council_annex(_point_youths(args.youths), hours)
    elif args.model == "staffing":
        annex = staffing_annex(_point_youths(args.youths))
    elif args.model == "workload":
        current = parse_number(args.current_hours, "current_hours") if args.current_hours is not None else None
        annex = workload_annex(
            _point_youths(args.youths),
            hours_per_fte=parse_number(args.hours_per_fte, "hours_per_fte"),
            current_hours=current,
            **workload_args(args),
        )
    else:
        number = {
            k: (parse_number(getattr(args, k), k) if getattr(args, k) is not None else None)
            for k in ("annual_cost", "hours_per_week", "contracted_hours", "youths")
        }
        if (number["annual_cost"] is None) == (number["hours_per_week"] is None):
            raise InputError(
                "Geef --annual-cost (jaarkosten) of --hours-per-week (uren per week) op, één van beide.",
                field="annual_cost",
            )
        if number["youths"] is not None and not number["youths"] > 0:
            raise InputError("Het aantal jeugdigen moet groter dan nul zijn.", field="youths")
        overrides = {
            n: parse_number(getattr(args, n), n) for n in BREAK_EVEN_ASSUMPTIONS if getattr(args, n) is not None
        }
        annex = break_even_annex(**number, **overrides)
    path = write(annex, args.output)
    return {"model": args.model, "output": str(path), "version": annex.version, "date": annex.date}, (
        f"Bijlage geschreven: {path}"
    )


def _point_youths(text: str) -> float:
    youths = parse_number(text, "youths")
    if youths < 0:
        raise InputError(f"Aantal jeugdigen (0–17 jaar) mag niet negatief zijn ({text.strip()}).", field="youths")
    return youths


BREAK_EVEN_ASSUMPTIONS = (
    "hourly_rate",
    "paid_weeks",
    "trajectory_price",
    "direct_hours_per_trajectory",
    "indirect_uplift",
    "working_weeks",
)


# ----------------------------------------------------------------------------------- options


def add_workload_options(p: argparse.ArgumentParser, with_current: bool = True) -> None:
    add_input(p, YOUTHS_INPUT, required=True)
    inputs = workload_inputs()
    for option, name in WORKLOAD_OPTIONS.items():
        a = inputs[name]
        mark = f" ({ASSUMPTION_MARK})" if a.is_assumption else ""
        p.add_argument(
            option,
            default=None,
            dest=name,
            metavar="X",
            help=(f"{a.label}; standaard {_fmt(a.value, a.unit)}{mark}, bereik "
                  f"{_fmt(a.low, a.unit)}..{_fmt(a.high, a.unit)}").replace("%", "%%"),  # argparse formats with %
        )
    add_input(p, HOURS_PER_FTE_INPUT)
    if with_current:
        add_input(p, CURRENT_HOURS_INPUT, default=False, metavar="W")


def add_cost_options(p: argparse.ArgumentParser) -> None:
    low, high = data.bounds("cost_per_fte")
    source = data.sources()[data.fact("cost_per_fte").source]["short_nl"]
    add_input(p, COST_PER_FTE_INPUT, metavar="EUR|LOW..HIGH", default=f"{formatting.span(low, high, 'eur')}, {source}")
    for i in COST_ITEM_INPUTS:  # no source gives an amount: empty means € 0, shown as 'eigen invoer'
        add_input(p, i, default=False)


def add_break_even_sensitivity_options(p: argparse.ArgumentParser) -> None:
    add_input(p, ANNUAL_COST_INPUT, default=False)
    add_input(p, BREAK_EVEN_HOURS_INPUT, default=False, metavar="H")
    add_input(p, FULL_COST_FTE_INPUT, default=False, metavar="F")
    add_input(p, CONTRACTED_HOURS_INPUT, default=False, metavar="H")
    add_input(p, YOUTHS_PER_1000_INPUT, default=False)
    add_range_options(p, BREAK_EVEN_ASSUMPTIONS)
    add_cost_options(p)


def add_range_options(p: argparse.ArgumentParser, names: tuple[str, ...]) -> None:
    """An option per assumption that takes a value or an own range LOW..HIGH (sensitivity)."""
    inputs = {i.name: i for i in (*BREAK_EVEN_ASSUMPTION_INPUTS, *SAVINGS_INPUTS, *REFERRAL.inputs)}
    for name in names:
        label = inputs[name].dutch_label() if name in inputs else data.label(name)  # the registry's, as elsewhere
        p.add_argument("--" + name.replace("_", "-"), default=None, dest=name, metavar="X|LOW..HIGH",
                       help=f"{label} (vaste waarde of eigen bereik)".replace("%", "%%"))


def register(sub: Any, command: Callable[..., Any]) -> None:
    """Add the decision-support subcommands to the CLI (called once from ``cli.build_parser``)."""
    p = command(WORKLOAD.name, WORKLOAD.title, cmd_workload)
    add_workload_options(p)

    p = command(COSTS.name, COSTS.title, cmd_costs)
    add_input(p, COSTS_FTE_INPUT, required=True, metavar="F")
    add_cost_options(p)

    p = command("sensitivity", "Gevoeligheid: welke aanname verschuift de uitkomst het meest?", cmd_sensitivity)
    models = p.add_subparsers(dest="model", required=True, parser_class=Parser, metavar="MODEL")
    for name, help_text, add in (
        ("break-even", "terugverdienen: benodigd effect", add_break_even_sensitivity_options),
        ("savings", "besparing", None),
        ("workload", "formatie volgens de werklast", lambda q: add_workload_options(q, with_current=False)),
    ):
        q = models.add_parser(name, help=help_text, description=help_text)
        q.add_argument("--json", action="store_true", help="één JSON-object met onafgeronde getallen")
        if add is not None:
            add(q)
        else:
            q.add_argument("--scenario", default="conservative", help="conservative of optimistic")
            q.add_argument("--trajectories", default=None, metavar="BAND=N,...", help="trajecten per band")
            add_range_options(q, ("bggz_price", "sggz_price", "counterfactual_referral_rate"))

    p = command("annex", "Bijlage voor een raadsvoorstel (DOCX of PDF)", cmd_annex)
    models = p.add_subparsers(dest="model", required=True, parser_class=Parser, metavar="MODEL")
    for name, help_text in (
        (
            "raad",
            "alles voor de raad: formatie, kosten, terugverdienen, scenario's, bewijs, "
            "risico's (A4, hoogstens twee pagina's)",
        ),
        ("staffing", STAFFING["fte"].label),
        ("workload", WORKLOAD["fte_needed"].label),
        ("break-even", "terugverdienen: benodigd effect"),
    ):
        q = models.add_parser(name, help=help_text, description=help_text)
        q.add_argument("--json", action="store_true", help="één JSON-object met het pad van de bijlage")
        q.add_argument("-o", "--output", required=True, metavar="BESTAND", help="bestand .docx of .pdf")
        if name == "raad":
            add_input(q, YOUTHS_INPUT, required=True)
            add_input(q, HOURS_PER_WEEK_INPUT, default="de uren van de norm", metavar="H")
        elif name == "staffing":
            add_input(q, YOUTHS_INPUT, required=True)
        elif name == "workload":
            add_workload_options(q)
        else:
            add_input(q, ANNUAL_COST_INPUT, default=False)
            add_input(q, HOURS_PER_WEEK_INPUT, default=False, metavar="H")
            add_input(q, CONTRACTED_HOURS_INPUT, default=False, metavar="H")
            add_input(q, YOUTHS_PER_1000_INPUT, default=False)
            for i in BREAK_EVEN_ASSUMPTION_INPUTS:  # empty: the annex takes the sourced value and names its source
                add_input(q, i, default=False, metavar="X")
