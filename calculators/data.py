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
import re
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


REFERENCE = re.compile(
    r"^@(?P<name>[a-z0-9_]+)"
    r"(?:\[(?P<filter>[^\]]+)\])?"
    r"(?:\.(?P<agg>min|max|sum)\((?P<aggcol>[a-z0-9_]+)\)|\.(?P<col>[a-z0-9_]+))?$"
)


def resolve(text: str, where: str = "", _depth: int = 0) -> str:
    """Resolve a reference to a number stored elsewhere in data/; other text is returned as is.

    ``@fact_key`` (or ``@fact_key.low`` / ``.high``): a fact's value or bound;
    ``@table[col=value;col2=value].column``: the cell of the one matching row;
    ``@table.min(column)`` / ``.max(column)`` / ``.sum(column)``: over all rows.
    A number is thus stored once and quoted elsewhere by reference.
    """
    text = text.strip()
    if not text.startswith("@"):
        return text
    if _depth > 5:
        raise DataError(f"{where}: reference '{text}' is circular")
    m = REFERENCE.match(text)
    if not m:
        raise DataError(f"{where}: '{text}' is not a valid reference")
    name = m["name"]
    if m["filter"] is None and m["agg"] is None and (m["col"] in (None, "low", "high", "value")):
        fact_row = _raw_facts().get(name)
        if fact_row is None:
            raise DataError(f"{where}: reference to unknown fact '{name}'")
        column = m["col"] or "value"
        return resolve(fact_row[column], f"fact {name}", _depth + 1)
    rows = _raw_rows(name)
    if m["filter"]:
        conditions = [c.split("=", 1) for c in m["filter"].split(";")]
        rows = tuple(r for r in rows if all(r.get(k.strip(), "") == v.strip() for k, v in conditions))
        if len(rows) != 1:
            raise DataError(f"{where}: reference '{text}' matches {len(rows)} rows, not one")
    if m["agg"]:
        values = [float(resolve(r[m["aggcol"]], where, _depth + 1)) for r in rows if r.get(m["aggcol"], "") != ""]
        if not values:
            raise DataError(f"{where}: reference '{text}' has no numbers to aggregate")
        result = min(values) if m["agg"] == "min" else max(values) if m["agg"] == "max" else sum(values)
        return repr(result) if not float(result).is_integer() else str(int(result))
    if not m["col"] or m["col"] not in rows[0]:
        raise DataError(f"{where}: reference '{text}' names no existing column")
    return resolve(rows[0][m["col"]], where, _depth + 1)


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
def _raw_facts() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in fact_files():
        for i, row in enumerate(read_csv(path), start=2):
            key = row.get("key", "")
            if not key:
                raise DataError(f"{path.name}:{i}: empty key")
            if key in out:
                raise DataError(f"{path.name}:{i}: duplicate key '{key}' (also in {out[key]['_file']})")
            out[key] = {**row, "_file": path.name, "_line": str(i)}
    return out


@cache
def facts() -> dict[str, Fact]:
    """All facts by key. Keys are unique across all fact files; values may be references."""
    out: dict[str, Fact] = {}
    for key, raw in _raw_facts().items():
        where = f"{raw['_file']}:{raw['_line']}"
        value, low, high = (resolve(raw.get(c, ""), where) for c in ("value", "low", "high"))
        out[key] = Fact(
            key=key,
            label=raw.get("label", ""),
            value=_number(value, where),
            low=_number(low, where),
            high=_number(high, where),
            unit=raw.get("unit", ""),
            source=raw.get("source", ""),
            ref=raw.get("ref", ""),
            note=raw.get("note", ""),
            decimals=max(decimals_of(value), decimals_of(low), decimals_of(high)),
            file=raw["_file"],
        )
    return out


def clear_cache() -> None:
    """Forget everything read from data/ (tests that point DATA_DIR elsewhere call this)."""
    for cached in (_raw_facts, facts, sources, _raw_rows, _rows):
        cached.cache_clear()


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
def _raw_rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(read_csv(table_path(name)))


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple({k: resolve(v, f"{name}.csv:{i}") if k not in ("source", "ref", "note") else v
                  for k, v in row.items()} for i, row in enumerate(_raw_rows(name), start=2))


def rows(name: str) -> list[dict[str, str]]:
    """A table as a list of (copied) dicts of strings, references resolved."""
    return [dict(r) for r in _rows(name)]


def number(row: dict[str, str], column: str) -> float | None:
    """A numeric cell of a row from ``rows()``; None when empty."""
    return _number(row.get(column, ""), f"column {column}")


def frame(name: str) -> pd.DataFrame:
    """A table as a pandas DataFrame (references resolved, numbers typed, empty cells as NaN)."""
    import io

    import pandas as pd

    table = rows(name)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]) if table else [])
    writer.writeheader()
    writer.writerows(table)
    buffer.seek(0)
    return pd.read_csv(buffer)


def table_names() -> list[str]:
    return sorted(p.stem for p in (DATA_DIR / "tables").glob("*.csv"))


def describe(key: str) -> dict[str, Any]:
    """A fact as a plain dict (for exports and the data dictionary)."""
    f = fact(key)
    return {
        "key": f.key, "label": f.label, "value": f.value, "low": f.low, "high": f.high,
        "unit": f.unit, "source": f.source, "ref": f.ref, "note": f.note,
    }
