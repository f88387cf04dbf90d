"""The calculator apps, driven in-process through their widgets (no browser):
presets, results equal to the CLI, Dutch messages next to fields, export and re-import."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re

import pandas as pd
import pytest

from calculators import data, export
from calculators.cli import main
from calculators.ui import APPS, BreakEvenApp, ReferralApp, StaffingApp
from calculators.ui.base import CalculatorApp

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text).replace("&#x27;", "'")


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def download(app: CalculatorApp, kind: str) -> bytes:
    href = re.search(rf'download="{app.app_id}\.{kind}" href="data:[^;]+;base64,([^"]+)"', app.downloads.value)
    assert href, app.downloads.value[:200]
    return base64.b64decode(href.group(1))


@pytest.fixture(scope="module", params=list(APPS), ids=list(APPS))
def app(request: pytest.FixtureRequest) -> CalculatorApp:
    return APPS[request.param]()


def test_app_starts_with_a_result_table_chart_and_downloads(app: CalculatorApp) -> None:
    app.reset()
    assert 'role="status"' in app.status.value and "Controleer" not in app.status.value
    assert "<table" in app.table.value and "<caption>" in app.table.value
    assert "<svg" in app.chart.value and 'role="img"' in app.chart.value and "<figcaption" in app.chart.value
    assert ".csv" in app.downloads.value and ".xlsx" in app.downloads.value


def test_every_field_has_a_label_and_a_source_hint(app: CalculatorApp) -> None:
    for field in app.fields.values():
        assert field.input.description
        assert field.hint.value


def test_presets_load_and_reset_restores(app: CalculatorApp) -> None:
    assert app.presets()
    for name, values in app.presets().items():
        app.load({**app.defaults(), **values}, label=name)
        assert "Controleer" not in app.status.value, (name, plain(app.status.value))
        assert name in app.message.value
    app.reset()
    for key, field in app.fields.items():
        assert field.read() == field.default, key


def test_preset_buttons_are_wired(app: CalculatorApp) -> None:
    button = app.preset_buttons[0]
    button.click()
    assert button.description in app.message.value
    app.reset_button.click()
    assert "standaardwaarden" in app.message.value


def test_bad_input_shows_a_dutch_message_next_to_the_field_and_recovers(app: CalculatorApp) -> None:
    app.reset()
    field = next(iter(app.fields.values()))
    good = field.input.value
    for bad, fragment in (("-5", "negatief"), ("veel", "moet een getal zijn"), ("", "leeg")):
        field.input.value = bad
        if field.spec.optional and bad == "":
            continue
        assert fragment in plain(field.error.value), (bad, field.error.value)
        assert 'role="alert"' in field.error.value
        assert "Controleer de invoer" in app.status.value
    field.input.value = good
    assert field.error.value == "" and "Controleer" not in app.status.value


def test_an_unexpected_error_becomes_a_message_not_a_traceback(app: CalculatorApp,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(values: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(app, "compute", broken)
    app.update()
    assert "Er ging iets mis" in app.status.value and "Traceback" not in app.status.value


def test_export_round_trip_restores_the_inputs(app: CalculatorApp) -> None:
    name, values = next(iter(app.presets().items()))
    app.load({**app.defaults(), **values}, label=name)
    before = {k: f.input.value for k, f in app.fields.items()}
    for kind in ("csv", "xlsx"):
        content = download(app, kind)
        app.reset()
        app.upload.value = ({"name": f"{app.app_id}.{kind}", "content": memoryview(content), "size": len(content),
                             "type": "", "last_modified": NOW},)
        assert {k: f.input.value for k, f in app.fields.items()} == before, kind
        assert f"{app.app_id}.{kind}" in app.message.value


BAD_FILES = [
    ("leeg.csv", b"", "is leeg"),
    ("kapot.xlsx", b"dit is geen zip", "geen geldig Excel"),
    ("tekst.txt", b"a;b", "alleen .csv- en .xlsx"),
    ("vreemd.csv", b"x;y\n1;2\n", "mist de kolom"),
    ("kapot.csv", b"\xff\xfe\x00garbage\x00\x00", "kon niet worden gelezen"),
]


@pytest.mark.parametrize(("name", "content", "fragment"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_malformed_uploads_get_a_dutch_message(name: str, content: bytes, fragment: str) -> None:
    app = ReferralApp()
    before = {k: f.input.value for k, f in app.fields.items()}
    app.upload.value = ({"name": name, "content": memoryview(content), "size": len(content), "type": "",
                         "last_modified": NOW},)
    assert fragment in plain(app.message.value)
    assert {k: f.input.value for k, f in app.fields.items()} == before  # nothing lost


def test_an_export_of_another_app_is_refused() -> None:
    other = StaffingApp()
    content = download(other, "csv")
    app = ReferralApp()
    app.upload.value = ({"name": "formatie.csv", "content": memoryview(content), "size": len(content), "type": "",
                         "last_modified": NOW},)
    assert "andere rekentool" in plain(app.message.value)


def test_read_inputs_rejects_text_values_and_empty_input_sections() -> None:
    df = pd.DataFrame([{"sectie": "invoer", "sleutel": "reach", "waarde": "veel"}])
    with pytest.raises(export.InputError, match="geen getal"):
        export.read_inputs(df.to_csv(sep=";", index=False).encode(), "x.csv", "verwijsaandeel")
    df = pd.DataFrame([{"sectie": "uitkomst", "sleutel": "x", "waarde": 1}])
    with pytest.raises(export.InputError, match="geen invoerwaarden"):
        export.read_inputs(df.to_csv(sep=";", index=False).encode(), "x.csv", "verwijsaandeel")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        df.to_excel(writer, sheet_name="Iets", index=False)
    with pytest.raises(export.InputError, match="tabblad 'Invoer'"):
        export.read_inputs(buffer.getvalue(), "x.xlsx", "verwijsaandeel")


def test_staffing_app_equals_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    app = StaffingApp()
    app.fields["youths"].input.value = "20.000"  # Dutch thousands separator
    out = cli_json(capsys, "staffing", "--youths", "20000")
    record = app.last_record
    assert record is not None
    assert record.results["fte"][1:3] == (pytest.approx(out["fte_low"]), pytest.approx(out["fte_high"]))
    assert record.results["annual_cost"][1:3] == (pytest.approx(out["annual_cost_low"]),
                                                   pytest.approx(out["annual_cost_high"]))


def test_staffing_app_own_hours_and_ranges() -> None:
    app = StaffingApp()
    app.fields["own_hours"].input.value = "14"
    assert "Eigen inzet" in app.table.value and "per 10.000" in app.table.value
    app.fields["fte_per_10k_low"].input.value = "1,5"  # low above high
    assert "ondergrens" in plain(app.status.value)


def test_break_even_app_equals_the_cli_for_oegstgeest(capsys: pytest.CaptureFixture[str]) -> None:
    app = BreakEvenApp()
    app.preset_buttons[0].click()  # Oegstgeest
    out = cli_json(capsys, "break-even", "--annual-cost", "100000", "--contracted-hours", "32")
    record = app.last_record
    assert record is not None
    assert record.results["trajectories_needed"][1] == pytest.approx(out["trajectories_needed"])
    assert record.results["hours_per_week"][1] == pytest.approx(out["hours_per_week"])


def test_break_even_app_savings_scenario_switch_and_own_counts(capsys: pytest.CaptureFixture[str]) -> None:
    app = BreakEvenApp()
    app.load({**app.defaults(), **app.presets()["Holland Rijnland 2020"]})
    conservative = app.last_record.results["savings_total"][1]  # type: ignore[union-attr]
    published = next(r for r in data.rows("published_savings")
                     if r["scenario"] == "conservative" and r["row"] == "Totaal")
    assert conservative == data.number(published, "savings_bggz")
    app.scenario.value = "optimistic"
    out = cli_json(capsys, "savings", "--scenario", "optimistic")
    assert app.last_record.results["savings_total"][1] == pytest.approx(out["savings_total"])  # type: ignore[union-attr]
    app.reset()
    assert app.scenario.value == "conservative" and "geschat naar rato" in plain(app.status.value)


def test_referral_app_equals_the_cli_for_holland_rijnland(capsys: pytest.CaptureFixture[str]) -> None:
    app = ReferralApp()
    app.preset_buttons[0].click()
    inputs = {k: f.read() for k, f in app.fields.items()}
    out = cli_json(capsys, "referral", "--help-questions", str(inputs["help_questions"]),
                   "--reach", str(inputs["reach"]),
                   "--pohj-referral-rate", str(inputs["pohj_referral_rate"]), "--baseline-referrals",
                   str(inputs["baseline_referrals"]), "--target-reach", str(inputs["target_reach"]))
    results = app.last_record.results  # type: ignore[union-attr]
    for key in ("to_pohj", "total_referrals", "helped_without_referral", "referral_share"):
        assert results[key][1] == pytest.approx(out[key], rel=1e-6), key
    assert results["extra_pohj_hours_per_week"][1] == pytest.approx(out["what_if"]["extra_pohj_hours_per_week"],
                                                                    rel=1e-6)
    assert "minder dan in het basisjaar" in plain(app.status.value)


def test_model_errors_land_next_to_their_field() -> None:
    app = BreakEvenApp()
    app.fields["contracted_hours"].input.value = "0"
    assert "groter dan nul" in plain(app.fields["contracted_hours"].error.value)


def test_csv_export_is_dutch_excel_friendly() -> None:
    app = StaffingApp()
    text = download(app, "csv").decode("utf-8-sig")
    assert text.splitlines()[0].startswith("sectie;sleutel;omschrijving")
    frame = pd.read_csv(io.StringIO(text), sep=";", decimal=",")
    youths = frame[(frame.sectie == "invoer") & (frame.sleutel == "youths")]["waarde"].iloc[0]
    assert youths == data.value("youths")
    fte_row = frame[(frame.sectie == "uitkomst") & (frame.sleutel == "fte")].iloc[0]
    assert (fte_row.ondergrens, fte_row.bovengrens) == pytest.approx((0.5, 0.6))
    assert "Raadsinformatiebrief" in text  # sources travel with the numbers
