"""The council annex ('annex raad'): the answer first, every number equal to the CLI's for the same inputs,
A4 and at most two pages, the tornado drawn, no placeholder or empty sentence; the PDF's pages rendered."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm
from pypdf import PdfReader

from calculators import bands
from calculators.annex import council_annex
from calculators.cli import main
from calculators.registry import BREAK_EVEN, COSTS, SAVINGS, STAFFING, WORKLOAD
from calculators.savings import SCENARIO_NAMES, estimated_counts

HEADINGS = ("Antwoord in het kort", "1. Formatie: de norm en de werklast", "2. Jaarkosten", "3. Terugverdienen",
            "4. Besparing in drie scenario's", "5. Wat het onderzoek zegt", "Welke aanname weegt het zwaarst?",
            "Risico's en kanttekeningen", "Invoer en bronnen")


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def rows(annex: object) -> dict[str, str]:
    return {label: value for part in annex.sections for label, value in part.rows}  # type: ignore[attr-defined]


def test_the_answer_for_12000_youths_by_hand() -> None:
    a = council_annex(12_000)
    r = rows(a)
    # norm: 12,000 / 10,000 x 1.0 .. 1.2 = 1.20 .. 1.44 fte; x 38 h = 45.6 .. 54.72 h a week
    assert r[STAFFING["fte"].label] == "1,20–1,44 fte"
    assert r[STAFFING["hours_per_week"].label] == "45,6–54,7 uur per week"
    # AEF cost: 1.20 x € 100,000 = € 120,000; 1.44 x € 110,000 = € 158,400 (no cost items entered)
    assert r[COSTS["total"].label] == "€ 120.000 – € 158.400"
    # break-even: € 120,000 / € 876 = 136.99 -> 137; € 158,400 / € 876 = 180.82 -> 181
    assert r[BREAK_EVEN["trajectories_needed"].label] == "137–181"
    assert r[f"{SAVINGS['savings_total'].label}: geen meetbaar effect"] == "€ 0"
    assert "1,20–1,44 fte" in a.answer and "137–181" in a.answer and "CPB" in a.answer
    assert [s.title for s in a.sections] == list(HEADINGS[1:6])
    own = [row for row in a.inputs if row[2] == "eigen invoer"]
    assert own == [("Aantal jeugdigen (0–17 jaar)", "12.000", "eigen invoer")]  # only the reader's input


@pytest.mark.parametrize(("youths", "hours"), [(1000, None), (12_000, None), (150_000, None), (12_000, 46.0),
                                                (5000, 14.0)])
def test_every_number_equals_the_clis(youths: float, hours: float | None,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    a = council_annex(youths, hours)
    r = rows(a)
    norm = cli_json(capsys, "staffing", "--youths", repr(youths))
    for name in ("fte", "hours_per_week"):
        assert r[STAFFING[name].label] == STAFFING[name].text(norm[f"{name}_low"], norm[f"{name}_high"])
    wl = cli_json(capsys, "workload", "--youths", repr(youths))
    assert r[WORKLOAD["fte_needed"].label] == WORKLOAD["fte_needed"].text(wl["fte_needed"])
    ftes = (hours / 38, hours / 38) if hours else (norm["fte_low"], norm["fte_high"])
    low, high = (cli_json(capsys, "costs", "--fte", repr(f)) for f in ftes)
    assert r[COSTS["total"].label] == COSTS["total"].text(low["total_low"], high["total_high"])
    be_low, be_high = (cli_json(capsys, "break-even", "--full-cost-fte", repr(f)) for f in ftes)
    needed = BREAK_EVEN["trajectories_needed"]
    low_n, high_n = (x if not isinstance(x, dict) else x[k] for x, k in
                     ((be_low["trajectories_needed"], "low"), (be_high["trajectories_needed"], "high")))
    assert r[needed.label] == needed.text(low_n, high_n)
    hours_pair = (hours, hours) if hours else (norm["hours_per_week_low"], norm["hours_per_week_high"])
    for scenario, label in SCENARIO_NAMES.items():
        totals = []
        for h in hours_pair:
            counts = ",".join(f"{b}={c!r}" for b, c in estimated_counts(h).items())
            totals.append(
                cli_json(capsys, "savings", "--scenario", scenario, "--trajectories", counts)["savings_total"]
            )
        totals = [t if not isinstance(t, dict) else t["low"] for t in totals]
        assert r[f"{SAVINGS['savings_total'].label}: {label}"] == SAVINGS["savings_total"].text(*totals)
    assert set(bands.BANDS)  # the bands the estimate scales


@pytest.mark.slow
def test_pdf_is_a4_at_most_two_pages_and_its_pages_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "raad.pdf"
    assert main(["annex", "raad", "--youths", "12000", "-o", str(out)]) == 0
    reader = PdfReader(str(out))
    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:  # A4: 595 x 842 pt
        assert abs(float(page.mediabox.width) - 595) < 2 and abs(float(page.mediabox.height) - 842) < 2
    text = "\n".join(p.extract_text() for p in reader.pages)
    for heading in HEADINGS:
        assert heading in text, heading
    assert not re.search(r": \.|\bnan\b|\{|\}|None", text), "placeholder or empty sentence in the annex"
    assert "Prijs van een vermeden traject" in text  # the tornado's rows are drawn (SVG text in the PDF)
    exe = shutil.which("pdftoppm")
    assert exe, "pdftoppm (poppler-utils) is installed by scripts/setup.sh"
    subprocess.run([exe, "-r", "30", "-gray", str(out), str(tmp_path / "page")], check=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) == len(reader.pages)
    for pgm in pages:  # each page carries ink: not a blank page (binary PGM: 'P5 width height maxval' + bytes)
        raw = pgm.read_bytes()
        magic, width, height, _maxval, pixels = raw.split(maxsplit=4)
        assert magic == b"P5" and len(pixels) == int(width) * int(height)
        dark = sum(1 for px in pixels if px < 128)
        assert dark > 0.01 * len(pixels), pgm.name


def test_docx_is_a4_editable_with_the_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "raad.docx"
    assert main(["annex", "raad", "--youths", "12000", "--hours-per-week", "46", "-o", str(out)]) == 0
    doc = Document(str(out))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.1) and abs(section.page_height - Cm(29.7)) < Cm(0.1)
    text = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    for heading in HEADINGS:
        assert heading in text, heading
    assert len(doc.inline_shapes) == 1  # the tornado
    assert "Uren POH-J per week\n46\neigen invoer" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--youths", "-5"], "negatief"),
        (["--youths", "0"], "groter dan nul"),
        (["--youths", "twaalf"], "getal"),
        (["--youths", "12000", "--hours-per-week", "0"], "groter dan nul"),
    ],
)
def test_bad_input_is_a_dutch_line_and_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annex", "raad", *args, "-o", str(tmp_path / "x.docx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and message in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_both_apps_download_the_council_annex_for_the_readers_numbers() -> None:
    """The formatie app always, the terugverdienen app once the number of youths is given."""
    from calculators.ui import BreakEvenApp, StaffingApp

    staffing_app = StaffingApp()
    values = {k: f.default for k, f in staffing_app.fields.items()} | {"youths": 12_000.0}
    _, annex = staffing_app.more_outputs(values)
    assert annex.model == "raad" and rows(annex) == rows(council_annex(12_000))
    be_app = BreakEvenApp()
    values = {k: f.default for k, f in be_app.fields.items()} | {"hours_per_week": 46.0}
    _, annex = be_app.more_outputs(values)
    assert annex.model == "break-even"  # no youths: the break-even annex
    _, annex = be_app.more_outputs(values | {"youths": 12_000.0})
    assert annex.model == "raad" and rows(annex) == rows(council_annex(12_000, 46.0))
