"""The PDF edition reads as a publication: a title page with title, edition, date, publisher and
licence; a printed table of contents whose page numbers point at the chapters; a running chapter
title and a page number on every body page; the edition in the file name and the metadata.

Pages are rendered to images with poppler's pdftoppm (Debian poppler-utils) and checked for ink
where the page number and the running head are printed; the words are checked with pypdf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from calculators import edition

from conftest import BookBuild

pytestmark = [pytest.mark.slow, pytest.mark.browser]
DPI = 50  # A4 at 50 dpi: 413 x 585 pixels


@pytest.fixture(scope="module")
def html_dir(request: pytest.FixtureRequest) -> Path:
    """The session's full build (serve.sh's build: scripts/build_pdf.py after the book). HANDBOEK_HTML
    names another built book instead (with its PDFs from scripts/build_pdf.py --html), for development."""
    if os.environ.get("HANDBOEK_HTML"):
        return Path(os.environ["HANDBOEK_HTML"])
    built_book: BookBuild = request.getfixturevalue("built_book")
    assert built_book.returncode == 0, built_book.output[-3000:]
    return built_book.html


@pytest.fixture(scope="module")
def pdf(html_dir: Path) -> Path:
    """The PDF that the session's full build wrote."""
    out = html_dir / "_static" / edition.PDF_NAME
    assert out.is_file(), f"the full build wrote no {out.name}"
    return out


def plain(text: str) -> str:
    """Extracted text with ligatures ('ﬁ') as letters and one space between words."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def page_texts(pdf: Path) -> list[str]:
    return [plain(page.extract_text()) for page in PdfReader(pdf).pages]


def chapter_pages(pdf: Path) -> dict[str, tuple[int, int]]:
    """Outline title -> (first, last) page index (0-based) of that part of the PDF."""
    reader = PdfReader(pdf)
    starts = sorted((reader.get_destination_page_number(item), item.title) for item in reader.outline
                    if not isinstance(item, list))
    ends = [s for s, _ in starts[1:]] + [len(reader.pages)]
    return {title: (start, end - 1) for (start, title), end in zip(starts, ends, strict=True)}


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
    for needle in ("Handboek POH-Jeugd", "Editie 2026.3", "7 december 2026", "Uitgegeven door Team Handboek POH-Jeugd",
                   "CC BY 4.0", "EUPL-1.2"):
        assert needle in text, needle
    image = render_gray(pdf, 1, tmp_path)
    assert abs(image[0] - 413) <= 1 and abs(image[1] - 585) <= 1  # A4 portrait at 50 dpi
    assert ink(image, 0.15, 0.6) > 500          # the title block is printed, not an empty page
    assert ink(image, 0.93, 1.0) == 0           # no page number on the title page


def test_colophon_has_the_citation_and_the_file_name_the_edition() -> None:
    assert edition.PDF_NAME == "handboek-poh-jeugd-2026.3.pdf"


def test_toc_page_numbers_point_at_the_chapters(pdf: Path) -> None:
    reader = PdfReader(pdf)
    colophon = " ".join(reader.pages[1].extract_text().split())
    assert "Zo citeert u dit handboek" in colophon and "(editie 2026.3)" in colophon
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
    assert meta.title == "Handboek POH-Jeugd, editie 2026.3"
    assert meta.subject == "Handboek POH-Jeugd, editie 2026.3 — tekst en data CC BY 4.0, code EUPL-1.2"


# --------------------------------------------------------------------------- a PDF a trainer can hand out (issue 20)

ANSWER_2 = "De uitspraak springt van de schakel"  # the start of chapter 2's answer (book/chapters/02-…)


def test_answers_are_at_the_back_not_under_the_questions(pdf: Path, page_texts: list[str]) -> None:
    parts = chapter_pages(pdf)
    assert list(parts)[-1] == "Antwoorden"  # the last part of the book
    first, last = parts["Antwoorden"]
    chapter = parts["Wat is een POH-Jeugd?"]
    chapter_text = " ".join(page_texts[chapter[0]:chapter[1] + 1])
    back = " ".join(page_texts[first:last + 1])
    # under the question: a line that points to the back, not the answer
    assert ANSWER_2 not in chapter_text
    assert re.search(r"Antwoord: achterin, onder .Antwoorden., bij 2\.1\.", chapter_text), chapter_text[-1500:]
    # at the back: under the chapter and its number
    assert re.search(r"2\. Wat is een POH-Jeugd\? 2\.1 Antwoord \(Oefening\) " + ANSWER_2, back), back[:800]
    assert back.index("2.1 Antwoord") < back.index("3.1 Antwoord casus A") < back.index("3.3 Antwoord casus C")
    # every answer left the chapters: no answer title over an open answer in the body
    body = " ".join(page_texts[:first])
    assert body.count("achterin, onder") >= 20
    assert "Modelantwoord Sanne" not in body


def test_no_slider_instructions_on_paper_but_the_live_address(pdf: Path, page_texts: list[str]) -> None:
    from calculators.static_calculators import INSTRUCTION

    whole = " ".join(page_texts)
    instruction = INSTRUCTION.split(";")[0]  # the page calculators' 'move the sliders / type' line
    assert instruction not in whole and "Verschuif de schuifjes of typ een getal" not in whole
    first, last = chapter_pages(pdf)["Capaciteit en formatie"]
    chapter = " ".join(page_texts[first:last + 1]).lower()
    # instead: the result for the default inputs and where to calculate with one's own numbers
    # (the Vega calculators get this line from scripts/build_pdf.py, the HTML forms print their own)
    assert "uitkomst bij de standaardwaarden" in chapter and "eigen getallen" in chapter


def test_a_short_pdf_per_learning_week_exists_and_is_linked(html_dir: Path) -> None:
    from calculators import data

    weeks = data.rows("ch15_programma")
    chapter = (html_dir / "chapters" / "15-leerpad-voor-opleiders.html").read_text(encoding="utf-8")
    for row in weeks:
        name = edition.week_pdf_name(row["week"])
        assert f'href="../_static/{name}"' in chapter, name
        assert (html_dir / "_static" / name).is_file(), name
    # week 9: capacity and financing, with their answers at the back, and nothing of other weeks
    reader = PdfReader(html_dir / "_static" / edition.week_pdf_name(9))
    texts = [plain(p.extract_text()) for p in reader.pages]
    assert "Leerpad week 9: Capaciteit en financiering" in texts[0]
    whole = " ".join(texts)
    assert "Capaciteit en formatie" in whole and "Financiering en business case" in whole
    assert "Taakkader" not in whole and "Verschuif de schuifjes of typ een getal" not in whole
    answers = next(i for i, t in enumerate(texts) if t.startswith("Antwoorden"))
    assert "9.1 Antwoord" in " ".join(texts[answers:]) and "10.1 Antwoord" in " ".join(texts[answers:])
    assert "9.1 Antwoord" not in " ".join(texts[:answers])
    assert len(reader.pages) < len(PdfReader(html_dir / "_static" / edition.PDF_NAME).pages) // 3


def test_the_pdf_is_tagged_for_screen_readers(pdf: Path) -> None:
    """Chromium tags every printed part (page.pdf(tagged=True)); scripts/build_pdf.py grafts the parts'
    structure trees under one /Document and renumbers the parent tree, so the tags survive the merge."""
    reader = PdfReader(pdf)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) and catalog["/Lang"] == "nl"
    tree = catalog["/StructTreeRoot"].get_object()
    document = tree["/K"].get_object()
    assert document["/S"] == "/Document"
    page_ids = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    headings, pages_with_content = 0, set()
    stack = list(document["/K"])
    while stack:
        elem = stack.pop().get_object()
        if not isinstance(elem, dict) or "/S" not in elem:
            continue
        headings += elem["/S"] == "/H1"
        if "/Pg" in elem:
            pages_with_content.add(page_ids[elem.raw_get("/Pg").idnum])  # every /Pg is a page of this PDF
        kids = elem.get("/K")
        stack += kids if isinstance(kids, list) else [kids] if kids is not None else []
    assert headings >= 20  # a heading per chapter at least
    assert len(pages_with_content) > 0.9 * len(reader.pages)
    # each page's marked content is found from its /StructParents in the parent tree
    keys = set(tree["/ParentTree"]["/Nums"][::2])
    assert all(p["/StructParents"] in keys for p in reader.pages if "/StructParents" in p)
    assert sum("/StructParents" in p for p in reader.pages) > 0.9 * len(reader.pages)
