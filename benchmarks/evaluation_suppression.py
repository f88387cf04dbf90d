"""How much small-number suppression hides on random registrations (measured, not a pass/fail test).

Seeded random registrations of 40, 120 and 300 trajectories in one year (interventions drawn with
weights near Rebel's spread, 60 % closed, minimum 5, quarters): the mean share of hidden cells over all
tables, against a simple lower bound (the cells still below the minimum after small categories are
merged, which must be hidden whatever the method), how many files hide a headline figure that is itself
at or above the minimum (trajectories, closed, open, Rebel's three groups), and how many hide one
although every cell of its sum is at or above the minimum (that would be the method's fault).

Each file is evaluated three ways: exact counts, the default ('automatisch': exact unless a headline
figure would be hidden, then rounded to multiples of five) and always rounded.

Usage: python benchmarks/evaluation_suppression.py [--files 20] [--mixed 150]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from calculators.evaluation import load
from calculators.evaluation.indicators import TOTAL, Evaluation, evaluate, hidden_headline, hidden_share, hidden_totals
from calculators.evaluation.periods import PERIODS, ROUNDINGS

from evaluation_helpers import csv_bytes

INTERVENTIONS = ["1 gesprek geen verdere hulpvraag", "kortdurende begeleiding/behandeling door POH jeugd",
                 "overbruggingshulp", "verwijzing preventieve hulp", "verwijzing JGT inzet", "crisishulp",
                 "verwijzing Basis GGZ (licht)", "verwijzing Spec. GGZ (midden)", "verwijzing Spec. GGZ (hoog)"]
WEIGHTS = [20, 35, 10, 5, 8, 2, 10, 6, 4]


def registration(n: int, rng: random.Random) -> list[list[str]]:
    rows = []
    for _ in range(n):
        start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(365))
        closed = rng.random() < 0.6
        end = (start + dt.timedelta(days=rng.randrange(10, 120))).strftime("%d-%m-%Y") if closed else ""
        rows.append([str(rng.randrange(0, 19)), rng.choice(["Man", "Vrouw", "Man", "Vrouw", ""]),
                     rng.choice(["Huisarts", "Huisarts", "Huisarts", "School", "Ouders", "Wijkteam"]),
                     start.strftime("%d-%m-%Y"), rng.choices(INTERVENTIONS, WEIGHTS)[0],
                     rng.choice(["1 contact", "2 tot 5 contacten", "2 tot 5 contacten", "6 tot 10 contacten",
                                 "meer dan 10 contacten"]),
                     end, rng.choice(["3 (ja)", "2 (deels)", "1 (nee)", ""]) if closed else ""])
    return rows


def lower_bound(ev: Evaluation) -> float:
    """The share of cells below the minimum (after merging): hidden by any method."""
    cells = [v for t in ev.tables for v in t.cells.values()]
    return sum(ev.values[v] < ev.min_cell for v in cells) / len(cells)


def avoidable_headline(ev: Evaluation) -> list[str]:
    """Headline figures hidden although every cell of their sum over the whole file is at or above the minimum
    (closed + open = trajectories; the three groups and 'onbekend' = trajectories)."""
    traj, groups = ev.table("trajectories"), ev.table("groups")
    out = []
    for table in (traj, groups):
        column = [table.cells[(row, TOTAL)] for row in table.rows]
        if all(ev.values[v] >= ev.min_cell for v in column):
            out += [v for v in column if v in ev.hidden]
    return out + [v for v in [traj.cells[(TOTAL, TOTAL)]] if v in ev.hidden and ev.values[v] >= ev.min_cell]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--mixed", type=int, default=0, metavar="N",
                        help="then N files of 20 to 300 trajectories, minimum 3 to 5, any period, default setting")
    args = parser.parse_args()
    rng = random.Random(2121)
    print(
        "| trajectories | hidden cells, exact counts | hidden cells, default (automatisch) | hidden cells, "
        "always rounded to 5 | lower bound: cells below the minimum after merging | files hiding a headline "
        "figure: exact / default / rounded | files hiding a total at or above the minimum: exact / default / "
        "rounded | files the default rounds | of the exact ones avoidable | CPU per report, default |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in (40, 120, 300):
        shares: dict[str, list[float]] = {r: [] for r in ROUNDINGS}
        headline = dict.fromkeys(ROUNDINGS, 0)
        totals = dict.fromkeys(ROUNDINGS, 0)
        bounds, avoidable, rounded, cpu = [], 0, 0, 0.0
        for _ in range(args.files):
            reg = load(csv_bytes(registration(n, rng)), "r.csv")
            for setting in ROUNDINGS:
                start = time.process_time()
                ev = evaluate(reg, rounding=setting)
                if setting == "automatisch":
                    cpu += time.process_time() - start
                    rounded += ev.rounding > 1
                    bounds.append(lower_bound(ev))
                if setting == "exact":
                    avoidable += bool(avoidable_headline(ev))
                shares[setting].append(hidden_share(ev))
                headline[setting] += bool(hidden_headline(ev))
                totals[setting] += bool(hidden_totals(ev.tables, ev.values, ev.hidden, ev.min_cell))
        mean = {r: sum(v) / len(v) for r, v in shares.items()}
        print(
            f"| {n} | {mean['exact']:.1%} | {mean['automatisch']:.1%} | {mean['vijftallen']:.1%} "
            f"| {sum(bounds) / len(bounds):.1%} | {headline['exact']} / {headline['automatisch']} / "
            f"{headline['vijftallen']} of {args.files} | {totals['exact']} / {totals['automatisch']} / "
            f"{totals['vijftallen']} | {rounded} | {avoidable} | {cpu / args.files:.2f} s |"
        )
    if args.mixed:
        mixed(args.mixed)


def mixed(files: int) -> None:
    """The default setting on files of mixed size, minimum and period (tests' registration: 2 % without
    an intervention in half of them): how many it rounds, and how many still hide a headline figure or a
    total at or above the minimum (by size)."""
    from test_evaluation_disclosure import registration as with_unknown

    rng = random.Random(1)
    rounded, headline, totals = 0, 0, Counter()
    for _ in range(files):
        n, min_cell, period = rng.choice([20, 25, 40, 60, 120, 300]), rng.choice([3, 4, 5]), rng.choice(list(PERIODS))
        ev = evaluate(load(csv_bytes(with_unknown(n, rng, unknown=rng.choice([0.0, 0.02]))), "r.csv"), period,
                      min_cell)
        rounded += ev.rounding > 1
        headline += bool(hidden_headline(ev))
        totals[n] += bool(hidden_totals(ev.tables, ev.values, ev.hidden, ev.min_cell))
    print(f"\n{files} mixed files, default setting: {rounded} rounded, {headline} hide a headline figure, "
          f"{sum(totals.values())} hide a total at or above the minimum (by size: {dict(totals)})")


if __name__ == "__main__":
    main()
