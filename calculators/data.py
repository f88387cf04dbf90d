"""The one loader for everything in ``data/``.

Every number the models, the handbook and the apps use is read here, from
plain CSV files that carry their source (a key of ``data/sources.csv``), a line
or table reference and a note. Nothing else in the project reads ``data/``.

- ``fact(key)``/``facts()``: single values (``parameters.csv`` and
  ``figures/*.csv``), with unit, plausible range and source.
- ``rows(name)``: a structured table from ``tables/<name>.csv`` as dicts of
  strings (no pandas needed, so the CLI starts fast).
- ``frame(name)``: the same table as a pandas DataFrame, for the book and apps.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - import for type checkers only
    import pandas as pd

DATA_DIR = Path(os.environ.get("POHJ_DATA_DIR", Path(__file__).resolve().parents[1] / "data"))

#: Units a fact may have; ``formatting.unit_text`` knows how to print each.
UNITS = frozenset(
    {
        "eur", "eur_per_hour", "eur_per_fte", "eur_per_year",
        "share", "count", "youths", "persons", "trajectories", "practices", "municipalities",
        "fte", "fte_per_10k", "hours", "hours_per_week", "hours_per_year", "minutes",
        "weeks", "years", "year", "contacts", "clients_per_week", "clients_per_day", "grade",
    }
)

#: Sources that are not documents: a derived value or our own assumption.
PSEUDO_SOURCES = frozenset({"afgeleid", "aanname"})


class DataError(Exception):
    """A data file is missing or malformed (a bug in data/, not user input)."""


def decimals_of(text: str) -> int:
    """Number of decimals as written in the CSV ("0.33" -> 2, "1739" -> 0)."""
    text = text.strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def _number(text: str, where: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise DataError(f"{where}: '{text}' is not a number") from exc


@dataclass(frozen=True)
class Fact:
    """One sourced value. ``value`` is the default/central value."""

    key: str
    label: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    source: str
    ref: str
    note: str
    decimals: int
    file: str

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None and self.low != self.high


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a CSV file as a list of dicts of stripped strings."""
    if not path.is_file():
        raise DataError(f"missing data file: {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def fact_files() -> list[Path]:
    return [DATA_DIR / "parameters.csv", *sorted((DATA_DIR / "figures").glob("*.csv"))]


@cache
def facts() -> dict[str, Fact]:
    """All facts by key. Keys are unique across all fact files."""
    out: dict[str, Fact] = {}
    for path in fact_files():
        for i, row in enumerate(read_csv(path), start=2):
            where = f"{path.name}:{i}"
            key = row.get("key", "")
            if not key:
                raise DataError(f"{where}: empty key")
            if key in out:
                raise DataError(f"{where}: duplicate key '{key}' (also in {out[key].file})")
            value_text = row.get("value", "")
            out[key] = Fact(
                key=key,
                label=row.get("label", ""),
                value=_number(value_text, where),
                low=_number(row.get("low", ""), where),
                high=_number(row.get("high", ""), where),
                unit=row.get("unit", ""),
                source=row.get("source", ""),
                ref=row.get("ref", ""),
                note=row.get("note", ""),
                decimals=max(decimals_of(value_text), decimals_of(row.get("low", "")),
                             decimals_of(row.get("high", ""))),
                file=path.name,
            )
    return out


def fact(key: str) -> Fact:
    try:
        return facts()[key]
    except KeyError:
        raise DataError(f"unknown fact '{key}'") from None


def value(key: str) -> float:
    """The default value of a fact; a DataError if it has none."""
    v = fact(key).value
    if v is None:
        raise DataError(f"fact '{key}' has no value")
    return v


def bounds(key: str) -> tuple[float, float]:
    """The plausible (low, high) range of a fact."""
    f = fact(key)
    if f.low is None or f.high is None:
        raise DataError(f"fact '{key}' has no low/high range")
    return f.low, f.high


def label(key: str) -> str:
    return fact(key).label


@cache
def sources() -> dict[str, dict[str, str]]:
    return {row["key"]: row for row in read_csv(DATA_DIR / "sources.csv")}


def table_path(name: str) -> Path:
    if name == "discrepancies":
        return DATA_DIR / "discrepancies.csv"
    return DATA_DIR / "tables" / f"{name}.csv"


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(read_csv(table_path(name)))


def rows(name: str) -> list[dict[str, str]]:
    """A table as a list of (copied) dicts of strings."""
    return [dict(r) for r in _rows(name)]


def number(row: dict[str, str], column: str) -> float | None:
    """A numeric cell of a row from ``rows()``; None when empty."""
    return _number(row.get(column, ""), f"column {column}")


def frame(name: str) -> pd.DataFrame:
    """A table as a pandas DataFrame (numbers typed, empty cells as NaN)."""
    import pandas as pd

    return pd.read_csv(table_path(name), encoding="utf-8")


def table_names() -> list[str]:
    return sorted(p.stem for p in (DATA_DIR / "tables").glob("*.csv"))


def describe(key: str) -> dict[str, Any]:
    """A fact as a plain dict (for exports and the data dictionary)."""
    f = fact(key)
    return {
        "key": f.key, "label": f.label, "value": f.value, "low": f.low, "high": f.high,
        "unit": f.unit, "source": f.source, "ref": f.ref, "note": f.note,
    }
