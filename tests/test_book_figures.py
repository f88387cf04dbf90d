"""A named figure is printed the same everywhere it appears in the built book.

Chapters name a figure that appears in more than one place with ``named("name", text)``; during the
build each use is written to a ledger (``book/_ext/figures.py``). Two texts for one name fail here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculators.book import LEDGER_ENV, ledger_conflicts, named

# figures that the issue on one definition per calculator found printed differently on different pages
MUST_BE_NAMED = ("hr_self_treated_2020", "hr_not_referred_2020_model", "payback_share")


def test_the_ledger_records_uses_and_finds_a_conflict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(LEDGER_ENV, str(tmp_path))
    assert named("x", "41–45%") == "41–45%"
    named("x", "41–45%")
    assert ledger_conflicts(tmp_path) == {}
    named("x", "40–85%")  # the same figure printed another way on another page
    assert ledger_conflicts(tmp_path) == {"x": {"41–45%", "40–85%"}}


def test_without_a_build_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(LEDGER_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    named("x", "1")
    assert not list(tmp_path.iterdir())


@pytest.mark.slow
def test_every_named_figure_reads_the_same_in_the_built_book(built_book) -> None:  # type: ignore[no-untyped-def]
    assert built_book.returncode == 0, built_book.output[-3000:]
    folder = built_book.html.parent / "figures"
    entries = [json.loads(line) for p in folder.glob("*.jsonl") for line in p.read_text("utf-8").splitlines()]
    names = {e["name"] for e in entries}
    assert set(MUST_BE_NAMED) <= names, sorted(names)
    assert ledger_conflicts(folder) == {}
