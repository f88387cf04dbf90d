"""Input validation for the models (pydantic), with Dutch messages.

Every model function is wrapped in :func:`validated`: pydantic checks each
argument against its annotated constraints, and any failure becomes one
:class:`~calculators.errors.InputError` whose message names the field by its
Dutch label from ``data/parameters.csv``. The CLI prints that message; the apps
show it next to the field.
"""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ParamSpec, TypeVar

from pydantic import ConfigDict, Field, ValidationError, validate_call

from . import data
from .errors import InputError
from .formatting import number

P = ParamSpec("P")
R = TypeVar("R")

# Reusable constrained types. ``allow_inf_nan`` is off everywhere: an infinite
# number of youths is a typo, not an input.
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Weeks = Annotated[float, Field(gt=0, le=52, allow_inf_nan=False)]
Count = Annotated[float, Field(ge=0, allow_inf_nan=False)]

_CONFIG = ConfigDict(allow_inf_nan=False, arbitrary_types_allowed=True)


# Model arguments documented by a fact under another key (argument -> fact key).
FIELD_FACTS: dict[str, str] = {"share_via_pohj": "reach", "minutes_per_contact": "contact_minutes"}


def field_label(field: str) -> str:
    """The Dutch label of a model argument (falls back to the name itself)."""
    try:
        return data.label(FIELD_FACTS.get(field, field))
    except data.DataError:
        return field


def show(value: Any) -> str:
    """A user's input as Dutch text inside a message (``-5``, ``1,5``, ``'abc'``)."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float) and math.isfinite(value):
        x = float(value)
        if abs(x) >= 1e15:  # a typo such as 1e308: 300 digits would drown the message
            return f"{x:.2e}".replace(".", ",")
        if x.is_integer():
            return number(x, 0)
        return number(x, min(len(repr(x).split(".")[-1]), 4)).rstrip("0").rstrip(",")
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))
    if len(text) > 40:
        text = text[:39] + "…"
    return f"'{text}'"


def _is_share(field: str) -> bool:
    try:
        return data.fact(FIELD_FACTS.get(field, field)).unit == "share"
    except data.DataError:
        return False


def message(error: Mapping[str, Any]) -> str:
    """One pydantic error as one Dutch sentence."""
    loc = error.get("loc") or ()
    field = str(loc[0]) if loc else ""
    lab = field_label(field)
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind in {"missing", "missing_argument", "missing_keyword_only_argument"}:
        return f"{lab} ontbreekt: vul een waarde in."
    if kind in {"float_parsing", "int_parsing", "float_type", "int_type", "decimal_parsing"}:
        if given is None or (isinstance(given, str) and not given.strip()):
            return f"{lab} is leeg: vul een getal in."
        return f"{lab} moet een getal zijn, niet {show(given)}."
    if kind == "int_from_float":
        return f"{lab} moet een geheel getal zijn, niet {show(given)}."
    if kind == "finite_number":
        return f"{lab} moet een eindig getal zijn."
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        if _is_share(field):
            return f"{lab} is een aandeel en moet tussen 0 en 1 liggen (0,3 = 30%), niet {show(given)}."
        if kind == "greater_than_equal":
            bound = ctx.get("ge", 0)
            if bound == 0:
                return f"{lab} mag niet negatief zijn ({show(given)})."
            return f"{lab} moet minstens {show(bound)} zijn, niet {show(given)}."
        if kind == "greater_than":
            bound = ctx.get("gt", 0)
            if bound == 0:
                return f"{lab} moet groter dan nul zijn, niet {show(given)}."
            return f"{lab} moet groter zijn dan {show(bound)}, niet {show(given)}."
        if kind == "less_than_equal":
            return f"{lab} mag niet groter zijn dan {show(ctx.get('le'))}, niet {show(given)}."
        return f"{lab} moet kleiner zijn dan {show(ctx.get('lt'))}, niet {show(given)}."
    if kind in {"value_error", "assertion_error"} and "error" in ctx:
        err = ctx["error"]
        return err.message if isinstance(err, InputError) else str(err)
    return f"{lab} is ongeldig ({show(given)})."


def translate(exc: ValidationError) -> InputError:
    first = exc.errors(include_url=False)[0]
    loc = first.get("loc") or ()
    return InputError(message(first), field=str(loc[0]) if loc else None)


@functools.cache
def input_limits() -> dict[str, tuple[float, str]]:
    """The largest value (and its unit) each input field accepts (data/tables/input_limits.csv):
    beyond it a number is a typo, and a result such as '€ ∞' or '∞ trajecten' would be nonsense."""
    return {row["field"]: (float(row["max"]), row["unit"]) for row in data.rows("input_limits")}


def limit_text(field: str) -> str:
    """'hoogstens 2.000 uur per week' for a field with a limit, else ''."""
    from .formatting import with_unit

    if field not in input_limits():
        return ""
    limit, unit = input_limits()[field]
    return "hoogstens " + with_unit(limit, unit, 0)


def check_limits(arguments: dict[str, Any]) -> None:
    """InputError in Dutch for the first argument above its field's limit (the message states it)."""
    for field, value in arguments.items():
        if field not in input_limits() or isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not math.isfinite(value):
            continue  # pydantic's own message: 'moet een eindig getal zijn'
        if value > input_limits()[field][0]:
            raise InputError(f"{field_label(field)} is onwaarschijnlijk groot ({show(value)}): {limit_text(field)}.",
                             field=field)


def validated(fn: Callable[P, R]) -> Callable[P, R]:
    """Validate a model function's arguments; raise InputError in Dutch."""
    checked = validate_call(config=_CONFIG, validate_return=False)(fn)
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            bound = signature.bind_partial(*args, **kwargs)
        except TypeError:
            bound = None  # pydantic reports the missing or surplus argument in Dutch below
        if bound is not None:
            check_limits(bound.arguments)
        try:
            return checked(*args, **kwargs)
        except ValidationError as exc:
            raise translate(exc) from None

    return wrapper


def require(condition: bool, text: str, field: str | None = None) -> None:
    """Raise an InputError with a Dutch message unless ``condition`` holds."""
    if not condition:
        raise InputError(text, field=field)
