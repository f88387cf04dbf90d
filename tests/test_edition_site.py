"""Every built page names the edition and both licences in its footer; the home page says how to
cite this edition; the corrections page is built from data/corrections_*.csv."""

from __future__ import annotations

import re

import pytest

from calculators import edition

from conftest import BookBuild, toc_pages

pytestmark = pytest.mark.slow


def test_every_page_footer_names_edition_publisher_and_licences(built_book: BookBuild) -> None:
    assert built_book.returncode == 0, built_book.output[-3000:]
    for name in toc_pages():
        page = (built_book.html / f"{name}.html").read_text(encoding="utf-8")
        footer = re.search(r'<p class="handboek-colofon">(.*?)</p>', page, flags=re.S)
        assert footer, name
        text = re.sub(r"<[^>]+>", "", footer.group(1))
        assert "Handboek POH-Jeugd, editie 2026.3 (7 december 2026)" in text, name
        assert "CC BY 4.0" in text and "EUPL-1.2" in text and "Team Handboek POH-Jeugd" in text, name
        assert '<meta name="handboek-editie" content="2026.3">' in page, name


def test_home_page_has_the_citation_of_this_edition(built_book: BookBuild) -> None:
    intro = re.sub(r"<[^>]+>", "", (built_book.html / "intro.html").read_text(encoding="utf-8"))
    assert "Zo citeert u dit handboek" in intro
    assert "Team Handboek POH-Jeugd (2026). Handboek POH-Jeugd (editie 2026.3)." in intro
    assert edition.PDF_NAME in intro


def test_corrections_page_lists_this_editions_corrections(built_book: BookBuild) -> None:
    page = (built_book.html / "appendices" / "wijzigingen.html").read_text(encoding="utf-8")
    assert "Correcties in editie 2026.3" in page
    n = sum(len(v) for v in edition.corrections().values())
    assert page.count("<tr>") >= n + 1
