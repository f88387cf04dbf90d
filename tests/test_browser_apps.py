"""The Voila apps in a real browser (Debian chromium via Playwright), served through nginx.

One journey per app (each page load costs seconds on two cores): it loads with the same
result as the in-process app, every preset and the reset load as in-process, a changed
input recomputes and equals the CLI, bad input shows a Dutch message next to the field
and the app recovers, and both exports hold the right numbers. The `guarded` page
(conftest.py) fails the test on any request to another host; a listener fails it on any breach
of the page's security policy (which has no 'unsafe-eval': voila.json)."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from calculators.formatting import number, span, with_unit
from calculators.ui import APPS

from conftest import ROOT

pytestmark = pytest.mark.browser
TIMEOUT = 90_000
# Every breach of the Content-Security-Policy, recorded from the first script on.
CSP_LISTENER = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


def cli(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "calculators", *args, "--json"], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(proc.stdout)


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#x27;", "'").strip()


def enter(page: Page, label: str, value: str, key: str = "Enter") -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press(key)  # Enter, or Tab: leaving the field also recomputes (keyboard operation)


def check_staffing_against_cli(page: Page) -> None:
    enter(page, "Aantal jeugdigen (0–17 jaar)", "20.000")  # Dutch thousands separator
    out = cli("staffing", "--youths", "20000")
    status = page.get_by_role("status")
    expect(status).to_contain_text(span(out["fte_low"], out["fte_high"], "fte", 2))
    expect(status).to_contain_text(span(out["annual_cost_low"], out["annual_cost_high"], "eur"))


def check_break_even_against_cli(page: Page) -> None:
    enter(page, "Jaarkosten POH-J (optioneel)", "100000", key="Tab")
    enter(page, "Contracturen per week (optioneel)", "32")
    out = cli("break-even", "--annual-cost", "100000", "--contracted-hours", "32")
    expect(page.get_by_role("status")).to_contain_text(f"{number(out['trajectories_needed'])} trajecten")
    expect(page.get_by_role("status")).to_contain_text(with_unit(out["hours_per_week"], "hours_per_week", 1))


def check_referral_against_cli(page: Page) -> None:
    enter(page, "Wat-als: bereik wordt", "50%")
    out = cli("referral", "--target-reach", "0.5")
    expect(page.get_by_role("status")).to_contain_text(f"{number(out['what_if']['extra_to_pohj'])} jeugdigen meer")


AGAINST_CLI: dict[str, Callable[[Page], None]] = {
    "formatie": check_staffing_against_cli,
    "terugverdienen": check_break_even_against_cli,
    "verwijsaandeel": check_referral_against_cli,
}


@pytest.mark.parametrize("name", list(APPS))
def test_app_journey(guarded: Page, site: str, name: str) -> None:
    page = guarded
    page.add_init_script(CSP_LISTENER)
    console_csp: list[str] = []
    page.on("console", lambda m: console_csp.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{site}/apps/voila/render/{name}.ipynb")
    status = page.get_by_role("status")
    expect(status).to_contain_text(re.compile(r"\w+"), timeout=TIMEOUT)

    # 1. the same result as the app in-process, with a chart
    app = APPS[name]()
    default_text = plain(app.status.value)
    expect(status).to_have_text(default_text)
    assert page.locator("svg").count() >= 1

    # 2. every preset, then the reset, as in-process
    for preset, values in app.presets().items():
        app.load({**app.defaults(), **values}, label=preset)
        page.get_by_role("button", name=preset, exact=True).click()
        expect(status).to_have_text(plain(app.status.value))
    page.get_by_role("button", name="Standaardwaarden").click()
    app.reset()
    expect(status).to_have_text(default_text)

    # 3. bad input: a Dutch message next to the field, and the app recovers
    first = app.fields[APPS[name].fields_spec[0].key]
    label = first.input.description
    enter(page, label, "veel")
    expect(page.get_by_role("alert").first).to_contain_text("moet een getal zijn")
    expect(status).to_contain_text("Controleer de invoer")
    enter(page, label, "-5")
    expect(page.get_by_role("alert").first).to_contain_text("negatief")
    enter(page, label, first.input.value)
    expect(status).to_have_text(default_text)

    # 4. exports of the default case hold the numbers of the in-process app
    record = APPS[name]().last_record
    assert record is not None
    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    csv_frame = pd.read_csv(info.value.path(), sep=";", decimal=",", encoding="utf-8-sig", dtype={"sleutel": str})
    with page.expect_download() as info:
        page.get_by_role("link", name="Download Excel (XLSX)").click()
    assert info.value.suggested_filename == f"{name}.xlsx"
    content = info.value.path().read_bytes()  # playwright stores downloads without their extension
    assert {"Invoer", "Uitkomsten", "Toelichting"} <= set(openpyxl.load_workbook(io.BytesIO(content)).sheetnames)
    xlsx_results = pd.read_excel(io.BytesIO(content), sheet_name="Uitkomsten")
    for key, (_label, low, high, _unit) in record.results.items():
        row = csv_frame[(csv_frame.sectie == "uitkomst") & (csv_frame.sleutel == key)].iloc[0]
        assert (row.ondergrens, row.bovengrens) == pytest.approx((low, high)), key
        xrow = xlsx_results[xlsx_results.sleutel == key].iloc[0]
        assert (xrow.ondergrens, xrow.bovengrens) == pytest.approx((low, high)), key

    # 5. a changed input recomputes and equals the CLI
    AGAINST_CLI[name](page)
    assert "Traceback" not in page.content()

    # 6. the whole journey without a breach of the security policy (no 'unsafe-eval', no foreign host)
    assert page.evaluate("window.__cspViolations") == [] and console_csp == []

    # 7. closing the tab shuts its kernel down (cookieless, so no XSRF cookie: see voila.json).
    # The page's own beforeunload handler sends the request; the page stays open to see the answer.
    with page.expect_response(re.compile(r"/apps/voila/api/shutdown/")) as shutdown:
        page.evaluate("window.dispatchEvent(new Event('beforeunload'))")
    assert shutdown.value.status == 204, shutdown.value.status


def test_the_evaluation_app_works_within_the_security_policy(guarded: Page, site: str) -> None:
    """The fourth app (its journey: tests/test_browser_evaluation.py): an upload and its dashboard
    without a breach of the policy."""
    from evaluation_helpers import TWELVE, csv_bytes

    page = guarded
    page.add_init_script(CSP_LISTENER)
    page.goto(f"{site}/apps/voila/render/evaluatie.ipynb")
    expect(page.get_by_text("Bestanden tot 20 MB")).to_be_visible(timeout=TIMEOUT)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Kies registratie").click()
    chooser.value.set_files(files=[{"name": "registratie.csv", "mimeType": "text/csv", "buffer": csv_bytes(TWELVE)}])
    expect(page.get_by_role("status")).to_contain_text("is verwerkt", timeout=TIMEOUT)
    expect(page.locator(".evaluatie-dashboard")).to_contain_text("Trajecten")
    assert page.evaluate("window.__cspViolations") == []
