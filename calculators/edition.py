"""The edition of the handbook: one number, one date, the licences, set here and nowhere else.

The book (footer, title page, 'Zo citeert u dit handboek'), the PDF (title page, file name,
metadata), the apps, every export (CSV, XLSX, DOCX, HTML) and the CLI (``--version``) read
these constants or call :func:`colophon`. A new edition changes ``EDITION`` and ``DATE``,
adds a ``data/corrections_<edition>.csv`` and a section in ``CHANGELOG.md``.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path

TITLE = "Handboek POH-Jeugd"
EDITION = "2026.3"
DATE = _dt.date(2026, 12, 7)
AUTHOR = "Team Handboek POH-Jeugd"

CODE_LICENSE = "EUPL-1.2"
CODE_LICENSE_URL = "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"
TEXT_LICENSE = "CC BY 4.0"
TEXT_LICENSE_SPDX = "CC-BY-4.0"
TEXT_LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/deed.nl"

PDF_STEM = "handboek-poh-jeugd"
PDF_NAME = f"{PDF_STEM}-{EDITION}.pdf"      # the edition's own file
PDF_STABLE_NAME = f"{PDF_STEM}.pdf"          # always the latest edition (existing links)


def week_pdf_name(week: int | str) -> str:
    """The short PDF of one week of the learning path (chapter 15), built with the main PDF."""
    return f"{PDF_STEM}-week-{week}.pdf"

_MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december"]


def date_nl(day: _dt.date = DATE) -> str:
    """'29 november 2026'."""
    return f"{day.day} {_MONTHS_NL[day.month - 1]} {day.year}"


def licence_line() -> str:
    """'tekst en data CC BY 4.0, code EUPL-1.2'."""
    return f"tekst en data {TEXT_LICENSE}, code {CODE_LICENSE}"


def colophon() -> str:
    """The one Dutch line every export, report and page footer carries."""
    return f"{TITLE}, editie {EDITION} — {licence_line()}"


def version_text() -> str:
    """What ``python -m calculators --version`` prints."""
    return f"{TITLE} editie {EDITION} ({DATE.isoformat()}); code {CODE_LICENSE}, tekst en data {TEXT_LICENSE}"


def citation_apa(publisher: str | None = None, url: str | None = None) -> str:
    """An APA-style Dutch reference to this edition (Markdown: the title in italics).

    The publisher defaults to the authors (APA leaves it out when it equals the author).
    """
    parts = [f"{AUTHOR} ({DATE.year}). *{TITLE}* (editie {EDITION})."]
    if publisher and publisher != AUTHOR:
        parts.append(f"{publisher}.")
    if url:
        parts.append(url)
    return " ".join(parts)


# --------------------------------------------------------------------------- corrections per edition

CORRECTION_COLUMNS = ("id", "chapter", "before", "after", "source", "ref")


@dataclass(frozen=True)
class Correction:
    edition: str
    id: str
    chapter: str
    before: str
    after: str
    source: str
    ref: str


def edition_of(path: Path) -> str:
    """``corrections_2026_2.csv`` and ``corrections_legal_2026_2.csv`` belong to edition 2026.2."""
    m = re.search(r"(\d{4})_(\d+)$", path.stem)
    if not m:
        raise ValueError(f"{path.name}: name must end in _YYYY_N (the edition), e.g. corrections_2026_2.csv")
    return f"{m.group(1)}.{m.group(2)}"


def correction_files(data_dir: Path | None = None) -> list[Path]:
    from .data import DATA_DIR

    return sorted((data_dir or DATA_DIR).glob("corrections_*.csv"))


def corrections(data_dir: Path | None = None) -> dict[str, list[Correction]]:
    """Every ``data/corrections_*.csv``, grouped per edition, newest edition first."""
    out: dict[str, list[Correction]] = {}
    for path in correction_files(data_dir):
        ed = edition_of(path)
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in CORRECTION_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{path.name}: missing column(s) {', '.join(missing)}")
            out.setdefault(ed, []).extend(Correction(ed, **{c: (row[c] or "").strip() for c in CORRECTION_COLUMNS})
                                          for row in reader)
    return dict(sorted(out.items(), key=lambda kv: tuple(int(x) for x in kv[0].split(".")), reverse=True))
