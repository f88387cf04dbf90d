"""The PDF edition reads as a publication: a title page with title, edition, date, publisher and
licence; a printed table of contents whose page numbers point at the chapters; a running chapter
title and a page number on every body page; the edition in the file name and the metadata.

Pages are rendered to images with poppler's pdftoppm (Debian poppler-utils) and checked for ink
where the page number and the running head are printed; the words are checked with pypdf."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from calculators import edition

from conftest import BookBuild

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DPI = 50  # A4 at 50 dpi: 413 x 585 pixels


@pytest.fixture(scope="module")
def pdf(built_book: BookBuild) -> Path:
    """The PDF that the session's full build wrote (serve.sh's build: scripts/build_pdf.py after the book)."""
    assert built_book.returncode == 0, built_book.output[-3000:]
    out = built_book.html / "_static" / edition.PDF_NAME
    assert out.is_file(), f"the full build wrote no {out.name}"
    return out


def render_gray(pdf: Path, page: int, tmp_path: Path) -> tuple[int, int, bytes]:
    """Page (1-based) as an 8-bit grey image: (width, height, pixels), via pdftoppm -gray (PGM)."""
    exe = shutil.which("pdftoppm")
    if not exe:
        pytest.fail("pdftoppm is not installed: run scripts/setup.sh (apt-get install poppler-utils)")
    stem = tmp_path / f"p{page}"
    subprocess.run([exe, "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                   check=True, capture_output=True)
    raw = stem.with_suffix(".pgm").read_bytes()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", raw)
    assert m, raw[:20]
    width, height = int(m.group(1)), int(m.group(2))
    return width, height, raw[m.end():]


def ink(image: tuple[int, int, bytes], top: float, bottom: float) -> int:
    """Dark pixels (< 128) in the horizontal band between the fractions top and bottom of the page height."""
    width, height, pixels = image
    band = pixels[int(top * height) * width:int(bottom * height) * width]
    return sum(1 for p in band if p < 128)


def test_title_page_names_title_edition_date_publisher_and_licences(pdf: Path, tmp_path: Path) -> None:
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    for needle in ("Handboek POH-Jeugd", "Editie 2026.2", "29 november 2026", "Uitgegeven door Team Handboek POH-Jeugd",
                   "CC BY 4.0", "EUPL-1.2"):
        assert needle in text, needle
    image = render_gray(pdf, 1, tmp_path)
    assert abs(image[0] - 413) <= 1 and abs(image[1] - 585) <= 1  # A4 portrait at 50 dpi
    assert ink(image, 0.15, 0.6) > 500          # the title block is printed, not an empty page
    assert ink(image, 0.93, 1.0) == 0           # no page number on the title page


def test_colophon_has_the_citation_and_the_file_name_the_edition() -> None:
    assert edition.PDF_NAME == "handboek-poh-jeugd-2026.2.pdf"


def test_toc_page_numbers_point_at_the_chapters(pdf: Path) -> None:
    reader = PdfReader(pdf)
    colophon = " ".join(reader.pages[1].extract_text().split())
    assert "Zo citeert u dit handboek" in colophon and "(editie 2026.2)" in colophon
    toc = " ".join(reader.pages[2].extract_text().split())
    assert toc.startswith("Inhoud") or "Inhoud" in toc[:40]
    outline = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline
               if not isinstance(item, list)}
    start = outline["Capaciteit en formatie"]
    assert re.search(rf"Capaciteit en formatie[ .]*{start}\b", toc), toc[:2000]
    # that page really starts the chapter: its heading is on it
    assert "Capaciteit en formatie" in reader.pages[start - 1].extract_text()


def test_every_body_page_has_a_running_head_and_its_page_number(pdf: Path, tmp_path: Path) -> None:
    reader = PdfReader(pdf)
    assert len(reader.pages) > 50
    for number in (4, len(reader.pages) // 2, len(reader.pages)):
        lines = [line.strip() for line in reader.pages[number - 1].extract_text().splitlines() if line.strip()]
        assert any(line.endswith(str(number)) for line in lines[-3:] + lines[:3]), (number, lines[-3:])
    image = render_gray(pdf, len(reader.pages) // 2, tmp_path)
    assert ink(image, 0.0, 0.07) > 20     # running head with the chapter title
    assert ink(image, 0.93, 1.0) > 20     # page number and edition in the footer


def test_metadata_names_the_edition_and_licences(pdf: Path) -> None:
    meta = PdfReader(pdf).metadata
    assert meta.title == "Handboek POH-Jeugd, editie 2026.2"
    assert meta.subject == "Handboek POH-Jeugd, editie 2026.2 — tekst en data CC BY 4.0, code EUPL-1.2"
