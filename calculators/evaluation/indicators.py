"""Indicators of a registration, per period and for the whole file, with small numbers suppressed.

Every table is categories × periods (plus the whole file as the column 'Totaal'); every count is
a variable of the suppression step, and the tables' sums are its equations. Shares carry a 95 %
Wilson interval and their base n; a share is shown only when its count and its base are shown.

Before anything is hidden, small categories are merged (recoding, as statistics offices do): in
each breakdown, the categories with fewer than the minimum in the whole file count together with
'onbekend' as one row 'overig / onbekend' (interventions: per Rebel group, so that a group stays the
sum of its rows). Only a merged row that is still below the minimum is hidden, with the cheapest
complement (``suppression``); totals and the headline figures come last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import data
from ..errors import InputError
from ..stats import wilson_interval
from . import format as fmt
from .periods import PERIODS, ROUNDINGS
from .suppression import (
    TIER_CELL,
    TIER_GRAND_TOTAL,
    TIER_HEADLINE,
    TIER_LINKED,
    TIER_TOTAL,
    Equation,
    check_min_cell,
    round_to,
    rounded_range,
    suppress,
)
from .validation import Registration

TOTAL = "Totaal"
BASE_ALL = "alle trajecten"
BASE_CLOSED = "afgesloten trajecten"
OTHER, OTHER_UNKNOWN = "overig", "overig / onbekend"
WAIT_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("0–14 dagen", 0, 14), ("15–28 dagen", 15, 28), ("meer dan 28 dagen", 29, None)
)


@dataclass
class Table:
    key: str
    title: str
    rows: list[str]
    cols: list[str]  # periods (or groups, for the practice table), without TOTAL
    cells: dict[tuple[str, str], str]  # (row, col) incl. TOTAL row and column -> variable name
    base: str  # Dutch: what the shares are shares of
    share_along: str = "col"  # share of the column total ("col") or of the row total ("row")
    note: str = ""
    merged: dict[str, list[str]] = field(default_factory=dict)  # merged row -> the categories in it


@dataclass
class Share:
    count: int | None
    base: int | None
    share: float | None
    ci_low: float | None
    ci_high: float | None

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "share": self.share, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "base": self.base}


@dataclass
class Evaluation:
    period: str
    min_cell: int
    periods: list[str]
    period_weeks: dict[str, float]
    tables: list[Table]
    values: dict[str, int]
    hidden: set[str]
    equations: list[Equation]
    registration: Registration
    statistics: dict[str, dict[str, float | None]] = field(default_factory=dict)  # medians and means per period
    notes: list[str] = field(default_factory=list)
    rounding: int = 1  # the base shown counts are rounded to (1: exact)
    rounding_setting: str = "automatisch"  # what the user chose (periods.ROUNDINGS)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # advice, computed once per report

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def count(self, var: str) -> int | None:
        """The count as published: None when hidden, rounded to ``rounding``."""
        return None if var in self.hidden else round_to(self.values[var], self.rounding)

    def cell(self, table: Table, row: str, col: str) -> Share:
        var = table.cells[(row, col)]
        base_var = table.cells[(TOTAL, col)] if table.share_along == "col" else table.cells[(row, TOTAL)]
        count, base = self.count(var), self.count(base_var)
        if row == TOTAL and table.share_along == "col" or col == TOTAL and table.share_along == "row":
            return Share(count, base, None, None, None)
        if count is None or base is None or base == 0:
            return Share(count, base, None, None, None)
        low, high = wilson_interval(count, base)  # with rounding: of the rounded counts, as published
        return Share(count, base, count / base, low, high)

    def distribution(self, key: str, col: str = TOTAL) -> dict[str, Share]:
        table = self.table(key)
        return {row: self.cell(table, row, col) for row in table.rows}

    def suppressed_cells(self) -> list[dict[str, str]]:
        out = []
        for t in self.tables:
            for (row, col), var in t.cells.items():
                if var in self.hidden:
                    out.append({"table": t.title, "row": row, "column": col})
        return out


def _period_labels(starts: pd.Series, period: str) -> pd.Series:
    year = starts.dt.year.astype(str)
    if period == "kwartaal":
        return year + " K" + starts.dt.quarter.astype(str)
    if period == "halfjaar":
        return year + " H" + ((starts.dt.month - 1) // 6 + 1).astype(str)
    return year


def _period_bounds(label: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    year = int(label[:4])
    if " K" in label:
        q = int(label[-1])
        start = pd.Timestamp(year, 3 * q - 2, 1)
        return start, start + pd.DateOffset(months=3)
    if " H" in label:
        h = int(label[-1])
        start = pd.Timestamp(year, 6 * h - 5, 1)
        return start, start + pd.DateOffset(months=6)
    return pd.Timestamp(year, 1, 1), pd.Timestamp(year + 1, 1, 1)


def _sort_key(label: str) -> tuple[int, str]:
    return int(label[:4]), label[4:]


def recode(
    categories: pd.Series, rows: list[str], min_cell: int, groups: dict[str, tuple[str, ...]] | None = None
) -> tuple[pd.Series, list[str], dict[str, list[str]]]:
    """Merge the categories with fewer than ``min_cell`` in the whole file (and 'onbekend') into one row.

    The merged row is 'overig / onbekend' ('overig' without unknowns); with ``groups`` (interventions)
    one 'overig (group)' row per group, and 'onbekend' stays its own row (it is no group's part). A
    category without any trajectory is merged like any small one, never left out: a missing row would
    show its 0. When the merged row (or a single small category) is still below the minimum, it joins
    the smallest other category of its table (or group), e.g. 'Vrouw of onbekend / niet ingevuld':
    otherwise one of the large categories would have to be hidden to protect it.
    Returns the recoded categories, the rows and the merged rows with their categories.
    """
    counts = categories.value_counts()
    size = {row: int(counts.get(row, 0)) for row in rows}
    if groups is None:
        batches = [("", [r for r in rows if size[r] < min_cell or r == fmt.UNKNOWN])]
    else:
        batches = [(g, [r for r in rows if r in members and size[r] < min_cell]) for g, members in groups.items()]
    mapping: dict[str, str] = {}
    merged: dict[str, list[str]] = {}
    for group, members in batches:
        if not members:
            continue
        label = (
            members[0]
            if len(members) == 1
            else f"{OTHER} ({group})"
            if group
            else (OTHER_UNKNOWN if fmt.UNKNOWN in members else OTHER)
        )
        if sum(size[m] for m in members) < min_cell:  # still small: it joins the smallest other category
            pool = groups[group] if group and groups is not None else rows
            others = [r for r in rows if r in pool and r not in members and r != fmt.UNKNOWN]
            if others:
                smallest = min(others, key=lambda r: (size[r], rows.index(r)))
                label, members = f"{smallest} of {label}", [smallest, *members]
        if len(members) > 1:
            merged[label] = members
            mapping.update(dict.fromkeys(members, label))
    out_rows = [r for r in rows if r not in mapping]
    if groups is not None:  # each group's 'overig' after its last own row, before 'onbekend'
        ordered: list[str] = []
        for own in groups.values():
            ordered += [r for r in out_rows if r in own]
            ordered += [label for label, members in merged.items() if set(members) <= set(own)]
        out_rows = ordered + [r for r in out_rows if r not in ordered]
    else:
        out_rows += list(merged)
    return categories.map(lambda c: mapping.get(c, c)), out_rows, merged


class _Builder:
    def __init__(self, periods: list[str], labels: pd.Series) -> None:
        self.periods, self.labels = periods, labels
        self.values: dict[str, int] = {}
        self.equations: list[Equation] = []
        self.tables: list[Table] = []

    def period_table(self, key: str, title: str, categories: pd.Series, rows: list[str], base: str,
                     total_vars: dict[str, str] | None = None, row_vars: dict[tuple[str, str], str] | None = None,
                     note: str = "", merged: dict[str, list[str]] | None = None) -> Table:
        """A categories × periods table. ``total_vars``: shared variables for the TOTAL row
        (per column); ``row_vars``: cells that are the same quantity as another table's cell."""
        cols = [*self.periods, TOTAL]
        counts = pd.crosstab(categories, self.labels).reindex(index=rows, columns=self.periods, fill_value=0)
        cells: dict[tuple[str, str], str] = {}
        for row in rows:
            for col in cols:
                var = (row_vars or {}).get((row, col), f"{key}|{row}|{col}")
                value = int(counts.loc[row].sum()) if col == TOTAL else int(counts.loc[row, col])
                self.values[var] = value
                cells[(row, col)] = var
        for col in cols:
            var = (total_vars or {}).get(col, f"{key}|{TOTAL}|{col}")
            value = int(counts.values.sum()) if col == TOTAL else int(counts[col].sum())
            if var in self.values and self.values[var] != value:  # pragma: no cover - a bug, not user input
                raise AssertionError(f"{var}: {self.values[var]} != {value}")
            self.values[var] = value
            cells[(TOTAL, col)] = var
        for col in cols:
            self.equations.append(Equation(cells[(TOTAL, col)], tuple(cells[(r, col)] for r in rows)))
        for row in [*rows, TOTAL]:
            self.equations.append(Equation(cells[(row, TOTAL)], tuple(cells[(row, p)] for p in self.periods)))
        table = Table(key, title, rows, self.periods, cells, base, note=note, merged=merged or {})
        self.tables.append(table)
        return table

    def breakdown(self, key: str, title: str, categories: pd.Series, rows: list[str], base: str,
                  total_vars: dict[str, str], min_cell: int, groups: dict[str, tuple[str, ...]] | None = None) -> Table:
        """A period table of a breakdown, its small categories merged first (``recode``)."""
        recoded, out_rows, merged = recode(categories, rows, min_cell, groups)
        return self.period_table(key, title, recoded, out_rows, base, total_vars, merged=merged)


def _categorical(reg: Registration, name: str, code: str) -> tuple[pd.Series, list[str]]:
    values = reg.frame[name].where(reg.frame[name].notna(), fmt.UNKNOWN)
    rows = list(fmt.column(code).categories)
    if (values == fmt.UNKNOWN).any():
        rows.append(fmt.UNKNOWN)
    return values, rows


def evaluate(
    reg: Registration, period: str = "kwartaal", min_cell: int | None = None, rounding: str = "automatisch"
) -> Evaluation:
    """All indicators of ``reg`` per ``period`` (kwartaal, halfjaar, jaar) with suppression; counts exact or
    rounded to multiples of ``evaluation_rounding_base`` (``rounding``: a key of ``periods.ROUNDINGS``)."""
    min_cell = check_min_cell(int(data.value("evaluation_min_cell")) if min_cell is None else min_cell)
    if rounding not in ROUNDINGS:
        raise InputError(f"Onbekende afronding '{rounding}': kies {', '.join(ROUNDINGS)}.", field="rounding")
    frame = reg.frame
    labels = _period_labels(frame["start"], period)
    periods = sorted(labels.unique(), key=_sort_key)
    b = _Builder(periods, labels)
    all_vars = {col: f"base|all|{col}" for col in [*periods, TOTAL]}
    closed = frame["end"].notna()
    status = pd.Series("Open", index=frame.index).where(~closed, "Afgesloten")
    trajectories = b.period_table("trajectories", "Trajecten", status, ["Afgesloten", "Open"], BASE_ALL, all_vars,
                                  note="Een traject zonder datum einde zorg telt als open.")
    closed_vars = {col: trajectories.cells[("Afgesloten", col)] for col in [*periods, TOTAL]}

    ages = pd.Series(fmt.UNKNOWN, index=frame.index)
    for label, low, high in fmt.age_bands():
        ages = ages.where(~frame["age"].between(low, high).fillna(False).astype(bool), label)
    age_rows = [a[0] for a in fmt.age_bands()] + ([fmt.UNKNOWN] if (ages == fmt.UNKNOWN).any() else [])
    b.breakdown("age", "Leeftijd bij aanvang", ages, age_rows, BASE_ALL, all_vars, min_cell)
    for key, title, name, code in (("sex", "Geslacht", "sex", "n3"), ("referrer", "Verwijzer", "referrer", "n5"),
                                   ("help_question", "Klacht of hulpvraag", "help_question", "n7a"),
                                   ("history", "Hulpverleningsgeschiedenis", "history", "n8a")):
        if code in reg.present:
            b.breakdown(key, title, *_categorical(reg, name, code), BASE_ALL, all_vars, min_cell)
    interventions = b.breakdown(
        "interventions", "Welke interventie is ingezet", *_categorical(reg, "intervention", "n9"), BASE_ALL, all_vars,
        min_cell, fmt.GROUPS,
    )
    groups = frame["intervention"].map(fmt.group_of).where(frame["intervention"].notna(), fmt.UNKNOWN)
    group_rows = list(fmt.GROUPS) + ([fmt.UNKNOWN] if fmt.UNKNOWN in interventions.rows else [])
    shared = {
        (fmt.UNKNOWN, col): interventions.cells[(fmt.UNKNOWN, col)]
        for col in [*periods, TOTAL]
        if fmt.UNKNOWN in interventions.rows
    }
    group_table = b.period_table(
        "groups",
        "Inzet volgens de indeling van Rebel",
        groups,
        group_rows,
        BASE_ALL,
        all_vars,
        row_vars=shared,
        note="Zelf geholpen = 1 gesprek of kortdurende begeleiding/behandeling door de POH-J; "
        "verwezen = alle verwijzingen, crisishulp inbegrepen.",
    )
    for group, members in fmt.GROUPS.items():
        own = [r for r in interventions.rows if set(interventions.merged.get(r, [r])) <= set(members)]
        for col in [*periods, TOTAL]:
            b.equations.append(
                Equation(group_table.cells[(group, col)], tuple(interventions.cells[(r, col)] for r in own))
            )
    b.breakdown("intensity", "Intensiteit POH-inzet", *_categorical(reg, "intensity", "n10"), BASE_ALL, all_vars,
                min_cell)
    for key, title, name, code in (
        ("duration", "Duur van de POH-inzet", "duration", "n11"),
        ("location", "Locatie hulp", "location", "n12"),
    ):
        if code in reg.present:
            b.breakdown(key, title, *_categorical(reg, name, code), BASE_ALL, all_vars, min_cell)
    if "n14a" in reg.present:
        goal = frame["goal"].where(frame["goal"].notna(), fmt.UNKNOWN)
        rows = list(fmt.column("n14a").categories) + ([fmt.UNKNOWN] if (goal[closed] == fmt.UNKNOWN).any() else [])
        b_closed = _Builder(periods, labels[closed])
        b_closed.values, b_closed.equations, b_closed.tables = b.values, b.equations, b.tables
        b_closed.breakdown("goal", "Doelbereik (afgesloten trajecten)", goal[closed], rows, BASE_CLOSED, closed_vars,
                           min_cell)
    statistics: dict[str, dict[str, float | None]] = {}
    if "aanmelding" in reg.present:
        wait = (frame["start"] - frame["applied"]).dt.days
        bands = pd.Series(fmt.UNKNOWN, index=frame.index)
        for label, first_day, last_day in WAIT_BANDS:
            bands = bands.where(~((wait >= first_day) & ((wait <= last_day) if last_day is not None else True)), label)
        rows = [w[0] for w in WAIT_BANDS] + ([fmt.UNKNOWN] if (bands == fmt.UNKNOWN).any() else [])
        b.breakdown("waiting", "Wachttijd van aanmelding tot eerste consult", bands, rows, BASE_ALL, all_vars,
                    min_cell)
        statistics["Mediane wachttijd (dagen)"] = _per_period(wait, labels, periods, "median", min_cell)
    if "overleg" in reg.present:
        b.breakdown(
            "consultation",
            "Overleg met huisarts, wijkteam of school",
            *_categorical(reg, "consultation", "overleg"),
            BASE_ALL,
            all_vars,
            min_cell,
        )
    if "contacten" in reg.present:
        statistics["Gemiddeld aantal contacten"] = _per_period(
            frame["contacts"].astype(float), labels, periods, "mean", min_cell
        )
    if "praktijk" in reg.present:
        _practice_table(b, reg, group_table, all_vars)
    tiers = _tiers(b.tables, all_vars, closed_vars, group_table)
    rounded_base = int(data.value("evaluation_rounding_base"))
    base = rounded_base if rounding == "vijftallen" else 1
    hidden = suppress(b.values, b.equations, min_cell, tiers, base)
    if rounding == "automatisch" and hidden_totals(b.tables, b.values, hidden, min_cell):
        base = rounded_base
        hidden = suppress(b.values, b.equations, min_cell, tiers, base)
    weeks = {}
    for p in periods:
        start, end = _period_bounds(p)
        weeks[p] = (end - start).days / 7
    weeks[TOTAL] = sum(weeks[p] for p in periods)
    # inflow per week rests on the number of trajectories of the period: hidden with it
    statistics = {
        "Nieuwe trajecten per week": {
            col: None if all_vars[col] in hidden else round_to(b.values[all_vars[col]], base) / weeks[col]
            for col in [*periods, TOTAL]
        },
        **statistics,
    }
    notes = [
        f"Categorieën met minder dan {min_cell} trajecten in het hele bestand staan samen onder '{OTHER_UNKNOWN}'. "
        f"Aantallen onder {min_cell} zijn niet getoond (•), en ook niet de aandelen die erop berusten. "
        "Waar nodig is ook een ander aantal verborgen, het kleinste dat volstaat, zodat geen verborgen aantal uit "
        "de andere cellen en de totalen is terug te rekenen. Aandelen zijn afgerond op hele procenten; bij elk "
        "aandeel staat het 95%-interval (Wilson-methode): met 95% zekerheid ligt het aandeel tussen die twee grenzen."
    ]
    if base > 1:
        notes.append(rounding_note(base, rounding))
    return Evaluation(period, min_cell, periods, weeks, b.tables, b.values, hidden, b.equations, reg, statistics,
                      notes, base, rounding)


def rounding_note(base: int, setting: str) -> str:
    """Why and how the report's counts are rounded (Dutch)."""
    why = (
        "Met exacte aantallen zou een totaal of kerncijfer verborgen moeten blijven; daarom zijn alle aantallen "
        "afgerond. "
        if setting == "automatisch"
        else ""
    )
    low, high = rounded_range(2 * base, base)
    return (
        f"{why}Getoonde aantallen zijn afgerond op veelvouden van {base}, zoals statistiekbureaus dat doen: "
        f"een getoonde {2 * base} staat voor {low} tot en met {high}. "
        "Elk totaal is apart afgerond, dus de delen tellen niet altijd precies op tot het totaal. Aandelen en "
        "intervallen zijn berekend uit de afgeronde aantallen."
    )


def hidden_totals(tables: list[Table], values: dict[str, int], hidden: set[str], min_cell: int) -> list[str]:
    """Totals at or above the minimum that are hidden all the same (a table's total row or column, the
    headline figures among them): with exact counts this happens beside a small cell of the total's sum."""
    totals = {var for t in tables for (row, col), var in t.cells.items() if TOTAL in (row, col)}
    return sorted(v for v in (totals | set(_headline_vars(tables).values())) & hidden if values[v] >= min_cell)


def _tiers(tables: list[Table], all_vars: dict[str, str], closed_vars: dict[str, str],
           group_table: Table) -> dict[str, int]:
    """The cost tier of every cell for the complementary choice (``suppression``): a cell of one period 0;
    a category over the whole file, or a group's cell (the sum of the interventions table's rows) 1;
    a table's total row 2; the headline figures (closed, open, the three groups) and the number of
    trajectories per period 3; the number of trajectories 4."""
    tiers: dict[str, int] = {}
    for t in tables:
        for (row, col), var in t.cells.items():
            tier = TIER_TOTAL if row == TOTAL else TIER_LINKED if col == TOTAL else TIER_CELL
            if t.key == "groups" and row in fmt.GROUPS:
                tier = max(tier, TIER_LINKED)
            tiers[var] = max(tiers.get(var, TIER_CELL), tier)
    open_total = next(t for t in tables if t.key == "trajectories").cells[("Open", TOTAL)]
    for var in (closed_vars[TOTAL], open_total, *(group_table.cells[(g, TOTAL)] for g in fmt.GROUPS)):
        tiers[var] = TIER_HEADLINE
    for var in all_vars.values():  # the number of trajectories per period: every table's total row
        tiers[var] = TIER_HEADLINE
    tiers[all_vars[TOTAL]] = TIER_GRAND_TOTAL
    return tiers


def _per_period(
    values: pd.Series, labels: pd.Series, periods: list[str], how: str, min_cell: int
) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for col in [*periods, TOTAL]:
        part = values if col == TOTAL else values[labels == col]
        part = part.dropna()
        out[col] = None if len(part) < min_cell else float(getattr(part, how)())
    return out


def _practice_table(b: _Builder, reg: Registration, group_table: Table, all_vars: dict[str, str]) -> None:
    """Groups per practice, only for practices with enough closed trajectories; the rest together."""
    frame = reg.frame
    needed = int(data.value("evaluation_practice_min_closed"))
    practice = frame["practice"].fillna("")
    closed_per = frame[frame["end"].notna()].groupby(practice[frame["end"].notna()]).size()
    eligible = sorted(p for p, n in closed_per.items() if p and n >= needed)
    if not eligible:
        return
    other = "Overige praktijken"
    rows = eligible + [other]
    groups = frame["intervention"].map(fmt.group_of).where(frame["intervention"].notna(), fmt.UNKNOWN)
    cols = list(group_table.rows)
    table_rows = practice.where(practice.isin(eligible), other)
    counts = pd.crosstab(table_rows, groups).reindex(index=rows, columns=cols, fill_value=0)
    cells: dict[tuple[str, str], str] = {}
    for row in rows:
        for col in cols:
            var = f"practice|{row}|{col}"
            b.values[var] = int(counts.loc[row, col])
            cells[(row, col)] = var
        var = f"practice|{row}|{TOTAL}"
        b.values[var] = int(counts.loc[row].sum())
        cells[(row, TOTAL)] = var
    for col in cols:
        cells[(TOTAL, col)] = group_table.cells[(col, TOTAL)]
    cells[(TOTAL, TOTAL)] = all_vars[TOTAL]
    for row in [*rows, TOTAL]:
        b.equations.append(Equation(cells[(row, TOTAL)], tuple(cells[(row, c)] for c in cols)))
    for col in [*cols, TOTAL]:
        b.equations.append(Equation(cells[(TOTAL, col)], tuple(cells[(r, col)] for r in rows)))
    b.tables.append(
        Table(
            "practices",
            f"Inzet per praktijk (praktijken met minstens {needed} afgesloten trajecten)",
            rows,
            cols,
            cells,
            "trajecten van de praktijk",
            share_along="row",
        )
    )


# --------------------------------------------------------------------------- when a table is mostly dots

#: Above this share of hidden cells a report is 'mostly dots' and says which settings would show more.
MOSTLY_HIDDEN = 0.5


def _headline_vars(tables: list[Table]) -> dict[str, str]:
    traj = next(t for t in tables if t.key == "trajectories")
    groups = next(t for t in tables if t.key == "groups")
    out = {
        "het aantal trajecten": traj.cells[(TOTAL, TOTAL)],
        "het aantal afgesloten trajecten": traj.cells[("Afgesloten", TOTAL)],
        "het aantal open trajecten": traj.cells[("Open", TOTAL)],
    }
    out.update({f"de groep '{group}'": groups.cells[(group, TOTAL)] for group in fmt.GROUPS})
    return out


def headline_vars(ev: Evaluation) -> dict[str, str]:
    """The headline figures (Dutch label -> variable): trajectories, closed, open and Rebel's three groups."""
    return _headline_vars(ev.tables)


def hidden_headline(ev: Evaluation) -> list[str]:
    """Headline figures at or above the minimum that are hidden all the same (as complements)."""
    return [label for label, var in headline_vars(ev).items() if var in ev.hidden and ev.values[var] >= ev.min_cell]


def hidden_share(ev: Evaluation) -> float:
    cells = [var for t in ev.tables for var in t.cells.values()]
    return sum(var in ev.hidden for var in cells) / len(cells) if cells else 0.0


@dataclass(frozen=True)
class Advice:
    """Settings with which the headline figures show: a longer period and/or the lowest minimum."""

    period: str
    min_cell: int
    hidden_share: float


def advise(ev: Evaluation) -> Advice | None:
    """For a report that is mostly dots or hides a headline figure: the finest period, and the highest
    minimum allowed, with which no headline figure at or above the minimum is hidden (None: no need,
    or no setting helps). Lowering the minimum stays the user's choice: the report only offers it."""
    if "advice" in ev.cache:
        cached: Advice | None = ev.cache["advice"]
        return cached
    advice = ev.cache["advice"] = _advise(ev)
    return advice


def _advise(ev: Evaluation) -> Advice | None:
    if not hidden_headline(ev) and hidden_share(ev) <= MOSTLY_HIDDEN:
        return None
    order = list(PERIODS)
    floor = int(data.bounds("evaluation_min_cell")[0])
    for min_cell in sorted({ev.min_cell, floor}, reverse=True):
        for period in order[order.index(ev.period) :]:
            if (period, min_cell) == (ev.period, ev.min_cell):
                continue
            other = evaluate(ev.registration, period, min_cell, ev.rounding_setting)
            if not hidden_headline(other) and hidden_share(other) < hidden_share(ev):
                return Advice(period, min_cell, hidden_share(other))
    return None
