"""The kit's subcommands ``evaluate`` and ``template``, registered on the main CLI parser.

``python -m calculators evaluate FILE [--json] [--report out.html] [--pdf out.pdf] [--xlsx out.xlsx]
[--period kwartaal|halfjaar|jaar] [--min-cell N] [--rounding automatisch|exact|vijftallen]``
and ``python -m calculators template -o FILE``.
A refused file exits with 2 and one Dutch message on stderr (through ``calculators.cli.main``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from .. import data
from ..errors import InputError
from ..parsing import parse_number
from .periods import PERIODS, ROUNDING_HELP, ROUNDINGS


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"Bestand '{path}' bestaat niet.", field="file") from None
    except IsADirectoryError:
        raise InputError(f"'{path}' is een map, geen bestand.", field="file") from None
    except OSError:
        raise InputError(f"Bestand '{path}' kon niet worden gelezen.", field="file") from None


def _write_file(path: str, content: bytes) -> None:
    try:
        Path(path).write_bytes(content)
    except OSError:
        raise InputError(f"Kon '{path}' niet schrijven: bestaat de map en mag erin worden geschreven?",
                         field="output") from None


def cmd_evaluate(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from . import run, summary

    min_cell = None
    if args.min_cell is not None:
        value = parse_number(args.min_cell, "evaluation_min_cell")
        if not float(value).is_integer():
            raise InputError("--min-cell moet een heel getal zijn.", field="min_cell")
        min_cell = int(value)
    content = _read_file(args.file)
    ev = run(content, Path(args.file).name, args.period, min_cell, args.rounding)
    out = summary.to_json(ev, Path(args.file).name)
    text = summary.to_text(ev)
    if args.report:
        from .report import to_html

        _write_file(args.report, to_html(ev, Path(args.file).name).encode("utf-8"))
        text += f"\n\nRapport geschreven naar {args.report}."
    if args.pdf:
        from .report import to_pdf

        _write_file(args.pdf, to_pdf(ev, Path(args.file).name))
        text += f"\nRapport (A4) geschreven naar {args.pdf}."
    if args.xlsx:
        from .report import to_xlsx

        _write_file(args.xlsx, to_xlsx(ev, Path(args.file).name))
        text += f"\nTabellen geschreven naar {args.xlsx}."
    return out, text


def cmd_template(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from .template import template_bytes

    _write_file(args.output, template_bytes(args.output))
    return {"file": args.output}, f"Leeg registratiesjabloon geschreven naar {args.output}."


def register(sub: Any) -> None:
    """Add ``evaluate`` and ``template`` to the main parser's subcommands."""
    help_text = "Evaluatie: een registratie (Rebel-format) controleren en samenvatten, kleine aantallen afgeschermd"
    p = sub.add_parser("evaluate", help=help_text, description=help_text)
    p.add_argument("file", metavar="BESTAND", help="registratie als .xlsx of .csv")
    p.add_argument("--json", action="store_true",
                   help="één JSON-object (aandelen als onafgeronde fracties; aantallen zoals getoond)")
    p.add_argument("--report", default=None, metavar="RAPPORT.html", help="schrijf een zelfstandig HTML-rapport")
    p.add_argument("--pdf", default=None, metavar="RAPPORT.pdf", help="schrijf het rapport als A4-pdf (met chromium)")
    p.add_argument("--xlsx", default=None, metavar="TABELLEN.xlsx", help="schrijf de geaggregeerde tabellen")
    p.add_argument("--period", default="kwartaal", choices=list(PERIODS), help="periode per kolom")
    p.add_argument("--min-cell", default=None, metavar="N",
                   help=f"kleinste getoonde aantal (standaard {int(data.value('evaluation_min_cell'))}, "
                        f"nooit onder {int(data.bounds('evaluation_min_cell')[0])})")
    p.add_argument("--rounding", default="automatisch", choices=list(ROUNDINGS),
                   help=f"aantallen exact of afgerond. {ROUNDING_HELP}".replace("%", "%%"))
    p.set_defaults(handler=cmd_evaluate)
    help_text = "Leeg registratiesjabloon (.xlsx met keuzelijsten en uitleg, of .csv)"
    p = sub.add_parser("template", help=help_text, description=help_text)
    p.add_argument("-o", "--output", required=True, metavar="BESTAND", help="doelbestand: .xlsx of .csv")
    p.add_argument("--json", action="store_true", help="één JSON-object")
    p.set_defaults(handler=cmd_template)
