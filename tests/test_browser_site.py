"""Publishable by a municipality: every page of the book and every app, served by nginx
with deploy/nginx.conf.template, loads nothing from another host and passes axe-core's
WCAG 2.1 A/AA rules; the page calculators recompute in the browser; the PDF exists."""

from __future__ import annotations

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from calculators import edition, registry, static_calculators
from calculators.ui import APPS

from conftest import BookBuild, draw_all_charts, toc_pages

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
AXE = Axe()


def violations_report(result: object) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
                     for v in result.response["violations"])  # type: ignore[attr-defined]


def test_every_book_page_is_self_contained_and_accessible(guarded: Page, site: str, built_book: BookBuild) -> None:
    failures = []
    for name in [*toc_pages(), "search", "genindex"]:
        guarded.goto(f"{site}/{name}.html", wait_until="load")
        draw_all_charts(guarded)
        result = AXE.run(guarded, options=WCAG)
        if result.violations_count:
            failures.append(f"{name}:\n{violations_report(result)}")
    assert guarded.external == [], f"requests to other hosts: {guarded.external}"  # type: ignore[attr-defined]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", list(APPS))
def test_every_app_is_self_contained_and_accessible(guarded: Page, site: str, name: str) -> None:
    guarded.goto(f"{site}/apps/voila/render/{name}.ipynb")
    expect(guarded.get_by_role("status")).to_contain_text(re.compile(r"\w+"))
    result = AXE.run(guarded, options=WCAG)
    assert result.violations_count == 0, violations_report(result)
    assert guarded.external == []  # type: ignore[attr-defined]


def test_nginx_sends_the_security_and_privacy_headers(site: str) -> None:
    with urllib.request.urlopen(f"{site}/chapters/09-capaciteit-en-formatie.html") as response:
        headers = response.headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "Set-Cookie" not in headers
    with urllib.request.urlopen(f"{site}/apps/voila/render/formatie.ipynb") as response:
        policy = response.headers["Content-Security-Policy"]
        # websockets to this host only (issue 22): 'self' covers ws:/wss: to the same host, not any host
        assert "connect-src 'self';" in policy and "ws:" not in policy and "wss:" not in policy
        assert "Set-Cookie" not in response.headers


def test_page_calculator_works_end_to_end_on_the_built_page(guarded: Page, site: str) -> None:
    """The formatie form in chapter 9: typed '12.000' gives the model's answer; at 390 px nothing overflows."""
    guarded.set_viewport_size({"width": 390, "height": 844})
    errors: list[str] = []
    guarded.on("pageerror", lambda e: errors.append(str(e)))
    guarded.goto(f"{site}/chapters/09-capaciteit-en-formatie.html")
    form = guarded.locator("#rekenformulier-formatie")
    form.get_by_label("Aantal jeugdigen").fill("12.000")
    page_calc = registry.page_calculator("formatie")
    expected = static_calculators.answers("formatie", {**static_calculators.values(page_calc), "youths": 12_000})
    expect(form.locator("dd[data-uitkomst='fte']")).to_have_text(expected["fte"])
    expect(form.locator("dd[data-uitkomst='annual_cost']")).to_have_text(expected["annual_cost"])
    assert guarded.evaluate("document.documentElement.scrollWidth") <= 390
    assert guarded.evaluate("""() => [...document.querySelectorAll('.rekentool, .rekentool *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length""") == 0
    assert errors == []  # e.g. a module loaded as a classic script
    guarded.goto(f"{site}/chapters/10-financiering-en-business-case.html?uren=46")  # inputs from the link
    be = static_calculators.answers("terugverdienen", {
        **static_calculators.values(registry.page_calculator("terugverdienen")), "hours_per_week": 46})
    expect(guarded.locator("#rekenformulier-terugverdienen dd[data-uitkomst='annual_cost']")).to_have_text(
        be["annual_cost"])


def test_pdf_edition_is_built_with_the_book_and_linked(built_book: BookBuild) -> None:
    from pypdf import PdfReader

    out = built_book.html / "_static" / edition.PDF_NAME  # written by the full build, as serve.sh does
    assert (built_book.html / "_static" / edition.PDF_STABLE_NAME).read_bytes() == out.read_bytes()
    reader = PdfReader(out)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(titles) >= 17 + 3 and "Capaciteit en formatie" in titles
    assert len(reader.pages) > 50
    intro = (built_book.html / "intro.html").read_text(encoding="utf-8")
    assert f'href="_static/{edition.PDF_NAME}"' in intro  # the link names the edition's file (c29a02b)
