"""Outputs (§7, §8): the HTML report is self-contained and agrees with the JSON; the XLSX holds only
aggregates and never a formula; benchmarks call a difference only when intervals do not overlap;
the comparison design's worked example is computed by hand."""

from __future__ import annotations

import html
import io
import re

import openpyxl
import pytest

from calculators.evaluation import comparison, run
from calculators.evaluation.benchmarks import Benchmark, compare, published
from calculators.evaluation.report import to_html, to_xlsx
from calculators.evaluation.summary import to_json

from evaluation_helpers import HEADERS, TWELVE, csv_bytes

THIRTY_SIX = TWELVE * 3


@pytest.fixture(scope="module")
def evaluation():  # noqa: ANN201
    return run(csv_bytes(THIRTY_SIX), "r.csv", min_cell=3)


def test_html_is_self_contained_and_dutch(evaluation) -> None:  # noqa: ANN001
    page = to_html(evaluation, "r.csv")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<svg" in page  # charts inline
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page)  # nothing fetched from anywhere
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "is <strong>geen effect</strong>" in page and "per 1.000 jeugdigen" in page
    assert "Fictieve gegevens" not in page
    assert "Fictieve gegevens" in to_html(evaluation, "registratie_fictief.csv")


def test_html_numbers_equal_the_json(evaluation) -> None:  # noqa: ANN001
    page = to_html(evaluation, "r.csv")
    out = to_json(evaluation)
    # 36 trajectories, 24 closed (67 %), 12 open (33 %): counted by hand from TWELVE x 3
    assert "Trajecten: 36" in page and "afgesloten 24 (67%)" in page and "open 12 (33%)" in page
    assert (out["trajectories"], out["closed"], out["open"]) == (36, 24, 12)
    intensity = out["intensity"]["2 tot 5 contacten"]
    assert f"<td>{intensity['count']} (50%)</td>" in page  # 18 of 36


def test_suppression_stated_under_every_table(evaluation) -> None:  # noqa: ANN001
    page = to_html(evaluation, "r.csv")
    assert page.count("<table>") == page.count('</table></div><p class="note">')  # a note under every table
    # every table in a frame that scrolls sideways on a phone, named after its caption
    assert page.count("<table>") == page.count('<div class="schuif" tabindex="0" role="region" aria-label="Tabel: ')
    assert page.count('<p class="note">Aantal (aandeel') == len(evaluation.tables)  # with the suppression rule


def test_xlsx_aggregates_only_and_no_formulas() -> None:
    headers = [*HEADERS, "Praktijk"]
    closed = [r for r in TWELVE if r[6]]
    ten = closed + closed[:2]  # 10 closed trajectories: each practice gets a row of its own
    rows = [[*r, name] for name in ("=HYPERLINK(\"http://x\")", "@SUM(A1)", "+1", "-1") for r in ten]
    ev = run(csv_bytes(rows, headers), "f.csv", min_cell=3)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, "=cmd.csv")))
    texts = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert '=HYPERLINK("http://x")' in texts and "@SUM(A1)" in texts and "+1" in texts and "-1" in texts
    assert "Evaluatie van =cmd.csv" in texts
    # aggregates only: no sheet has a row per trajectory (the file has 40)
    assert all(ws.max_row < 40 for ws in book.worksheets if ws.title != "Toelichting")


def test_difference_only_when_intervals_do_not_overlap(evaluation) -> None:  # noqa: ANN001
    for c in compare(evaluation):
        interval = c.benchmark.interval()
        if interval is None or c.pilot.share is None:
            assert c.verdict.startswith("niet te")
            continue
        apart = c.pilot.ci_high < interval[0] or c.pilot.ci_low > interval[1]
        assert c.verdict.startswith("verschil") == apart


def test_benchmarks_spell_out_definitions() -> None:
    bms = published()
    accare_referred = next(b for b in bms if b.study.startswith("Accare") and b.row == "Verwezen")
    assert "CJG" in accare_referred.difference and "vrij toegankelijke" in accare_referred.difference
    assert accare_referred.base == 2012 and accare_referred.count == 945  # Accare Tabel 7, printed
    rebel_bridging = next(b for b in bms if b.study.startswith("Rebel") and b.row == "Overbrugging")
    assert (rebel_bridging.count, rebel_bridging.base) == (71, 755)  # rebel2021 L766-767, L428-429
    rotterdam = next(b for b in bms if b.study.startswith("Rotterdam"))
    assert rotterdam.interval() is None  # a survey of 14 professionals, not a count of trajectories
    assert all(isinstance(b, Benchmark) and b.difference for b in bms)


def test_comparison_design_worked_example_by_hand() -> None:
    c, _ = comparison.example()
    # own: 150 / 5000 x 1000 = 30.0 before; 131 / 5050 x 1000 = 25.94 after: change -4.06
    # others: 1160 / 40000 x 1000 = 29.0; 1131 / 40400 x 1000 = 27.995: change -1.005
    # difference in differences: -4.059 - (-1.005) = -3.054 per 1,000 youths
    assert c.own_before == 30.0 and c.own_after == pytest.approx(25.9406, abs=1e-4)
    assert c.others_change == pytest.approx(-1.0050, abs=1e-4)
    assert c.difference_in_differences == pytest.approx(-3.0545, abs=1e-4)
    with pytest.raises(Exception, match="groter zijn dan 0"):
        comparison.per_thousand(10, 0)


PAYLOADS = ('=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)")


def _formula_cells(content: bytes) -> dict[str, list[str]]:
    """Per sheet, the cells stored as formulas: openpyxl's view and the sheet XML's <f> elements."""
    import zipfile

    book = openpyxl.load_workbook(io.BytesIO(content))
    found = {ws.title: [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
             for ws in book.worksheets}
    archive = zipfile.ZipFile(io.BytesIO(content))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and re.search(rb"<f[ >]", archive.read(name)):
            found.setdefault(name, []).append("<f>")
    return {k: v for k, v in found.items() if v}


def test_no_formula_in_any_sheet_of_the_kit_with_the_payload_in_every_text_column() -> None:
    # the text that reaches the tables: the practice code (the only free-text column the kit keeps)
    # and the file name; categories must be the format's own, other columns are dropped or ignored
    closed = [r for r in TWELVE if r[6]]
    ten = closed + closed[:2]  # 10 closed trajectories each: every practice gets a row of its own
    rows = [[*r, p] for p in PAYLOADS for r in ten]
    ev = run(csv_bytes(rows, [*HEADERS, "Praktijk"]), "f.csv", min_cell=3)
    content = to_xlsx(ev, "=cmd|' /C calc'!A0.csv")
    assert _formula_cells(content) == {}
    book = openpyxl.load_workbook(io.BytesIO(content))
    practice = next(ws for ws in book.worksheets if ws.title.startswith("Inzet per praktijk"))
    column_a = [c.value for c in practice["A"]]
    assert all(p in column_a for p in PAYLOADS), column_a  # kept, as text


def test_no_formula_in_a_calculator_export_xlsx_or_csv() -> None:
    from calculators import export

    record = export.Record(app=PAYLOADS[0], title=PAYLOADS[1], inputs={"x": 1.0},
                           results={"y": (PAYLOADS[2], 1.0, 2.0, "\teur")}, sentence=PAYLOADS[3],
                           notes=["\r=1+1", "-gewoon tekst"])
    assert _formula_cells(export.to_xlsx_bytes(record)) == {}
    text = export.to_csv_bytes(record).decode("utf-8-sig")
    import csv

    cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for c in row]
    assert len(cells) == 9 * 8  # header and seven rows of nine cells: the payloads did not break a row
    assert not any(c.startswith(export.FORMULA_START) for c in cells), cells
    assert "'@SUM(A1)" in text and "'-gewoon tekst" in text


def test_headline_sentence_by_hand(evaluation) -> None:  # noqa: ANN001
    # TWELVE three times (counted in evaluation_helpers): 36 trajectories, 8 x 3 = 24 closed, 4 x 3 = 12 open;
    # self-helped 7 x 3 = 21, bridging 2 x 3 = 6, referred 3 x 3 = 9
    sentence = ("In 2020 begonnen 36 trajecten; 24 zijn afgesloten en 12 lopen nog. Van alle trajecten: de POH-J "
                "hielp er 21 zelf, 6 kregen overbruggingshulp en 9 zijn verwezen.")
    assert sentence in to_html(evaluation, "r.csv")
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(evaluation, "r.csv")))
    assert book["Toelichting"]["A2"].value == sentence


def test_headline_calls_a_hidden_count_hidden_never_small() -> None:
    # 4 open: hidden, and 8 closed with it (12 is shown); bridging 2 and referred 3 hidden, 7 self-helped shown.
    # 'fewer than 5' would be false for the closed 8, and for bridging + referred (5 = 12 - 7) it would leave
    # only 1 + 4, 2 + 3, 3 + 2 or 4 + 1
    ev = run(csv_bytes(TWELVE), "r.csv", min_cell=5, rounding="exact")
    sentence = ("In 2020 begonnen 12 trajecten; het aantal afgesloten is afgeschermd en het aantal lopende is "
                "afgeschermd. Van alle trajecten: de POH-J hielp er 7 zelf, het aantal met overbruggingshulp is "
                "afgeschermd en het aantal verwezen trajecten is afgeschermd.")
    page = to_html(ev, "r.csv")
    assert sentence in page and "minder dan 5 zijn" not in page


def test_headline_and_settings_when_counts_are_rounded() -> None:
    # exact counts would hide the 8 closed (beside the 4 open): rounded instead, chosen automatically.
    # 12 -> 10, 8 -> 10, 7 -> 5; open 4, bridging 2 and referred 3 stay hidden
    ev = run(csv_bytes(TWELVE), "r.csv", min_cell=5)
    assert ev.rounding == 5
    page = to_html(ev, "r.csv")
    assert ("In 2020 begonnen ongeveer 10 trajecten; 10 zijn afgesloten en het aantal lopende is afgeschermd. "
            "Van alle trajecten: de POH-J hielp er 5 zelf, het aantal met overbruggingshulp is afgeschermd en het "
            "aantal verwezen trajecten is afgeschermd. (Aantallen afgerond op veelvouden van 5.)") in page
    assert ("Kleinste getoonde aantal: 5. Aantallen: afgerond op veelvouden van 5 (automatisch gekozen).") in page
    assert "een getoonde 10 staat voor 8 tot en met 12" in page
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ev, "r.csv")))
    notes = [c.value for c in book["Toelichting"]["A"]]
    assert "Periode per kolom: kwartaal. Kleinste getoonde aantal: 5. Aantallen: afgerond op veelvouden van 5 " \
           "(automatisch gekozen)." in notes
    chosen = run(csv_bytes(TWELVE), "r.csv", min_cell=5, rounding="vijftallen")
    assert "Aantallen: afgerond op veelvouden van 5." in to_html(chosen, "r.csv")
    assert not any("Met exacte aantallen" in n for n in chosen.notes)


def test_intervals_in_words_and_sources_as_places_not_lines(evaluation) -> None:  # noqa: ANN001
    page = to_html(evaluation, "r.csv")
    # self-helped 21 of 36 = 58 %; Wilson 95 % interval 42 %-73 % (stats.wilson_interval, checked in test_stats)
    assert "met 95% zekerheid ligt het aandeel tussen 42% en 73%" in page
    assert not re.search(r"\bL\d{2,}", page), re.findall(r".{40}\bL\d{2,}.{10}", page)
    assert "dia ‘Takenpakket POH-J en zwaartepunt van de inzet’" in page
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(evaluation, "r.csv")))
    sources = [c.value for c in book["Vergelijking"]["I"][1:]]
    assert sources and not any(re.search(r"\bL\d{2,}", str(v)) for v in sources), sources


def test_a4_pdf_from_the_command_line_rendered_and_checked(tmp_path) -> None:  # noqa: ANN001
    import subprocess
    import sys

    import pypdf

    registration, out = tmp_path / "r.csv", tmp_path / "rapport.pdf"
    registration.write_bytes(csv_bytes(THIRTY_SIX))
    done = subprocess.run([sys.executable, "-m", "calculators", "evaluate", str(registration), "--min-cell", "3",
                           "--pdf", str(out)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert f"Rapport (A4) geschreven naar {out}" in done.stdout
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) >= 2
    for page in reader.pages:  # A4: 210 x 297 mm = 595.3 x 841.9 points
        assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert "begonnen 36 trajecten" in " ".join(text.split())


def test_the_app_offers_the_pdf_on_request() -> None:
    from calculators.ui.evaluation import EvaluationApp

    app = EvaluationApp()
    assert app.pdf_button.layout.display == "none"  # nothing to print yet
    app.min_cell.value = 3
    app.load(csv_bytes(THIRTY_SIX), "r.csv")
    assert app.pdf_button.layout.display == "" and app.pdf_link.value == ""
    app.pdf_button.click()
    assert 'download="r-rapport.pdf" href="data:application/pdf;base64,JVBER' in app.pdf_link.value  # '%PDF'


def test_a_report_that_hides_a_headline_figure_offers_the_settings_that_show_it() -> None:
    from calculators.evaluation.indicators import hidden_headline
    from calculators.evaluation.summary import advice_text

    # TWELVE twice, by hand: groups over all 24 trajectories: self 14, bridging 4, referred 6. With minimum 5
    # the 4 is hidden, and 24 - 14 - 6 would give it away: the smallest shown part, referred (6), goes too.
    ev = run(csv_bytes(TWELVE * 2), "r.csv", min_cell=5, rounding="exact")
    assert hidden_headline(ev) == ["de groep 'Verwezen'"]
    text = advice_text(ev)
    assert "ook de groep 'Verwezen'. Met kleinste getoonde aantal 3 zijn de kerncijfers zichtbaar" in text
    assert "--period kwartaal --min-cell 3" in text and html.escape(text) in to_html(ev, "r.csv")
    assert to_json(ev)["advice"]["min_cell"] == 3
    better = run(csv_bytes(TWELVE * 2), "r.csv", "kwartaal", 3, "exact")  # the advice, taken
    assert hidden_headline(better) == [] and to_json(better)["groups"]["Verwezen"]["count"] == 6
    # 60 trajectories, one year: no need
    assert advice_text(run(csv_bytes(TWELVE * 5), "r.csv", "jaar", 5, "exact")) == ""


def test_advice_for_a_mostly_hidden_report_whose_headline_figures_show(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rounded, the headline figures already show: the advice only offers fewer dots, never 'visible'."""
    from calculators.evaluation import indicators
    from calculators.evaluation.summary import advice_text

    ev = run(csv_bytes(TWELVE), "r.csv", min_cell=5)  # rounded: 12 -> 10, 8 -> 10, 7 -> 5 show
    assert indicators.hidden_headline(ev) == []
    monkeypatch.setattr(indicators, "hidden_share", lambda _ev: 0.6)  # mostly dots (43 % in fact)
    monkeypatch.setattr(indicators, "_advise", lambda _ev: indicators.Advice("jaar", 5, 0.25))
    assert advice_text(ev) == ("60% van de cellen is afgeschermd. Met periode per kolom 'jaar' is 25% "
                               "afgeschermd. Kies dat hierboven, of op de opdrachtregel met --period jaar "
                               "--min-cell 5.")
