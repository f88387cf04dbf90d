"""Outputs (§7, §8): the HTML report is self-contained and agrees with the JSON; the XLSX holds only
aggregates and never a formula; benchmarks call a difference only when intervals do not overlap;
the comparison design's worked example is computed by hand."""

from __future__ import annotations

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
    assert page.count("<table>") == page.count('</table><p class="note">')  # a note under every table
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
