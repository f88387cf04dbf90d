"""Property-based tests (hypothesis): metamorphic and physical invariants, zero and
extreme inputs, and every invalid input rejected with a Dutch message.

The invariants relate two runs of a model (doubling the hours doubles cost and
capacity; a dearer trajectory needs proportionally fewer; reach 0 sends nobody to
the POH-J), so they hold whatever the formula inside looks like and fail when it
is wrong. They never restate the implementation (``remaining + per_week ==
contract`` is true of any code that computes ``remaining`` as a difference).

Each property runs 1,000 examples in CI (see conftest.py)."""

from __future__ import annotations

import contextlib
import io
import math

import pytest
from hypothesis import assume, example, given
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
    # every output rises with every input, so the range's ends are the single runs at the low and high corners
    top = staffing_point(youths=youths, fte_per_10k=norm.high, hours_per_fte=38, cost_per_fte=cost.high)
    bottom = staffing_point(youths=youths, fte_per_10k=norm.low, hours_per_fte=38, cost_per_fte=cost.low)
    assert math.isclose(result.high.annual_cost, top.annual_cost, rel_tol=1e-12)
    assert math.isclose(result.low.fte, bottom.fte, rel_tol=1e-12)


@given(youths=st.floats(1, 2e5), norm=st.floats(0.01, 5), cost=st.floats(1, 1e6), k=st.floats(0.1, 10))
def test_staffing_scales_with_youths(youths: float, norm: float, cost: float, k: float) -> None:
    one = staffing_point(youths=youths, fte_per_10k=norm, hours_per_fte=38, cost_per_fte=cost)
    scaled = staffing_point(youths=youths * k, fte_per_10k=norm, hours_per_fte=38, cost_per_fte=cost)
    double = staffing_point(youths=youths * 2, fte_per_10k=norm, hours_per_fte=38, cost_per_fte=cost)
    assert math.isclose(double.fte, 2 * one.fte, rel_tol=1e-9)
    assert math.isclose(double.hours_per_week, 2 * one.hours_per_week, rel_tol=1e-9)
    assert math.isclose(double.annual_cost, 2 * one.annual_cost, rel_tol=1e-9)
    assert math.isclose(scaled.annual_cost, k * one.annual_cost, rel_tol=1e-9)
    # the cost per youth is a property of the norm and the price, not of the municipality's size
    assert math.isclose(scaled.cost_per_youth, one.cost_per_youth, rel_tol=1e-9)
    # a longer working week carries the same fte in proportionally more hours
    shorter = staffing_point(youths=youths, fte_per_10k=norm, hours_per_fte=19, cost_per_fte=cost)
    assert math.isclose(one.hours_per_week, 2 * shorter.hours_per_week, rel_tol=1e-9)
    assert math.isclose(shorter.fte, one.fte, rel_tol=1e-9)


@given(bad=invalid_number)
def test_staffing_rejects_invalid_youths(bad: object) -> None:
    assert_dutch_rejection(staffing_point, youths=bad, fte_per_10k=1, hours_per_fte=38, cost_per_fte=1)


@given(bad=st.one_of(st.floats(max_value=0, allow_nan=False), st.just(math.nan)))
def test_staffing_rejects_non_positive_hours_per_fte(bad: float) -> None:
    assert_dutch_rejection(staffing_point, youths=1, fte_per_10k=1, hours_per_fte=bad, cost_per_fte=1)


# ---------------------------------------------------------------- break-even


@given(h=st.floats(0.1, 200), rate=st.floats(1, 500), price=st.floats(1, 1e4), k=st.floats(1.01, 10),
       direct=st.floats(0.1, 50), uplift=st.floats(0, 2), w=weeks)
@example(h=37.0, rate=222.0, price=1.0, k=2.0, direct=50.0, uplift=2.220446049250313e-16, w=1.0)  # found in CI profile
def test_break_even_doubling_hours_doubles_cost_and_need(h: float, rate: float, price: float, k: float, direct: float,
                                                         uplift: float, w: float) -> None:
    args = dict(hourly_rate=rate, trajectory_price=price, direct_hours_per_trajectory=direct, indirect_uplift=uplift,
                working_weeks=w)
    one = break_even_point(hours_per_week=h, **args)
    two = break_even_point(hours_per_week=2 * h, **args)
    for field in ("annual_cost", "trajectories_needed", "hours_needed_per_year", "hours_per_week",
                  "direct_hours_per_week", "indirect_hours_per_week", "trajectories_short"):
        assert math.isclose(getattr(two, field), 2 * getattr(one, field), rel_tol=1e-9), field
    # a dearer avoided trajectory: k times the price, 1/k of the trajectories and of the hours
    dear = break_even_point(hours_per_week=h, **{**args, "trajectory_price": price * k})
    assert math.isclose(dear.trajectories_needed * k, one.trajectories_needed, rel_tol=1e-9)
    assert math.isclose(dear.hours_per_week * k, one.hours_per_week, rel_tol=1e-9)
    # k times the productive weeks (within a year): the same hours a year, spread thinner
    if w * k <= 52:
        spread = break_even_point(hours_per_week=h, **{**args, "working_weeks": w * k})
        assert math.isclose(spread.hours_needed_per_year, one.hours_needed_per_year, rel_tol=1e-9)
        assert math.isclose(spread.hours_per_week * k, one.hours_per_week, rel_tol=1e-9)
    # indirect time is a fixed uplift on direct time, and the short/long mix splits the trajectories in half
    # indirect hours are total minus direct: their rounding error scales with the hours, not with the uplift
    assert math.isclose(one.indirect_hours_per_week, one.direct_hours_per_week * uplift, rel_tol=1e-7,
                        abs_tol=1e-9 * max(1.0, one.direct_hours_per_week))
    assert math.isclose(one.trajectories_short, one.trajectories_long, rel_tol=1e-9)


@given(cost=big, c1=st.floats(0.1, 168), c2=st.floats(0.1, 168))
def test_break_even_more_contract_hours_leave_more_room(cost: float, c1: float, c2: float) -> None:
    lo, hi = sorted((c1, c2))
    small = break_even_point(annual_cost=cost, contracted_hours=lo)
    large = break_even_point(annual_cost=cost, contracted_hours=hi)
    assert small.hours_per_week == large.hours_per_week  # the need does not depend on the contract
    scale = max(1.0, small.hours_per_week)
    assert math.isclose(large.remaining_hours_per_week - small.remaining_hours_per_week, hi - lo,
                        rel_tol=1e-9, abs_tol=1e-9 * scale)
    assert math.isclose(small.share_of_contracted_time * lo, large.share_of_contracted_time * hi,
                        rel_tol=1e-9, abs_tol=1e-12)
    assert not (small.feasible and not large.feasible)  # more contract hours never make it infeasible
    assert (small.remaining_hours_per_week >= 0) == small.feasible


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


@given(c1=counts, c2=counts, pb=st.floats(0, 1e4), ps=st.floats(0, 1e4),
       scen=st.sampled_from(["conservative", "optimistic", "none"]))
def test_savings_are_additive_and_scale_with_counts(c1: dict[str, float], c2: dict[str, float], pb: float, ps: float,
                                                    scen: str) -> None:
    def run(c: dict[str, float], **kw: float) -> object:
        return savings(c, scenario=scen, **{"bggz_price": pb, "sggz_price": ps, **kw}).mid

    a, b = run(c1), run(c2)
    both = run({k: c1[k] + c2[k] for k in c1})
    double = run({k: 2 * v for k, v in c1.items()})
    for field in ("trajectories", "avoided_bggz", "avoided_sggz", "savings_total", "pohj_time_cost"):
        x, y, z = getattr(a, field), getattr(b, field), getattr(both, field)
        assert math.isclose(z, x + y, rel_tol=1e-9, abs_tol=1e-6), field  # two pilots together save what each saves
        assert math.isclose(getattr(double, field), 2 * x, rel_tol=1e-9, abs_tol=1e-6), field
    # doubling a price doubles what is saved at that price, and nothing else
    dear = run(c1, bggz_price=2 * pb)
    assert math.isclose(dear.savings_bggz, 2 * a.savings_bggz, rel_tol=1e-9, abs_tol=1e-6)
    assert dear.savings_sggz == a.savings_sggz and dear.pohj_time_cost == a.pohj_time_cost
    # one trajectory avoids at most one follow-up trajectory
    assert _le(a.avoided_bggz + a.avoided_sggz, a.trajectories)
    # the order in which the bands are given does not matter
    reverse = run(dict(reversed(list(c1.items()))))
    assert math.isclose(reverse.savings_total, a.savings_total, rel_tol=1e-12, abs_tol=1e-9)


@given(c=counts, pb=st.floats(0, 1e4), extra=st.floats(0, 1e4))
def test_optimistic_saves_at_least_conservative_when_s_ggz_costs_more(c: dict[str, float], pb: float,
                                                                       extra: float) -> None:
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


@given(h=st.floats(1, 4e5), rate=share, induced=share, cf=share, price=st.floats(0, 1e4))
def test_reach_zero_sends_nobody_to_the_pohj(h: float, rate: float, induced: float, cf: float, price: float) -> None:
    r = referral_point(help_questions=h, reach=0.0, pohj_referral_rate=rate, induced_demand=induced,
                       counterfactual_referral_rate=cf, trajectory_price=price)
    assert r.to_pohj == r.pohj_referrals == r.helped_without_referral == r.induced_cases == 0
    assert r.avoided_referrals == r.avoided_cost == 0
    assert r.direct_referrals == r.total_referrals == r.referrals_without_pohj == h
    assert r.referral_share == 1  # without a POH-J every help question is referred


@given(h=st.floats(1, 4e5), reach=share, rate=share, induced=share, cf=share, price=st.floats(1, 1e4),
       k=st.floats(0.1, 10))
def test_referral_flows_scale_and_stay_in_bounds(h: float, reach: float, rate: float, induced: float, cf: float,
                                                 price: float, k: float) -> None:
    def run(**kw: float) -> object:
        args = dict(help_questions=h, reach=reach, pohj_referral_rate=rate, induced_demand=induced,
                    counterfactual_referral_rate=cf, trajectory_price=price)
        return referral_point(**{**args, **kw})

    one, more = run(), run(help_questions=k * h)
    for field in ("to_pohj", "direct_referrals", "pohj_referrals", "total_referrals", "helped_without_referral",
                  "avoided_referrals", "avoided_cost"):
        tol = 1e-9 * max(1.0, k) * h * (price if field == "avoided_cost" else 1.0)  # cancellation in differences
        assert math.isclose(getattr(more, field), k * getattr(one, field), rel_tol=1e-9, abs_tol=tol), field
    assert math.isclose(more.referral_share, one.referral_share, rel_tol=1e-9, abs_tol=1e-12)
    # the POH-J refers some of its youths on: the share referred lies between its own rate and 1
    assert _le(rate, one.referral_share) and _le(one.referral_share, 1.0)
    # a dearer trajectory changes only the value of what is avoided
    dear = run(trajectory_price=2 * price)
    assert math.isclose(dear.avoided_cost, 2 * one.avoided_cost, rel_tol=1e-9, abs_tol=1e-9 * h * price)
    assert dear.total_referrals == one.total_referrals
    # all the youths the POH-J helps without referral would otherwise have been referred: avoided = helped
    plain = run(induced_demand=0.0, counterfactual_referral_rate=1.0)
    assert math.isclose(plain.avoided_referrals, plain.helped_without_referral, rel_tol=1e-9, abs_tol=1e-6 * h)
    # more induced demand or a lower counterfactual rate never avoid more referrals
    assert _le(run(induced_demand=1.0).avoided_referrals, one.avoided_referrals + 1e-9 * h)
    assert _le(run(counterfactual_referral_rate=0.0).avoided_referrals, one.avoided_referrals + 1e-9 * h)
    # reach 1: the GP refers nobody directly
    assert run(reach=1.0).direct_referrals == 0


@given(h=big, r1=share, r2=share, rate=share)
def test_more_reach_never_raises_the_referral_share(h: float, r1: float, r2: float, rate: float) -> None:
    assume(h > 0)
    lo, hi = sorted((r1, r2))
    common = dict(help_questions=h, pohj_referral_rate=rate, induced_demand=0.0, counterfactual_referral_rate=1.0,
                  trajectory_price=876.0)
    assert _le(referral_point(reach=hi, **common).referral_share, referral_point(reach=lo, **common).referral_share)
    assert _le(referral_point(reach=lo, **common).avoided_referrals,
               referral_point(reach=hi, **common).avoided_referrals)


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
    assert _le(a.trajectories_per_year, b.trajectories_per_year)


@given(h=st.floats(0.1, 1000), minutes=st.floats(5, 120), uplift=st.floats(0, 2), w=weeks, cts=st.floats(0.1, 50),
       share_=st.floats(0.01, 1))
def test_capacity_doubles_with_hours_and_halves_with_longer_contacts(h: float, minutes: float, uplift: float, w: float,
                                                                     cts: float, share_: float) -> None:
    args = dict(hours_per_week=h, contact_minutes=minutes, indirect_uplift=uplift, working_weeks=w,
                client_time_share=share_, mean_contacts_per_trajectory=cts, hours_per_day=8.0)
    one = capacity_point(**args)
    fields = ("client_hours_per_week", "contacts_per_week", "contacts_per_year", "trajectories_per_year",
              "new_clients_per_week")
    twice_the_hours = capacity_point(**{**args, "hours_per_week": 2 * h})
    for field in fields:
        assert math.isclose(getattr(twice_the_hours, field), 2 * getattr(one, field), rel_tol=1e-9), field
    twice_as_long = capacity_point(**{**args, "contact_minutes": 2 * minutes})
    for field in fields[1:]:
        assert math.isclose(getattr(twice_as_long, field) * 2, getattr(one, field), rel_tol=1e-9), field
    assert math.isclose(twice_as_long.contacts_per_full_day * 2, one.contacts_per_full_day, rel_tol=1e-9)
    longer_trajectories = capacity_point(**{**args, "mean_contacts_per_trajectory": 2 * cts})
    assert math.isclose(longer_trajectories.trajectories_per_year * 2, one.trajectories_per_year, rel_tol=1e-9)
    assert longer_trajectories.contacts_per_year == one.contacts_per_year
    if w <= 26:  # twice the productive weeks: twice the trajectories a year
        more_weeks = capacity_point(**{**args, "working_weeks": 2 * w})
        assert math.isclose(more_weeks.trajectories_per_year, 2 * one.trajectories_per_year, rel_tol=1e-9)
        assert more_weeks.contacts_per_week == one.contacts_per_week
    no_clients = capacity_point(**{**args, "client_time_share": 0.0})
    assert no_clients.contacts_per_week == no_clients.trajectories_per_year == 0


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
