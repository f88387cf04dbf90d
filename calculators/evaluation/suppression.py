"""Small numbers: primary and complementary suppression over all tables of a report at once.

Every count in a report is a variable; the report's additive structure is a list of equations
``total = part1 + part2 + …`` (categories add up to the column total, periods to the whole file,
interventions to their group, practices to the whole file). A reader knows the shown values, the
equations and that counts are not negative.

1. Primary: every count below ``min_cell`` (0 included) is hidden. (Small categories are merged
   into 'overig / onbekend' before this step, by the caller: see ``indicators``.)
2. Complementary: as long as a hidden count can be recomputed (it is the only hidden cell of an
   equation; the hidden cells of an equation add up to 0; or, in general, the equations and
   non-negativity leave it a single possible value), hide one more shown cell of an equation it is
   in: the cheapest. A cell's cost is its tier first (``tiers``: an inner cell of the same table 0,
   a cell that links to another table 1, a table total 2, a headline figure 3, the number of
   trajectories 4), then its count:
   smallest first. So a total at or above the minimum is hidden only when no cheaper cell of any
   equation of the exposed cell is left (with exact counts that happens when every other cell of a
   sum is a total, e.g. closed + open = all trajectories).
3. Release: the complementary cells are tried back, most expensive first; a cell stays shown when
   the audit finds nothing exposed without it.

The result never lets a reader recompute a hidden count from what is shown: the last step is
an exact audit (row space of the equations, plus linear programs through scipy for hidden zeros).
The property-based tests check the same with their own linear program per hidden cell.

Rounded counts (``rounding`` > 1, e.g. 5): every shown count is published rounded to the nearest
multiple of the base (conventional rounding: 1 and 2 down, 3 and 4 up), totals rounded on their own,
so a reader knows of each shown count only the range it stands for (``rounded_range``). Counts below
the minimum are still hidden. The audit (``narrow_cells``) is then a pair of linear programs per hidden
cell: its least and greatest value under the equations, the shown ranges and x >= 0. A hidden cell is
safe when that span holds at least ``rounding`` whole numbers, i.e. the reader learns no more of it
than a rounded figure would tell; otherwise a complementary cell is hidden as above. So with rounding
one small group of the three seldom needs a second hidden group: the rounded others leave it a span of
several times the base.

Why greedy and not optimal: the least-loss choice is an integer program over every cell of every
table (what statistics offices run with tau-Argus); the greedy choice with the release step stays
within a few percentage points of a lower bound that no method can beat (measured in
``benchmarks/evaluation_suppression.py`` and ``tests/test_evaluation_disclosure.py``), runs in well
under a second for 300 trajectories and needs no solver beyond the audit's linear programs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
from scipy.optimize import linprog

from .. import data
from ..errors import InputError

#: Tiers of the complementary choice (lower is hidden first); see the module's docstring.
TIER_CELL: Final = 0
TIER_LINKED: Final = 1
TIER_TOTAL: Final = 2
TIER_HEADLINE: Final = 3
TIER_GRAND_TOTAL: Final = 4  # the number of trajectories: hidden only when nothing else can protect a cell


@dataclass(frozen=True)
class Equation:
    total: str
    parts: tuple[str, ...]

    def cells(self) -> tuple[str, ...]:
        return (self.total, *self.parts)


def check_min_cell(min_cell: int) -> int:
    """The threshold chosen by the user; never below the floor stored in data/."""
    floor = int(data.bounds("evaluation_min_cell")[0])
    if min_cell < floor:
        raise InputError(f"De kleinste celgrootte is {min_cell}, maar mag niet lager zijn dan {floor}.",
                         field="min_cell")
    return min_cell


def _known_residual(eq: Equation, values: Mapping[str, int], hidden: set[str]) -> tuple[list[tuple[str, int]], int]:
    """Hidden cells of ``eq`` with their sign (total +1, part -1), and what they must add up to."""
    terms, residual = [], 0
    for name, sign in ((eq.total, 1), *((p, -1) for p in eq.parts)):
        if name in hidden:
            terms.append((name, sign))
        else:
            residual -= sign * values[name]
    return terms, residual


def _cheaply_derivable(eqs: list[Equation], values: Mapping[str, int], hidden: set[str]) -> list[tuple[str, Equation]]:
    out = []
    for eq in eqs:
        terms, residual = _known_residual(eq, values, hidden)
        if len(terms) == 1:
            out.append((terms[0][0], eq))
        elif terms and residual == 0 and all(s == -1 for _, s in terms):
            out.append((terms[0][0], eq))  # hidden parts that add up to 0 are all 0
    return out


def _components(equations: list[Equation], hidden: set[str]) -> list[tuple[list[str], list[Equation]]]:
    """Connected groups of hidden cells (linked by equations), each with its equations."""
    eqs = [eq for eq in equations if any(c in hidden for c in eq.cells())]
    parent = {h: h for h in hidden}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for eq in eqs:
        members = [c for c in eq.cells() if c in hidden]
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    names: dict[str, list[str]] = defaultdict(list)
    for h in sorted(hidden):
        names[find(h)].append(h)
    comp_eqs: dict[str, list[Equation]] = defaultdict(list)
    for eq in eqs:
        comp_eqs[find(next(c for c in eq.cells() if c in hidden))].append(eq)
    return [(names[root], comp_eqs[root]) for root in names]


def exposed_cells(values: Mapping[str, int], equations: list[Equation], hidden: set[str]) -> list[str]:
    """Hidden cells that a reader can recompute from the shown cells, the equations and x >= 0.

    A hidden cell h can take another value iff some direction d with A·d = 0 (A: the equations
    restricted to hidden cells) has d_h != 0 and keeps the cells that are 0 from going negative.
    Without zeros that is 'h is not in the row space of A' (one SVD). Hidden zeros Z are checked
    with a few linear programs: maximise the sum of d over the zeros not yet seen to move, with
    A·d = 0, 0 <= d_Z <= 1, -1 <= d <= 1; a zero that can never become positive is exposed. When
    every zero can move, a direction that raises them all exists and any null-space direction
    can be added to it, so the row-space test is exact again.
    """
    out: list[str] = []
    for names, eqs in _components(equations, hidden):
        index = {n: i for i, n in enumerate(names)}
        if not eqs:
            continue
        a = np.zeros((len(eqs), len(names)))
        for r, eq in enumerate(eqs):
            for name, sign in _known_residual(eq, values, hidden)[0]:
                a[r, index[name]] += sign
        _, singular, vt = np.linalg.svd(a)
        rank = int((singular > 1e-9).sum())
        null = vt[rank:].T  # columns span the null space
        fixed = [n for n in names if null.shape[1] == 0 or np.abs(null[index[n]]).max() < 1e-9]
        out += fixed
        zeros = [n for n in names if values[n] == 0 and n not in fixed]
        while zeros:
            cost = np.zeros(len(names))
            for z in zeros:
                cost[index[z]] = -1.0
            bounds = [(0.0, 1.0) if values[n] == 0 else (-1.0, 1.0) for n in names]
            res = linprog(cost, A_eq=a, b_eq=np.zeros(len(eqs)), bounds=bounds, method="highs")
            moved = [z for z in zeros if res.status == 0 and res.x[index[z]] > 1e-9]
            if not moved:
                out += zeros
                break
            zeros = [z for z in zeros if z not in moved]
    return sorted(out)


def round_to(value: int, base: int) -> int:
    """``value`` rounded to the nearest multiple of ``base`` (halves up; for 5: 1, 2 down and 3, 4 up)."""
    return base * ((value + base // 2) // base)


def rounded_range(shown: int, base: int) -> tuple[int, int]:
    """The counts a figure ``shown`` (rounded to ``base``) can stand for: 10 -> 8..12 for base 5."""
    return max(0, shown - base // 2), shown + (base - 1) // 2


def narrow_cells(values: Mapping[str, int], equations: list[Equation], hidden: set[str], base: int) -> list[str]:
    """Hidden cells whose possible values span fewer than ``base`` whole numbers, for a reader who knows
    the shown cells rounded to ``base``, the equations and that counts are not negative.

    A cell's span is at least the spread it shows over any feasible points: the true counts are one, and
    each linear program below gives another. First a few programs push all cells not yet wide enough up
    together, then down together; only the cells still narrow get their own pair (least and greatest
    value), which decides. The linear relaxation can only widen a span against whole numbers, never
    narrow it; the tables' sums are interval-like enough that the two agree on the reports measured
    (property test). A hidden cell is bounded above by the largest count plus the base (no count
    exceeds the number of trajectories), so that every program has a solution.
    """
    if not hidden:
        return []
    names = sorted({c for eq in equations for c in eq.cells()} | set(hidden))
    index = {n: i for i, n in enumerate(names)}
    a = np.zeros((len(equations), len(names)))
    for r, eq in enumerate(equations):
        a[r, index[eq.total]] += 1
        for part in eq.parts:
            a[r, index[part]] -= 1
    cap = float(max(values.values()) + base)
    bounds = [(0.0, cap) if n in hidden else rounded_range(round_to(values[n], base), base) for n in names]
    cols = np.array([index[h] for h in sorted(hidden)])
    seen_low = np.array([float(values[h]) for h in sorted(hidden)])
    seen_high = seen_low.copy()

    def narrow() -> np.ndarray:
        return np.floor(seen_high + 1e-6) - np.ceil(seen_low - 1e-6) + 1 < base

    def solve(cost: np.ndarray) -> None:
        res = linprog(cost, A_eq=a, b_eq=np.zeros(len(equations)), bounds=bounds, method="highs")
        if res.status == 0:
            np.minimum(seen_low, res.x[cols], out=seen_low)
            np.maximum(seen_high, res.x[cols], out=seen_high)

    for sign in (-1.0, 1.0, -1.0, 1.0):  # together: up, down, and once more for what the first pair left
        todo = narrow()
        if not todo.any():
            return []
        cost = np.zeros(len(names))
        cost[cols[todo]] = sign
        solve(cost)
    for i in np.flatnonzero(narrow()):  # one by one: least and greatest value
        for sign in (1.0, -1.0):
            if narrow()[i]:
                cost = np.zeros(len(names))
                cost[cols[i]] = sign
                solve(cost)
    return [h for h, is_narrow in zip(sorted(hidden), narrow(), strict=True) if is_narrow]


def default_tiers(equations: list[Equation]) -> dict[str, int]:
    """Without tiers from the caller: a cell that is the total of an equation is a total (tier 2)."""
    return {eq.total: TIER_TOTAL for eq in equations}


def _cost(
    cell: str,
    values: Mapping[str, int],
    hidden: set[str],
    tiers: Mapping[str, int],
    by_cell: Mapping[str, list[Equation]],
) -> tuple[int, int, str]:
    """A cell's cost as a complement: its tier, raised to the tier of a cell it would force out with it
    (the other cell of a two-cell equation, e.g. a period column that equals the whole file), then its count."""
    tier = tiers.get(cell, TIER_CELL)
    for eq in by_cell[cell]:  # every cell of the report is in an equation (a defaultdict all the same)
        others = [c for c in eq.cells() if c != cell]
        if len(others) == 1 and others[0] not in hidden:
            tier = max(tier, tiers.get(others[0], TIER_CELL))
    return tier, values[cell], cell


def _complement(
    target: str,
    eq_list: list[Equation],
    values: Mapping[str, int],
    hidden: set[str],
    tiers: Mapping[str, int],
    by_cell: Mapping[str, list[Equation]],
) -> str | None:
    """The shown cell to hide next to protect ``target``: the cheapest (``_cost``) of its equations."""
    candidates = {
        _cost(cell, values, hidden, tiers, by_cell)
        for eq in eq_list
        if target in eq.cells()
        for cell in eq.cells()
        if cell not in hidden
    }
    return min(candidates)[2] if candidates else None


def _protect(
    values: Mapping[str, int],
    equations: list[Equation],
    hidden: set[str],
    tiers: Mapping[str, int],
    audit: Callable[[set[str]], list[str]],
    exact: bool,
) -> set[str]:
    """Add complementary cells to ``hidden`` until ``audit`` finds no hidden cell the reader can pin down.

    With exact counts the cheap cases (a single hidden cell in a sum) are protected in batches first."""
    hidden = set(hidden)
    by_cell: dict[str, list[Equation]] = defaultdict(list)
    for eq in equations:
        for cell in eq.cells():
            by_cell[cell].append(eq)
    for _ in range(len(values) + 1):
        before = len(hidden)
        for target, eq in _cheaply_derivable(equations, values, hidden) if exact else []:
            if not _cheaply_derivable([eq], values, hidden):
                continue  # an earlier step of this round already protected it
            extra = _complement(target, [eq], values, hidden, tiers, by_cell)
            if extra is not None:
                hidden.add(extra)
        if len(hidden) > before:
            continue
        exposed = audit(hidden)
        if not exposed:
            return hidden
        options = [c for t in exposed if (c := _complement(t, by_cell[t], values, hidden, tiers, by_cell)) is not None]
        if not options:  # exposed only through sums it is not in, its own all hidden: hide all, release decides
            return set(values)
        hidden.add(min(options, key=lambda c: _cost(c, values, hidden, tiers, by_cell)))
    return set(values)  # pragma: no cover - each round hides one more cell


def suppress(
    values: Mapping[str, int],
    equations: list[Equation],
    min_cell: int,
    tiers: Mapping[str, int] | None = None,
    rounding: int = 1,
) -> set[str]:
    """The cells to hide: below ``min_cell``, plus the cheapest cells that keep them from being pinned down.

    ``tiers`` (cell -> 0..4, default: totals of equations 2, other cells 0) orders the complementary
    choice: a lower tier is hidden first, then a smaller count. ``rounding`` > 1: the shown counts are
    published rounded to that base, and a small cell is safe when the reader cannot narrow it to fewer
    whole numbers than the base (``narrow_cells``); 1: exact counts, safe when not recomputable.
    """
    tiers = default_tiers(equations) if tiers is None else tiers
    primary = {k for k, v in values.items() if v < min_cell}

    def audit(hidden: set[str]) -> list[str]:
        if rounding > 1:
            return narrow_cells(values, equations, hidden, rounding)
        return exposed_cells(values, equations, hidden)

    hidden = _protect(values, equations, primary, tiers, audit, exact=rounding <= 1)
    release = sorted(hidden - primary, key=lambda c: (tiers.get(c, TIER_CELL), values[c], c), reverse=True)
    for cell in release:
        trial = hidden - {cell}
        if not audit(trial):
            hidden = trial
    return hidden
