"""A municipality's own house style, without forking: the book built strictly with the example
style (tests/fixtures/huisstijl-voorbeeld.yml, selected with $HANDBOEK_HUISSTIJL) shows the
publisher, logo, colour and accessibility contact, and still passes axe-core's WCAG 2.1 A/AA rules
(colour contrast included). Builds the book a second time into its own output directory (in the
background, from the session's main build on: conftest.HouseStyleBuild)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from calculators import house_style

from conftest import HOUSE_STYLE_BUILD, HouseStyleBuild

pytestmark = [pytest.mark.slow, pytest.mark.browser]
FIXTURE = HouseStyleBuild.FIXTURE
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the base class
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def municipal_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    returncode, output, html = HOUSE_STYLE_BUILD.result(tmp_path_factory.mktemp("huisstijl"))
    problems = [line for line in output.splitlines()
                if ("WARNING" in line or "ERROR" in line) and "Kernel is running over TCP" not in line]
    assert returncode == 0 and not problems, "\n".join(problems[:20]) or output[-3000:]
    with serve_directory(html) as url:
        yield url


@pytest.mark.parametrize("name", ["intro", "appendices/toegankelijkheid"])
def test_municipal_style_is_applied_and_accessible(page: Page, municipal_site: str, name: str) -> None:
    style = house_style.load(FIXTURE)
    page.goto(f"{municipal_site}/{name}.html", wait_until="load")
    body = page.content()
    assert style.colour in body                                          # CSS custom properties
    assert "Gemeente Voorbeeldstad" in page.locator(".handboek-colofon").inner_text()  # the page footer
    assert page.get_by_role("img", name=style.logo_alt).count() >= 1      # the publisher's logo with its alt text
    link_colour = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--pst-color-link')")
    assert link_colour.strip() == style.colour
    if name == "appendices/toegankelijkheid":
        assert "toegankelijkheid@voorbeeldstad.example" in page.locator("main").inner_text()
    result = Axe().run(page, options=WCAG)
    report = "\n".join(f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in result.response["violations"])
    assert result.violations_count == 0, report
