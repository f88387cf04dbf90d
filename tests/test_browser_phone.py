"""Phone-proof pages (issue 20, item 4): every page of the built book, at 390x844 and at 1280x800,
is no wider than the screen, cuts off no text (an element that overflows either shows it or is a
scroll frame a reader can see and a keyboard can reach), keeps chart text inside its chart, and
shows no English interface text.

The page calculators (calculators/static_calculators.py, Vega charts with text marks) are being
rebuilt as HTML forms; their clipped text ('Jaarkoste', 'Te voorko') is reported by a test of its
own, marked xfail until then, and left out of the page walk.

Runs against the session's full build (the `site` fixture). To check a build made elsewhere, e.g.
`python scripts/preview_chapter.py NAME`, set HANDBOEK_HTML to its html folder: it is then served
by a plain HTTP server instead (no nginx, no apps, no new build)."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import draw_all_charts, toc_pages

pytestmark = pytest.mark.browser
PAGES = [*toc_pages(), "search", "genindex"]
SIZES = {"telefoon": (390, 844), "laptop": (1280, 800)}

# The themes' English interface texts (pydata-sphinx-theme ships no Dutch; some labels are
# hard-coded), sphinx-copybutton's, and sphinx-book-theme's header buttons. Exact matches.
ENGLISH = ["Back to top", "Skip to main content", "On this page", "Contents", "Search", "Search...",
           "Color mode", "Light", "Dark", "System Settings", "Site navigation", "Section Navigation",
           "Breadcrumb", "previous", "next", "previous page", "next page", "Home", "Announcement",
           "Version warning", "Toggle primary sidebar", "Toggle secondary sidebar", "Main", "Page",
           "Download", "Download this page", "Print to PDF", "Fullscreen mode", "Fullscreen",
           "Copy", "Copy to clipboard", "Copied!", "Failed to copy", "Expand Sidebar", "Collapse Sidebar",
           "Show Source", "Table of Contents", "Indices", "Link to this heading", "Search Results"]

FIND_ENGLISH = """(words) => {
  const wanted = new Set(words), out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n.textContent.replace(/\\s+/g, ' ').trim();
    if (wanted.has(t) && !n.parentElement.closest('script, style, .bd-article')) out.add('text: ' + t);
  }
  const labelled = '[aria-label], [title], [placeholder], [data-tooltip], [alt], [data-bs-title]';
  for (const el of document.querySelectorAll(labelled)) {
    for (const a of ['aria-label', 'title', 'placeholder', 'data-tooltip', 'alt', 'data-bs-title']) {
      const v = (el.getAttribute(a) || '').trim();
      if (wanted.has(v)) out.add(a + ': ' + v);
    }
  }
  return Array.from(out);
}"""

# Text that does not show: an element narrower than its content whose overflow is hidden or clipped,
# or a frame that scrolls but is not marked as one (class .schuifbaar, tab stop, name; handboek.js),
# or chart text outside its SVG (an SVG shows nothing outside its box). Page calculators: see above.
FIND_CLIPPED = """(calculators) => {
  const out = [];
  const desc = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '') +
    ' "' + (e.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 50) + '"';
  const inCalculator = e => e.closest('.statische-rekentool') !== null;
  if (!calculators) {
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg') || inCalculator(el) || el.getClientRects().length === 0) continue;
      if (!el.clientWidth || el.scrollWidth <= el.clientWidth + 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const ox = style.overflowX;
      if (ox === 'visible') continue;  // the overflow shows (a page wider than the screen is checked apart)
      if (ox === 'auto' || ox === 'scroll') {
        if (!el.classList.contains('schuifbaar') || el.tabIndex < 0 || !el.getAttribute('aria-label'))
          out.push('scrolls, unmarked: ' + desc(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
      } else {
        out.push('cut off (overflow ' + ox + '): ' + desc(el) + ' ' + el.scrollWidth + '>' + el.clientWidth);
      }
    }
  }
  for (const svg of document.querySelectorAll('.vega-grafiek svg')) {
    if (inCalculator(svg) !== calculators) continue;
    const box = svg.getBoundingClientRect();
    if (calculators) {  // a calculator's result must be in view, not behind a sideways scroll
      const frame = svg.closest('.vega-grafiek').getBoundingClientRect();
      box.x = Math.max(box.left, frame.left);
      box.width = Math.min(box.right, frame.right) - box.x;
    }
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.push('chart text cut off: "' + t.textContent + '"');
    }
  }
  return out;
}"""

PAGE_WIDTH = "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
# the book lets the browser skip the layout of sections far off screen (handboek.css); measure them all
ALL_LAID_OUT = "section { content-visibility: visible !important; }"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="module")
def book_url(request: pytest.FixtureRequest) -> Iterator[str]:
    html = os.environ.get("HANDBOEK_HTML")
    if not html:
        yield request.getfixturevalue("site")
        return
    root = Path(html)
    assert (root / "intro.html").is_file(), f"HANDBOEK_HTML={html}: no built book there"
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def open_page(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.add_style_tag(content=ALL_LAID_OUT)
    draw_all_charts(page)
    page.wait_for_timeout(150)  # vega-embed resolves after its SVG is in place
    page.evaluate("window.handboekMarkFrames && window.handboekMarkFrames()")


@pytest.mark.parametrize("size", list(SIZES))
def test_every_page_fits_the_screen_and_cuts_off_no_text(page: Page, book_url: str, size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.set_default_timeout(90_000)
    failures = []
    for name in PAGES:
        open_page(page, f"{book_url}/{name}.html")
        scroll_width, inner = page.evaluate(PAGE_WIDTH)
        if scroll_width > inner:
            failures.append(f"{name}: page {scroll_width} px wide at {inner} px")
        failures += [f"{name}: {problem}" for problem in page.evaluate(FIND_CLIPPED, False)]
        failures += [f"{name}: English {problem}" for problem in page.evaluate(FIND_ENGLISH, ENGLISH)]
    assert not failures, "\n".join(failures)


@pytest.mark.xfail(
    reason="the page calculators (calculators/static_calculators.py: formatie, werklast, "
    "terugverdienen, verwijsaandeel) are Vega charts whose text marks run out of the chart "
    "on a phone ('Jaarkoste', 'Te voorko'); they are being rebuilt as HTML forms",
    strict=False,
)
def test_page_calculators_cut_off_no_text_on_a_phone(page: Page, book_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_default_timeout(90_000)
    failures = []
    for name in (
        "chapters/05-triage-en-verwijzen",
        "chapters/09-capaciteit-en-formatie",
        "chapters/10-financiering-en-business-case",
    ):
        open_page(page, f"{book_url}/{name}.html")
        failures += [f"{name}: {problem}" for problem in page.evaluate(FIND_CLIPPED, True)]
    assert not failures, "\n".join(failures)


def test_a_wide_table_is_a_visible_keyboard_scroll_frame_on_a_phone(page: Page, book_url: str) -> None:
    """The learning path's programme table (issue 20: its most useful column was off-screen with no
    sign that it scrolls) sits in a frame with a name, a tab stop and a hint a reader sees."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, f"{book_url}/chapters/15-leerpad-voor-opleiders.html")
    frame = page.locator(".schuifbaar", has=page.locator("caption", has_text="Inwerkprogramma"))
    assert frame.count() == 1
    assert frame.get_attribute("tabindex") == "0" and frame.get_attribute("role") == "region"
    assert (frame.get_attribute("aria-label") or "").startswith("Tabel: Inwerkprogramma")
    hint = frame.locator("xpath=preceding-sibling::*[1]")
    assert "schuif opzij" in hint.inner_text()
    frame.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert frame.evaluate("e => e.scrollLeft") > 0  # the keyboard scrolls it
    # on a laptop the same table fits: no frame, no hint, no extra tab stop
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(400)
    assert page.locator(".schuifbaar", has=page.locator("caption", has_text="Inwerkprogramma")).count() == 0


def test_headings_hyphenate_in_dutch(page: Page, book_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{book_url}/chapters/10-financiering-en-business-case.html")
    assert page.evaluate("document.documentElement.lang") == "nl"
    styles = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('h2'));"
        " return [s.hyphens || s.webkitHyphens, s.overflowWrap]; }"
    )
    assert styles == ["auto", "break-word"]


# scripts/build_pdf.py draws the charts in a 1280 px window with the print stylesheet, then chromium lays
# the page out on A4 (210 mm less 2 x 16 mm margin = 673 px at 96 dpi) without drawing them again
A4_COLUMN = 673
CHARTS_WIDER_THAN_ARTICLE = """() => {
  const article = document.querySelector('.bd-article').getBoundingClientRect();
  return Array.from(document.querySelectorAll('.vega-grafiek svg'))
    .filter(s => s.getBoundingClientRect().right > article.right + 1
      || s.getBoundingClientRect().left < article.left - 1)
    .map(s => (s.closest('.vega-grafiek').getAttribute('aria-label') || '?').slice(0, 60) + ' ' +
              Math.round(s.getBoundingClientRect().width) + ' px');
}"""


def test_every_chart_fits_the_printed_column(page: Page, book_url: str) -> None:
    """On paper a chart drawn for a wider column scales into the page (handboek.css, print), instead of
    losing its right part (issue 20: chapter 9's longest bars)."""
    page.emulate_media(media="print")
    page.set_default_timeout(90_000)
    failures = []
    for name in PAGES:
        page.set_viewport_size({"width": 1280, "height": 800})
        open_page(page, f"{book_url}/{name}.html")
        if not page.locator(".vega-grafiek svg").count():
            continue
        page.set_viewport_size({"width": A4_COLUMN, "height": 950})
        page.wait_for_timeout(50)  # before a container-wide chart could be drawn again, as in print
        failures += [f"{name}: {chart}" for chart in page.evaluate(CHARTS_WIDER_THAN_ARTICLE)]
    assert not failures, "\n".join(failures)
