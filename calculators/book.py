"""Helpers for the handbook's chapters: quote data in Dutch format, show real tables.

A chapter starts with one hidden cell (tags ``remove-input`` and ``remove-output``)::

    from calculators.book import *

and then quotes figures inline with the ``{eval}`` role, for example
``{eval}`F.bggz_price``` → ``€ 876`` or ``{eval}`F.reach``` → ``30%``. Every
number in the prose comes from ``data/`` this way or from a model run in a code
cell; nothing is typed by hand.

- ``F.<key>``: a fact with its unit (``0,5 fte``, ``14 uur per week``, ``€ 876``);
  ``F.<key>.num`` the number alone, ``.low``/``.high``/``.range`` for ranges,
  ``.label``, ``.source``, ``.ref``.
- ``text(x)``: mark any computed string so ``{eval}`` prints it without quotes.
- ``table(...)``/``data_table(...)``: an HTML table with a caption and Dutch numbers.
- ``discrepancy(id)``: a boxed note on where a source does not add up.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import data, formatting, locators
from .discrepancies import get as get_discrepancy
from .formatting import auto, euro, fte, hours, number, percent, span, with_unit
from .registry import Output

__all__ = [
    "F", "Text", "text", "euro", "percent", "number", "fte", "hours", "span", "with_unit", "auto",
    "table", "data_table", "discrepancy", "source_flags", "cite_key", "markdown", "ref_text",
    "source_place", "source_cite", "corrections_tables", "named", "app_link", "APP", "output_columns",
]


class Text(str):
    """A string whose repr is itself, so notebook outputs and {eval} show it plainly."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def text(value: Any) -> Text:
    return Text(value)


def app_link(name: str, label: str, prefix: str = "../") -> Text:
    """A link to Voila app ``name`` (calculators/registry.py, APPS) from a chapter: ``prefix`` leads from the page
    to the site's root ('../' from book/chapters/, '' from the home page)."""
    import html

    from .registry import app

    return Text(f'<a href="{prefix}{app(name).path.lstrip("/")}">{html.escape(label)}</a>')


class _Apps:
    """``APP.formatie`` in a chapter's {eval}: a link 'app formatie' to that app (the role takes no calls)."""

    def __getattr__(self, name: str) -> Text:
        if name.startswith("_"):
            raise AttributeError(name)
        return app_link(name, f"app {name}")


APP = _Apps()


LEDGER_ENV = "HANDBOEK_FIGURE_LEDGER"  # set by book/_ext/figures.py for the build's kernels


def named(name: str, value: Any) -> Text:
    """A figure that appears in several places, under one name: every place must print the same text.

    During a book build each named figure is written to a ledger (one JSON line per use);
    ``tests/test_book_figures.py`` fails when one name was printed as two different texts.
    """
    shown = Text(value)
    folder = os.environ.get(LEDGER_ENV)
    if folder:
        line = json.dumps({"name": name, "text": str(shown), "where": os.getcwd()}, ensure_ascii=False)
        with (Path(folder) / f"{os.getpid()}.jsonl").open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return shown


def ledger_conflicts(folder: Path) -> dict[str, set[str]]:
    """Names printed as more than one text in a build's ledger (empty when every figure agrees)."""
    seen: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            seen.setdefault(entry["name"], set()).add(entry["text"])
    return {name: texts for name, texts in seen.items() if len(texts) > 1}


class FactText(Text):
    """A fact formatted with its unit, carrying its parts as attributes."""

    fact: data.Fact

    @classmethod
    def of(cls, fact: data.Fact) -> FactText:
        unit, dec = fact.unit, fact.decimals
        if fact.value is not None:
            main = formatting.with_unit(fact.value, unit, dec)
        elif fact.low is not None and fact.high is not None:
            main = formatting.span(fact.low, fact.high, unit, dec)
        else:
            raise data.DataError(f"fact '{fact.key}' has no value to quote")
        out = cls(main)
        out.fact = fact
        return out

    def _part(self, x: float | None) -> Text:
        if x is None:
            raise data.DataError(f"fact '{self.fact.key}' has no such part")
        return Text(formatting.bare(x, self.fact.unit, self.fact.decimals))

    @property
    def num(self) -> Text:
        """The number alone: ``€ 876``, ``30%``, ``1.739``, ``0,5``."""
        return self._part(self.fact.value)

    @property
    def low(self) -> Text:
        return self._part(self.fact.low)

    @property
    def high(self) -> Text:
        return self._part(self.fact.high)

    @property
    def range(self) -> Text:
        f = self.fact
        if f.low is None or f.high is None:
            raise data.DataError(f"fact '{f.key}' has no range")
        return Text(formatting.span(f.low, f.high, f.unit, f.decimals))

    @property
    def label(self) -> Text:
        return Text(self.fact.label)

    @property
    def source(self) -> Text:
        return Text(self.fact.source)

    @property
    def ref(self) -> Text:
        return Text(self.fact.ref)

    @property
    def value(self) -> float:
        if self.fact.value is None:
            raise data.DataError(f"fact '{self.fact.key}' has no value")
        return self.fact.value


class _Facts:
    """``F.key`` -> FactText. Unknown keys fail loudly (the build then fails)."""

    def __getattr__(self, key: str) -> FactText:
        if key.startswith("__"):
            raise AttributeError(key)
        return FactText.of(data.fact(key))

    def __dir__(self) -> list[str]:
        return sorted(data.facts())


F = _Facts()


def cite_key(source: str) -> str:
    """The BibTeX key for a data source ('' for derived values and assumptions)."""
    return "" if source in data.PSEUDO_SOURCES else source


Formatter = Callable[[Any], str] | str


def _cell(value: Any, fmt: Formatter | None) -> str:
    if value is None or value == "" or (isinstance(value, float) and value != value):  # None, empty or NaN
        return "–"
    if fmt is None:
        if isinstance(value, float) and value.is_integer():
            return formatting.number(value)
        if isinstance(value, int | float):
            return formatting.number(value, 1)
        return str(value)
    if callable(fmt):
        return fmt(value)
    if fmt == "share":
        return formatting.percent(float(value), 0 if round(float(value) * 100, 6).is_integer() else 1)
    return formatting.bare(float(value), fmt, 0 if float(value).is_integer() else 1)


class HtmlTable:
    """An accessible HTML table (caption, header cells, numbers right-aligned)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # plain-text fallback (e.g. nbval, terminals)
        return html.unescape(self.markup)


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Mapping[str, str],
    caption: str,
    formats: Mapping[str, Formatter] | None = None,
) -> HtmlTable:
    """Rows (dicts) as a table; ``columns`` maps row keys to Dutch headers, in order."""
    formats = formats or {}
    numeric = {c for c in columns if any(isinstance(r.get(c), int | float) for r in rows)}
    num_class = ' class="num"'
    head = "".join(f'<th scope="col"{num_class if c in numeric else ""}>{html.escape(h)}</th>'
                   for c, h in columns.items())
    body = []
    for r in rows:
        cells = []
        for i, c in enumerate(columns):
            value = html.escape(_cell(r.get(c), formats.get(c)))
            cls = num_class if c in numeric else ""
            cells.append(f'<th scope="row"{cls}>{value}</th>' if i == 0 else f"<td{cls}>{value}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    markup = (f'<table class="table handboek-tabel"><caption>{html.escape(caption)}</caption>'
              f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    return HtmlTable(markup)


def output_columns(**outputs: Output | tuple[Output, str]) -> tuple[dict[str, str], dict[str, Formatter]]:
    """Columns of a result table for calculator outputs: ``(columns, formats)`` for :func:`table`.

    Each keyword is a row key and its registry Output (calculators/registry.py), or ``(output, qualifier)``
    for a column that shows the output under one condition ('Formatie volgens de werklast (WISN), volledig
    bereik'). The header is the output's Dutch label, the cells its unit and rounding: a table in a chapter
    names and rounds an output as the apps, the CLI and the annex do.
    """
    columns: dict[str, str] = {}
    formats: dict[str, Formatter] = {}
    for key, spec in outputs.items():
        output, qualifier = spec if isinstance(spec, tuple) else (spec, "")
        columns[key] = output.label + (f", {qualifier}" if qualifier else "")
        formats[key] = output.text
    return columns, formats


TEXT_COLUMNS = {"ref", "source", "note", "code", "period", "periode"}


def data_table(
    name: str,
    columns: Mapping[str, str],
    caption: str,
    formats: Mapping[str, Formatter] | None = None,
    where: Callable[[Mapping[str, Any]], bool] | None = None,
) -> HtmlTable:
    """A table from ``data/tables/<name>.csv`` with numeric cells typed."""
    rows: list[dict[str, Any]] = []
    for raw in data.rows(name):
        row: dict[str, Any] = {}
        for key, value in raw.items():
            try:
                keep_text = key in TEXT_COLUMNS or "year" in key or "jaar" in key  # years print as 2019, not 2.019
                row[key] = float(value) if value != "" and not keep_text else value
            except ValueError:
                row[key] = value
        if where is None or where(row):
            rows.append(row)
    return table(rows, columns, caption, formats)


class Markdown(Text):
    """Markdown (MyST) output: rendered by the book, including roles such as {cite}."""

    def _repr_markdown_(self) -> str:
        return str(self)


def markdown(source: str) -> Markdown:
    return Markdown(source)


def ref_text(ref: str) -> str:
    """``'L1308–1310; L1346'`` -> ``'r. 1308–1310; r. 1346'``: lines of the seed text, for the data
    dictionary (audit) only. Chapters cite the place in the original document instead
    (:func:`source_place`, :func:`source_cite`)."""
    return re.sub(r"(?<![\w.])L(?=\d)", "r. ", ref)


def source_place(source: str, ref: str) -> Text:
    """Where a figure stands in the original document (section, table, page), from its data ``ref``.

    ``source_place("rebel2021", "L1316–1325")`` -> ``dia ‘…’, ‘Conservatief scenario’, p. 42``.
    Segments of ``ref`` that name another source get that source's name in front.
    """
    if source in data.PSEUDO_SOURCES or not ref:
        return Text("")
    return Text(locators.reader_place(source, ref))


def source_cite(source: str, ref: str) -> str:
    """A ``{cite:p}`` role pointing the reader to the passage(s) behind a data ``ref``
    (one key per source named in ``ref``); '' for derived values and assumptions."""
    if source in data.PSEUDO_SOURCES:
        return ""
    if not locators.is_seed(source):
        place = locators.reader_place(source, ref)
        return f"{{cite:p}}`{source}{{{place}}}`" if place else f"{{cite:p}}`{source}`"
    targets = []
    for key, part in locators.split_ref(source, ref):
        post = locators.locate(key, part) if locators.parse_lines(part) else part
        targets.append(f"{key}{{{post}}}" if post else key)
    return f"{{cite:p}}`{','.join(targets)}`"


def discrepancy(id_: str) -> Markdown:
    """A note box: where a printed figure does not follow from the source's own data."""
    d = get_discrepancy(id_)
    return Markdown(
        f":::{{admonition}} Klopt niet: {d.title}\n:class: warning\n\n"
        f"{d.explanation()} {source_cite(d.source, d.ref)}\n:::\n"
    )


def source_flags(name: str, topic: str | None = None) -> Markdown:
    """A bulleted list of the inconsistencies in ``tables/<name>.csv`` (optionally one topic)."""
    items = [r for r in data.rows(name) if topic is None or r.get("topic") == topic]
    return Markdown("\n".join(f"- {r['issue']} {source_cite(r['source'], r['ref'])}" for r in items) + "\n")


def corrections_tables() -> HtmlTable:
    """Per edition (newest first) a table of every corrected figure or claim, from data/corrections_*.csv."""
    from . import edition

    names = {k: v["short_nl"] for k, v in data.sources().items()}
    parts = []
    for ed, items in edition.corrections().items():
        rows = [{"chapter": c.chapter.replace(";", ",").strip(), "before": c.before, "after": c.after,
                 "source": " ".join(x for x in (names.get(c.source, c.source) if c.source not in data.PSEUDO_SOURCES
                                                else "eigen controle", str(source_place(c.source, c.ref))) if x)}
                for c in items]
        parts.append(table(rows, {"chapter": "Hoofdstuk", "before": "Was", "after": "Is nu", "source": "Bron"},
                           caption=f"Correcties in editie {ed} ({len(rows)})").markup)
    return HtmlTable("\n".join(parts) if parts else "<p>Geen correcties.</p>")

