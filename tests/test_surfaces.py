"""One question, one answer on every surface: the CLI (JSON and table), the apps' result tables, their
CSV exports and the council annex print each calculator output with the registry's label and rounding.

For 50 random input sets per calculator (seeded), every output that two surfaces show must read the
same after the registry's rounding, under the registry's label; the export's unrounded numbers must
equal the CLI's JSON. A label or a rounding written again in one surface fails here.
"""

from __future__ import annotations

import html
import io
import json
import random
import re
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from calculators import export, registry
from calculators.annex import break_even_annex, workload_annex
from calculators.cli import main
from calculators.registry import BREAK_EVEN, REFERRAL, STAFFING, WORKLOAD, Calculator
from calculators.ui import BreakEvenApp, ReferralApp, StaffingApp

N = 50


# One app of each kind per module: compute() is a function of the values it gets (and, for the
# break-even app, of its scenario choice, which no test here changes); constructing an app also
# renders its default chart, Excel file and Word annex, which these tests never read.
@pytest.fixture(scope="module")
def staffing_app() -> StaffingApp:
    return StaffingApp()


@pytest.fixture(scope="module")
def break_even_app() -> BreakEvenApp:
    return BreakEvenApp()


@pytest.fixture(scope="module")
def referral_app() -> ReferralApp:
    return ReferralApp()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The CLI's JSON and its table (label -> shown value) for the same arguments."""
    assert main([*args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert main(list(args)) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines()[2:]:
        parts = re.split(r"\s{2,}", line.strip())
        if len(parts) == 2:
            rows[parts[0]] = parts[1]
    return out, rows


def app_rows(table_html: str) -> dict[str, str]:
    """An app's result table: row header -> value."""
    return {html.unescape(k): html.unescape(v) for k, v in
            re.findall(r'<th scope="row">([^<]*)</th><td[^>]*>([^<]*)</td>', table_html)}


def export_rows(record: export.Record) -> dict[str, tuple[str, float, float]]:
    """The CSV export's result rows: key -> (label, low, high), read back from the bytes."""
    frame = pd.read_csv(io.BytesIO(export.to_csv_bytes(record)), sep=";", decimal=",", encoding="utf-8-sig")
    res = frame[frame["sectie"] == export.SECTION_RESULT]
    return {r.sleutel: (r.omschrijving, float(r.ondergrens), float(r.bovengrens)) for r in res.itertuples()}


def low_high(value: Any) -> tuple[float, float]:
    return (value["low"], value["high"]) if isinstance(value, dict) else (value, value)


def check(calc: Calculator, name: str, *, json_value: Any, cli_rows: dict[str, str] | None = None,
          app: dict[str, str] | None = None, exported: dict[str, tuple[str, float, float]] | None = None,
          annex: dict[str, str] | None = None) -> None:
    """Every surface that shows output ``name`` shows the registry's label with the same text."""
    o = calc[name]
    expected = o.text(*low_high(json_value))
    shown = {"cli": (cli_rows or {}).get(o.label), "app": (app or {}).get(o.label),
             "annex": (annex or {}).get(o.label)}
    if exported is not None:
        label, low, high = exported[name]
        assert label == o.label, (name, label)
        assert (low, high) == pytest.approx(low_high(json_value), rel=1e-12, abs=1e-9), name
        shown["export"] = o.text(low, high)
    for surface, text in shown.items():
        if (surface == "cli" and cli_rows is not None) or (surface == "app" and app is not None) \
                or (surface == "annex" and annex is not None):
            assert text == expected, (calc.name, name, surface, text, expected)
    if "export" in shown:
        assert shown["export"] == expected


def cases(seed: int, make: Callable[[random.Random], dict[str, float]]) -> list[dict[str, float]]:
    rng = random.Random(seed)
    return [make(rng) for _ in range(N)]


def _youths(rng: random.Random) -> dict[str, float]:
    return {"youths": float(rng.choice([1000, 150_000, rng.randrange(1000, 150_000)])),
            "hours_per_fte": float(rng.choice([32, 36, 38]))}


@pytest.mark.parametrize("case", cases(19, _youths), ids=lambda c: f"{c['youths']:.0f}-{c['hours_per_fte']:.0f}")
def test_staffing_and_workload_agree_on_every_surface(case: dict[str, float], capsys: pytest.CaptureFixture[str],
                                                      staffing_app: StaffingApp) -> None:
    y, hpf = case["youths"], case["hours_per_fte"]
    norm_json, norm_cli = cli(capsys, "staffing", "--youths", repr(y), "--hours-per-fte", repr(hpf))
    wl_json, wl_cli = cli(capsys, "workload", "--youths", repr(y), "--hours-per-fte", repr(hpf))
    app = staffing_app
    values = {k: f.default for k, f in app.fields.items()} | {"youths": y, "hours_per_fte": hpf}
    _, table_html, _, record = app.compute(values)
    shown, exported = app_rows(table_html), export_rows(record)
    annex = dict(workload_annex(y, hours_per_fte=hpf).results)
    for name in ("fte", "hours_per_week", "annual_cost", "cost_per_youth"):
        check(STAFFING, name, json_value={"low": norm_json[f"{name}_low"], "high": norm_json[f"{name}_high"]},
              cli_rows=norm_cli, app=shown, exported=exported,
              annex=annex if name != "cost_per_youth" else None)
    for name in ("fte_needed", "hours_per_week_needed"):
        check(WORKLOAD, name, json_value=wl_json[name], cli_rows=wl_cli, app=shown, exported=exported, annex=annex)
    for name in ("trajectories_per_year", "client_hours_per_year"):
        check(WORKLOAD, name, json_value=wl_json[name], cli_rows=wl_cli, annex=annex)


def _break_even(rng: random.Random) -> dict[str, float]:
    return {"hours_per_week": float(rng.choice([1, 60, rng.randrange(2, 60)])),
            "hourly_rate": float(rng.randrange(40, 120)), "trajectory_price": float(rng.randrange(500, 6000))}


@pytest.mark.parametrize("case", cases(20, _break_even), ids=lambda c: "-".join(f"{v:.0f}" for v in c.values()))
def test_break_even_agrees_on_every_surface(case: dict[str, float], capsys: pytest.CaptureFixture[str],
                                            break_even_app: BreakEvenApp) -> None:
    h, rate, price = case["hours_per_week"], case["hourly_rate"], case["trajectory_price"]
    out, rows = cli(capsys, "break-even", "--hours-per-week", repr(h), "--hourly-rate", repr(rate),
                    "--trajectory-price", repr(price))
    app = break_even_app
    values = {k: f.default for k, f in app.fields.items()} | {"hours_per_week": h, "hourly_rate": rate,
                                                               "trajectory_price": price}
    _, table_html, _, record = app.compute(values)
    annex = dict(break_even_annex(hours_per_week=h, hourly_rate=rate, trajectory_price=price).results)
    for name in ("annual_cost", "trajectories_needed", "hours_per_week", "share_of_contracted_time"):
        check(BREAK_EVEN, name, json_value=out[name], cli_rows=rows, app=app_rows(table_html),
              exported=export_rows(record), annex=annex)
    basis = registry.break_even_basis(False, hourly_rate=rate, paid_weeks=out["annual_cost"] / (h * rate))
    assert rows["Basis van de jaarkosten"] == app_rows(table_html)["Basis van de jaarkosten"] \
        == annex["Basis van de jaarkosten"] == basis


def _referral(rng: random.Random) -> dict[str, float]:
    return {"help_questions": float(rng.randrange(0, 20_000)), "reach": rng.choice([0.0, 1.0, rng.random()]),
            "pohj_referral_rate": rng.choice([0.0, 1.0, rng.random()])}


@pytest.mark.parametrize("case", cases(21, _referral), ids=lambda c: "-".join(f"{v:.3g}" for v in c.values()))
def test_referral_agrees_on_every_surface(case: dict[str, float], capsys: pytest.CaptureFixture[str],
                                          referral_app: ReferralApp) -> None:
    out, rows = cli(capsys, "referral", *(f"--{k.replace('_', '-')}={v!r}" for k, v in case.items()))
    app = referral_app
    values = {k: f.default for k, f in app.fields.items()} | case
    _, _, _, record = app.compute(values)
    exported = export_rows(record)
    for name in ("to_pohj", "direct_referrals", "pohj_referrals", "helped_without_referral", "total_referrals",
                 "referral_share", "avoided_referrals", "avoided_cost"):
        check(REFERRAL, name, json_value=out[name], cli_rows=rows, exported=exported)


def test_a_label_written_again_in_one_surface_fails(capsys: pytest.CaptureFixture[str],
                                                   staffing_app: StaffingApp) -> None:
    """The check above can fail: an app that prints its own label or rounding is caught."""
    app = staffing_app
    values = {k: f.default for k, f in app.fields.items()}
    _, table_html, _, record = app.compute(values)
    out, rows = cli(capsys, "staffing", "--youths", "5000")
    drifted = table_html.replace(STAFFING["fte"].label, "Formatie")
    with pytest.raises(AssertionError):
        check(STAFFING, "fte", json_value={"low": out["fte_low"], "high": out["fte_high"]}, cli_rows=rows,
              app=app_rows(drifted))
    rounded_again = table_html.replace("0,50–0,60 fte", "0,5–0,6 fte")
    with pytest.raises(AssertionError):
        check(STAFFING, "fte", json_value={"low": out["fte_low"], "high": out["fte_high"]}, cli_rows=rows,
              app=app_rows(rounded_again))


def test_the_apps_list_is_one_list() -> None:
    """nginx, the tests and the book read registry.APPS; every app has a notebook and a line on its purpose."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    assert [a.name for a in registry.APPS] == ["formatie", "terugverdienen", "verwijsaandeel", "evaluatie"]
    for a in registry.APPS:
        assert (root / "calculators" / a.notebook).is_file(), a.notebook
        assert a.title and a.purpose and a.path == f"/apps/voila/render/{a.name}.ipynb"
    md = registry.apps_markdown("../")
    assert md.count('<a href="../apps/voila/render/') == 4
