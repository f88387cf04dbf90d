"""Property-based tests (hypothesis): monotonicity, flows that add up, zero and
extreme inputs, and every invalid input rejected with a Dutch message.

Each property runs 1,000 examples in CI (see conftest.py)."""

from __future__ import annotations

import contextlib
import io
import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calculators import (
    InputError,
    Range,
    break_even_point,
    capacity_point,
    custom_scenario,
    referral_point,
    savings,
    staffing,
    staffing_point,
)
from calculators.cli import main
from calculators.savings import SCENARIO_ALIASES, builtin_scenario

REL = 1e-9
big = st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e5, allow_nan=False, allow_infinity=False)
share = st.floats(min_value=0, max_value=1, allow_nan=False)
weeks = st.floats(min_value=1, max_value=52, allow_nan=False)
hours = st.floats(min_value=0, max_value=1000, allow_nan=False)
invalid_number = st.one_of(
    st.floats(max_value=-1e-6, allow_nan=False, allow_infinity=False),
    st.just(math.nan), st.just(math.inf), st.just(-math.inf),
    st.text(min_size=1, max_size=8).filter(lambda s: _not_a_number(s)),
)


def _not_a_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return True
    return False


def _le(a: float, b: float) -> bool:
    return a <= b + REL * max(1.0, abs(a), abs(b))


def assert_dutch_rejection(fn: object, **kwargs: object) -> None:
    with pytest.raises(InputError) as info:
        fn(**kwargs)  # type: ignore[operator]
    message = info.value.message
    assert message and "\n" not in message and "Traceback" not in message
    assert any(word in message for word in ("moet", "mag", "ontbreekt", "leeg", "ongeldig", "ondergrens"))


# ---------------------------------------------------------------- staffing


@given(a=big, b=big, norm=st.floats(0, 5), cost=big)
def test_staffing_is_monotone_in_youths(a: float, b: float, norm: float, cost: float) -> None:
    lo, hi = sorted((a, b))
    r1 = staffing_point(youths=lo, fte_per_10k=norm, hours_per_fte=38, cost_per_fte=cost)
    r2 = staffing_point(youths=hi, fte_per_10k=norm, hours_per_fte=38, cost_per_fte=cost)
    assert _le(r1.fte, r2.fte) and _le(r1.hours_per_week, r2.hours_per_week) and _le(r1.annual_cost, r2.annual_cost)


@given(youths=big, n1=st.floats(0, 5), n2=st.floats(0, 5), c1=big, c2=big)
def test_staffing_range_bounds_are_ordered_and_exact(youths: float, n1: float, n2: float, c1: float, c2: float) -> None:
    norm, cost = Range(*sorted((n1, n2))), Range(*sorted((c1, c2)))
    result = staffing(youths, fte_per_10k=norm, cost_per_fte=cost)
    for field in ("fte", "hours_per_week", "annual_cost"):
        assert _le(getattr(result.low, field), getattr(result.mid, field))
        assert _le(getattr(result.mid, field), getattr(result.high, field))
    assert math.isclose(result.high.annual_cost, youths / 10_000 * norm.high * cost.high, rel_tol=1e-9, abs_tol=1e-9)


@given(bad=invalid_number)
def test_staffing_rejects_invalid_youths(bad: object) -> None:
    assert_dutch_rejection(staffing_point, youths=bad, fte_per_10k=1, hours_per_fte=38, cost_per_fte=1)


@given(bad=st.one_of(st.floats(max_value=0, allow_nan=False), st.just(math.nan)))
def test_staffing_rejects_non_positive_hours_per_fte(bad: float) -> None:
    assert_dutch_rejection(staffing_point, youths=1, fte_per_10k=1, hours_per_fte=bad, cost_per_fte=1)


# ---------------------------------------------------------------- break-even


@given(cost=big, price=positive, direct=st.floats(0, 50), uplift=st.floats(0, 2), w=weeks, contract=st.floats(0.1, 168))
def test_break_even_adds_up(cost: float, price: float, direct: float, uplift: float, w: float, contract: float) -> None:
    r = break_even_point(annual_cost=cost, trajectory_price=price, direct_hours_per_trajectory=direct,
                         indirect_uplift=uplift, working_weeks=w, contracted_hours=contract)
    assert math.isclose(r.trajectories_needed * price, cost, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(r.direct_hours_per_week + r.indirect_hours_per_week, r.hours_per_week, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(r.trajectories_short + r.trajectories_long, r.trajectories_needed, rel_tol=1e-9, abs_tol=1e-9)
    scale = max(1.0, r.hours_per_week)  # float cancellation grows with the magnitudes involved
    assert math.isclose(r.remaining_hours_per_week + r.hours_per_week, contract, rel_tol=1e-9, abs_tol=1e-9 * scale)
    assert r.feasible == (r.hours_per_week <= contract)


@given(c1=big, c2=big, p1=positive, p2=positive)
def test_break_even_is_monotone(c1: float, c2: float, p1: float, p2: float) -> None:
    lo_c, hi_c = sorted((c1, c2))
    lo_p, hi_p = sorted((p1, p2))
    assert _le(break_even_point(annual_cost=lo_c, trajectory_price=lo_p).hours_per_week,
               break_even_point(annual_cost=hi_c, trajectory_price=lo_p).hours_per_week)
    assert _le(break_even_point(annual_cost=hi_c, trajectory_price=hi_p).trajectories_needed,
               break_even_point(annual_cost=hi_c, trajectory_price=lo_p).trajectories_needed)


@given(h=hours, rate=st.floats(0, 500))
def test_break_even_share_does_not_depend_on_hours(h: float, rate: float) -> None:
    assume(h > 0.01)
    r = break_even_point(hours_per_week=h, hourly_rate=rate)
    reference = break_even_point(hours_per_week=1, hourly_rate=rate)
    assert math.isclose(r.share_of_contracted_time, reference.share_of_contracted_time, rel_tol=1e-9, abs_tol=1e-12)


@given(field=st.sampled_from(["annual_cost", "hourly_rate", "trajectory_price", "working_weeks", "paid_weeks",
                              "direct_hours_per_trajectory", "indirect_uplift", "hours_per_week"]),
       bad=invalid_number)
def test_break_even_rejects_invalid_inputs(field: str, bad: object) -> None:
    kwargs: dict[str, object] = {"annual_cost": 1000.0}
    kwargs[field] = bad
    assert_dutch_rejection(break_even_point, **kwargs)


@given(w=st.one_of(st.floats(min_value=52.0001, max_value=1e6), st.floats(max_value=0, allow_nan=False)))
def test_break_even_rejects_impossible_weeks(w: float) -> None:
    assert_dutch_rejection(break_even_point, annual_cost=1000.0, working_weeks=w)


# ---------------------------------------------------------------- savings

counts = st.fixed_dictionaries({b: st.floats(0, 1e5) for b in ("1", "2-5", "6-10", ">10")})


@given(c=counts, pb=st.floats(0, 1e4), ps=st.floats(0, 1e4),
       scen=st.sampled_from(["conservative", "optimistic", "none"]))
def test_savings_add_up(c: dict[str, float], pb: float, ps: float, scen: str) -> None:
    r = savings(c, scenario=scen, bggz_price=pb, sggz_price=ps).mid
    assert math.isclose(r.savings_total, sum(x.savings_total for x in r.lines), rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(r.savings_total, r.savings_bggz + r.savings_sggz, rel_tol=1e-9, abs_tol=1e-6)
    assert _le(r.avoided_bggz + r.avoided_sggz, r.trajectories)
    assert math.isclose(r.trajectories, sum(c.values()), rel_tol=1e-9, abs_tol=1e-6)


@given(c=counts, pb=st.floats(0, 1e4), extra=st.floats(0, 1e4))
def test_optimistic_saves_at_least_conservative_when_s_ggz_costs_more(c: dict[str, float], pb: float, extra: float) -> None:
    cons = savings(c, scenario="conservative", bggz_price=pb, sggz_price=pb + extra).mid
    opt = savings(c, scenario="optimistic", bggz_price=pb, sggz_price=pb + extra).mid
    # 6-10 and >10 move 30 % from B to a dearer S; 1 contact adds 25 %. Only 2-5 is identical.
    assert _le(cons.savings_total - 0.0, opt.savings_total + 1e-6)


@given(c1=counts, c2=counts, scen=st.sampled_from(["conservative", "optimistic", "none"]))
def test_savings_are_monotone_in_counts(c1: dict[str, float], c2: dict[str, float], scen: str) -> None:
    lo = {b: min(c1[b], c2[b]) for b in c1}
    hi = {b: max(c1[b], c2[b]) for b in c1}
    assert _le(savings(lo, scenario=scen).mid.savings_total, savings(hi, scenario=scen).mid.savings_total)
    assert _le(savings(lo, scenario=scen).mid.pohj_time_cost, savings(hi, scenario=scen).mid.pohj_time_cost)


@given(b=st.dictionaries(st.sampled_from(["1", "2-5", "6-10", ">10"]), share),
       s=st.dictionaries(st.sampled_from(["1", "2-5", "6-10", ">10"]), share))
def test_custom_scenarios_are_valid_or_rejected(b: dict[str, float], s: dict[str, float]) -> None:
    over = any(b.get(k, 0) + s.get(k, 0) > 1 + 1e-9 for k in set(b) | set(s))
    if over:
        with pytest.raises(InputError, match="meer dan 1"):
            custom_scenario(b, s)
    else:
        scen = custom_scenario(b, s)
        r = savings({"1": 10, "2-5": 10, "6-10": 10, ">10": 10}, scenario=scen).mid
        assert _le(r.avoided_bggz + r.avoided_sggz, r.trajectories)


@given(bad=st.floats(max_value=-1e-6, allow_nan=False, allow_infinity=False),
       band=st.sampled_from(["1", "2-5", "6-10", ">10"]))
def test_savings_rejects_negative_counts(bad: float, band: str) -> None:
    with pytest.raises(InputError, match="negatief"):
        savings({band: bad})


@given(name=st.text(max_size=12))
def test_unknown_scenarios_are_rejected(name: str) -> None:
    assume(name.strip().lower() not in SCENARIO_ALIASES)
    with pytest.raises(InputError, match="Onbekend scenario"):
        builtin_scenario(name)


# ---------------------------------------------------------------- referral


@given(h=big, reach=share, rate=share, induced=share, cf=share, price=st.floats(0, 1e4))
def test_referral_flows_add_up(h: float, reach: float, rate: float, induced: float, cf: float, price: float) -> None:
    r = referral_point(help_questions=h, reach=reach, pohj_referral_rate=rate, induced_demand=induced,
                       counterfactual_referral_rate=cf, trajectory_price=price)
    tol = 1e-9 * max(1.0, h)
    assert abs(r.to_pohj + r.direct_referrals - h) <= tol
    assert abs(r.pohj_referrals + r.helped_without_referral - r.to_pohj) <= tol
    assert abs(r.direct_referrals + r.pohj_referrals - r.total_referrals) <= tol
    assert -1e-12 <= r.referral_share <= 1 + 1e-12
    assert _le(r.induced_cases, r.to_pohj)
    assert math.isclose(r.avoided_cost, r.avoided_referrals * price, rel_tol=1e-9, abs_tol=1e-6)


@given(h=big, r1=share, r2=share, rate=share)
def test_more_reach_never_raises_the_referral_share(h: float, r1: float, r2: float, rate: float) -> None:
    assume(h > 0)
    lo, hi = sorted((r1, r2))
    common = dict(help_questions=h, pohj_referral_rate=rate, induced_demand=0.0, counterfactual_referral_rate=1.0,
                  trajectory_price=876.0)
    assert _le(referral_point(reach=hi, **common).referral_share, referral_point(reach=lo, **common).referral_share)
    assert _le(referral_point(reach=lo, **common).avoided_referrals, referral_point(reach=hi, **common).avoided_referrals)


@given(field=st.sampled_from(["reach", "pohj_referral_rate", "induced_demand", "counterfactual_referral_rate"]),
       bad=st.one_of(st.floats(min_value=1.000001, max_value=1e9), st.floats(max_value=-1e-9, allow_nan=False),
                     st.just(math.nan)))
def test_referral_rejects_shares_outside_0_1(field: str, bad: float) -> None:
    kwargs: dict[str, object] = dict(help_questions=100.0, reach=0.3, pohj_referral_rate=0.4, induced_demand=0.0,
                                     counterfactual_referral_rate=1.0, trajectory_price=876.0)
    kwargs[field] = bad
    assert_dutch_rejection(referral_point, **kwargs)


# ---------------------------------------------------------------- capacity


@given(h1=hours, h2=hours, minutes=st.floats(5, 120), uplift=st.floats(0, 2), w=weeks, cts=st.floats(0.1, 50),
       share_=share)
def test_capacity_is_monotone_and_consistent(h1: float, h2: float, minutes: float, uplift: float, w: float,
                                             cts: float, share_: float) -> None:
    lo, hi = sorted((h1, h2))
    args = dict(contact_minutes=minutes, indirect_uplift=uplift, working_weeks=w, client_time_share=share_,
                mean_contacts_per_trajectory=cts, hours_per_day=8.0)
    a, b = capacity_point(hours_per_week=lo, **args), capacity_point(hours_per_week=hi, **args)
    assert _le(a.new_clients_per_week, b.new_clients_per_week)
    assert math.isclose(b.trajectories_per_year * cts, b.contacts_per_year, rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(b.contacts_per_week * b.hours_per_contact, b.client_hours_per_week, rel_tol=1e-9, abs_tol=1e-9)


@given(field=st.sampled_from(["hours_per_week", "contact_minutes", "working_weeks", "mean_contacts_per_trajectory"]),
       bad=invalid_number)
def test_capacity_rejects_invalid_inputs(field: str, bad: object) -> None:
    kwargs: dict[str, object] = dict(hours_per_week=10.0, contact_minutes=60.0, indirect_uplift=0.33,
                                     working_weeks=47.0, client_time_share=1.0, mean_contacts_per_trajectory=5.0,
                                     hours_per_day=8.0)
    kwargs[field] = bad
    assert_dutch_rejection(capacity_point, **kwargs)


# ---------------------------------------------------------------- CLI never shows a traceback

options = st.sampled_from([
    ["staffing", "--youths"], ["break-even", "--annual-cost"], ["break-even", "--hours-per-week"],
    ["savings", "--trajectories"], ["savings", "--scenario"], ["referral", "--reach"], ["referral", "--help-questions"],
    ["capacity", "--hours-per-week"],
])


@given(cmd=options, value=st.text(max_size=15).filter(lambda s: not s.startswith("-")))
def test_cli_answers_any_text_with_a_result_or_one_dutch_line(cmd: list[str], value: str) -> None:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            code = main([*cmd, value, "--json"])
        except SystemExit as exc:  # argparse errors
            code = int(exc.code or 0)
    assert code in (0, 2)
    if code == 2:
        lines = err.getvalue().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("fout: ") and "Traceback" not in err.getvalue()
    else:
        assert out.getvalue().startswith("{")
