"""The 'evaluatie' app in a real browser (Debian chromium via Playwright), served through nginx.

Upload a registration, see the dashboard, download the report and find the CLI's numbers in it;
upload a file with an identifier column and see it refused with the column named and the value
nowhere on the page. The `guarded` page (conftest.py) fails the test on any request to another host.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from calculators.formatting import number

from conftest import ROOT
from evaluation_helpers import HEADERS, TWELVE, csv_bytes

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
BSN = "111222333"  # passes the eleven-test (see test_evaluation.test_eleven_test_by_hand)


def upload(page: Page, name: str, content: bytes) -> None:
    """The FileUpload widget opens its file input on click (the input is not in the page)."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Kies registratie").click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def check_evaluation_journey(page: Page, base: str, tmp_path: Path) -> None:
    page.goto(f"{base}/apps/voila/render/evaluatie.ipynb")
    expect(page.get_by_text("Bestanden tot 20 MB")).to_be_visible(timeout=90_000)
    content = csv_bytes(TWELVE * 3)
    (tmp_path / "registratie.csv").write_bytes(content)
    proc = subprocess.run([sys.executable, "-m", "calculators", "evaluate", str(tmp_path / "registratie.csv"),
                           "--json", "--min-cell", "5"], capture_output=True, text=True, cwd=ROOT, check=True)
    out = json.loads(proc.stdout)
    upload(page, "registratie.csv", content)
    expect(page.get_by_role("status")).to_contain_text("is verwerkt", timeout=90_000)
    expect(page.locator(".evaluatie-dashboard")).to_contain_text(f"Trajecten: {number(out['trajectories'])}")
    result = Axe().run(page, options=WCAG)  # WCAG 2.1 A/AA with the dashboard on the page
    assert result.violations_count == 0, [(v["id"], [n["target"] for n in v["nodes"]][:3])
                                          for v in result.response["violations"]]
    with page.expect_download() as info:
        page.get_by_text("Download rapport (HTML)").click()
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert f"Trajecten: {number(out['trajectories'])}" in report
    assert f"afgesloten {number(out['closed'])}" in report and f"open {number(out['open'])}" in report
    for label, cell in out["intensity"].items():
        if cell["count"] is not None:
            assert f"<td>{number(cell['count'])} (" in report, label
    # the rounding: the default says what it chose; exact counts on request, the same numbers as the CLI's
    dashboard = page.locator(".evaluatie-dashboard")
    chosen = "exact." if out["rounding"] == 1 else f"afgerond op veelvouden van {out['rounding']} (automatisch"
    expect(dashboard).to_contain_text(f"Aantallen: {chosen}")
    page.get_by_label("Aantallen").select_option(label="exacte aantallen")
    expect(dashboard).to_contain_text("Aantallen: exact.", timeout=30_000)
    exact = json.loads(subprocess.run(
        [sys.executable, "-m", "calculators", "evaluate", str(tmp_path / "registratie.csv"), "--json",
         "--min-cell", "5", "--rounding", "exact"], capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    expect(dashboard).to_contain_text(f"Trajecten: {number(exact['trajectories'])}")
    if shots := os.environ.get("EVALUATION_SCREENSHOTS"):  # for a person to look at, not asserted
        for width, height in ((1280, 800), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=f"{shots}/evaluatie-{width}.png", full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the settings fit on a phone
    page.set_viewport_size({"width": 1280, "height": 800})
    # an identifier column: refused, the column named, the value nowhere on the page
    upload(page, "met-bsn.csv", csv_bytes([[*r, BSN] for r in TWELVE], [*HEADERS, "Clientcode"]))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("kolom 'Clientcode' bevat een burgerservicenummer", timeout=90_000)
    expect(page.locator(".evaluatie-dashboard")).to_have_count(0)
    assert BSN not in page.content()


def test_evaluation_app_journey(guarded: Page, site: str, tmp_path: Path) -> None:
    check_evaluation_journey(guarded, site, tmp_path)


def test_a_file_over_the_limit_is_refused_in_dutch_before_it_is_sent(guarded: Page, site: str) -> None:
    """The page checks the size before sending (share/jupyter/voila/templates/handboek/static/
    upload-limit.js): a file over the websocket's capacity would otherwise drop the connection."""
    sent: list[int] = []
    guarded.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    guarded.goto(f"{site}/apps/voila/render/evaluatie.ipynb")
    expect(guarded.get_by_text("Bestanden tot 20 MB")).to_be_visible(timeout=90_000)
    upload(guarded, "jaar-2025.csv", b"x" * (21 * 1024 * 1024 + 300_000))  # 21.3 MB, limit 20 MB
    notice = guarded.locator("#upload-te-groot")
    expect(notice).to_have_text("'jaar-2025.csv' is 21,3 MB; de grens is 20 MB. Het bestand is niet verstuurd. "
                                "Splits het bestand, bijvoorbeeld per jaar.", timeout=30_000)
    assert notice.get_attribute("role") == "alert"
    assert sent and max(sent) < 100_000, "the large file went over the websocket"
    # the page still works: a file within the limit is read as before, and the notice goes
    upload(guarded, "registratie.csv", csv_bytes(TWELVE * 3))
    expect(guarded.get_by_role("status")).to_contain_text("is verwerkt", timeout=90_000)
    expect(notice).to_have_count(0)
