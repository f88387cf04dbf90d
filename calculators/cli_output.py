"""What every CLI subcommand shares: JSON of model results, Dutch tables, a Dutch argparse.

Kept apart from ``cli.py`` so that the subcommand modules (``cli_decision``, the evaluation kit's
CLI) import it without importing the CLI that registers them.
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, overload

from tabulate import tabulate

from . import formatting
from .ranges import Range, Span
from .registry import Input

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


@overload
def mid_of(x: float | Range) -> float: ...
@overload
def mid_of(x: float | Range | None) -> float | None: ...
def mid_of(x: float | Range | None) -> float | None:
    """A point value: the middle of a range, else the value itself."""
    return x.mid if isinstance(x, Range) else x


def table(rows: Sequence[tuple[str, str]]) -> str:
    return tabulate(rows, headers=("Omschrijving", "Waarde"), tablefmt="simple", colalign=("left", "right"))


# --------------------------------------------------------------------------- options from the registry


def as_text(x: float) -> str:
    """A number as a CLI option's default ('38', '0.33')."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def add_input(p: argparse.ArgumentParser, i: Input, *, default: bool | str = True, required: bool = False,
              option: str | None = None, metavar: str | None = None, with_help: bool = True) -> None:
    """One option from a registry Input: its Dutch label, bound and help, and its default.

    ``default``: True gives the option the registry's default (the help says '(standaard: …)'); False gives it
    none (the model decides, or the option is optional); a text keeps the option empty and names that text as
    its default in the help.
    """
    bound, unit = i.maximum(), i.unit_name()
    help_text = i.dutch_label() + (f" (hoogstens {as_text(bound)})" if bound is not None else "")
    if with_help and i.help:
        help_text += f". {i.help_text()}"
    if isinstance(default, str):
        help_text += f" (standaard: {default})"
    if metavar is None:
        metavar = "F" if unit == "share" else "EUR" if unit.startswith("eur") else "N"
    option = option or "--" + i.name.replace("_", "-")
    help_text = help_text.replace("%", "%%")  # argparse formats the help with %
    if required:
        p.add_argument(option, required=True, metavar=metavar, dest=i.name, help=help_text)
    else:
        p.add_argument(option, default=as_text(i.default_value()) if default is True else None, metavar=metavar,
                       dest=i.name, help=help_text)


def add_inputs(p: argparse.ArgumentParser, inputs: Sequence[Input], required: tuple[str, ...] = (),
               default: bool | str = True) -> None:
    """Several registry Inputs as options (see :func:`add_input`)."""
    for i in inputs:
        add_input(p, i, default=default, required=i.name in required)


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
    def _get_help_string(self, action: argparse.Action) -> str | None:
        # argparse's own suffix is English ('(default: 1)'); the same information in Dutch
        text = action.help or ""
        if "%(default)" not in text and action.default not in (None, False, argparse.SUPPRESS) \
                and (action.option_strings or action.nargs in ("?", "*")):
            text += " (standaard: %(default)s)"
        return text

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
