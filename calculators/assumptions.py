"""A model input with its default, plausible low and high, and its source (for sensitivity and annexes)."""

from __future__ import annotations

from dataclasses import dataclass

from . import data


@dataclass(frozen=True)
class Assumption:
    """One input of a model: its default, its plausible low and high, and where they come from.

    ``name`` is the model argument; ``key`` the fact in ``data/`` that documents it.
    """

    name: str
    label: str
    value: float
    low: float
    high: float
    unit: str
    source: str
    ref: str
    key: str = ""

    @property
    def is_assumption(self) -> bool:
        """True when no source gives the value ('aanname')."""
        return self.source == "aanname"

    @classmethod
    def of_fact(cls, name: str, key: str, value: float | None = None, low: float | None = None,
                high: float | None = None) -> Assumption:
        """From a fact in ``data/``; ``value``/``low``/``high`` override a derived default."""
        f = data.fact(key)
        v = data.value(key) if value is None else value
        b_low, b_high = data.bounds(key) if f.low is not None and f.high is not None else (v, v)  # no range: a point
        return cls(name, f.label, v, b_low if low is None else low, b_high if high is None else high,
                   f.unit, f.source, f.ref, key)
