"""The policy officer's journey (issue 20): from the home page, type 12.000 youths once and reach the formation,
the cost, the break-even, the three scenarios, the evidence and the risks for 12,000 youths, and download the council
annex, in at most 6 clicks and with no number typed twice; the annex's numbers equal the CLI's. Needs the built book
behind nginx with the apps (the `site` fixture of conftest.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from calculators import static_calculators as sc

from conftest import ROOT

pytestmark = pytest.mark.browser
TIMEOUT = 120_000


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows
                                                          for c in row.cells])


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d.]*(?:,\d+)?", text)


def test_policy_officer_reaches_every_answer_and_the_annex_for_12000_youths(guarded: Page, site: str,
                                                                            tmp_path: Path) -> None:
    page = guarded
    clicks = 0
    page.goto(f"{site}/intro.html")
    page.get_by_role("link", name="In één oogopslag").first.click()
    clicks += 1
    field = page.get_by_label("Aantal jeugdigen in uw gemeente")
    field.fill("12.000")                               # the only number typed
    shown = sc.summary_texts(12_000)
    for name in ("fte", "hours_per_week", "cost_aef", "cost_hourly", "trajectories_needed",
                 "savings_conservative", "savings_optimistic", "savings_none", "coverage_conservative"):
        expect(page.locator(f"[data-uitkomst='{name}']").first).to_have_text(shown[name])
    body = page.locator("main").inner_text()
    for heading in ("Wat laat het onderzoek zien?", "Centraal Planbureau", "De belangrijkste risico"):
        assert heading in body, heading                # the evidence (with the CPB finding) and the risks
    with page.expect_navigation():
        page.get_by_role("link", name="Maak de bijlage in de app formatie").click()
    clicks += 1
    assert "jeugdigen=12000" in page.url
    expect(page.get_by_role("status")).to_contain_text(shown["fte"], timeout=TIMEOUT)
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("link", name="Download bijlage raadsvoorstel (Word)").click()
    clicks += 1
    assert clicks <= 6
    from_app = tmp_path / "app.docx"
    from_app.write_bytes(info.value.path().read_bytes())
    from_cli = tmp_path / "cli.docx"
    subprocess.run([sys.executable, "-m", "calculators", "annex", "raad", "--youths", "12000", "-o", str(from_cli)],
                   cwd=ROOT, check=True, capture_output=True)
    assert numbers(docx_text(from_app)) == numbers(docx_text(from_cli))
    assert shown["fte"].split(" ")[0] in docx_text(from_app)
