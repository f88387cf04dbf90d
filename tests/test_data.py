"""Schema checks for everything in data/: sourced, unique, typed, in range."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from calculators import data

ALL_CSV = sorted(p for p in data.DATA_DIR.rglob("*.csv") if "demo" not in p.relative_to(data.DATA_DIR).parts)
# data/demo/ holds a fictional registration (the evaluation kit's input format), not sourced figures
TABLES = sorted((data.DATA_DIR / "tables").glob("*.csv"))
REF = re.compile(r"^(L\d+|Tabel|Figuur|Bijlage|\w+\d{4} L\d+|p\. ?\d+|§ .+; L\d+|art\. \d|overweging \d|Stb\. \d)")
#: External excerpts (../shared/sources/external): the page location first, then the line in the excerpt.
EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "sources" / "external"


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
    if path.name in ("sources.csv", "source_sections.csv"):  # the documents themselves; the map of their sections
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


def test_sources_map_to_seed_documents_or_external_excerpts() -> None:
    bib = (data.DATA_DIR.parent / "book" / "references.bib").read_text(encoding="utf-8")
    for key, row in data.sources().items():
        if key in data.PSEUDO_SOURCES:
            continue
        if row["doc"] == "wet":  # a statute or EU regulation, cited by article; its URL is in the bibliography
            assert re.search(r"@misc\{" + re.escape(key) + r",[^@]*url\s*=", bib), \
                f"{key}: no bibliography entry with url"
            continue
        if row["doc"] != "ext":
            assert re.fullmatch(r"00\d", row["doc"]), key
            continue
        if not row["lines"]:  # an original known only through secondary reports
            assert "niet zelf ingezien" in row["note"].lower(), key
            continue
        assert row["lines"].endswith(".txt"), key
        assert row["url"].startswith("https://"), f"{key}: an external source needs its public URL"
        if EXTERNAL.is_dir():
            assert (EXTERNAL / row["lines"]).is_file(), f"{key}: excerpt {row['lines']} not found"


def test_external_refs_name_the_place_on_the_page() -> None:
    """A figure from an external page names its section/paragraph, then the excerpt line for audit."""
    external = {k for k, r in data.sources().items() if r["doc"] == "ext"}
    for key, fact in data.facts().items():
        if fact.source in external:
            assert re.match(r"^§ [^;]+; L\d+", fact.ref), f"{key}: ref '{fact.ref}'"


def test_loader_rejects_duplicate_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "figures").mkdir()
    header = "key,label,value,low,high,unit,source,ref,note\n"
    (tmp_path / "parameters.csv").write_text(header + "a,A,1,,,count,aanname,,x\n", encoding="utf-8")
    (tmp_path / "figures" / "x.csv").write_text(header + "a,A,2,,,count,aanname,,x\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.clear_cache()
    try:
        with pytest.raises(data.DataError, match="duplicate key 'a'"):
            data.facts()
    finally:
        monkeypatch.undo()
        data.clear_cache()


def test_loader_rejects_text_in_a_number_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "parameters.csv").write_text(
        "key,label,value,low,high,unit,source,ref,note\na,A,veel,,,count,aanname,,x\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    data.clear_cache()
    try:
        with pytest.raises(data.DataError, match="'veel' is not a number"):
            data.facts()
    finally:
        monkeypatch.undo()
        data.clear_cache()


LINE_REF = re.compile(r"L(\d+)(?:[–-](\d+))?")
NOT_FIGURES = {"source", "ref", "note", "year", "code", "order", "week", "variant", "band", "level", "number",
               "ours", "ours_high", "decimals", "volgorde", "professional", "n_function"}


def _literal_numbers() -> list[tuple[str, float, str, str]]:
    """(source, value, ref, place) for every number typed in data/ (references excluded)."""
    out = []
    for key, raw in data._raw_facts().items():
        for column in ("value", "low", "high"):
            text = raw.get(column, "")
            if text and not text.startswith("@"):
                out.append((raw["source"], float(text), raw["ref"], f"{raw['_file']}:{key}.{column}"))
    for name in [*data.table_names(), "discrepancies"]:
        for i, row in enumerate(data._raw_rows(name), start=2):
            for column, text in row.items():
                if column in NOT_FIGURES or not text or text.startswith("@"):
                    continue
                try:
                    value = float(text)
                except ValueError:
                    continue
                out.append((row.get("source", ""), value, row.get("ref", ""), f"{name}.csv:{i}.{column}"))
    return out


def _lines(ref: str) -> list[tuple[int, int]]:
    return [(int(a), int(b or a)) for a, b in LINE_REF.findall(ref)]


def test_no_figure_is_stored_twice() -> None:
    """A printed figure lives in one place; elsewhere it is a reference (@fact or @table[...].column)."""
    # zero is no figure worth a single home (empty minima, 'n.v.t.' cells)
    numbers = [n for n in _literal_numbers() if n[0] not in data.PSEUDO_SOURCES and n[1] != 0]
    by_key: dict[tuple[str, float], list[tuple[str, float, str, str]]] = {}
    for n in numbers:
        by_key.setdefault((n[0], n[1]), []).append(n)
    twice = []
    for group in by_key.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a[3].split(":")[0] == b[3].split(":")[0]:
                    continue  # repeated bases within one table are one column of that table
                # the same figure cited at the same place: a common first line of a cited range
                if {x for x, _ in _lines(a[2])} & {x for x, _ in _lines(b[2])}:
                    twice.append(f"{a[1]:g}: {a[3]} and {b[3]}")
    assert not twice, "figures stored twice (make one a reference):\n" + "\n".join(sorted(set(twice)))


def test_references_resolve_and_reject_nonsense() -> None:
    assert data.resolve("@youths") == data._raw_facts()["youths"]["value"]
    assert float(data.resolve("@pilots_holland_rijnland.max(hours_per_week)")) > 0
    for bad in ("@no_such_fact", "@pilots_holland_rijnland[municipality=Nergens].annual_cost", "@pilots(", "@x.y.z"):
        with pytest.raises(data.DataError):
            data.resolve(bad, "test")

