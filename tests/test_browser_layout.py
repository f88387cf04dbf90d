"""The apps show their answer (issue 11): at 1280x800 the changed result sentence is inside the
viewport without scrolling and no chart label is clipped; at 390x844 nothing scrolls sideways and
every field is fully visible. Runs against Voila alone (no book build, no nginx): the layout is the
apps' own, and `voila_port` (conftest.py) is much lighter on two cores than the `site` fixture."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
TIMEOUT = 90_000

# app -> (label of an essential field, a new value, text the new sentence must contain)
CHANGES = {
    "formatie": ("Aantal jeugdigen (0–17 jaar)", "20.000", "20.000 jeugdigen"),
    "terugverdienen": ("Uren POH-J per week", "10", "per week"),
    "verwijsaandeel": ("Bereik (aandeel hulpvragen via de huisarts dat bij de POH-J komt)", "50%", "(50,0%)"),
}

CLIPPED_LABELS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('.handboek-grafiek svg')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim() || r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.push(t.textContent);
    }
  }
  return out;
}"""

FIELDS_OUTSIDE = """(width) => Array.from(document.querySelectorAll('.calc-app input[type=text], .calc-app select'))
  .filter(e => e.offsetParent !== null)
  .map(e => [e.getBoundingClientRect(), e.closest('.widget-text, .widget-dropdown')])
  .filter(([r]) => r.left < 0 || r.right > width + 0.5)
  .map(([r, box]) => (box ? box.textContent.trim() : '?') + ' ' + Math.round(r.left) + '–' + Math.round(r.right))"""


@pytest.fixture
def voila(voila_port: int) -> str:
    return f"http://127.0.0.1:{voila_port}/apps"


def open_app(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/voila/render/{name}.ipynb")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\w+"), timeout=TIMEOUT)


@pytest.mark.parametrize("name", list(CHANGES))
def test_laptop_result_in_view_and_labels_not_clipped(page: Page, voila: str, name: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT)
    open_app(page, voila, name)
    status = page.get_by_role("status")
    before = status.inner_text()
    label, value, expected = CHANGES[name]
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")
    expect(status).not_to_have_text(before)
    expect(status).to_contain_text(expected)
    box = status.bounding_box()
    assert box is not None
    # inside the viewport as it is now: the user did not scroll
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, box
    # two columns: the result sits beside the inputs, not below them
    assert box["x"] > field.bounding_box()["x"] + 300
    # the chart directly under the sentence starts inside the viewport too. It arrives after the sentence
    # and its SVG is replaced when it does, so ask the page in one step (and until it is there).
    page.wait_for_function("() => { const s = document.querySelector('.calc-results .handboek-grafiek svg');"
                           " return s !== null && s.getBoundingClientRect().top < 800; }")
    page.wait_for_timeout(500)  # the slower parts (charts) follow the sentence
    assert page.evaluate(CLIPPED_LABELS) == []


@pytest.mark.parametrize("name", list(CHANGES))
def test_phone_nothing_scrolls_sideways(page: Page, voila: str, name: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_default_timeout(TIMEOUT)
    open_app(page, voila, name)
    page.wait_for_timeout(500)
    width = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert width <= 390, width
    assert page.evaluate(FIELDS_OUTSIDE, 390) == []
    # the folded parameters too, once opened
    page.get_by_text("Meer parameters", exact=False).first.click()
    page.wait_for_timeout(300)
    assert page.evaluate(FIELDS_OUTSIDE, 390) == []
    width = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
    assert width <= 390, width
    assert page.evaluate(CLIPPED_LABELS) == []
