"""The evaluation as one JSON-able object and as a Dutch text summary (CLI).

Suppressed counts and the shares that rest on them are ``None`` (JSON ``null``).
"""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from ..formatting import number, percent
from . import benchmarks
from .indicators import TOTAL, Evaluation, Share, Table, advise, hidden_share

HIDDEN = "•"


def _dist(ev: Evaluation, key: str) -> dict[str, dict[str, Any]]:
    if key not in {t.key for t in ev.tables}:
        return {}
    return {row: {k: v for k, v in s.as_dict().items()} for row, s in ev.distribution(key).items()}


def to_json(ev: Evaluation, filename: str = "") -> dict[str, Any]:
    traj = ev.table("trajectories")
    tables = {}
    for t in ev.tables:
        tables[t.key] = {
            "title": t.title,
            "base": t.base,
            "share_of": t.share_along,
            "columns": [*t.cols, TOTAL],
            "rows": {
                row: {col: ev.cell(t, row, col).as_dict() for col in [*t.cols, TOTAL]} for row in [*t.rows, TOTAL]
            },
            "note": t.note,
            "merged": t.merged,
        }
    return {
        "file": filename,
        "period": ev.period,
        "periods": ev.periods,
        "min_cell": ev.min_cell,
        "rounding": ev.rounding,
        "rounding_setting": ev.rounding_setting,
        "trajectories": ev.count(traj.cells[(TOTAL, TOTAL)]),
        "closed": ev.count(traj.cells[("Afgesloten", TOTAL)]),
        "open": ev.count(traj.cells[("Open", TOTAL)]),
        "inflow_per_week": {
            p: (None if (c := ev.count(traj.cells[(TOTAL, p)])) is None else c / ev.period_weeks[p])
            for p in [*ev.periods, TOTAL]
        },
        "interventions": _dist(ev, "interventions"),
        "groups": _dist(ev, "groups"),
        "intensity": _dist(ev, "intensity"),
        "suppressed": ev.suppressed_cells(),
        "hidden_share": hidden_share(ev),
        "advice": None
        if (a := advise(ev)) is None
        else {"period": a.period, "min_cell": a.min_cell, "hidden_share": a.hidden_share},
        "tables": tables,
        "statistics": ev.statistics,
        "benchmarks": [
            {
                "table": c.benchmark.table,
                "category": c.benchmark.row,
                "study": c.benchmark.study,
                "share": c.benchmark.share,
                "base": c.benchmark.base,
                "count": c.benchmark.count,
                "count_derived": c.benchmark.count_derived,
                "interval": c.benchmark.interval(),
                "definition_difference": c.benchmark.difference,
                "source": c.benchmark.source,
                "ref": c.benchmark.ref,
                "pilot": c.pilot.as_dict(),
                "verdict": c.verdict,
            }
            for c in benchmarks.compare(ev)
        ],
        "dropped_columns": ev.registration.dropped,
        "ignored_columns": ev.registration.foreign,
        "missing_optional_columns": ev.registration.missing_optional,
        "notes": ev.notes,
    }


def merged_sentences(table: Table) -> list[str]:
    """Which categories each merged row of ``table`` holds, one Dutch sentence per row."""
    return [f"'{label}' telt samen: {', '.join(members)}." for label, members in table.merged.items()]


def share_text(s: Share) -> str:
    if s.share is None:
        return HIDDEN if s.count is None else "–"
    return f"{percent(s.share)} ({percent(s.ci_low)}–{percent(s.ci_high)})"  # type: ignore[arg-type]


def count_text(count: int | None) -> str:
    return HIDDEN if count is None else number(count)


def advice_text(ev: Evaluation) -> str:
    """What to do when the report is mostly dots or hides a headline figure ('' when neither)."""
    from .indicators import MOSTLY_HIDDEN, advise, hidden_headline, hidden_share

    share, hidden = hidden_share(ev), hidden_headline(ev)
    if share <= MOSTLY_HIDDEN and not hidden:
        return ""
    what = f"{percent(share)} van de cellen is afgeschermd" + (f", ook {', '.join(hidden)}" if hidden else "") + "."
    advice = advise(ev)
    if advice is None:
        return (
            f"{what[0].upper()}{what[1:]} Ook met een langere periode of het kleinste toegestane aantal blijven "
            "kerncijfers afgeschermd: er zijn te weinig trajecten per categorie."
        )
    change = []
    if advice.period != ev.period:
        change.append(f"periode per kolom '{advice.period}'")
    if advice.min_cell != ev.min_cell:
        change.append(f"kleinste getoonde aantal {advice.min_cell}")
    visible = "zijn de kerncijfers zichtbaar (trajecten, afgesloten, open en de drie groepen) en " if hidden else ""
    return (
        f"{what[0].upper()}{what[1:]} Met {' en '.join(change)} {visible}is {percent(advice.hidden_share)} "
        f"afgeschermd. Kies dat hierboven, of op de opdrachtregel met --period {advice.period} "
        f"--min-cell {advice.min_cell}."
    )


def to_text(ev: Evaluation) -> str:
    traj = ev.table("trajectories")
    lines = [
        f"Trajecten: {count_text(ev.count(traj.cells[(TOTAL, TOTAL)]))} "
        f"(afgesloten {count_text(ev.count(traj.cells[('Afgesloten', TOTAL)]))}, "
        f"open {count_text(ev.count(traj.cells[('Open', TOTAL)]))})",
        "",
    ]
    if advice := advice_text(ev):
        lines += [advice, ""]
    for key in ("groups", "interventions", "intensity"):
        t = ev.table(key)
        rows = [(row, count_text(s.count), share_text(s)) for row, s in ev.distribution(key).items()]
        lines += [
            t.title,
            tabulate(
                rows,
                headers=("Categorie", "Aantal", "Aandeel (95%-interval)"),
                tablefmt="simple",
                colalign=("left", "right", "right"),
            ),
            "",
        ]
        if t.merged:
            lines[-1:] = [
                *merged_sentences(t),
                "",
            ]
    lines += ev.notes
    if ev.registration.dropped:
        lines.append("Ongelezen verwijderd (patiëntnummer en open tekst): " + ", ".join(ev.registration.dropped) + ".")
    return "\n".join(lines)
