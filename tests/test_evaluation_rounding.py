"""Issue 21 item 1: counts rounded to multiples of five, as statistics offices publish them.

By hand: the rounding rule and the range a rounded figure stands for; the audit that asks how far a
reader can narrow a hidden count when every shown count is rounded; the cells rounding saves (a small
part beside one large part: exact counts must hide the large part too, rounded ones need not) and the
cell it still hides (two rounded parts that leave a hidden zero fewer than five possible values). Then
the report: 'automatisch' rounds exactly when exact counts would hide a headline figure, and the
command line, the JSON and the app say which was used. The property that no hidden count can be
narrowed below five possible values on random registrations is in ``test_evaluation_suppression.py``.
"""

from __future__ import annotations

import json

import pytest

from calculators.errors import InputError
from calculators.evaluation import load, run
from calculators.evaluation.indicators import TOTAL, evaluate, hidden_headline
from calculators.evaluation.suppression import Equation, narrow_cells, round_to, rounded_range, suppress

from conftest import run_cli
from evaluation_helpers import TWELVE, csv_bytes


@pytest.mark.parametrize(("value", "shown"), [(0, 0), (1, 0), (2, 0), (3, 5), (4, 5), (5, 5), (7, 5), (8, 10),
                                              (12, 10), (13, 15), (51, 50), (54, 55)])
def test_conventional_rounding_to_five(value: int, shown: int) -> None:
    assert round_to(value, 5) == shown
    low, high = rounded_range(shown, 5)
    assert low <= value <= high  # the true count lies in the range the figure stands for


def test_the_range_a_rounded_figure_stands_for() -> None:
    assert rounded_range(10, 5) == (8, 12)
    assert rounded_range(5, 5) == (3, 7)
    assert rounded_range(0, 5) == (0, 2)  # never negative
    assert (round_to(15, 10), rounded_range(20, 10)) == (20, (15, 24))  # base 10: a 5 goes up
    assert round_to(7, 1) == 7 and rounded_range(7, 1) == (7, 7)  # base 1: exact


# T = A + B with T 12 and A 10: exact counts give B away (12 - 10 = 2), so A must go too; rounded (10 and 10:
# each 8..12) B can be anything from 0 to 4, five values, as much as a rounded figure tells.
PAIR = {"T": 12, "A": 10, "B": 2}
PAIR_EQ = [Equation("T", ("A", "B"))]


def test_rounding_saves_the_complement_of_a_small_part() -> None:
    assert suppress(PAIR, PAIR_EQ, 5) == {"A", "B"}
    assert narrow_cells(PAIR, PAIR_EQ, {"B"}, 5) == []
    assert suppress(PAIR, PAIR_EQ, 5, rounding=5) == {"B"}


# T 16 = A 8 + C 8 + B 0; rounded 15 = 10 + 10 + B: B <= 17 - 8 - 8 = 1, so B is 0 or 1 (two values, fewer
# than five): one more cell must go, the cheapest (A and C tie on count; the name decides).
TRIPLE = {"T": 16, "A": 8, "C": 8, "B": 0}
TRIPLE_EQ = [Equation("T", ("A", "B", "C"))]


def test_rounded_parts_can_still_narrow_a_hidden_cell() -> None:
    assert narrow_cells(TRIPLE, TRIPLE_EQ, {"B"}, 5) == ["B"]
    # with A hidden as well: A + B = T - C between 15 - 2 - 12 = 1 and 17 - 8 = 9: B from 0 to 9, A from 0 to 9
    assert narrow_cells(TRIPLE, TRIPLE_EQ, {"A", "B"}, 5) == []
    assert suppress(TRIPLE, TRIPLE_EQ, 5, rounding=5) == {"A", "B"}


def test_a_hidden_cell_in_no_equation_is_never_narrow() -> None:
    # nothing ties it to a shown count: its range is everything from 0 to the largest count plus the base
    assert narrow_cells({"T": 10, "A": 10, "X": 1}, [Equation("T", ("A",))], {"X"}, 5) == []


def test_automatic_rounding_only_when_exact_counts_hide_a_headline_figure() -> None:
    reg = load(csv_bytes(TWELVE), "t.csv")  # 12 trajectories: 8 closed, 4 open
    exact = evaluate(reg, min_cell=5, rounding="exact")
    assert hidden_headline(exact) == ["het aantal afgesloten trajecten"]  # beside the 4 open
    auto = evaluate(reg, min_cell=5)
    assert (auto.rounding, hidden_headline(auto)) == (5, [])
    traj = auto.table("trajectories")
    assert [auto.count(traj.cells[(r, TOTAL)]) for r in ("Afgesloten", "Open", TOTAL)] == [10, None, 10]
    # 36 trajectories (three times as many) with a minimum of 3: exact counts hide no total
    thrice = load(csv_bytes(TWELVE * 3), "t.csv")
    assert evaluate(thrice, min_cell=3).rounding == 1
    assert evaluate(thrice, min_cell=3, rounding="vijftallen").rounding == 5


def test_shares_and_inflow_rest_on_the_rounded_counts() -> None:
    ev = run(csv_bytes(TWELVE), "t.csv", "kwartaal", 5, "vijftallen")
    groups = ev.table("groups")
    self_helped = ev.cell(groups, "Zelf geholpen door de POH-J", TOTAL)  # 7 of 12 -> 5 of 10
    assert (self_helped.count, self_helped.base, self_helped.share) == (5, 10, 0.5)
    assert ev.statistics["Nieuwe trajecten per week"][TOTAL] == 10 / ev.period_weeks[TOTAL]


def test_an_unknown_rounding_is_refused_in_dutch() -> None:
    with pytest.raises(InputError) as refused:
        evaluate(load(csv_bytes(TWELVE), "t.csv"), rounding="tientallen")
    assert refused.value.field == "rounding"
    assert str(refused.value) == "Onbekende afronding 'tientallen': kies automatisch, exact, vijftallen."


def test_the_command_line_and_json_name_the_rounding(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes(TWELVE))
    out = json.loads(run_cli("evaluate", str(path), "--rounding", "vijftallen", "--min-cell", "3", "--json").stdout)
    assert (out["rounding"], out["rounding_setting"], out["trajectories"], out["closed"]) == (5, "vijftallen", 10, 10)
    out = json.loads(run_cli("evaluate", str(path), "--min-cell", "3", "--rounding", "exact", "--json").stdout)
    assert (out["rounding"], out["rounding_setting"], out["trajectories"], out["closed"]) == (1, "exact", 12, 8)


def test_the_app_offers_the_rounding() -> None:
    from calculators.ui.evaluation import EvaluationApp

    app = EvaluationApp()
    app.load(csv_bytes(TWELVE), "t.csv")  # minimum 5: exact counts would hide the closed trajectories
    assert "begonnen ongeveer 10 trajecten" in app.dashboard.value
    assert "Aantallen: afgerond op veelvouden van 5 (automatisch gekozen)." in app.dashboard.value
    app.rounding.value = "exact"
    assert "begonnen 12 trajecten; het aantal afgesloten is afgeschermd" in app.dashboard.value
    assert [label for label, _key in app.rounding.options][0].startswith("automatisch")
