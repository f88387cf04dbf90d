"""Outputs for the municipality: one self-contained Dutch HTML report, and the aggregate tables as XLSX.

The HTML has its charts inline as SVG (rendered by vl-convert), its style inline, and no link,
script or font from anywhere else: it opens offline and prints to PDF. The XLSX holds the
aggregate tables only (never a trajectory), and any text that starts with ``=``, ``+``, ``-`` or
``@`` is stored as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from typing import Any

import vl_convert as vlc
from openpyxl import Workbook
from openpyxl.styles import Font

from .. import data, locators
from ..edition import colophon
from ..export import FORMULA_START
from ..formatting import number, percent
from . import benchmarks, comparison
from . import format as fmt
from .indicators import MOSTLY_HIDDEN, TOTAL, Evaluation, Table
from .summary import HIDDEN, advice_text, merged_sentences

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}caption{text-align:left;font-weight:600;padding:.25rem 0}
.note{font-size:.85rem;color:#444;margin-top:0}.fictief{background:#fff3cd;border:1px solid #e0c36b;
padding:.5rem 1rem;font-weight:600}figure{margin:1rem 0}figcaption{font-size:.85rem;color:#444}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:avoid}}
.kop{font-size:1.15em;font-weight:600}
.advies{border-left:4px solid #b45309;padding:.3em .8em;background:#fff7ed}
figure svg{max-width:100%;height:auto}.schuif{overflow-x:auto;max-width:100%}
"""


def is_fictional(filename: str) -> bool:
    return "fictief" in filename.lower() or "fictional" in filename.lower()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def cell_text(ev: Evaluation, table: Table, row: str, col: str) -> str:
    s = ev.cell(table, row, col)
    if s.count is None:
        return HIDDEN
    if s.share is None:
        return number(s.count)
    return f"{number(s.count)} ({percent(s.share)})"


def _rounded(ev: Evaluation) -> str:
    return f"afgerond op veelvouden van {ev.rounding}"


def rounded_text(ev: Evaluation) -> str:
    """'Aantallen afgerond op veelvouden van 5.' for a rounded report ('' for exact counts)."""
    return f"Aantallen {_rounded(ev)}." if ev.rounding > 1 else ""


def settings_text(ev: Evaluation) -> str:
    """The report's settings in one Dutch sentence (HTML, XLSX, the app)."""
    how = (
        "exact" if ev.rounding == 1
        else _rounded(ev) + (" (automatisch gekozen)" if ev.rounding_setting == "automatisch" else "")
    )
    return f"Periode per kolom: {ev.period}. Kleinste getoonde aantal: {ev.min_cell}. Aantallen: {how}."


def table_note(ev: Evaluation, table: Table) -> str:
    """The note under a table: how small numbers are handled, the table's own note, merged rows."""
    return " ".join(filter(None, (ev.notes[0], rounded_text(ev), table.note, merged_text(table))))


def merged_text(table: Table) -> str:
    """Which categories a merged row holds, in Dutch ('' when none is merged)."""
    return " ".join(merged_sentences(table))


def mostly_hidden_text(ev: Evaluation, table: Table) -> str:
    """A Dutch warning under a table of which more than half of the cells are hidden ('' otherwise)."""
    cells = list(table.cells.values())
    share = sum(v in ev.hidden for v in cells) / len(cells)
    if share <= MOSTLY_HIDDEN:
        return ""
    return (f"Van deze tabel is {percent(share)} afgeschermd: er zijn te weinig trajecten per categorie en periode. "
            "Een langere periode per kolom toont meer (zie de samenvatting).")


def _table_html(ev: Evaluation, table: Table) -> str:
    cols = [*table.cols, TOTAL]
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in cols)
    body = ""
    for row in [*table.rows, TOTAL]:
        cells = "".join(f"<td>{cell_text(ev, table, row, c)}</td>" for c in cols)
        body += f'<tr><th scope="row">{_e(row)}</th>{cells}</tr>'
    share_of = "de kolom" if table.share_along == "col" else "de rij"
    note = (f"Aantal (aandeel van het totaal van {share_of}; basis: {_e(table.base)}). {HIDDEN} = niet getoond. "
            f"{_e(table_note(ev, table))}").rstrip()
    if warning := mostly_hidden_text(ev, table):
        note += f'</p><p class="note advies" role="note">{_e(warning)}'
    return (f'<table><caption>{_e(table.title)}</caption><thead><tr><th scope="col"></th>{head}</tr></thead>'
            f'<tbody>{body}</tbody></table><p class="note">{note}</p>')


def _framed(page: str) -> str:
    """Every table in a frame of its own that scrolls sideways on a phone (named after its caption, and a
    tab stop, so that a keyboard can scroll it too)."""
    return re.sub(
        r"<table><caption>(.*?)</caption>(.*?)</table>",
        r'<div class="schuif" tabindex="0" role="region" aria-label="Tabel: \1"><table><caption>\1</caption>'
        r"\2</table></div>",
        page,
        flags=re.DOTALL,
    )


def _svg(spec: dict[str, Any], description: str) -> str:
    svg = vlc.vegalite_to_svg({**spec, "description": description}, format_locale="nl-NL",
                              time_format_locale="nl-NL")
    return (f'<figure><div role="img" aria-label="{_e(description)}">{svg}</div>'
            f"<figcaption>{_e(description)}</figcaption></figure>")


def chart_groups(ev: Evaluation) -> str:
    shown = [(row, s.share, s.ci_low, s.ci_high) for row, s in ev.distribution("groups").items()
             if s.share is not None and s.ci_low is not None and s.ci_high is not None]
    rows = [{"groep": row, "aandeel": share, "laag": low, "hoog": high} for row, share, low, high in shown]
    described = "; ".join(f"{row} {percent(share)} (95%-interval {percent(low)}–{percent(high)})"
                          for row, share, low, high in shown)
    y = {"field": "groep", "type": "nominal", "title": None, "sort": None, "axis": {"labelLimit": 300}}
    spec = {"data": {"values": rows}, "width": 420, "padding": {"left": 12, "top": 5, "right": 5, "bottom": 5},
            "title": "Inzet over het hele bestand, met 95%-interval",
            "layer": [
                {"mark": {"type": "bar", "color": "#4c78a8"},
                 "encoding": {"y": y, "x": {"field": "aandeel", "type": "quantitative", "title": "Aandeel",
                                            "axis": {"format": ".0%"}, "scale": {"domain": [0, 1]}}}},
                {"mark": {"type": "rule", "color": "#222"},
                 "encoding": {"y": y, "x": {"field": "laag", "type": "quantitative"}, "x2": {"field": "hoog"}}},
            ]}
    return _svg(spec, f"Staafdiagram van de inzet: {described or 'alle aandelen onderdrukt'}.")


def chart_inflow(ev: Evaluation) -> str:
    traj = ev.table("trajectories")
    counts = [(p, ev.count(traj.cells[(TOTAL, p)])) for p in ev.periods]
    present = [(p, n) for p, n in counts if n is not None]
    shown = [{"periode": p, "trajecten": n} for p, n in present]
    described = "; ".join(f"{p}: {number(n)}" for p, n in present)
    spec = {"data": {"values": shown}, "mark": {"type": "bar", "color": "#4c78a8"}, "width": 420,
            "title": "Nieuwe trajecten per periode (datum eerste consult)",
            "encoding": {"x": {"field": "periode", "type": "ordinal", "title": None, "sort": None},
                         "y": {"field": "trajecten", "type": "quantitative", "title": "Trajecten",
                               "axis": {"format": ",.0f"}}}}
    return _svg(spec, f"Staafdiagram van de nieuwe trajecten per periode: {described or 'onderdrukt'}.")


def _benchmark_html(ev: Evaluation) -> str:
    rows = ""
    for c in benchmarks.compare(ev):
        bm = c.benchmark
        interval = bm.interval()
        theirs = percent(bm.share) + (f" ({percent(interval[0])}–{percent(interval[1])}; n = {number(bm.base)})"
                                      if interval and bm.base else " (geen basis)")
        ours = (HIDDEN if c.pilot.share is None else
                f"{percent(c.pilot.share)} ({percent(c.pilot.ci_low)}–{percent(c.pilot.ci_high)}; "  # type: ignore[arg-type]
                f"n = {number(c.pilot.base)})")  # type: ignore[arg-type]
        derived = " Aantal teruggerekend uit het gedrukte aandeel." if bm.count_derived else ""
        rows += (
            f"<tr><td>{_e(bm.row)}</td><td>{_e(bm.study)}<br><small>{_e(source_place(bm.source, bm.ref))}</small></td>"
            f"<td>{theirs}</td><td>{ours}</td><td>{_e(bm.difference)}{derived}</td><td>{_e(c.verdict)}</td></tr>"
        )
    return (
        '<table><caption>Eigen cijfers naast de gepubliceerde</caption><thead><tr><th scope="col">Categorie'
        '</th><th scope="col">Studie</th><th scope="col">Studie: aandeel (95%-interval)</th><th scope="col">'
        'Eigen: aandeel (95%-interval)</th><th scope="col">Verschil in definitie</th><th scope="col">Oordeel'
        f"</th></tr></thead><tbody>{rows}</tbody></table>"
        '<p class="note">Een verschil heet hier alleen een verschil als de twee 95%-intervallen elkaar niet '
        "overlappen. Ook dan kan het komen door een andere definitie, een andere doelgroep of een andere periode.</p>"
    )


def design_html() -> str:
    c, rows = comparison.example()

    def row(group: str, period: str) -> dict[str, str]:
        return next(r for r in rows if r["group"] == group and r["period"] == period)

    lines = ""
    for group, before, after in (
        ("eigen gemeente", c.own_before, c.own_after),
        ("vergelijkbare gemeenten", c.others_before, c.others_after),
    ):
        b, a = row(group, "voor"), row(group, "na")
        lines += (
            f"<tr><td>{_e(group)}</td><td>{number(float(b['gp_referrals']))} / {number(float(b['youths']))} = "
            f"{number(before, 1)}</td><td>{number(float(a['gp_referrals']))} / {number(float(a['youths']))} = "
            f"{number(after, 1)}</td><td>{number(after - before, 1)}</td></tr>"
        )
    return (
        "<p>Een aandeel trajecten dat de POH-J zonder verwijzing afsluit, is <strong>geen effect</strong>: niemand "
        "weet hoeveel van die jeugdigen zonder POH-J wel waren verwezen, en een laagdrempelige POH-J trekt ook nieuwe "
        "vragen aan. Wat een gemeente wel kan meten: het aantal jeugdhulptrajecten na verwijzing door de huisarts "
        "per 1.000 jeugdigen, vóór en na de start van de POH-J, naast dezelfde maat in vergelijkbare gemeenten "
        "zonder POH-J (CBS-jeugdhulpstatistiek naar verwijzer). De daling die de vergelijkbare gemeenten ook hadden, "
        "gaat eraf.</p>"
        '<table><caption>Rekenvoorbeeld met fictieve getallen</caption><thead><tr><th scope="col">Groep</th>'
        '<th scope="col">Voor: verwijzingen / jeugdigen × 1.000</th><th scope="col">Na</th>'
        f'<th scope="col">Verandering</th></tr></thead><tbody>{lines}</tbody></table>'
        f'<p class="note">Verschil van de veranderingen: {number(c.own_change, 1)} − ({number(c.others_change, 1)}) '
        f"= {number(c.difference_in_differences, 1)} huisartsverwijzingen per 1.000 jeugdigen. Alle getallen in dit "
        "voorbeeld zijn verzonnen.</p>"
    )


def foreign_with_nearest(headers: list[str]) -> list[str]:
    """Unknown headers, each with the format's header it most resembles: 'Doel bereik (bedoelt u 'Doelbereik'?)'."""
    out = []
    for header in headers:
        near = fmt.nearest_column(header)
        out.append(f"{header} (onbekende kop; bedoelt u '{near.name}'?)" if near is not None else header)
    return out


def source_place(source: str, ref: str) -> str:
    """A source as the book names it: the document and the place in it (section, slide, table),
    never a line number of our text extraction."""
    name = data.sources().get(source, {}).get("short_nl", source)
    where = locators.place(source, ref) if ref and source not in data.PSEUDO_SOURCES else ""
    return f"{name}, {where}" if where else name


def headline(ev: Evaluation) -> str:
    """One plain Dutch sentence on top of the report: how many began, closed, how they were helped.

    A hidden figure is called hidden, never 'fewer than the minimum': a complementary cell is not small,
    and two small cells with a known sum would be given away by such bounds."""
    traj, groups = ev.table("trajectories"), ev.table("groups")
    years = sorted({p[:4] for p in ev.periods})
    when = f"In {years[0]}" if len(years) == 1 else f"Van {years[0]} tot en met {years[-1]}"
    about = "ongeveer " if ev.rounding > 1 else ""

    def amount(var: str, shown: str, hidden: str) -> str:
        count = ev.count(var)
        return hidden if count is None else shown.format(n=number(count))

    total = ev.count(traj.cells[(TOTAL, TOTAL)])
    began = (
        "begonnen trajecten (het aantal is afgeschermd)"
        if total is None
        else f"begonnen {about}{number(total)} {'traject' if total == 1 else 'trajecten'}"
    )
    sentence = (
        f"{when} {began}; "
        + amount(traj.cells[("Afgesloten", TOTAL)], "{n} zijn afgesloten", "het aantal afgesloten is afgeschermd")
        + " en "
        + amount(traj.cells[("Open", TOTAL)], "{n} lopen nog", "het aantal lopende is afgeschermd")
        + "."
    )
    parts = [
        amount(groups.cells[(fmt.GROUP_SELF, TOTAL)], "de POH-J hielp er {n} zelf",
               "het aantal dat de POH-J zelf hielp is afgeschermd"),
        amount(groups.cells[(fmt.GROUP_BRIDGING, TOTAL)], "{n} kregen overbruggingshulp",
               "het aantal met overbruggingshulp is afgeschermd"),
        amount(groups.cells[(fmt.GROUP_REFERRED, TOTAL)], "{n} zijn verwezen",
               "het aantal verwezen trajecten is afgeschermd"),
    ]
    rounded = f" ({rounded_text(ev)})" if ev.rounding > 1 else ""
    return f"{sentence} Van alle trajecten: {parts[0]}, {parts[1]} en {parts[2]}.{rounded}"


def interval_in_words(ev: Evaluation) -> str:
    """The 95 % interval explained once, with a shown share of the report as the example."""
    groups = ev.table("groups")
    example = next(
        (ev.cell(groups, g, TOTAL) for g in groups.rows if ev.cell(groups, g, TOTAL).share is not None), None
    )
    text = (
        "Bij elk aandeel staat tussen haakjes een interval. Dat leest u zo: met 95% zekerheid ligt het aandeel "
        "dat u op den duur bij dezelfde werkwijze zou zien tussen de twee getallen"
    )
    if example is not None and example.share is not None and example.ci_low is not None \
            and example.ci_high is not None:
        text += (
            f"; bijvoorbeeld {percent(example.share)} ({percent(example.ci_low)}–{percent(example.ci_high)}) "
            f"betekent: met 95% zekerheid ligt het aandeel tussen {percent(example.ci_low)} en "
            f"{percent(example.ci_high)}"
        )
    return text + ". Hoe minder trajecten, hoe breder het interval."


def body_html(ev: Evaluation, filename: str, fictional: bool | None = None) -> str:
    """The report's content (no document wrapper): the app shows it as its dashboard."""
    fictional = is_fictional(filename) if fictional is None else fictional
    reg = ev.registration
    traj = ev.table("trajectories")
    banner = (
        (
            '<p class="fictief">Fictieve gegevens: dit rapport is gemaakt van een verzonnen registratie en zegt '
            "niets over echte jeugdigen of een echte pilot.</p>"
        )
        if fictional
        else ""
    )
    inflow = ev.count(traj.cells[(TOTAL, TOTAL)])
    per_week = "" if inflow is None else f" (gemiddeld {number(inflow / ev.period_weeks[TOTAL], 1)} per week)"
    dropped = (
        f"<p>Ongelezen verwijderd (patiëntnummer en open tekst): {_e(', '.join(reg.dropped))}.</p>"
        if reg.dropped
        else "<p>Het bestand had geen patiëntnummer en geen open-tekstvelden.</p>"
    )
    ignored = (
        f"<p>Kolommen buiten het format (gecontroleerd op persoonsgegevens, verder niet gebruikt): "
        f"{_e(', '.join(foreign_with_nearest(reg.foreign)))}.</p>"
        if reg.foreign
        else ""
    )
    stats = ""
    for name, per in ev.statistics.items():
        cells = "".join(f"<td>{HIDDEN if v is None else number(v, 1)}</td>" for v in per.values())
        stats += f'<tr><th scope="row">{_e(name)}</th>{cells}</tr>'
    if stats:
        head = "".join(f'<th scope="col">{_e(p)}</th>' for p in [*ev.periods, TOTAL])
        stats = (
            f'<table><caption>Instroom, wachttijd en contacten</caption><thead><tr><th scope="col"></th>{head}</tr>'
            f'</thead><tbody>{stats}</tbody></table><p class="note">Instroom: nieuwe trajecten gedeeld door '
            "de weken van de periode. Mediaan en gemiddelde alleen bij minstens "
            f"{ev.min_cell} trajecten met een waarde.</p>"
        )
    tables = "".join(_table_html(ev, t) for t in ev.tables)
    return _framed(f"""{banner}
<p>Bestand: {_e(filename)}. Gemaakt op {dt.date.today().strftime("%d-%m-%Y")} met de evaluatiekit van het Handboek
POH-Jeugd. {_e(settings_text(ev))}</p>
<p class="note">{_e(colophon())}.</p>
<h2>Samenvatting</h2>
<p class="kop">{_e(headline(ev))}</p>
{f'<p class="advies" role="note">{_e(advice)}</p>' if (advice := advice_text(ev)) else ""}
<p class="samenvatting">Trajecten: {cell_text(ev, traj, TOTAL, TOTAL)}{per_week}; \
afgesloten {cell_text(ev, traj, "Afgesloten", TOTAL)}, open {cell_text(ev, traj, "Open", TOTAL)}.</p>
<p>Een traject zonder einddatum telt als open.</p>
{dropped}{ignored}
{"".join(f'<p class="note">{_e(note)}</p>' for note in ev.notes)}
<p class="note">{_e(interval_in_words(ev))}</p>
{chart_inflow(ev)}{chart_groups(ev)}
<h2>Tabellen</h2>{tables}{stats}
<h2>Vergelijking met gepubliceerde cijfers</h2>{_benchmark_html(ev)}
<h2>Wat deze cijfers niet zeggen, en wat wel kan</h2>{design_html()}""")


def to_html(ev: Evaluation, filename: str, fictional: bool | None = None) -> str:
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evaluatierapport POH-Jeugd – {_e(filename)}</title><style>{_CSS}</style></head><body>
<h1>Evaluatierapport POH-Jeugd</h1>
{body_html(ev, filename, fictional)}
</body></html>"""


# --------------------------------------------------------------------------- PDF

#: The report on A4 paper: margins as the book's PDF, no page-wide maximum, tables kept whole.
A4_CSS = (
    "@page{size:A4;margin:15mm 14mm}@media print{body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "table,figure,svg{break-inside:avoid}h2{break-after:avoid}}"
)


def to_pdf(ev: Evaluation, filename: str) -> bytes:
    """The HTML report printed on A4 by Debian's chromium (the path of the book's PDF and the annex).

    The page exists only in a temporary folder for chromium to read (aggregates only) and is gone
    when this returns. InputError (Dutch) when chromium is missing or fails.
    """
    from ..printing import html_to_pdf

    page_html = to_html(ev, filename).replace("</style>", A4_CSS + "</style>", 1)
    return html_to_pdf(page_html, "Download het rapport als HTML.")


# --------------------------------------------------------------------------- XLSX


def _put(ws: Any, row: int, col: int, value: object) -> None:
    """Write a cell; text that Excel would read as a formula is stored as plain text."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
    base, i = name, 2
    while name in used:
        name = f"{base[:28]} {i}"
        i += 1
    used.add(name)
    return name


def to_xlsx(ev: Evaluation, filename: str) -> bytes:
    book = Workbook()
    info = book.active
    info.title = "Toelichting"
    used = {"Toelichting"}
    lines = [
        f"Evaluatie van {filename}",
        headline(ev),
        *(["Fictieve gegevens."] if is_fictional(filename) else []),
        settings_text(ev),
        *ev.notes,
        f"Leeg vak bij aantal = niet getoond ({HIDDEN}).",
        "Alleen geaggregeerde tabellen; geen trajecten.",
        colophon() + ".",
    ]
    for r, line in enumerate(lines, start=1):
        _put(info, r, 1, line)
    info.column_dimensions["A"].width = 120
    for table in ev.tables:
        ws = book.create_sheet(_sheet_name(table.title, used))
        _put(ws, 1, 1, table.title)
        ws.cell(row=1, column=1).font = Font(bold=True)
        cols = [*table.cols, TOTAL]
        _put(ws, 2, 1, "Categorie")
        for j, col in enumerate(cols):
            _put(ws, 2, 2 + 2 * j, f"{col}: aantal")
            _put(ws, 2, 3 + 2 * j, f"{col}: aandeel")
        for i, row in enumerate([*table.rows, TOTAL], start=3):
            _put(ws, i, 1, row)
            for j, col in enumerate(cols):
                s = ev.cell(table, row, col)
                _put(ws, i, 2 + 2 * j, HIDDEN if s.count is None else s.count)
                if s.share is not None:
                    _put(ws, i, 3 + 2 * j, s.share)
                    ws.cell(row=i, column=3 + 2 * j).number_format = "0%"
        _put(ws, len(table.rows) + 4, 1, table_note(ev, table))
        for extra, line in enumerate(filter(None, (mostly_hidden_text(ev, table),)), start=5):
            _put(ws, len(table.rows) + extra, 1, line)
        ws.column_dimensions["A"].width = 45
    ws = book.create_sheet("Vergelijking")
    for j, head in enumerate(
        (
            "Categorie",
            "Studie",
            "Aandeel studie",
            "Basis studie",
            "Eigen aandeel",
            "Eigen basis",
            "Verschil in definitie",
            "Oordeel",
            "Bron",
        ),
        start=1,
    ):
        _put(ws, 1, j, head)
    for i, c in enumerate(benchmarks.compare(ev), start=2):
        for j, value in enumerate(
            (
                c.benchmark.row,
                c.benchmark.study,
                c.benchmark.share,
                c.benchmark.base,
                c.pilot.share,
                c.pilot.base,
                c.benchmark.difference,
                c.verdict,
                source_place(c.benchmark.source, c.benchmark.ref),
            ),
            start=1,
        ):
            _put(ws, i, j, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
