"""The council annex: DOCX opened with python-docx and PDF with pypdf hold the right numbers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from calculators.annex import handbook_version
from calculators.cli import main


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def result_rows(path: Path) -> dict[str, str]:
    """The annex's result table (header 'Uitkomst', 'Waarde') as label -> value."""
    doc = Document(str(path))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["Uitkomst", "Waarde"])
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


def annex(tmp_path: Path, capsys: pytest.CaptureFixture[str], *args: str, name: str = "bijlage.docx") -> Path:
    out = tmp_path / name
    assert main(["annex", *args, "-o", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["output"] == str(out)
    return out


def test_staffing_annex_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = docx_text(annex(tmp_path, capsys, "staffing", "--youths", "5000"))
    # 5000 / 10,000 x 1.0 .. 1.2 fte = 0.50 .. 0.60 fte; x € 100,000 .. 110,000 = € 50,000 .. € 66,000
    assert "0,50–0,60 fte" in text and "€ 50.000 – € 66.000" in text
    # 0.50 .. 0.60 fte x 38 h = 19.0 .. 22.8 hours per week
    assert "19,0–22,8 uur per week" in text
    for heading in (
        "Vraag",
        "Invoer en bronnen",
        "Uitkomst",
        "Welke aanname weegt het zwaarst?",
        "Risico's en kanttekeningen",
    ):
        assert heading in text
    for caveat in ("Aanzuigende werking", "Stapeling", "Waterbed", "Geen vergelijkingsgroep"):
        assert caveat in text
    assert f"versie {handbook_version()}" in text and dt.date.today().strftime("%d-%m-%Y") in text
    assert len(Document(str(tmp_path / "bijlage.docx")).inline_shapes) == 1  # the tornado chart


def test_workload_annex_docx_marks_the_assumption(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = docx_text(annex(tmp_path, capsys, "workload", "--youths", "5000", "--current-hours", "14"))
    # hand value of tests/test_decision_calcs.py: 0.166234 fte -> '0,17 fte'; 0.166234 x 38 = 6.3 h
    assert "0,17 fte" in text and "6,3 uur per week" in text
    assert "aanname (geen bron)" in text
    rows = result_rows(tmp_path / "bijlage.docx")
    # WISN ratio: (14 / 38) / 0.166234 = 0.368421 / 0.166234 = 2.216 -> '2,22'
    assert rows["WISN-ratio (huidige / benodigde formatie)"] == "2,22"
    # difference: 0.368421 - 0.166234 = 0.202187 fte -> '0,20 fte' (the row's own cell, not the ratio)
    assert rows["Verschil huidige − benodigde formatie"] == "0,20 fte"
    assert rows["Formatie volgens de werklast (WISN)"] == "0,17 fte"


def test_workload_annex_difference_row_when_short() -> None:
    from calculators.annex.content import workload_annex

    # 4 h of 38 = 0.105263 fte; 0.105263 - 0.166234 = -0.060971 fte -> '−0,06 fte' or '-0,06 fte'; ratio 0.633 -> '0,63'
    rows = dict(workload_annex(5000, current_hours=4).results)
    assert rows["WISN-ratio (huidige / benodigde formatie)"] == "0,63"
    assert rows["Verschil huidige − benodigde formatie"].replace("\u2212", "-") == "-0,06 fte"


def test_break_even_annex_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = docx_text(annex(tmp_path, capsys, "break-even", "--hours-per-week", "32", "--youths", "5000"))
    # 32 h x € 61 x 52 = € 101.504; / € 876 = 115.87 -> 116 whole trajectories (the registry's rounding);
    # share 0.6148 -> 61,5% (one decimal, the registry); 115.87 / 5 = 23.2 per 1000
    assert "Te voorkomen trajecten per jaar\n116\n" in text
    assert "€ 101.504" in text and "61,5%" in text and "23,2" in text
    assert "Rebel; maatschappelijke business case" in text


@pytest.mark.slow
def test_annex_pdf_opens_with_the_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = annex(tmp_path, capsys, "staffing", "--youths", "5000", name="bijlage.pdf")
    reader = PdfReader(str(path))
    assert 1 <= len(reader.pages) <= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "0,50–0,60 fte" in text and "€ 50.000 – € 66.000" in text and "Risico's en kanttekeningen" in text


BAD = [
    (["annex", "staffing", "--youths", "5000", "-o", "bijlage.txt"], ".docx of .pdf"),
    (["annex", "staffing", "--youths", "5000", "-o", "/geen/map/bijlage.docx"], "bestaat niet"),
    (["annex", "staffing", "--youths", "-5", "-o", "x.docx"], "niet negatief"),
    (["annex", "staffing", "--youths", "abc", "-o", "x.docx"], "moet een getal zijn"),
    (["annex", "break-even", "-o", "x.docx"], "één van beide"),
    (["annex", "break-even", "--hours-per-week", "4", "--youths", "0", "-o", "x.docx"], "groter dan nul"),
    (["annex", "workload", "--youths", "5000", "--support-share", "1", "-o", "x.docx"], "kleiner zijn dan 1"),
    (["annex", "staffing", "--youths", "5000"], "Verplichte optie ontbreekt"),
]


@pytest.mark.parametrize(("args", "expected"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_annex_input(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and expected in err, err
    assert not list(tmp_path.iterdir())  # nothing written
