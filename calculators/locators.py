"""Where a passage of a source lies in the original document: section, table or figure, page.

``data/`` cites the seed texts by line (``L1308–1310``) so an auditor can check every figure.
A reader holds the original document, not our text extraction, so the book cites the passage as
the document shows it. ``data/source_sections.csv`` maps line ranges of each seed text to the
section (number and title as printed), the table or figure and, where the document shows one
reliably, the page. ``locate()`` turns a source key and a line reference into that locator::

    locate("rebel2021", "L1316–1325")
    -> "dia ‘Financieel effect: substitutie op B-GGZ, mogelijk ook op S-GGZ’, ‘Conservatief scenario’, p. 42"

The style (Dutch, documented in ``book/README.md``): parts separated by commas; ``§ 3.1 Titel``
for a numbered section, ``hfst. 3 Titel`` for a chapter, ``‘Titel’`` for an unnumbered heading,
``dia ‘Titel’`` for a slide of a slide report, ``bijlage A`` for an annex, ``tabel 5`` /
``figuur 2`` and ``p. 12``. Several passages are separated by ``; ``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import data

SECTIONS_FILE = "source_sections.csv"

# 'L1308–1310', '1308-1310', 'r. 1308–1310', several separated by ';' or ','
_RANGE = re.compile(r"(?<![\w.])(?:L|r\.\s*)?(\d+)(?:\s*[–-]\s*(\d+))?(?![\w.])")


class LocatorError(ValueError):
    """A line reference that the section map cannot place (unknown source, line outside it)."""


@dataclass(frozen=True)
class Section:
    doc: str
    line_from: int
    line_to: int
    section: str
    table: str
    page: str


@cache
def sections() -> tuple[Section, ...]:
    rows = data.read_csv(data.DATA_DIR / SECTIONS_FILE)
    return tuple(
        Section(r["doc"], int(r["line_from"]), int(r["line_to"]), r["section"], r["table"], r["page"])
        for r in rows
    )


def _source_lines(source: str) -> tuple[str, list[tuple[int, int]]]:
    """The seed document of a source key and the line ranges of that document it covers."""
    row = data.sources().get(source)
    if row is None or not row.get("doc"):
        raise LocatorError(f"bron '{source}' heeft geen brondocument")
    return row["doc"], parse_lines(row["lines"])


def parse_lines(ref: str) -> list[tuple[int, int]]:
    """Line ranges in a reference: ``'L12–14; L40'`` or ``'r. 12–14; 40'`` -> ``[(12, 14), (40, 40)]``.

    Parenthesised comments (``'L536–549 (Tabel 2)'``) and table, figure or page numbers are ignored;
    a reference without any ``L123`` or ``r. 123`` has no line numbers.
    """
    ref = re.sub(r"\([^)]*\)", "", ref)
    if not re.search(r"(?<![\w.])(?:L|r\.\s*)\d", ref):
        return []  # 'Tabel 2', 'p. 12': no line reference
    ref = re.sub(r"(?i)\b(?:tabel|figuur|bijlage|box|pagina|p\.)\s*\d+", "", ref)
    out = []
    for a, b in _RANGE.findall(ref):
        lo, hi = int(a), int(b or a)
        if hi < lo:
            raise LocatorError(f"regelbereik loopt terug: '{ref}'")
        out.append((lo, hi))
    return out


def _split(section: str) -> list[str]:
    """Split a section text at ', ' outside ‘quotes’."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(section):
        if ch == "‘":
            depth += 1
        elif ch == "’" and depth:
            depth -= 1
        elif ch == "," and depth == 0 and section[i + 1:i + 2] == " ":
            parts.append(section[start:i])
            start = i + 2
    parts.append(section[start:])
    return parts


def _pages(pages: list[str]) -> str:
    nums = sorted({int(p) for p in pages if p})
    if not nums:
        return ""
    return f"p. {nums[0]}" if len(nums) == 1 else f"p. {nums[0]}–{nums[-1]}"


def _places(doc: str, ranges: list[tuple[int, int]]) -> list[tuple[str, list[str], list[str]]]:
    """(section, tables, pages) for every section the ranges touch, in document order."""
    rows = [s for s in sections() if s.doc == doc]
    found: dict[str, tuple[list[str], list[str]]] = {}
    for lo, hi in ranges:
        hit = [s for s in rows if not s.table and s.line_from <= hi and lo <= s.line_to]
        if not hit:
            raise LocatorError(f"document {doc}: regels {lo}–{hi} staan niet in {SECTIONS_FILE}")
        for s in hit:
            tables, pages = found.setdefault(s.section, ([], []))
            if s.page and s.page not in pages:
                pages.append(s.page)
        for t in rows:
            if t.table and t.line_from <= hi and lo <= t.line_to:
                tables, _ = found.setdefault(t.section, ([], []))
                if t.table not in tables:
                    tables.append(t.table)
    return [(sec, tables, pages) for sec, (tables, pages) in found.items()]


def locate(source: str, ref: str) -> str:
    """The reader's locator for lines ``ref`` of source ``source`` (see the module docstring).

    Raises :class:`LocatorError` for an unknown source, a reference without line numbers or lines
    that lie outside the part of the seed text that belongs to ``source``.
    """
    doc, own = _source_lines(source)
    ranges = parse_lines(ref)
    if not ranges:
        raise LocatorError(f"geen regelnummers in '{ref}'")
    for lo, hi in ranges:
        if not any(a <= lo and hi <= b for a, b in own):
            raise LocatorError(f"regels {lo}–{hi} vallen buiten '{source}' ({data.sources()[source]['lines']})")
    places = _places(doc, ranges)
    # a passage that starts on a heading line and runs into its first subsection: name the subsection
    places = [p for i, p in enumerate(places)
              if not (i + 1 < len(places) and not p[1] and p[2] == places[i + 1][2]
                      and _split(places[i + 1][0])[:len(_split(p[0]))] == _split(p[0]))]
    out: list[str] = []
    previous: list[str] = []
    last_page = ""
    for section, tables, pages in places:
        parts = _split(section)
        # name only what the previous place did not: '…, ‘A’; ‘B’' instead of repeating the slide
        shared = 0
        while shared < min(len(parts), len(previous)) and parts[shared] == previous[shared]:
            shared += 1
        if shared == len(parts) and not tables:
            shared = len(parts) - 1  # the same section again: name it
        page = _pages(pages)
        rest = parts[shared:] + tables + ([page] if page and page != last_page else [])
        if rest:
            out.append(", ".join(rest))
        previous, last_page = parts, page or last_page
    return "; ".join(out)


_KEYED = re.compile(r"^\s*([a-z]+\d{4})\s+(.*)$", re.S)


def split_ref(source: str, ref: str) -> list[tuple[str, str]]:
    """Group a reference by source: ``('rebel2021', 'L467; hillegom2021 L2004')``
    -> ``[('rebel2021', 'L467'), ('hillegom2021', 'L2004')]``. A segment (between ';') that starts
    with a source key belongs to that source, and so do the segments after it until the next key; the
    segments before the first key belong to ``source``. Order is kept."""
    groups: dict[str, list[str]] = {}
    key = source
    for segment in ref.split(";"):
        if not segment.strip():
            continue
        m = _KEYED.match(segment)
        text = segment
        if m and m.group(1) in data.sources():
            key, text = m.group(1), m.group(2)
        groups.setdefault(key, []).append(text.strip())
    return [(key, "; ".join(parts)) for key, parts in groups.items()]


def author_year(source: str) -> str:
    """A short name for a source as a reader sees it: 'Rebel (2021)'."""
    short = data.sources().get(source, {}).get("short_nl", source)
    name = short.split(";")[0].split("(")[0].strip()
    year = re.search(r"\((\d{4})\)\s*$", short)
    return f"{name} ({year.group(1)})" if year and year.group(1) not in name else name


def place(source: str, ref: str) -> str:
    """Locator text for a data reference that may name other sources too (see :func:`split_ref`).

    Segments without line numbers (``'Tabel 2'``, ``'p. 12'``) are kept as they are."""
    out = []
    for key, part in split_ref(source, ref):
        text = locate(key, part) if parse_lines(part) else part
        out.append(text if key == source else f"{author_year(key)}, {text}")
    return "; ".join(out)


def is_seed(source: str) -> bool:
    """One of the five seed documents (mapped by data/source_sections.csv), not a statute or an
    external excerpt, whose ``ref`` already names the place (``art. 7:450``, ``§ kop …; L12``)."""
    return bool(re.fullmatch(r"00\d", data.sources().get(source, {}).get("doc", "")))


def reader_place(source: str, ref: str) -> str:
    """The place a reader finds in the original: the section map for a seed document; for an external
    page or a statute the ``ref`` without the line of our excerpt (``'§ kop …; L12'`` -> ``'kop …'``)."""
    if is_seed(source):
        return place(source, ref)
    return re.sub(r"^§\s*", "", re.sub(r";\s*L\d+([–-]\d+)?\s*$", "", ref)).strip()
