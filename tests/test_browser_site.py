"""Publishable by a municipality: every page of the book and every app, served by nginx
with deploy/nginx.conf.template, loads nothing from another host and passes axe-core's
WCAG 2.1 A/AA rules; the static calculators recompute in the browser; the PDF exists."""

from __future__ import annotations

import re
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from calculators import break_even_point, data, edition, referral_point, staffing_point
from calculators.formatting import number
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
        assert "connect-src 'self' ws: wss:" in response.headers["Content-Security-Policy"]
        assert "Set-Cookie" not in response.headers


def texts(calc: Locator) -> dict[str, str]:
    lines = calc.locator("svg text").all_text_contents()  # SVG has no innerText
    return dict(line.split(": ", 1) for line in lines if ": " in line)


def open_calculator(page: Page, url: str, title: str) -> Locator:
    """Open a chapter and scroll to the calculator whose title starts with ``title`` (a chapter may hold
    several; charts render when they come into view). Returns that calculator."""
    page.goto(url)
    draw_all_charts(page)  # charts are drawn lazily; the title is SVG text, so draw them before looking for it
    calc = page.locator(".statische-rekentool").filter(has=page.locator("svg text", has_text=title))
    calc.scroll_into_view_if_needed()
    expect(calc.locator("svg text").first).to_be_visible()
    return calc


def line(calc: Locator, start: str) -> Locator:
    """The calculator's result line that starts with ``start`` (e.g. 'Jaarkosten:')."""
    return calc.locator("svg text").filter(has_text=re.compile("^" + re.escape(start)))


def set_input(calc: Locator, label: str, value: float) -> None:
    box = calc.get_by_label(label, exact=False).first
    box.fill(str(value))
    box.dispatch_event("input")
    box.dispatch_event("change")


def test_staffing_calculator_recomputes_in_the_browser(guarded: Page, site: str) -> None:
    calc = open_calculator(guarded, f"{site}/chapters/09-capaciteit-en-formatie.html", "Rekentool formatie")
    set_input(calc, "Aantal jeugdigen", 20_000)
    expected = staffing_point(youths=20_000, fte_per_10k=data.bounds("fte_per_10k")[1],
                              hours_per_fte=data.value("hours_per_fte"), cost_per_fte=data.bounds("cost_per_fte")[1])
    expect(line(calc, "Formatie:")).to_contain_text(f"–{number(expected.fte, 2)} fte")
    slider = calc.get_by_label("Uren per fte")
    slider.focus()
    before = texts(calc)["Uren per week"]
    slider.press("ArrowLeft")  # keyboard operation of the slider
    expect(line(calc, "Uren per week:")).not_to_have_text(f"Uren per week: {before}")


def test_break_even_calculator_recomputes_in_the_browser(guarded: Page, site: str) -> None:
    calc = open_calculator(guarded, f"{site}/chapters/10-financiering-en-business-case.html",
                           "Rekentool terugverdienen")
    set_input(calc, "Uren POH-J per week", 4)
    expected = break_even_point(hours_per_week=4)
    expect(line(calc, "Jaarkosten:")).to_contain_text(number(expected.annual_cost))
    calc.get_by_label("Vermeden traject").select_option(label="S-GGZ-traject")
    s_ggz = break_even_point(hours_per_week=4, trajectory_price=data.value("sggz_price"))
    expect(line(calc, "Te voorkomen")).to_contain_text(number(s_ggz.trajectories_needed, 1))
    calc.get_by_label("Besparingsscenario").select_option(label="geen meetbaar effect")
    expect(line(calc, "Besparing in het gekozen")).to_have_text(
        re.compile(r"Besparing in het gekozen scenario: €\s0$"))


def test_referral_calculator_recomputes_in_the_browser(guarded: Page, site: str) -> None:
    calc = open_calculator(guarded, f"{site}/chapters/05-triage-en-verwijzen.html", "Rekentool verwijsaandeel")
    set_input(calc, "Bereik", 0.7)
    expected = referral_point(help_questions=round(data.value("help_questions")), reach=0.7,
                              pohj_referral_rate=data.value("pohj_referral_rate"), induced_demand=0.0,
                              counterfactual_referral_rate=1.0, trajectory_price=data.value("bggz_price"))
    expect(line(calc, "Naar de POH-Jeugd")).to_contain_text(number(expected.to_pohj))


def test_pdf_edition_is_built_with_the_book_and_linked(built_book: BookBuild) -> None:
    from pypdf import PdfReader

    out = built_book.html / "_static" / edition.PDF_NAME  # written by the full build, as serve.sh does
    assert (built_book.html / "_static" / edition.PDF_STABLE_NAME).read_bytes() == out.read_bytes()
    reader = PdfReader(out)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert len(titles) >= 17 + 3 and "Capaciteit en formatie" in titles
    assert len(reader.pages) > 50
    intro = (built_book.html / "intro.html").read_text(encoding="utf-8")
    assert 'href="_static/handboek-poh-jeugd.pdf"' in intro
