"""Low–high ranges: a result computed from ranged inputs is itself a range.

Models are written once, for single numbers. :func:`ranged` evaluates a model
at every corner of the ranged inputs and takes, field by field, the smallest
and the largest outcome. Every model output is monotone in each input (the
property tests check this), so the corners give the exact bounds.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from . import data
from .errors import InputError
from .validation import field_label, show

T = TypeVar("T")


@dataclass(frozen=True)
class Range:
    """An input range ``low``–``high`` (inclusive)."""

    low: float
    high: float

    @classmethod
    def of(cls, key: str) -> Range:
        """The plausible range of a parameter in ``data/parameters.csv``."""
        low, high = data.bounds(key)
        return cls(low, high)

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2

    def corners(self) -> tuple[float, ...]:
        return (self.low,) if self.low == self.high else (self.low, self.high)


@dataclass(frozen=True)
class Span(Generic[T]):
    """A model result over ranged inputs: field-wise minimum, maximum and the midpoint result."""

    low: T
    high: T
    mid: T

    @property
    def is_point(self) -> bool:
        return self.low == self.high


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _combine(values: list[Any], pick: Callable[..., Any]) -> Any:
    first = values[0]
    if all(v is None for v in values):
        return None
    if all(_is_number(v) for v in values):
        return pick(values)
    if all(isinstance(v, bool) for v in values):
        return pick(values)  # min = all, max = any
    if dataclasses.is_dataclass(first) and not isinstance(first, type):
        changes = {
            f.name: _combine([getattr(v, f.name) for v in values], pick)
            for f in dataclasses.fields(first)
            if f.init
        }
        return dataclasses.replace(first, **changes)
    if isinstance(first, tuple) and all(isinstance(v, tuple) and len(v) == len(first) for v in values):
        return tuple(_combine([v[i] for v in values], pick) for i in range(len(first)))
    return first  # labels and other text are the same at every corner


def check_range(name: str, value: Range) -> None:
    if value.low > value.high:
        raise InputError(
            f"{field_label(name)}: de ondergrens ({show(value.low)}) is hoger dan de bovengrens "
            f"({show(value.high)}).",
            field=name,
        )


def ranged(fn: Callable[..., T], /, **kwargs: Any) -> Span[T]:
    """Evaluate ``fn`` over every corner of the :class:`Range` arguments."""
    names = [k for k, v in kwargs.items() if isinstance(v, Range)]
    for name in names:
        check_range(name, kwargs[name])
    mid = fn(**{k: (v.mid if isinstance(v, Range) else v) for k, v in kwargs.items()})
    if not names:
        return Span(mid, mid, mid)
    results = [
        fn(**{**kwargs, **dict(zip(names, combo, strict=True))})
        for combo in itertools.product(*(kwargs[n].corners() for n in names))
    ]
    return Span(_combine(results, min), _combine(results, max), mid)
