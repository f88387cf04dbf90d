"""No unit word repeated around an inserted value ('47 weken productieve weken', issue 9 §1.12).

The check over the built HTML is the one that counts (slow: it needs the book build); the
source-level check over the chapters finds the same mistakes for ``{eval}`F.key``` in a second.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import ROOT, BookBuild

_spec = importlib.util.spec_from_file_location("repeated_units", ROOT / "scripts" / "repeated_units.py")
assert _spec and _spec.loader
repeated_units = importlib.util.module_from_spec(_spec)
sys.modules["repeated_units"] = repeated_units
_spec.loader.exec_module(repeated_units)

PAGES = sorted((ROOT / "book" / "chapters").glob("*.md")) + sorted((ROOT / "book" / "appendices").glob("*.md"))


@pytest.mark.parametrize("text", [
    "Er wordt gerekend met 47 weken productieve weken per jaar.",   # the rendered chapter 9 of the issue
    "bij 6 cliënten per dag cliënten op een dag is de agenda vol",   # idem
    "uurkosten van € 61 per uur per uur",
    "een traject van 6 uur directe uren",                           # singular and plural of one unit
    "gedeeld door de productieve weken (47 weken)",                  # the unit word just before the value
])
def test_repeated_unit_is_found(text: str) -> None:
    assert repeated_units.find_in_text(text), text


@pytest.mark.parametrize("text", [
    "Er wordt gerekend met 47 productieve weken per jaar.",
    "bij 6 cliënten op een dag is de agenda vol",
    "van 14 uur per week tot 18 uur per week",   # the next figure brings its own unit
    "2020: 10 uur POH-J + 16 uur JGT",
    "Een contact kost 1,33 uur, en er zijn 47 weken in een werkjaar.",
    "De totalen van Tabel 2 (10,4 uur, 1,6 uur, 5,5 huisartsen)",   # a list: each figure has its unit
])
def test_correct_prose_is_not_flagged(text: str) -> None:
    assert repeated_units.find_in_text(text) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_no_fact_repeats_its_unit_in_the_source(page: Path) -> None:
    hits = repeated_units.check_markdown(page)
    assert not hits, "\n".join(map(str, hits))


def test_source_check_names_the_line(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("Regel een.\nEr zijn {eval}`F.working_weeks` productieve weken.\n", encoding="utf-8")
    hits = repeated_units.check_markdown(page)
    assert [h.where for h in hits] == ["x.md:2"]


@pytest.mark.slow
def test_built_html_repeats_no_unit_around_a_value(built_book: BookBuild) -> None:
    assert built_book.returncode == 0, built_book.output[-3000:]
    pages = list((built_book.html / "chapters").glob("*.html"))
    assert len(pages) >= 17
    hits = repeated_units.check_html_dir(built_book.html)
    assert not hits, "\n".join(map(str, hits))
