"""The Voila apps in a real browser (Debian chromium via Playwright), served through nginx:
they load, recompute on input, equal the CLI and the in-process app, load presets,
export files with the right numbers, show Dutch messages and load nothing from elsewhere."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from calculators.formatting import span
from calculators.ui import APPS
from conftest import ROOT

pytestmark = pytest.mark.browser
TIMEOUT = 90_000


def cli(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "calculators", *args, "--json"], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(proc.stdout)


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#x27;", "'").strip()




def open_app(page: Page, site: str, name: str) -> None:
    page.goto(f"{site}/apps/voila/render/{name}.ipynb")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\w+"), timeout=TIMEOUT)


def status(page: Page) -> str:
    return re.sub(r"\s+", " ", page.get_by_role("status").inner_text()).strip()


@pytest.mark.parametrize("name", list(APPS))
def test_app_loads_with_the_same_result_as_in_process(guarded: Page, site: str, name: str) -> None:
    open_app(guarded, site, name)
    expected = plain(APPS[name]().status.value)
    expect(guarded.get_by_role("status")).to_have_text(expected)
    assert guarded.locator("svg").count() >= 1
    assert "Traceback" not in guarded.content()


@pytest.mark.parametrize("name", list(APPS))
def test_every_preset_loads_as_in_process(guarded: Page, site: str, name: str) -> None:
    open_app(guarded, site, name)
    app = APPS[name]()
    for preset, values in app.presets().items():
        app.load({**app.defaults(), **values}, label=preset)
        guarded.get_by_role("button", name=preset, exact=True).click()
        expect(guarded.get_by_role("status")).to_have_text(plain(app.status.value))
    guarded.get_by_role("button", name="Standaardwaarden").click()
    expect(guarded.get_by_role("status")).to_have_text(plain(APPS[name]().status.value))


def test_staffing_recomputes_and_equals_the_cli(guarded: Page, site: str) -> None:
    open_app(guarded, site, "formatie")
    field = guarded.get_by_label("Aantal jeugdigen (0–17 jaar)")
    field.fill("20.000")
    field.press("Enter")
    out = cli("staffing", "--youths", "20000")
    expect(guarded.get_by_role("status")).to_contain_text(span(out["fte_low"], out["fte_high"], "fte", 2))
    expect(guarded.get_by_role("status")).to_contain_text(span(out["annual_cost_low"], out["annual_cost_high"], "eur"))


def test_break_even_recomputes_and_equals_the_cli(guarded: Page, site: str) -> None:
    open_app(guarded, site, "terugverdienen")
    guarded.get_by_label("Jaarkosten POH-J (optioneel)").fill("100000")
    guarded.get_by_label("Jaarkosten POH-J (optioneel)").press("Tab")  # keyboard: leaving the field recomputes
    guarded.get_by_label("Contracturen per week (optioneel)").fill("32")
    guarded.get_by_label("Contracturen per week (optioneel)").press("Enter")
    out = cli("break-even", "--annual-cost", "100000", "--contracted-hours", "32")
    from calculators.formatting import number, with_unit

    expect(guarded.get_by_role("status")).to_contain_text(f"{number(out['trajectories_needed'])} trajecten")
    expect(guarded.get_by_role("status")).to_contain_text(with_unit(out["hours_per_week"], "hours_per_week", 1))


def test_referral_what_if_equals_the_cli(guarded: Page, site: str) -> None:
    open_app(guarded, site, "verwijsaandeel")
    target = guarded.get_by_label("Wat-als: bereik wordt")
    target.fill("50%")
    target.press("Enter")
    out = cli("referral", "--target-reach", "0.5")
    from calculators.formatting import number

    expect(guarded.get_by_role("status")).to_contain_text(f"{number(out['what_if']['extra_to_pohj'])} jeugdigen meer")


@pytest.mark.parametrize("name", list(APPS))
def test_bad_input_shows_a_dutch_message_and_the_app_keeps_working(guarded: Page, site: str, name: str) -> None:
    open_app(guarded, site, name)
    first = APPS[name]().fields[next(iter(APPS[name].fields_spec)).key]
    field = guarded.get_by_label(first.input.description, exact=True)
    before = status(guarded)
    field.fill("veel")
    field.press("Enter")
    expect(guarded.get_by_role("alert").first).to_contain_text("moet een getal zijn")
    expect(guarded.get_by_role("status")).to_contain_text("Controleer de invoer")
    field.fill("-5")
    field.press("Enter")
    expect(guarded.get_by_role("alert").first).to_contain_text("negatief")
    field.fill(first.input.value)
    field.press("Enter")
    expect(guarded.get_by_role("status")).to_have_text(before)
    assert "Traceback" not in guarded.content()


@pytest.mark.parametrize("name", list(APPS))
def test_export_files_hold_the_right_numbers(guarded: Page, site: str, name: str) -> None:
    open_app(guarded, site, name)
    app = APPS[name]()
    record = app.last_record
    assert record is not None
    with guarded.expect_download() as info:
        guarded.get_by_role("link", name="Download CSV").click()
    csv_frame = pd.read_csv(info.value.path(), sep=";", decimal=",", encoding="utf-8-sig", dtype={"sleutel": str})
    with guarded.expect_download() as info:
        guarded.get_by_role("link", name="Download Excel (XLSX)").click()
    assert info.value.suggested_filename == f"{name}.xlsx"
    content = info.value.path().read_bytes()  # playwright stores downloads without their extension
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert {"Invoer", "Uitkomsten", "Toelichting"} <= set(book.sheetnames)
    xlsx_results = pd.read_excel(io.BytesIO(content), sheet_name="Uitkomsten")
    for key, (_label, low, high, _unit) in record.results.items():
        row = csv_frame[(csv_frame.sectie == "uitkomst") & (csv_frame.sleutel == key)].iloc[0]
        assert (row.ondergrens, row.bovengrens) == pytest.approx((low, high)), key
        xrow = xlsx_results[xlsx_results.sleutel == key].iloc[0]
        assert (xrow.ondergrens, xrow.bovengrens) == pytest.approx((low, high)), key
