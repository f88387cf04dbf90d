"""Links that carry a reader's numbers (?jeugdigen=12000&uren=46): every app field has one Dutch query name
from calculators/registry.py, and the Voila apps fill their fields from the page's query string."""

from __future__ import annotations

import re

import pytest

from calculators import registry
from calculators.ui import APPS, BreakEvenApp, ReferralApp, StaffingApp
from calculators.ui.base import link_values


def plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text).replace("&#x27;", "'")


def test_every_app_field_has_one_dutch_query_name() -> None:
    for cls in APPS.values():
        keys = [s.key for s in cls.fields_spec]
        params = [registry.param(k) for k in keys]
        assert None not in params, (cls.app_id, [k for k, p in zip(keys, params, strict=True) if p is None])
        assert len(set(params)) == len(params), cls.app_id  # one field per name within an app
    # one name has one query name in every calculator and app
    seen: dict[str, str] = {}
    for inp in (*registry.STAFFING_INPUTS, *registry.WORKLOAD_INPUTS, *registry.BREAK_EVEN_INPUTS,
                *registry.REFERRAL_INPUTS, *registry.WHOLE_COST_INPUTS, *registry.APP_INPUTS):
        assert seen.setdefault(inp.name, inp.param) == inp.param, inp.name


def test_link_values_maps_dutch_names_to_fields() -> None:
    got = link_values("?jeugdigen=12.000&uren=46&onbekend=3", ("youths", "own_hours", "hours_per_fte"))
    assert got == {"youths": "12.000", "own_hours": "46"}
    assert link_values("", ("youths",)) == {}


def test_staffing_app_reads_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "jeugdigen=12000&uren=46")
    app = StaffingApp()
    assert app.fields["youths"].read() == 12_000
    assert app.fields["own_hours"].read() == 46
    # 46 h / 36 h per fte (the app's default hours per fte) is the formation shown
    assert "12.000" in plain(app.status.value)


def test_break_even_and_referral_apps_read_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "uren=46&bereik=30%25")
    assert BreakEvenApp().fields["hours_per_week"].read() == 46
    assert ReferralApp().fields["reach"].read() == pytest.approx(0.3)


def test_a_bad_value_in_a_link_gets_the_dutch_message_next_to_its_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUERY_STRING", "jeugdigen=twaalfduizend")
    app = StaffingApp()
    assert "moet een getal zijn" in plain(app.fields["youths"].error.value)
    assert "Controleer de invoer" in plain(app.status.value)
    assert "Traceback" not in app.status.value


# ------------------------------------------------------------------- through Voila (pre-started kernels) and nginx

BROWSER_TIMEOUT = 120_000


@pytest.mark.browser
def test_voila_apps_read_the_link_also_in_a_pre_started_kernel(page, apps_url: str) -> None:  # type: ignore[no-untyped-def]
    """voila.json pre-starts kernels (preheat_kernel, a pool of 2): such a kernel runs the notebook before any request,
    so the query string reaches it only through voila.utils.get_query_string. Three loads of one app: the first two
    take kernels from the pool, the third one a refilled kernel; each must show its own link's numbers."""
    from playwright.sync_api import expect

    from calculators.formatting import span
    from calculators.staffing import staffing

    for youths in (12_000, 20_000, 7_000):
        page.goto(f"{apps_url}/apps/voila/render/formatie.ipynb?jeugdigen={youths}", timeout=BROWSER_TIMEOUT)
        s = staffing(youths)
        expect(page.get_by_role("status")).to_contain_text(span(s.low.fte, s.high.fte, "fte", 2),
                                                           timeout=BROWSER_TIMEOUT)
    page.goto(f"{apps_url}/apps/voila/render/terugverdienen.ipynb?uren=46&jaarkosten=tien", timeout=BROWSER_TIMEOUT)
    expect(page.get_by_text("moet een getal zijn").first).to_be_visible(timeout=BROWSER_TIMEOUT)
    expect(page.get_by_label("Uren POH-J per week", exact=True)).to_have_value("46")
    assert "Traceback" not in page.content()


def test_a_pooled_kernel_may_wait_for_its_request_as_long_as_it_may_live() -> None:
    """A pre-started kernel runs the notebook up to get_query_string and waits there for a visitor; Voila's cell
    timeout counts that wait. With the old 60 s a kernel that waited in the pool for over a minute showed 'Cell
    execution timed out' instead of the app (seen in the full suite; reproduced by loading an app 75 s after
    the pool refilled). The timeout must cover the longest a kernel may live."""
    import json
    from pathlib import Path

    conf = json.loads((Path(__file__).resolve().parents[1] / "voila.json").read_text(encoding="utf-8"))
    assert conf["VoilaConfiguration"]["preheat_kernel"] is True
    assert conf["VoilaExecutor"]["timeout"] >= conf["ClassroomKernelManager"]["max_kernel_age"]


@pytest.mark.parametrize("preheated", [False, True])
def test_a_pooled_kernel_computes_the_defaults_before_it_waits_and_then_its_links_numbers(
        monkeypatch: pytest.MonkeyPatch, preheated: bool) -> None:
    """In a kernel Voila started for its pool (VOILA_PREHEAT), the app computes the default answer before it
    waits in get_query_string for its page, so that 25 visitors taking pooled kernels at once do not all start
    the chart engine then; the link's numbers follow. A kernel started for its page reads the link first and
    computes once."""
    from calculators.formatting import span
    from calculators.staffing import staffing
    from calculators.ui import StaffingApp, base

    events: list[str] = []
    monkeypatch.setattr(base, "query_string", lambda: events.append("query") or "?jeugdigen=12000")
    original = base.CalculatorApp.update

    def counted(self: base.CalculatorApp) -> None:
        events.append("update")
        original(self)

    monkeypatch.setattr(base.CalculatorApp, "update", counted)
    if preheated:
        monkeypatch.setenv("VOILA_PREHEAT", "True")
    else:
        monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    app = StaffingApp()
    assert events == (["update", "query", "update"] if preheated else ["query", "update"])
    s = staffing(12_000)
    assert span(s.low.fte, s.high.fte, "fte", 2) in app.status.value
    assert app.fields["youths"].input.value == "12000"
