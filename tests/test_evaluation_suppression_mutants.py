"""Issue 21 item 7: small hand-worked cases for the slips mutmut planted in ``suppression.py`` and the
other tests let through (``benchmarks/README.md``, the suppression paragraph).

Every example is small enough to follow on paper: the equations and values are written out, and the
expected hidden set or span is worked out in the comment above it. Exact counts: a hidden cell is safe
when the shown cells, the sums and x >= 0 leave it more than one value. Counts rounded to five: a shown
figure r stands for r - 2 .. r + 2, and a hidden cell is safe when it keeps at least five whole values.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from calculators.evaluation import suppression
from calculators.evaluation.suppression import Equation, exposed_cells, narrow_cells, round_to, rounded_range, suppress

# ------------------------------------------------------------------ the 'show again' pass


def test_the_most_expensive_complement_is_shown_again_first() -> None:
    # T0 17 = a 6 + b 2 + c 9;  T1 9 = b 2 + d 7;  T2 22 = a 6 + c 9 + d 7;  T0..T2 are totals (tier 2).
    # b < 5 is hidden; the greedy step ends with T1, a, c and d hidden beside it. Tried back most
    # expensive first (tier, then count): T1 (tier 2), c 9, d 7, a 6.
    # - T1 back: b + d = 9 with a + b + c = 17 and a + c + d = 22 gives b - d = -5, so b = 2: keep T1.
    # - c back:  a + b = 8, a + d = 13, T1 = b + d: b anything from 0 to 8. Shown again.
    # - d back:  a = 22 - 9 - 7 = 6 (c is hidden no more): keep d. a back: b = 17 - 6 - 9 = 2: keep a.
    # So c (9) shows and a (6) stays hidden. Tried cheapest first, a (6) would go back first (b + c = 11,
    # c + d = 16: b still open) and then c, d and T1 would all be needed: the larger count hidden instead.
    values = {"a": 6, "b": 2, "c": 9, "d": 7, "T0": 17, "T1": 9, "T2": 22}
    eqs = [Equation("T0", ("a", "b", "c")), Equation("T1", ("b", "d")), Equation("T2", ("a", "c", "d"))]
    tiers = dict.fromkeys(("T0", "T1", "T2"), 2)
    assert exposed_cells(values, eqs, {"T1", "a", "b", "c", "d"}) == []  # the greedy step's set is safe
    assert exposed_cells(values, eqs, {"T1", "a", "b", "d"}) == []  # and still safe without c
    assert suppress(values, eqs, 5, tiers) == {"T1", "a", "b", "d"}
    # The tier comes before the count: with a marked as linking to another table (tier 1), a (6) is tried
    # back right after T1, before c (9). Without a: b + c = 11, c + d = 16, T1 = b + d: b anything from 0
    # to 11, so a shows; then c (b = 17 - 6 - 9 = 2) and d (c = 22 - 6 - 7 = 9) stay hidden.
    assert suppress(values, eqs, 5, {**tiers, "a": 1}) == {"T1", "b", "c", "d"}


def test_the_larger_count_shows_again_whatever_the_names() -> None:
    # T0 5 = a 3 + c 2;  T1 20 = a 3 + b 11 + d 6;  T2 19 = b 11 + c 2 + d 6. a and c are below 5; the greedy
    # step ends with T0, b and d beside them. Tried back: T0 (total), then b 11, then d 6.
    # - T0 back: T1 - T2 gives a - c = 1, with a + c = 5: a = 3. Keep T0.
    # - b back:  a + d = 9, c + d = 8, T0 = a + c: d anything from 0 to 8 (a = 9 - d, c = 8 - d): b shows.
    # - d back:  a = 20 - 11 - 6 = 3. Keep d.
    # So b (11) shows and d (6) stays hidden; tried in the order of the names (d before b) it would be the
    # other way round, the larger count hidden.
    values = {"a": 3, "b": 11, "c": 2, "d": 6, "T0": 5, "T1": 20, "T2": 19}
    eqs = [Equation("T0", ("a", "c")), Equation("T1", ("a", "b", "d")), Equation("T2", ("b", "c", "d"))]
    assert suppress(values, eqs, 5, dict.fromkeys(("T0", "T1", "T2"), 2)) == {"T0", "a", "c", "d"}


def test_a_small_cell_alone_in_a_sum_is_protected_inside_that_sum() -> None:
    # T0 10 = a 9 + b 1;  T1 18 = a 9 + b 1 + c 8 (totals tier 2). b is alone in T0, so its complement comes
    # from T0: a (9, cheaper than the total). Then a + b = 10 in both sums: b anything from 0 to 10, and
    # T1 - T0 = c = 8 is shown anyway. Result: a and b. (Choosing the cheapest cell of all of b's sums at
    # once would take c (8) first, which does not help, and end with T1, a, b and c hidden.)
    values = {"a": 9, "b": 1, "c": 8, "T0": 10, "T1": 18}
    eqs = [Equation("T0", ("a", "b")), Equation("T1", ("a", "b", "c"))]
    assert suppress(values, eqs, 5, {"T0": 2, "T1": 2}) == {"a", "b"}


def test_rounded_counts_protect_only_what_the_ranges_give_away() -> None:
    # T0 20 = a 2 + b 7 + c 11;  T1 18 = b 7 + c 11;  T2 7 = b 7 (totals tier 2); only a is below 5.
    # Rounded to five (r stands for r - 2 .. r + 2): T0 20 (18..22), T1 20 (18..22), T2 5 and b 5 (3..7),
    # c 10 (8..12). b + c is 11..19 and equals T1 (18..22): 18..19; a = T0 - (b + c) = 18 - 19 .. 22 - 18:
    # 0..4, five values: a alone is safe, nothing else is hidden (no cell is given away in its own sum).
    values = {"a": 2, "b": 7, "c": 11, "T0": 20, "T1": 18, "T2": 7}
    eqs = [Equation("T0", ("a", "b", "c")), Equation("T1", ("b", "c")), Equation("T2", ("b",))]
    tiers = dict.fromkeys(("T0", "T1", "T2"), 2)
    assert suppress(values, eqs, 5, tiers, rounding=5) == {"a"}
    # Rounded to two (r stands for r - 1 .. r): T0 19..20, T1 17..18, b and T2 8 (7..8), c 12 (11..12).
    # b + c is 18..20 and equals T1: 18; a = T0 - 18: 1..2, two values, as many as base 2 asks: safe.
    # (Audited as exact counts, a = 20 - 18 = 2 would be given away.)
    assert suppress(values, eqs, 5, tiers, rounding=2) == {"a"}


def test_a_small_total_whose_own_sum_is_all_hidden_is_protected_all_the_same() -> None:
    # T0 10 = a 1 + b 3 + c 6;  T1 4 = a 1 + b 3. a, b and T1 are below 5 and hidden. T0 and c then give
    # a + b = 10 - 6 = 4 = T1, so T1 is exposed, but its only equation (T1 = a + b) has no shown cell
    # left to hide next to it: every cell is hidden first. Shown again, most expensive first: T0
    # (a total, 10): a + b + c = 10 and T1 = a + b only tie T1 + c = 10, safe; c (6): then T1 = 10 - 6
    # again, so c stays hidden. Result: T1, a, b, c.
    values = {"a": 1, "b": 3, "c": 6, "T0": 10, "T1": 4}
    eqs = [Equation("T0", ("a", "b", "c")), Equation("T1", ("a", "b"))]
    assert exposed_cells(values, eqs, {"T1", "a", "b"}) == ["T1"]
    assert suppress(values, eqs, 5) == {"T1", "a", "b", "c"}


# ------------------------------------------------------------------ the exact audit


def test_the_audit_reports_fixed_cells_and_pinned_zeros_of_every_component() -> None:
    # Two groups of hidden cells that share no equation.
    # t 5 = a 2 + b 3 with a hidden: a = 5 - 3 = 2, fixed by the sum alone.
    # u 7 = z1 0 + z2 0 + w 7 with z1, z2 hidden: z1 + z2 = 0 and neither can be negative, so both are 0
    # (the row space alone would let them move: z1 + 1, z2 - 1). All three are exposed.
    values = {"t": 5, "a": 2, "b": 3, "u": 7, "z1": 0, "z2": 0, "w": 7}
    eqs = [Equation("t", ("a", "b")), Equation("u", ("z1", "z2", "w"))]
    assert exposed_cells(values, eqs, {"a", "z1", "z2"}) == ["a", "z1", "z2"]
    # with w hidden too, z1 and z2 can take 1 from w: only a is left exposed
    assert exposed_cells(values, eqs, {"a", "z1", "z2", "w"}) == ["a"]


def test_a_cell_named_twice_in_one_equation_counts_twice() -> None:
    # a = a + b, as a degenerate sum: a cancels out and what is left says b = 0. With a and b hidden,
    # b is exposed (0), a is not (any value fits). Written cell by cell without adding up the
    # coefficients, the row would read a + b = 0 and b could take a's place.
    assert exposed_cells({"a": 3, "b": 0}, [Equation("a", ("a", "b"))], {"a", "b"}) == ["b"]


# ------------------------------------------------------------------ rounding to a base


@pytest.mark.parametrize(("value", "base", "shown"), [(5, 10, 10), (4, 10, 0), (14, 10, 10), (15, 10, 20),
                                                      (25, 10, 30), (2, 4, 4), (1, 4, 0), (6, 4, 8), (1, 2, 2)])
def test_halves_are_rounded_up(value: int, base: int, shown: int) -> None:
    # base 10: 5 is half way and goes up, 4 goes down; base 4: 2 (half) up, 1 down; base 2: 1 (half) up
    assert round_to(value, base) == shown
    assert type(round_to(value, base)) is int  # a count stays a whole number


@pytest.mark.parametrize(("shown", "base", "span"), [(20, 10, (15, 24)), (8, 4, (6, 9)), (4, 2, (3, 4)),
                                                     (3, 1, (3, 3)), (0, 10, (0, 4))])
def test_the_range_of_a_rounded_figure_for_other_bases(shown: int, base: int, span: tuple[int, int]) -> None:
    # the counts that round to ``shown``: from the half below (included, halves go up) to just under the
    # half above. Base 10, 20: 15..24; base 4, 8: 6..9; base 2, 4: 3..4; base 1: the count itself
    assert rounded_range(shown, base) == span
    low, high = span
    assert all(round_to(v, base) == shown for v in range(low, high + 1))
    assert round_to(high + 1, base) != shown and (low == 0 or round_to(low - 1, base) != shown)


def test_a_narrow_span_that_does_not_start_at_zero() -> None:
    # B is in two sums. T1 21 = A 13 + B 8 is shown as 20 = 15 + B: T1 18..22, A 13..17, so B 1..9.
    # T2 15 = B 8 + C 7 is shown as 15 = B + 5: T2 13..17, C 3..7, so B 6..14. Together B is 6..9: four
    # whole numbers, fewer than five, so B is narrow (its least value is 6, not 0).
    values = {"T1": 21, "A": 13, "B": 8, "T2": 15, "C": 7}
    eqs = [Equation("T1", ("A", "B")), Equation("T2", ("B", "C"))]
    assert narrow_cells(values, eqs, {"B"}, 5) == ["B"]
    # only the first sum: B 1..9, nine values: safe
    assert narrow_cells(values, eqs[:1], {"B"}, 5) == []


def test_a_span_of_exactly_the_base_is_safe() -> None:
    # T 12 = A 10 + B 2, shown 10 = 10 + B: B from 8 - 12 (so 0) to 12 - 8 = 4: 0..4, five whole values,
    # as many as a figure rounded to five leaves: safe. (Four values, 6..9, are narrow: see above.)
    assert narrow_cells({"T": 12, "A": 10, "B": 2}, [Equation("T", ("A", "B"))], {"B"}, 5) == []
    # base 4: a shown 12 stands for 10..13 (two below, one above). T 12 = A 12 + B 0: B from 10 - 13 (so 0)
    # to 13 - 10 = 3: four values, as many as base 4 asks: safe
    assert narrow_cells({"T": 12, "A": 12, "B": 0}, [Equation("T", ("A", "B"))], {"B"}, 4) == []


def test_a_hidden_cell_is_bounded_by_the_largest_count_plus_the_base() -> None:
    # Every count is below the base: T 2 = A 2, and X 1 is in no sum. X may be anything from 0 to
    # 2 + 5 = 7 (eight values): not narrow. The bound must leave it at least the base's five values.
    assert narrow_cells({"T": 2, "A": 2, "X": 1}, [Equation("T", ("A",))], {"X"}, 5) == []


def _count_programs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = suppression.linprog

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(np.sign(args[0]).tolist())  # the direction of each variable in the cost: +1 down, -1 up
        return real(*args, **kwargs)

    monkeypatch.setattr(suppression, "linprog", counted)
    return calls


def test_two_programs_together_certify_a_wide_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    # T 12 = A 10 + B 2, shown 10 = 10 + B; variables in name order A, B, T. The first program pushes B up
    # (cost -1 on B): B = 4, seen 2..4. The second pushes it down (cost +1): B = 0, seen 0..4, five
    # values: safe, and no third program is run.
    calls = _count_programs(monkeypatch)
    assert narrow_cells({"T": 12, "A": 10, "B": 2}, [Equation("T", ("A", "B"))], {"B"}, 5) == []
    assert calls == [[0.0, -1.0, 0.0], [0.0, 1.0, 0.0]]


def test_a_cell_left_narrow_gets_its_own_two_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    # The narrow B of 6..9 above (variables A, B, C, T1, T2): four programs together (up, down, up,
    # down) leave it narrow, then its own pair (least, greatest) decides: six in all.
    calls = _count_programs(monkeypatch)
    values = {"T1": 21, "A": 13, "B": 8, "T2": 15, "C": 7}
    assert narrow_cells(values, [Equation("T1", ("A", "B")), Equation("T2", ("B", "C"))], {"B"}, 5) == ["B"]
    up, down = [0.0, -1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0, 0.0]
    assert calls == [up, down, up, down, down, up]


def test_nothing_hidden_needs_no_program(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_programs(monkeypatch)
    assert narrow_cells({"T": 12, "A": 10, "B": 2}, [Equation("T", ("A", "B"))], set(), 5) == []
    assert calls == []
