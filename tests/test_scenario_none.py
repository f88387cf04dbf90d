"""The 'no measurable effect' scenario (geen meetbaar effect): savings 0, as in the CPB study of 2020.

Expected values are written out by hand from printed figures: € 61 per hour plus 33 % indirect
time (Rebel, S1 L1271-1278), 4 contacts for a 2-5 trajectory (S1 L1334), contacts of one hour.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import data, savings
from calculators.cli import main
from calculators.savings import SCENARIO_NAMES, builtin_scenario, published_groups
from calculators.ui import BreakEvenApp

ROOT = Path(__file__).resolve().parents[1]


def test_none_avoids_nothing_but_keeps_the_time_cost() -> None:
    r = savings({"2-5": 10}, scenario="none").mid
    assert (r.avoided_bggz, r.avoided_sggz, r.savings_total) == (0, 0, 0)
    # 10 trajectories x 4 contacts x 1 hour x € 61 x 1,33 = € 3.245,20
    assert r.pohj_time_cost == pytest.approx(3245.20)


def test_none_on_the_holland_rijnland_rows_saves_nothing_and_conservative_still_does() -> None:
    assert savings(published_groups(), scenario="none").mid.savings_total == 0
    # the conservative scenario still reproduces the printed total of the report
    printed = next(r for r in data.rows("published_savings")
                   if r["scenario"] == "conservative" and r["row"] == "Totaal")
    total = savings(published_groups(), scenario="conservative").mid.savings_total
    assert total == data.number(printed, "savings_bggz")


@pytest.mark.parametrize("name", ["none", "geen", "Geen meetbaar effect", " nul "])
def test_none_has_english_and_dutch_names(name: str) -> None:
    scen = builtin_scenario(name)
    assert scen.name == "none" and scen.label == "geen meetbaar effect"
    assert set(scen.bggz_share.values()) == {0.0} and set(scen.sggz_share.values()) == {0.0}


def test_none_is_sourced_to_the_cpb_report() -> None:
    rows = [r for r in data.rows("savings_scenarios") if r["scenario"] == "none"]
    assert len(rows) == 4 and all(r["source"] == "wmotraining2020" for r in rows)
    assert "CPB" in rows[0]["note"] and "cpb2020" in rows[0]["note"]
    assert SCENARIO_NAMES["none"] == "geen meetbaar effect"


def test_cli_savings_scenario_none(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["savings", "--scenario", "none", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenario"] == "none" and out["savings_total"] == 0 and out["savings_sggz"] == 0
    proc = subprocess.run([sys.executable, "-m", "calculators", "savings", "--scenario", "none"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Scenario: geen meetbaar effect" in proc.stdout
    assert "Totale besparing: € 0" in proc.stdout and "CPB" in proc.stdout


def test_app_offers_the_scenario_and_says_what_it_means() -> None:
    app = BreakEvenApp()
    assert "none" in [value for _, value in app.scenario.options]
    app.load({**app.defaults(), **app.presets()["Holland Rijnland 2020"]})
    app.scenario.value = "none"
    record = app.last_record
    assert record is not None
    assert record.results["savings_total"][1] == 0
    assert "CPB" in record.sentence and "€ 0" in record.sentence
    assert "De besparing is 0% van de jaarkosten." in record.sentence
