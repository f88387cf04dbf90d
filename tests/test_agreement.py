"""The same model answers alike in all three places a reader meets it: the CLI
(``python -m calculators ... --json``), the ipywidgets app (driven in-process) and
the page calculator on the book page (the answers its form prints, from the registry's
rounding; tests/test_static_calculators.py runs its JavaScript module in chromium against the same
answers). Each grid point compares the three with each other; one point per
calculator is also pinned to a hand computation, so that the three cannot agree
on a wrong number."""

from __future__ import annotations

import itertools
import json

import pytest
from test_static_calculators import close, numbers

from calculators import data, registry
from calculators import static_calculators as sc
from calculators.cli import main
from calculators.ui import BreakEvenApp, ReferralApp, StaffingApp


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def apps() -> dict[str, object]:
    return {"formatie": StaffingApp(), "terugverdienen": BreakEvenApp(), "verwijsaandeel": ReferralApp()}


def render(name: str, **values: float) -> dict[str, str]:
    """The page calculator's answers for these inputs, by output name."""
    return sc.answers(name, {**sc.values(registry.page_calculator(name)), **values})


def app_results(app: object, values: dict[str, float | None]) -> dict[str, tuple[float, float]]:
    app.load({**app.defaults(), **values})  # type: ignore[attr-defined]
    record = app.last_record  # type: ignore[attr-defined]
    assert record is not None, app.status.value  # type: ignore[attr-defined]
    return {k: (v[1], v[2]) for k, v in record.results.items()}


# Hand computation for 5,000 youths: 0.5–0.6 fte, 19.0–22.8 h, € 50,000–66,000 (see test_expected_values)
@pytest.mark.parametrize("youths", [1000, 5000, 23_456])
def test_staffing_agrees_in_cli_app_and_page(youths: float, apps: dict[str, object],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cli = cli_json(capsys, "staffing", "--youths", str(youths))
    app = app_results(apps["formatie"], {"youths": youths})
    page = render("formatie", youths=youths)
    for key, label, decimals in (("fte", "fte", 2), ("hours_per_week", "hours_per_week", 1),
                                 ("annual_cost", "annual_cost", 0)):
        low, high = cli[f"{key}_low"], cli[f"{key}_high"]
        assert app[key] == pytest.approx((low, high), rel=1e-12), key
        shown = numbers(page[label])
        assert close(shown[0], low, decimals) and close(shown[1], high, decimals), (key, page[label])
    if youths == 5000:
        assert (cli["fte_low"], cli["fte_high"]) == pytest.approx((0.5, 0.6))
        assert (cli["annual_cost_low"], cli["annual_cost_high"]) == pytest.approx((50_000, 66_000))


BREAK_EVEN_GRID = list(itertools.product([4, 14, 32], [49, 61], [876, 2994]))


@pytest.mark.parametrize(("hours", "rate", "price"), BREAK_EVEN_GRID)
def test_break_even_agrees_in_cli_app_and_page(hours: float, rate: float, price: float, apps: dict[str, object],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    cli = cli_json(capsys, "break-even", "--hours-per-week", str(hours), "--hourly-rate", str(rate),
                   "--trajectory-price", str(price))
    app = app_results(apps["terugverdienen"], {"annual_cost": None, "hours_per_week": hours, "hourly_rate": rate,
                                               "trajectory_price": price, "contracted_hours": None})
    page = render("terugverdienen", hours_per_week=hours, hourly_rate=rate, trajectory_price=price)
    for key, label, decimals in (("annual_cost", "annual_cost", 0),
                                 ("trajectories_needed", "trajectories_needed", 0),
                                 ("hours_per_week", "hours_per_week", 1),
                                 ("share_of_contracted_time", "share_of_contracted_time", 2),
                                 ("remaining_hours_per_week", "remaining_hours_per_week", 1)):
        assert app[key][0] == pytest.approx(cli[key], rel=1e-12), key
        assert close(numbers(page[label])[0], cli[key], decimals), (key, page[label], cli[key])
    if (hours, rate, price) == (14, 61, 876):
        # 14 h * € 61 * 52 = € 44,408; / 876 = 50.694 trajectories; * 6 * 1.33 / 47 = 8.607 h a week; 61 %
        assert cli["annual_cost"] == 44_408
        assert cli["trajectories_needed"] == pytest.approx(50.694064, abs=1e-6)
        assert cli["hours_per_week"] == pytest.approx(8.607205, abs=1e-6)
        assert cli["share_of_contracted_time"] == pytest.approx(0.614800, abs=1e-6)


REFERRAL_GRID = list(itertools.product([500, 1739], [0.3, 0.7], [0.2, 0.38]))


@pytest.mark.parametrize(("questions", "reach", "rate"), REFERRAL_GRID)
def test_referral_agrees_in_cli_app_and_page(questions: float, reach: float, rate: float, apps: dict[str, object],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    cli = cli_json(capsys, "referral", "--help-questions", str(questions), "--reach", str(reach),
                   "--pohj-referral-rate", str(rate))
    app = app_results(apps["verwijsaandeel"], {"help_questions": questions, "reach": reach,
                                               "pohj_referral_rate": rate, "baseline_referrals": None})
    page = render("verwijsaandeel", help_questions=questions, reach=reach, pohj_referral_rate=rate,
                  induced_demand=data.value("induced_demand"))
    for key, label, decimals in (("to_pohj", "to_pohj", 0),
                                 ("total_referrals", "total_referrals", 0),
                                 ("helped_without_referral", "helped_without_referral", 0),
                                 ("referral_share", "referral_share", 3)):
        assert app[key][0] == pytest.approx(cli[key], rel=1e-12), key
        if label:
            assert close(numbers(page[label])[0], cli[key], decimals), (key, page[label], cli[key])
    assert close(numbers(page["avoided_referrals"])[0], cli["avoided_referrals"], 0)
    if (questions, reach, rate) == (1739, 0.3, 0.38):
        # 1739 * 0.3 = 521.7 to the POH-J; 1739 - 521.7 + 521.7 * 0.38 = 1415.546 referred; share 0.814
        assert cli["to_pohj"] == pytest.approx(521.7)
        assert cli["total_referrals"] == pytest.approx(1415.546)
        assert cli["referral_share"] == pytest.approx(0.814)
