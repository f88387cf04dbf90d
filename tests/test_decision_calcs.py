"""Workload (WISN), whole cost, sensitivity: hand-computed expected values and metamorphic invariants.

Expected values are worked out by hand in each test (inputs, the arithmetic step by step, the
result); none is computed by calling the code under test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import InputError, Range, data
from calculators.cli import main
from calculators.costs import costs
from calculators.sensitivity import break_even_sensitivity, savings_sensitivity, workload_sensitivity
from calculators.workload import workload, workload_inputs, workload_point
from calculators.workload.model import help_questions_per_1000_proxy

ROOT = Path(__file__).resolve().parents[1]


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# ------------------------------------------------------------------------------------- workload (WISN)

HAND = dict(youths=12_000, help_questions_per_1000=50, share_via_pohj=0.4, contacts_per_trajectory=4,
            minutes_per_contact=45, support_share=0.2, additional_hours_per_year=90, available_hours_per_fte=1800,
            hours_per_fte=36)


def test_workload_formulas_by_hand() -> None:
    # trajectories = 12000 / 1000 x 50 x 0.4 = 12 x 20 = 240
    # client hours = 240 x 4 contacts x 45 / 60 h = 240 x 3 = 720
    # A = 720 / 1800 = 0.4 fte;  CAF = 1 / (1 - 0.2) = 1.25;  IAF = 90 / 1800 = 0.05 fte
    # fte needed = 0.4 x 1.25 + 0.05 = 0.55;  hours per week = 0.55 x 36 = 19.8
    # current 30 h = 30 / 36 = 0.8333 fte: ratio = 0.8333 / 0.55 = 1.5152; difference = 0.8333 - 0.55 = 0.2833
    r = workload_point(**HAND, current_hours=30)
    assert r.trajectories_per_year == pytest.approx(240)
    assert r.client_hours_per_year == pytest.approx(720)
    assert r.fte_client_work == pytest.approx(0.4)
    assert r.category_allowance_factor == pytest.approx(1.25)
    assert r.individual_allowance_fte == pytest.approx(0.05)
    assert r.fte_needed == pytest.approx(0.55)
    assert r.hours_per_week_needed == pytest.approx(19.8)
    assert r.wisn_ratio == pytest.approx(1.51515, abs=1e-5)
    assert r.wisn_difference_fte == pytest.approx(0.28333, abs=1e-5)


def test_workload_defaults_by_hand_for_hillegom() -> None:
    # 5000 youths x 40 per 1000 (assumption) x reach 0.30 (Rebel) = 60 trajectories
    # contacts: Accare types 0.39 x 3.5 + 0.41 x 2.1 + 0.20 x 6.0 = 1.365 + 0.861 + 1.2 = 3.426
    # client hours = 60 x 3.426 x 60/60 = 205.56;  AWT = 38 h x 47 weeks = 1786
    # CAS = 0.33 / 1.33, so CAF = 1.33;  H = 0.5 h/week (Accare, POH Jeugd) x 47 = 23.5
    # fte = 205.56 / 1786 x 1.33 + 23.5 / 1786 = (273.3948 + 23.5) / 1786 = 296.8948 / 1786 = 0.166234
    r = workload(5000).mid
    assert r.trajectories_per_year == pytest.approx(60)
    assert r.client_hours_per_year == pytest.approx(205.56)
    assert r.category_allowance_factor == pytest.approx(1.33)
    assert r.fte_needed == pytest.approx(0.166234, abs=1e-6)
    assert r.hours_per_week_needed == pytest.approx(0.166234 * 38, abs=1e-4)


def test_workload_default_working_time_follows_the_given_hours_per_fte(capsys: pytest.CaptureFixture[str]) -> None:
    # issue 19 slip: the default available working time stayed at 38 h x 47 weeks when 32 h per fte was given.
    # AWT = 32 h x 47 weeks = 1504 h; fte = 296.8948 / 1504 = 0.197403 (with 1786 h it would be 0.166234)
    # hours per week = 0.197403 x 32 = 6.3169
    r = workload(5000, hours_per_fte=32).mid
    assert r.fte_needed == pytest.approx(0.197403, abs=1e-6)
    assert r.hours_per_week_needed == pytest.approx(6.3169, abs=1e-4)
    # a range of hours per fte: 32 h gives 0.197403 fte, 38 h the 0.166234 of the Hillegom case
    span = workload(5000, hours_per_fte=Range(32, 38))
    assert sorted([span.low.fte_needed, span.high.fte_needed]) == pytest.approx([0.166234, 0.197403], abs=1e-6)
    out = run_json(capsys, "workload", "--youths", "5000", "--hours-per-fte", "32")
    assert out["fte_needed"] == pytest.approx(0.197403, abs=1e-6)
    assert workload_sensitivity(5000, hours_per_fte=32).base == pytest.approx(0.197403, abs=1e-6)


def test_workload_marks_the_assumption_and_cites_the_rest() -> None:
    inputs = workload_inputs()
    assert [n for n, a in inputs.items() if a.is_assumption] == ["help_questions_per_1000"]
    assert inputs["share_via_pohj"].source == "rebel2021" and inputs["available_hours_per_fte"].value == 1786


def test_help_question_rate_proxy_by_hand() -> None:
    # youths in youth care: 9.2 % (30 June 2018, NJi e.a.) or 10 % of under-18s in second-line care (2018, CPB
    # via ND); the GP's share of referrals in the Netherlands: 34 % (2018-H1) to 40 % (2015, 2016), CBS via NJi.
    # low 0.092 x 0.34 x 1000 = 31.28; high 0.10 x 0.40 x 1000 = 40.0 per 1000 youths
    proxy = help_questions_per_1000_proxy()
    assert (proxy.low, proxy.high) == (pytest.approx(31.28), pytest.approx(40.0))
    # the assumed default lies inside our wide range and at the top of the proxy
    low, high = data.bounds("help_questions_per_1000")
    assert low < proxy.low and proxy.high == pytest.approx(data.value("help_questions_per_1000")) and proxy.high < high
    # 5000 youths at 31.28 instead of 40: 5000 / 1000 x 31.28 x 0.3 = 46.92 trajectories (instead of 60)
    assert workload(5000, help_questions_per_1000=proxy.low).mid.trajectories_per_year == pytest.approx(46.92)


def test_workload_invariants() -> None:
    base = workload_point(**HAND)
    doubled = workload_point(**{**HAND, "youths": 24_000})
    # doubling the youths doubles the client work; the individual allowance stays
    assert doubled.fte_client_work == pytest.approx(2 * base.fte_client_work)
    assert doubled.fte_needed - doubled.individual_allowance_fte == pytest.approx(
        2 * (base.fte_needed - base.individual_allowance_fte))
    # nobody reaches the POH-J: only the additional tasks remain
    assert workload_point(**{**HAND, "share_via_pohj": 0}).fte_needed == pytest.approx(base.individual_allowance_fte)
    # more available time per fte means fewer fte, in inverse proportion when there are no extra tasks
    no_extra = {**HAND, "additional_hours_per_year": 0}
    assert workload_point(**{**no_extra, "available_hours_per_fte": 3600}).fte_needed == pytest.approx(
        workload_point(**no_extra).fte_needed / 2)
    # a range: low never exceeds high, and the point lies inside
    span = workload(12_000, help_questions_per_1000=Range(20, 60), contacts_per_trajectory=Range(2, 6))
    assert span.low.fte_needed <= span.mid.fte_needed <= span.high.fte_needed


def test_workload_cli_keys_and_ranges(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "workload", "--youths", "12.000", "--help-questions-per-1000", "50",
                   "--share-via-pohj", "40%", "--contacts-per-trajectory", "4", "--minutes-per-contact", "45",
                   "--support-share", "0,2", "--additional-hours-per-year", "90", "--available-hours-per-fte", "1800",
                   "--hours-per-fte", "36", "--current-hours", "30")
    for key in ("trajectories_per_year", "client_hours_per_year", "fte_client_work", "category_allowance_factor",
                "individual_allowance_fte", "fte_needed", "hours_per_week_needed", "wisn_ratio",
                "wisn_difference_fte"):
        assert key in out, key
    assert out["fte_needed"] == pytest.approx(0.55) and out["hours_per_week_needed"] == pytest.approx(19.8)
    assert out["inputs"]["help_questions_per_1000"]["source"] == "eigen invoer"
    plain = run_json(capsys, "workload", "--youths", "5000", "--share-via-pohj", "0.3..1")
    assert "wisn_ratio" not in plain and plain["inputs"]["help_questions_per_1000"]["assumption"] is True
    # reach 1: 5 x 40 x 1 = 200 trajectories; 200 x 3.426 = 685.2 h; (685.2 x 1.33 + 23.5) / 1786 = 0.523413
    assert plain["fte_needed"]["low"] == pytest.approx(0.166234, abs=1e-6)
    assert plain["fte_needed"]["high"] == pytest.approx(0.523413, abs=1e-6)


def test_workload_table_marks_the_assumption(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workload", "--youths", "5000"]) == 0
    text = capsys.readouterr().out
    assert "per 1000 jeugdigen per jaar: 40 (aanname)" in text
    assert "0,17 fte" in text


# ------------------------------------------------------------------------------------- whole cost


def test_costs_by_hand() -> None:
    # salary: 0.8 fte x € 100,000 .. 110,000 = 80,000 .. 88,000
    # items: workspace 5000 x 0.8 = 4000; training 1500 x 0.8 = 1200; coordination 10,000 per year
    # items total = 4000 + 1200 + 10,000 = 15,200; total = 95,200 .. 103,200
    r = costs(0.8, {"workspace": 5000, "training": 1500, "coordination": 10_000})
    assert (r.salary_low, r.salary_high) == (80_000, 88_000)
    assert r.items_total == pytest.approx(15_200)
    assert (r.total_low, r.total_high) == (pytest.approx(95_200), pytest.approx(103_200))


def test_costs_items_without_source_are_own_input_and_zero() -> None:
    r = costs(1)
    assert {line.item for line in r.items} == {"workspace", "supervision_intervision", "training", "his_access",
                                               "coordination", "monitoring_evaluation"}
    assert all(line.own_input and line.low == 0 for line in r.items)
    assert (r.total_low, r.total_high) == (100_000, 110_000)  # AEF € 100.000–110.000 per fte, nothing added


def test_costs_doubling_fte_doubles_only_per_fte_items() -> None:
    amounts = {"workspace": 3000, "monitoring_evaluation": 7000}
    one, two = costs(1, amounts), costs(2, amounts)
    assert two.salary_low == 2 * one.salary_low
    assert two.items_total - one.items_total == pytest.approx(3000)  # only the per-fte item grows


def test_costs_cli(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "costs", "--fte", "0,8", "--workspace", "5.000", "--training", "1500",
                   "--coordination", "10000")
    assert out["total_low"] == pytest.approx(95_200) and out["total_high"] == pytest.approx(103_200)
    assert out["total_low"] == pytest.approx(out["salary_low"] + sum(i["per_year"] for i in out["items"]))
    assert main(["costs", "--fte", "1"]) == 0
    assert "eigen invoer: nog 0" in capsys.readouterr().out


def test_break_even_takes_the_whole_cost(capsys: pytest.CaptureFixture[str]) -> None:
    # 0.5 fte: € 50,000 .. 55,000; needed = 50,000 / 876 = 57.078 .. 55,000 / 876 = 62.785
    # contract 0.5 x 38 = 19 h; share = 57.078 x 6 x 1.33 / 47 / 19 = 455.48 / 47 / 19 = 0.51005
    out = run_json(capsys, "break-even", "--full-cost-fte", "0.5")
    assert out["annual_cost"] == {"low": 50_000, "high": 55_000}
    assert out["trajectories_needed"]["low"] == pytest.approx(57.078, abs=1e-3)
    assert out["trajectories_needed"]["high"] == pytest.approx(62.785, abs=1e-3)
    assert out["share_of_contracted_time"]["low"] == pytest.approx(0.51005, abs=1e-5)
    with_items = run_json(capsys, "break-even", "--full-cost-fte", "0.5", "--coordination", "8760")
    # + € 8,760 is 10 more trajectories at € 876
    assert with_items["trajectories_needed"]["low"] == pytest.approx(67.078, abs=1e-3)


# ------------------------------------------------------------------------------------- sensitivity


def test_break_even_sensitivity_by_hand() -> None:
    # base (Oegstgeest-like 32 h): cost = 32 x 61 x 52 = 101,504; needed = 101,504 / 876 = 115.872
    # share = 115.872 x 6 x 1.33 / 47 / 32 = 0.614800 (independent of the hours)
    # price 2994: 0.614800 x 876 / 2994 = 0.179881;  direct 4 h: x 4/6 = 0.409867;  8 h: 0.819734
    # rate 49: x 49/61 = 0.493855;  74: 0.745823;  uplift 0.25: x 1.25/1.33 = 0.577820; 0.5: 0.693383
    s = break_even_sensitivity(hours_per_week=32, youths=5000)
    assert s.outcome == "share_of_contracted_time" and s.base == pytest.approx(0.614800, abs=1e-6)
    rows = {r.parameter: r for r in s.rows}
    assert rows["trajectory_price"].outcome_at_high == pytest.approx(0.179881, abs=1e-6)
    assert rows["direct_hours_per_trajectory"].outcome_at_low == pytest.approx(0.409867, abs=1e-6)
    assert rows["hourly_rate"].outcome_at_high == pytest.approx(0.745823, abs=1e-6)
    assert rows["indirect_uplift"].outcome_at_low == pytest.approx(0.577820, abs=1e-6)
    assert [r.parameter for r in s.rows][:3] == ["trajectory_price", "direct_hours_per_trajectory", "hourly_rate"]
    assert rows["paid_weeks"].swing == 0  # 52 paid weeks: no range in data/
    # avoided per 1000 youths: 115.872 / 5 = 23.174; cheapest 32 x 49 x 52 / 2994 / 5 = 5.4466;
    # dearest 32 x 74 x 52 / 876 / 5 = 28.113
    a = s.extra["avoided_per_1000_youths"]
    assert a["base"] == pytest.approx(23.174, abs=1e-3)
    assert a["low"] == pytest.approx(5.4466, abs=1e-4) and a["high"] == pytest.approx(28.113, abs=1e-3)


def test_sensitivity_rows_sorted_by_swing_and_user_range_replaces_data_range() -> None:
    s = workload_sensitivity(5000)
    swings = [r.swing for r in s.rows]
    assert swings == sorted(swings, reverse=True)
    reach = next(r for r in s.rows if r.parameter == "share_via_pohj")
    assert reach.outcome_at_high == pytest.approx(0.523413, abs=1e-6)  # hand value, test_workload_cli_keys_and_ranges
    own = workload_sensitivity(5000, help_questions_per_1000=Range(10, 20))
    row = next(r for r in own.rows if r.parameter == "help_questions_per_1000")
    assert (row.input_low, row.input_high) == (10, 20)
    # fte is linear in the help questions when the individual allowance is set apart:
    # (f(20) - IAF) = 2 x (f(10) - IAF), IAF = 23.5 / 1786
    iaf = 23.5 / 1786
    assert row.outcome_at_high - iaf == pytest.approx(2 * (row.outcome_at_low - iaf))


def test_sensitivity_base_is_the_middle_of_a_range_the_user_gives() -> None:
    # issue 19 slip: with a user's range the base stayed at the data default (40 per 1000).
    # help questions 10..20 -> base 15: 5000 / 1000 x 15 x 0.30 = 22.5 trajectories; x 3.426 = 77.085 h
    # fte = (77.085 x 1.33 + 23.5) / 1786 = 126.02305 / 1786 = 0.070562 (at 40 per 1000 it is 0.166234)
    own = workload_sensitivity(5000, help_questions_per_1000=Range(10, 20))
    assert own.base == pytest.approx(0.070562, abs=1e-6)
    row = next(r for r in own.rows if r.parameter == "help_questions_per_1000")
    assert row.input_base == 15
    # every other row is computed around that base: the reach row at its data default 0.30 gives the base
    reach = next(r for r in own.rows if r.parameter == "share_via_pohj")
    assert reach.outcome_at_low == pytest.approx(0.070562, abs=1e-6)
    # break-even, 32 h: trajectory price 876..2994 -> base 1935; share = 0.614800 x 876 / 1935 = 0.278328
    be = break_even_sensitivity(hours_per_week=32, trajectory_price=Range(876, 2994))
    assert be.base == pytest.approx(0.278328, abs=1e-6)
    # a point the user gives is the base too: price 2994 -> 0.614800 x 876 / 2994 = 0.179881
    assert break_even_sensitivity(hours_per_week=32, trajectory_price=2994).base == pytest.approx(0.179881, abs=1e-6)


def test_savings_sensitivity_counterfactual_halves_the_printed_total() -> None:
    # Rebel's conservative total € 170.820 (L1339); with half the youths otherwise referred: € 85.410
    s = savings_sensitivity()
    assert s.base == 170_820
    row = next(r for r in s.rows if r.parameter == "counterfactual_referral_rate")
    assert row.outcome_at_low == pytest.approx(85_410)
    assert any(r.parameter == "scenario" and r.outcome_at_high > s.base for r in s.rows)


def test_sensitivity_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "sensitivity", "break-even", "--hours-per-week", "32", "--youths", "5000")
    assert out["avoided_per_1000_youths"]["base"] == pytest.approx(23.174, abs=1e-3)
    assert {"parameter", "input_low", "input_high", "low", "high", "swing"} <= set(out["rows"][0])
    out = run_json(capsys, "sensitivity", "workload", "--youths", "5000")
    assert out["outcome"] == "fte_needed" and out["rows"][0]["parameter"] == "share_via_pohj"
    out = run_json(capsys, "sensitivity", "savings")
    assert out["base"] == 170_820


# ------------------------------------------------------------------------------------- bad input


BAD = [
    (["workload", "--youths", "abc"], "moet een getal zijn"),
    (["workload", "--youths", "-5"], "niet negatief"),
    (["workload", "--youths", "5000", "--share-via-pohj", "1,5"], "tussen 0 en 1"),
    (["workload", "--youths", "5000", "--support-share", "1"], "kleiner zijn dan 1"),
    (["workload", "--youths", "5000", "--minutes-per-contact", "0"], "groter dan nul"),
    (["workload", "--youths", "5000", "--available-hours-per-fte", "0"], "groter dan nul"),
    (["workload", "--youths", "5000", "--help-questions-per-1000", "60..20"], "ondergrens"),
    (["workload", "--youths", "5000", "--contacts-per-trajectory", "-1"], "niet negatief"),
    (["workload", "--youths", "5000", "--additional-hours-per-year", "x"], "moet een getal zijn"),
    (["workload", "--youths", "5000", "--current-hours", "-3"], "niet negatief"),
    (["workload", "--youths", "5000", "--hours-per-fte", "0"], "groter dan nul"),
    (["workload"], "Verplichte optie ontbreekt"),
    (["costs", "--fte", "-1"], "niet negatief"),
    (["costs", "--fte", "1", "--workspace", "abc"], "moet een getal zijn"),
    (["costs", "--fte", "1", "--training", "-5"], "niet negatief"),
    (["costs", "--fte", "1", "--cost-per-fte", "110000..100000"], "ondergrens"),
    (["costs"], "Verplichte optie ontbreekt"),
    (["break-even", "--full-cost-fte", "1", "--annual-cost", "5"], "niet allebei"),
    (["break-even", "--annual-cost", "5", "--workspace", "5"], "alleen samen met --full-cost-fte"),
    (["sensitivity", "break-even"], "precies één"),
    (["sensitivity", "break-even", "--hours-per-week", "4", "--annual-cost", "5"], "precies één"),
    (["sensitivity", "break-even", "--hours-per-week", "4", "--youths", "0"], "groter dan nul"),
    (["sensitivity", "break-even", "--hours-per-week", "4", "--trajectory-price", "0"], "groter dan nul"),
    (["sensitivity", "savings", "--counterfactual-referral-rate", "2"], "tussen 0 en 1"),
    (["sensitivity", "savings", "--scenario", "x"], "Onbekend scenario"),
    (["sensitivity", "workload", "--youths", "5000", "--share-via-pohj=-0,1"], "tussen 0 en 1"),
    (["sensitivity", "nothing"], "Onbekende keuze"),
]


@pytest.mark.parametrize(("args", "expected"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_exits_2_with_one_dutch_line(args: list[str], expected: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("fout: ") and expected in err, err
    assert "Traceback" not in err


def test_real_command_bad_input() -> None:
    proc = subprocess.run([sys.executable, "-m", "calculators", "workload", "--youths", "5000", "--support-share",
                           "2"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "tussen 0 en 1" in proc.stderr


def test_models_raise_input_error_not_crash() -> None:
    with pytest.raises(InputError):
        workload_point(**{**HAND, "support_share": 1.0})


# ------------------------------------------------------------------------------------- apps (in-process)


def test_formatie_app_shows_the_workload_method_and_offers_the_annex() -> None:
    import base64
    import io
    import re

    from docx import Document

    from calculators.ui import APPS

    app = APPS["formatie"]()
    # hand value above: 5000 youths -> 0.166234 fte = '0,17 fte'; x 38 = 6.32 h = '6,3 uur per week'
    assert "Volgens de werklast (WISN) is 0,17 fte nodig, 6,3 uur per week (met onze aanname" in app.status.value
    assert "Welke aanname weegt het zwaarst" in app.more.value and "<svg" in app.more.value
    link = re.search(r'download="bijlage-formatie.docx" href="data:[^;]+;base64,([^"]+)"', app.downloads.value)
    assert link, app.downloads.value[:300]
    doc = Document(io.BytesIO(base64.b64decode(link.group(1))))
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "0,17 fte" in text and "0,50–0,60 fte" in text  # WISN beside the norm (5000 / 10,000 x 1.0..1.2)
    app.fields["help_questions_per_1000"].set(80)  # doubling R doubles the client work:
    # (205.56 x 2 x 1.33 + 23.5) / 1786 = (546.79 + 23.5) / 1786 = 0.3193 -> '0,32 fte'
    app.update()
    assert "Volgens de werklast (WISN) is 0,32 fte nodig" in app.status.value
    assert "met onze aanname" not in app.status.value


def test_terugverdienen_app_sets_the_effect_needed_beside_the_evaluations() -> None:
    from calculators.ui import APPS

    app = APPS["terugverdienen"]()
    # 4 h/week default (Oegstgeest-like defaults give 61,5%): share = 61 x 52 x 7.98 / (876 x 47) = 0.6148 -> 61,5%
    assert "<strong>Benodigd effect:</strong> 61,5% van de uren" in app.more.value
    assert "41–45%" in app.more.value  # Accare 41%, Rebel 42%, Rotterdam 45%
    assert 'download="bijlage-terugverdienen.docx"' in app.downloads.value


def test_apps_fold_the_advanced_parameters() -> None:
    from calculators.ui import APPS

    for name, cls in APPS.items():
        app = cls()
        assert app.advanced.selected_index is None, name  # folded
        assert all(not f.spec.advanced for f in list(app.fields.values())[:2]), name


# ------------------------------------------------------------------------------------- edges


def test_sensitivity_edges() -> None:
    from calculators.sensitivity.model import staffing_sensitivity

    # a user's own range replaces the data range: price € 876 .. € 1752 halves the share at the high end
    s = break_even_sensitivity(hours_per_week=32, trajectory_price=Range(876, 1752))
    row = next(r for r in s.rows if r.parameter == "trajectory_price")
    assert row.outcome_at_high == pytest.approx(row.outcome_at_low / 2)
    with pytest.raises(InputError, match="telt niet mee"):
        break_even_sensitivity(annual_cost=100_000, hourly_rate=50)
    with pytest.raises(InputError, match="ondergrens"):
        break_even_sensitivity(hours_per_week=32, trajectory_price=Range(2000, 1000))
    with pytest.raises(InputError, match="niet negatief"):
        break_even_sensitivity(hours_per_week=32, working_weeks=-1)
    with pytest.raises(InputError, match="niet negatief"):
        staffing_sensitivity(-1)
    with pytest.raises(InputError, match="niet negatief"):
        workload_sensitivity(-1)
    with pytest.raises(InputError, match="Onbekende invoer"):
        workload_sensitivity(5000, nonsense=1)
    # the norm's annual cost for 5000 youths: midpoint 0.55 fte x € 105,000 = € 57,750;
    # norm 1.0 .. 1.2 -> 0.5 .. 0.6 fte x € 105,000 = € 52,500 .. € 63,000
    st = staffing_sensitivity(5000)
    assert st.base == pytest.approx(57_750)
    norm = next(r for r in st.rows if r.parameter == "fte_per_10k")
    assert (norm.outcome_at_low, norm.outcome_at_high) == (pytest.approx(52_500), pytest.approx(63_000))
    # without contracted hours the outcome is the number of trajectories: 100,000 / 876 = 114.155
    plain = break_even_sensitivity(annual_cost=100_000)
    assert plain.outcome == "trajectories_needed" and plain.base == pytest.approx(114.155, abs=1e-3)
    # the whole cost as the cost route: 0.5 fte, contract 19 h; cost per fte is a row
    full = break_even_sensitivity(full_cost_fte=0.5)
    assert any(r.parameter == "cost_per_fte" for r in full.rows)
    # 52,500 / 876 = 59.9315; x 6 x 1.33 = 478.253 h; / 47 weeks = 10.1756 h; / 19 h = 0.535558
    assert full.base == pytest.approx(0.535558, abs=1e-6)


def test_costs_edges() -> None:
    with pytest.raises(InputError, match="Onbekende kostenpost"):
        costs(1, {"koffie": 10})
    with pytest.raises(InputError, match="niet negatief"):
        costs(1, cost_per_fte=-5)
    assert costs(1, cost_per_fte=90_000).total_high == 90_000


def test_annex_helpers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.metadata

    from calculators.annex import content, render, staffing_annex

    assert content.source_text("aanname", "") == "aanname (geen bron)"
    # the place a reader finds in the original (section map), never a line of our text version
    assert "r. 1275" not in content.source_text("rebel2021", "L1275–1278")
    assert content.source_text("rebel2021", "L1275–1278").startswith(data.sources()["rebel2021"]["short_nl"] + ", dia")

    def missing(_name: str) -> str:
        raise importlib.metadata.PackageNotFoundError("poh-jeugd-calculators")

    monkeypatch.setattr(importlib.metadata, "version", missing)
    assert content.handbook_version() == "2026.3"  # calculators/edition.py, not the package metadata
    from calculators import printing

    monkeypatch.setattr(printing.shutil, "which", lambda _name: None)
    with pytest.raises(InputError, match="chromium"):
        render.write(staffing_annex(5000), tmp_path / "x.pdf")
    assert "<h2>Risico's en kanttekeningen</h2>" in render.to_html(staffing_annex(5000))
