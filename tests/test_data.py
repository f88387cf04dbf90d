"""Schema checks for everything in data/: sourced, unique, typed, in range."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from calculators import data

ALL_CSV = sorted(data.DATA_DIR.rglob("*.csv"))
TABLES = sorted((data.DATA_DIR / "tables").glob("*.csv"))
REF = re.compile(r"^(L\d+|Tabel|Figuur|Bijlage|\w+\d{4} L\d+|p\. ?\d+)")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("path", ALL_CSV, ids=lambda p: str(p.relative_to(data.DATA_DIR)))
def test_csv_is_well_formed(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        assert len(header) == len(set(header)), f"duplicate column in {path.name}"
        for i, row in enumerate(reader, start=2):
            assert len(row) == len(header), f"{path.name}:{i}: {len(row)} cells, header has {len(header)}"
            assert any(cell.strip() for cell in row), f"{path.name}:{i}: empty row"


@pytest.mark.parametrize("path", ALL_CSV, ids=lambda p: str(p.relative_to(data.DATA_DIR)))
def test_every_row_is_sourced(path: Path) -> None:
    rows = _rows(path)
    if path.name == "sources.csv":
        return
    assert {"source", "ref"} <= set(rows[0]), f"{path.name} needs source and ref columns"
    known = set(data.sources())
    for i, row in enumerate(rows, start=2):
        assert row["source"] in known, f"{path.name}:{i}: unknown source '{row['source']}'"
        if row["source"] not in data.PSEUDO_SOURCES:
            assert REF.match(row["ref"]), f"{path.name}:{i}: ref '{row['ref']}' should start like L123 or Tabel"


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_tables_have_a_note_column(path: Path) -> None:
    assert "note" in _rows(path)[0]


def test_facts_load_with_unique_keys_units_and_labels() -> None:
    facts = data.facts()
    assert len(facts) > 30
    for key, fact in facts.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
        assert fact.unit in data.UNITS, f"{key}: unit '{fact.unit}'"
        assert fact.label, f"{key}: no label"
        if fact.value is not None and fact.low is not None and fact.high is not None:
            assert fact.low <= fact.value <= fact.high, f"{key}: value outside its range"
        if fact.low is not None and fact.high is not None:
            assert fact.low <= fact.high, key
        if fact.unit == "share":
            for x in (fact.value, fact.low, fact.high):
                assert x is None or 0 <= x <= 1, f"{key}: share outside 0-1"


def test_every_fact_has_a_value_or_a_range_or_says_where_its_default_comes_from() -> None:
    for key, fact in data.facts().items():
        if fact.value is None and fact.low is None:
            assert "default" in fact.note.lower() or fact.file != "parameters.csv" or "tables/" in fact.note, key


def test_sources_map_to_seed_documents() -> None:
    for key, row in data.sources().items():
        if key in data.PSEUDO_SOURCES:
            continue
        assert re.fullmatch(r"00\d", row["doc"]), key


def test_loader_rejects_duplicate_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "figures").mkdir()
    header = "key,label,value,low,high,unit,source,ref,note\n"
    (tmp_path / "parameters.csv").write_text(header + "a,A,1,,,count,aanname,,x\n", encoding="utf-8")
    (tmp_path / "figures" / "x.csv").write_text(header + "a,A,2,,,count,aanname,,x\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.facts.cache_clear()
    try:
        with pytest.raises(data.DataError, match="duplicate key 'a'"):
            data.facts()
    finally:
        monkeypatch.undo()
        data.facts.cache_clear()


def test_loader_rejects_text_in_a_number_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "parameters.csv").write_text(
        "key,label,value,low,high,unit,source,ref,note\na,A,veel,,,count,aanname,,x\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.facts.cache_clear()
    try:
        with pytest.raises(data.DataError, match="'veel' is not a number"):
            data.facts()
    finally:
        monkeypatch.undo()
        data.facts.cache_clear()
