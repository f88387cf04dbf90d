"""Every flagged inconsistency: our value is pinned in data/ and recomputed here."""

from __future__ import annotations

import re

import pytest

from calculators import data, discrepancies

ROWS = data.rows("discrepancies")


def _tolerance(text: str) -> float:
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** -decimals + 1e-9


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_our_value_is_pinned(row: dict[str, str]) -> None:
    ours, ours_high = discrepancies.compute(row["id"])
    assert ours == pytest.approx(float(row["ours"]), abs=_tolerance(row["ours"]))
    if row["ours_high"]:
        assert ours_high == pytest.approx(float(row["ours_high"]), abs=_tolerance(row["ours_high"]))
    else:
        assert ours_high is None
    assert bool(row["ours_high"]) == bool(row["high_is"]), "ours_high needs high_is = range or alternative"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_printed_value_differs_from_ours(row: dict[str, str]) -> None:
    ours, ours_high = discrepancies.compute(row["id"])
    printed = float(row["printed"])
    if row["kind"] == "meaning":  # same number, but the source gives it another meaning
        assert printed == pytest.approx(ours, abs=_tolerance(row["printed"]))
        return
    assert row["kind"] == "value"
    assert printed != pytest.approx(ours, abs=_tolerance(row["printed"]))
    if row["high_is"] == "range":
        # a range of ours must not contain the printed value either
        assert not (min(ours, ours_high) <= printed <= max(ours, ours_high))


@pytest.mark.parametrize("item", discrepancies.all_discrepancies(), ids=lambda d: d.id)
def test_explanation_is_complete_dutch_text(item: discrepancies.Discrepancy) -> None:
    text = item.explanation()
    assert "{" not in text and "}" not in text
    # an English decimal point (thousands separators have three digits after the dot)
    assert not re.search(r"\d\.\d{1,2}(?!\d)", text.replace("(7.9)", "")), f"English decimal point in: {text}"
    assert item.fmt(item.ours) in text or item.id in {"contact_length"}


def test_every_discrepancy_has_a_computation() -> None:
    assert {r["id"] for r in ROWS} == set(discrepancies._OURS)


def test_known_issue_examples_are_flagged() -> None:
    """The examples named in the issue, each with the value we pin."""
    ids = {r["id"] for r in ROWS}
    assert {"optimistic_total", "katwijk_bggz_optimistic", "oegstgeest_remaining_hours",
            "hillegom_fte_of_hours"} <= ids
    assert discrepancies.get("optimistic_total").ours == pytest.approx(245091)
    assert discrepancies.get("optimistic_total").printed == 205611
