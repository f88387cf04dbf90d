"""The CLI contract: names, defaults, JSON keys, Dutch tables, Dutch errors, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import data
from calculators.cli import build_parser, main, parse_number
from calculators.cli_output import dutch_argparse_message

from conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    """The command as scripts and outside checks call it: in this process (conftest.run_cli), or as
    a real subprocess with process=True."""
    return run_cli(*args, process=process)


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


# ------------------------------------------------------------------ the issue's acceptance examples


def test_break_even_example_from_the_issue() -> None:
    proc = run("break-even", "--annual-cost", "100000", "--contracted-hours", "32", "--json", process=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["trajectories_needed"] == pytest.approx(114.16, abs=0.005)
    assert out["hours_per_week"] == pytest.approx(19.38, abs=0.005)


def test_savings_example_from_the_issue() -> None:
    proc = run("savings", "--scenario", "conservative", "--trajectories", "1=49,2-5=95,6-10=100", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["savings_total"] == 170820


# ------------------------------------------------------------------ JSON keys and defaults


def test_staffing_keys(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "staffing", "--youths", "5000")
    for key in ("fte_low", "fte_high", "hours_per_week_low", "hours_per_week_high", "annual_cost_low",
                "annual_cost_high"):
        assert isinstance(out[key], float)
    assert out["fte_low"] == pytest.approx(0.5) and out["hours_per_week_high"] == pytest.approx(22.8)


def test_break_even_keys_and_hours_route(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "break-even", "--hours-per-week", "4")
    for key in ("annual_cost", "trajectories_needed", "hours_needed_per_year", "hours_per_week",
                "direct_hours_per_week", "indirect_hours_per_week", "share_of_contracted_time",
                "remaining_hours_per_week"):
        assert isinstance(out[key], float), key
    lisse = {r["item"]: data.number(r, "value") for r in data.rows("published_break_even") if r["example"] == "lisse"}
    assert out["annual_cost"] == lisse["annual_cost"]  # 4 h x € 61 x 52 weeks: defaults reproduce Lisse


def test_savings_keys(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "savings", "--scenario", "optimistic")
    assert {"savings_bggz", "savings_sggz", "savings_total", "pohj_time_cost", "lines"} <= set(out)


def test_referral_keys(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "referral", "--help-questions", "1739", "--reach", "0.3", "--pohj-referral-rate", "0.38")
    for key in ("to_pohj", "direct_referrals", "pohj_referrals", "total_referrals", "helped_without_referral",
                "referral_share"):
        assert isinstance(out[key], float), key
    assert 0 <= out["referral_share"] <= 1


def test_referral_what_if(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "referral", "--target-reach", "0.7", "--baseline-referrals", "1418")
    assert out["what_if"]["extra_to_pohj"] > 0 and out["change_vs_baseline"] < 0


def test_ranges_come_back_as_low_high(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "break-even", "--hours-per-week", "32", "--hourly-rate", "49..74")
    assert out["annual_cost"]["low"] < out["annual_cost"]["high"]
    assert isinstance(out["trajectory_price"], float)


def test_custom_scenario_and_capacity_and_lists(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "savings", "--bggz-share", "2-5=1,6-10=0.5", "--sggz-share", "6-10=0.5")
    assert out["scenario"] == "custom"
    out = run_json(capsys, "capacity", "--hours-per-week", "8..16", "--trajectories", "1=1,2-5=1")
    assert out["new_clients_per_week"]["low"] < out["new_clients_per_week"]["high"]
    assert len(run_json(capsys, "discrepancies")) == len(data.rows("discrepancies"))
    published = run_json(capsys, "published")
    assert published["total"] == len(published["cells"]) and published["matching"] < published["total"]
    # 55 printed cells: 12 fed in as the model's inputs, 43 reproduced, 38 of those match (see test_published)
    assert (published["fed_in"], published["reproduced"], published["reproduced_matching"],
            published["reproduced_off"]) == (12, 43, 38, 5)
    assert sum(c["fed_in"] for c in published["cells"]) == 12


def test_published_table_shows_inputs_apart(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["published"]) == 0
    text = capsys.readouterr().out
    assert "Soort" in text and "invoer" in text and "herrekend" in text
    assert "55 afgedrukte cellen: 12 zijn invoer" in text and "43 zijn herrekend" in text
    assert "kloppen er 38; 5 wijken af" in text


def test_option_names_and_defaults_are_the_contract() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[union-attr]
    expected = {
        "staffing": {"--youths": None, "--fte-per-10k-low": "1", "--fte-per-10k-high": "1.2",
                     "--hours-per-fte": "38", "--cost-per-fte-low": "100000", "--cost-per-fte-high": "110000"},
        "break-even": {"--annual-cost": None, "--hours-per-week": None, "--hourly-rate": "61", "--paid-weeks": "52",
                       "--contracted-hours": None, "--trajectory-price": "876", "--direct-hours-per-trajectory": "6",
                       "--indirect-uplift": "0.33", "--working-weeks": "47"},
        "savings": {"--scenario": "conservative", "--trajectories": None, "--bggz-price": "876",
                    "--sggz-price": "2994"},
        "referral": {"--help-questions": "1739", "--reach": "0.3", "--pohj-referral-rate": "0.38"},
    }
    for command, options in expected.items():
        actions = {s: a for a in sub[command]._actions for s in a.option_strings}
        for option, default in options.items():
            assert option in actions, f"{command} {option}"
            assert actions[option].default == default, f"{command} {option}"
        assert "--json" in actions


# ------------------------------------------------------------------ readable Dutch output


def test_text_output_is_a_dutch_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["savings"]) == 0
    text = capsys.readouterr().out
    assert "€ 170.820" in text and "Besparing B-GGZ" in text
    assert main(["staffing", "--youths", "5000"]) == 0
    text = capsys.readouterr().out
    assert "0,50–0,60 fte" in text and "€ 50.000 – € 66.000" in text


def test_help_is_dutch() -> None:
    proc = run("staffing", "--help", process=True)
    assert proc.returncode == 0 and "gebruik:" in proc.stdout and "Aantal jeugdigen" in proc.stdout
    # the labels are the registry's and argparse's English '(default: …)' is Dutch
    assert "(standaard: 38)" in proc.stdout and "default:" not in proc.stdout


# ------------------------------------------------------------------ bad input

BAD = [
    (["staffing", "--youths", "-5"], "negatief"),
    (["staffing", "--youths", "veel"], "moet een getal zijn"),
    (["staffing", "--youths", ""], "leeg"),
    (["staffing"], "Verplichte optie ontbreekt"),
    (["referral", "--reach", "1.5"], "tussen 0 en 1"),
    (["referral", "--pohj-referral-rate", "-0.1"], "tussen 0 en 1"),
    (["savings", "--scenario", "pessimistisch"], "Onbekend scenario"),
    (["savings", "--trajectories", "3-4=5"], "Onbekende band"),
    (["savings", "--trajectories", "1=5,1=6"], "twee keer"),
    (["savings", "--trajectories", "1:5"], "geen paar"),
    (["savings", "--trajectories", ","], "minstens één band"),
    (["break-even"], "--annual-cost"),
    (["break-even", "--annual-cost", "1000", "--working-weeks", "60"], "niet groter zijn dan 52"),
    (["break-even", "--hours-per-week", "5..1"], "ondergrens"),
    (["break-even", "--annual-cost", "1000", "--contracted-hours", "0"], "groter dan nul"),
    (["staffing", "--youths", "5", "--extra"], "Onbekende optie"),
    (["staffing", "--youths"], "verwacht een waarde"),
    (["verzin"], "Onbekende keuze"),
    (["savings", "--bggz-share", "6-10=0.9", "--sggz-share", "6-10=0.3"], "meer dan 1"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_gives_one_dutch_line_and_exit_2(args: list[str], fragment: str) -> None:
    # a real process for one refusal of argparse's and one of the handler's; the rest in this process
    proc = run(*args, process=fragment in {"Verplichte optie ontbreekt", "negatief"})
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fout: "), proc.stderr
    assert fragment in lines[0]
    assert "Traceback" not in proc.stderr


def test_internal_errors_are_one_line_too(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import calculators.cli as cli

    def broken(args: object) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(cli, "cmd_discrepancies", broken)
    assert main(["discrepancies"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("interne fout (RuntimeError)") and err.count("\n") == 1


def test_number_parsing_accepts_dutch_forms() -> None:
    assert parse_number("0,3", "reach") == pytest.approx(0.3)
    assert parse_number("30%", "reach") == pytest.approx(0.3)
    assert parse_number("1.000,5", "annual_cost") == pytest.approx(1000.5)
    assert parse_number("€ 876", "bggz_price") == 876


def test_unknown_argparse_messages_still_read_dutch() -> None:
    assert dutch_argparse_message("something odd").startswith("Ongeldige invoer")
    assert "gaan niet samen" in dutch_argparse_message("argument --a: not allowed with argument --b")


def test_module_entry_point(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import runpy

    monkeypatch.setattr(sys, "argv", ["calculators", "staffing", "--youths", "10000", "--json"])
    with pytest.raises(SystemExit) as info:
        runpy.run_module("calculators", run_name="__main__")
    assert info.value.code == 0 and json.loads(capsys.readouterr().out)["fte_high"] == pytest.approx(1.2)


def test_subcommand_help_says_gebruik_once(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["staffing", "--help"])
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("gebruik: python -m calculators staffing") and first.count("gebruik:") == 1


def test_the_decision_commands_do_not_load_the_evaluation_kit() -> None:
    """pandas and scipy (the kit's) cost about two seconds per command; only `evaluate` and
    `template` may load them."""
    code = ("import sys, runpy; sys.argv = ['calculators', 'staffing', '--youths', '5']\n"
            "try:\n    runpy.run_module('calculators', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'scipy', 'openpyxl') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"
