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


def test_corrected_explanations_of_issue_9() -> None:
    """The four explanations the independent check found wrong, pinned against hand computations."""
    # Accare records bridging as an intervention: 248 of 1970 trajectories (accare2019 L681) = 12.6 % -> 13 %
    bridging = discrepancies.get("accare_bridging")
    assert round(248 / 1970, 2) == bridging.ours == 0.13
    assert bridging.ours_high == 0.12  # the outcome 'anders' that Rebel quotes (accare2019 L738-742)
    assert "eigen interventie" in bridging.explanation() and "alleen de categorie" not in bridging.explanation()
    # only 242 fits the printed 56/29/15 %: 69/242 = 28.5 % -> 29 %, 69/243 = 28.4 % -> 28 % (rebel2021 L808-813)
    assert (round(136 / 242 * 100), round(69 / 242 * 100), round(37 / 242 * 100)) == (56, 29, 15)
    assert round(69 / 243 * 100) == 28
    assert "Alleen 242" in discrepancies.get("aftercare_total").explanation()
    # 327 of 531 not referred to youth mental-health care includes preventive help and the JGT (rebel2021 L1097-1098)
    half = discrepancies.get("letter_half_not_referred")
    assert half.ours == pytest.approx(327 / 531) and half.ours_high == 0.42
    assert "twee derde" not in half.explanation() and "JGT" in half.explanation()
    # the coverage arithmetic stays, the conclusion names its conditions (rebel2021 L1309-1310, L1418, L464-466)
    covers = discrepancies.get("optimistic_covers_half").explanation()
    assert "pilotjaar" in covers and "zorggroep" in covers and "later" in covers
