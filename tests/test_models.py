"""Direct tests of the models: defaults, options, edge cases, messages."""

from __future__ import annotations

import pytest

from calculators import (
    InputError,
    Range,
    break_even,
    break_even_point,
    break_even_share,
    capacity,
    custom_scenario,
    data,
    reach_what_if,
    referral,
    savings,
    staffing,
)
from calculators.bands import contacts_per_band, parse_band, published_counts
from calculators.referral import observed_inputs_2020
from calculators.savings import TrajectoryGroup, builtin_scenario, published_groups
from calculators.staffing import capacity_observations, hours_to_fte, mean_contacts, norm_youths


def test_staffing_defaults_come_from_data() -> None:
    result = staffing(10_000)
    assert (result.low.fte, result.high.fte) == data.bounds("fte_per_10k")
    assert result.mid.cost_per_youth > 0


def test_staffing_zero_youths_is_zero_everything() -> None:
    result = staffing(0)
    assert result.high.fte == result.high.annual_cost == result.high.cost_per_youth == 0


def test_hours_and_youths_conversions_are_inverse() -> None:
    hours = 19.0
    youths = norm_youths(hours, 1.0)
    assert youths == pytest.approx(5000)  # 19 h / 38 = 0.5 fte; / 1.0 per 10,000 -> 5,000 youths
    assert staffing(youths, fte_per_10k=1.0).mid.hours_per_week == pytest.approx(hours)
    assert hours_to_fte(28.5) == pytest.approx(0.75)  # 28.5 / 38


def test_break_even_needs_cost_or_hours() -> None:
    with pytest.raises(InputError) as info:
        break_even_point()
    assert info.value.message == "Geef de jaarkosten of het aantal uren per week op."
    assert info.value.field == "annual_cost"


def test_break_even_without_contract_has_no_share() -> None:
    result = break_even_point(annual_cost=50_000)
    assert result.share_of_contracted_time is None and result.remaining_hours_per_week is None
    assert result.feasible is None


def test_break_even_zero_contract_is_rejected_in_dutch() -> None:
    with pytest.raises(InputError) as info:
        break_even_point(annual_cost=50_000, contracted_hours=0)
    assert info.value.message == "Contracturen per week moeten groter dan nul zijn om een aandeel te berekenen."
    assert info.value.field == "contracted_hours"


def test_break_even_infeasible_when_hours_exceed_contract() -> None:
    result = break_even_point(annual_cost=100_000, contracted_hours=10)
    assert result.feasible is False and result.remaining_hours_per_week < 0


def test_break_even_share_is_independent_of_size() -> None:
    small = break_even_point(hours_per_week=4).share_of_contracted_time
    large = break_even_point(hours_per_week=32).share_of_contracted_time
    # by hand: 52 * 61 * 6 * 1.33 / (47 * 876) = 25312.56 / 41172 = 0.6148, whatever the hours
    assert small == pytest.approx(0.6148, abs=1e-4)
    assert large == pytest.approx(0.6148, abs=1e-4)
    lo, hi = data.bounds("break_even_share_rule")
    assert lo <= break_even_share() <= hi  # Rebel's 'zo'n 2/3e' rule of thumb


def test_break_even_over_a_rate_range_is_a_range() -> None:
    result = break_even(hours_per_week=32, hourly_rate=Range.of("hourly_rate"))
    assert result.low.trajectories_needed < result.mid.trajectories_needed < result.high.trajectories_needed
    assert result.low.remaining_hours_per_week < result.high.remaining_hours_per_week
    assert not result.is_point


def test_break_even_with_s_ggz_price_needs_fewer_trajectories() -> None:
    b = break_even_point(annual_cost=100_000, trajectory_price=data.value("bggz_price"))
    s = break_even_point(annual_cost=100_000, trajectory_price=data.value("sggz_price"))
    assert s.trajectories_needed < b.trajectories_needed


def test_savings_defaults_reproduce_the_conservative_total() -> None:
    printed = next(r for r in data.rows("published_savings")
                   if r["scenario"] == "conservative" and r["row"] == "Totaal")
    assert savings().mid.savings_total == data.number(printed, "savings_bggz")


def test_savings_time_cost_is_reported_not_subtracted() -> None:
    result = savings(published_groups(), scenario="optimistic").mid
    assert result.savings_total == result.savings_bggz + result.savings_sggz
    assert result.pohj_time_cost > 0


def test_savings_with_aef_price_range_is_a_range() -> None:
    result = savings(scenario="optimistic", sggz_price=Range.of("aef_trajectory_price"))
    assert result.low.savings_sggz < result.high.savings_sggz
    assert result.low.savings_bggz == result.high.savings_bggz


def test_savings_accepts_dutch_scenario_names() -> None:
    assert builtin_scenario("optimistisch").name == "optimistic"
    assert builtin_scenario(" Conservatief ").name == "conservative"
    assert builtin_scenario("OPTIMISTIC").label == "optimistisch"
    with pytest.raises(InputError) as info:
        builtin_scenario("gemiddeld")
    assert info.value.message == ("Onbekend scenario 'gemiddeld': kies uit conservative (conservatief), "
                                  "optimistic (optimistisch), none (geen meetbaar effect) of geef eigen aandelen op.")
    assert info.value.field == "scenario"


def test_custom_scenario_rules() -> None:
    scen = custom_scenario({"2–5": 0.5}, {"6-10": 0.5})
    result = savings({"2-5": 10, "6-10": 10}, scenario=scen).mid
    assert result.avoided_bggz == 5 and result.avoided_sggz == 5
    with pytest.raises(InputError, match="meer dan 1"):
        custom_scenario({"6-10": 0.8}, {"6-10": 0.3})
    with pytest.raises(InputError, match="tussen 0 en 1"):
        custom_scenario({"1": 1.5})


def test_unknown_band_and_negative_count_are_rejected() -> None:
    with pytest.raises(InputError, match="Onbekende band"):
        parse_band("3-4")
    with pytest.raises(InputError, match="negatief"):
        savings([TrajectoryGroup(band="1", count=-1)])
    with pytest.raises(InputError, match="negatief"):
        savings([TrajectoryGroup(band="1", count=1, contacts=-2)])


def test_band_helpers() -> None:
    assert set(contacts_per_band()) == set(published_counts())
    assert sum(published_counts().values()) == sum(g.count for g in published_groups())


def test_capacity_full_day_matches_six_clients() -> None:
    result = capacity(8).mid
    assert round(result.contacts_per_full_day) == data.value("clients_per_day_full")


def test_capacity_rejects_empty_distribution() -> None:
    with pytest.raises(InputError) as info:
        mean_contacts({"1": 0})
    assert info.value.message == "Vul voor minstens één band een aantal trajecten in."
    assert info.value.field == "trajectories"
    with pytest.raises(InputError) as info:
        mean_contacts({"1": -1, "2-5": 5})
    assert info.value.message == "Aantallen per band mogen niet negatief zijn."
    assert info.value.field == "trajectories"
    assert mean_contacts({"1": 0.5}) == 1  # half a trajectory is still a distribution


def test_capacity_with_explicit_mean_and_ranges() -> None:
    result = capacity(Range(8, 16), mean_contacts_per_trajectory=3.4)
    assert result.low.trajectories_per_year < result.high.trajectories_per_year


def test_capacity_observations_sit_beside_the_model() -> None:
    rows = capacity_observations()
    assert {r.study for r in rows} == {r["study"] for r in data.rows("capacity_observations")}
    rotterdam = next(r for r in rows if r.study == "rotterdam")
    assert (rotterdam.source, rotterdam.ref) == ("rotterdam2021", "L128–131") and rotterdam.note
    # Rotterdam (000 L128–131): 7.6 h, about 4 new clients a week. Model: 7.6 / 1.33 * 47 / (1229/244) / 52
    # = 5.714286 * 47 / 5.036885 / 52 = 1.025403 new clients a week; ratio 4 / 1.025403 = 3.900907
    assert rotterdam.hours_per_week == 7.6 and rotterdam.observed_new_clients_per_week == 4
    assert rotterdam.modelled_new_clients_per_week == pytest.approx(1.025403, abs=1e-6)
    assert rotterdam.ratio == pytest.approx(3.900907, abs=1e-6)


def test_referral_reproduces_2020_and_compares_with_2018() -> None:
    result = referral(**observed_inputs_2020()).mid
    assert result.change_vs_baseline == pytest.approx(-6)  # 1,412 in 2020 against 1,418 in 2018 (001 L577, L1085)
    assert result.avoided_referrals == pytest.approx(327)  # the 327 helped without referral (001 L1097)


def test_induced_demand_can_make_avoided_referrals_negative() -> None:
    result = referral(induced_demand=1.0).mid
    assert result.avoided_referrals < 0


def test_reach_what_if_costs_hours() -> None:
    result = reach_what_if(0.7).mid
    assert result.extra_to_pohj > 0 and result.extra_pohj_hours_per_week > 0
    assert result.extra_avoided_cost == pytest.approx(result.extra_avoided_referrals * data.value("bggz_price"))


def test_reach_what_if_with_explicit_start() -> None:
    same = reach_what_if(0.5, reach_from=0.5).mid
    assert same.extra_to_pohj == 0 and same.extra_pohj_cost == 0


def test_range_with_low_above_high_is_rejected() -> None:
    with pytest.raises(InputError) as info:
        staffing(100, cost_per_fte=Range(2.5, 1))
    assert info.value.message == "Kosten per fte per jaar: de ondergrens (2,5) is hoger dan de bovengrens (1)."
    assert info.value.field == "cost_per_fte"


def test_a_ranged_price_gives_ranged_lines_by_hand() -> None:
    # 10 trajectories of 6–10 contacts, optimistic: 30 % avoid S-GGZ -> 3 * € 1,000 = 3,000 up to 3 * € 2,000 = 6,000
    result = savings({"6-10": 10}, scenario="optimistic", sggz_price=Range(1000, 2000))
    line_low, line_high = result.low.lines[2], result.high.lines[2]
    assert (line_low.band, line_low.savings_sggz, line_high.savings_sggz) == ("6-10", 3000, 6000)
    assert line_low.label == line_high.label == "6–10 contacten"


def test_combining_corners_keeps_text_and_uneven_tuples_as_they_are() -> None:
    from calculators.ranges import _combine

    assert _combine([(1, 5), (3, 2)], min) == (1, 2)
    assert _combine([(1, 5), (3,)], min) == (1, 5)  # not the same shape at every corner: the first as it is
    assert _combine([("a", 1), ("b", 0)], max) == ("a", 1)
    assert _combine([True, False], min) is False and _combine([True, False], max) is True
    assert _combine([None, None], max) is None


def test_capacity_observation_without_figures_counts_as_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    row = {"study": "leeg", "hours_per_week": "", "new_clients_per_week": "", "source": "s", "ref": "r", "note": "n"}
    real = data.rows
    monkeypatch.setattr(data, "rows", lambda name: [row] if name == "capacity_observations" else real(name))
    (obs,) = capacity_observations()
    assert (obs.hours_per_week, obs.observed_new_clients_per_week, obs.modelled_new_clients_per_week) == (0, 0, 0)
    assert obs.ratio == 0  # no model figure to compare with: no ratio, not a division by zero


def test_custom_scenario_messages_fields_and_defaults() -> None:
    scen = custom_scenario({"2-5": 0.5, "6-10": 0.5}, {"6-10": 0.5})  # 0.5 + 0.5 = 1: allowed
    assert (scen.name, scen.label) == ("custom", "eigen scenario")
    assert custom_scenario({}, label="Katwijk").label == "Katwijk"
    with pytest.raises(InputError) as info:
        custom_scenario({"1": 1.5})
    assert info.value.message == "Aandeel vermeden B-GGZ voor band 1 moet tussen 0 en 1 liggen, niet 1,5."
    assert info.value.field == "scenario"
    with pytest.raises(InputError) as info:
        custom_scenario({}, {">10": -0.25})
    assert info.value.message == "Aandeel vermeden S-GGZ voor band >10 moet tussen 0 en 1 liggen, niet -0,25."
    with pytest.raises(InputError) as info:
        custom_scenario({"6-10": 0.8}, {"6-10": 0.3})
    assert info.value.message == ("In band 6-10 tellen de aandelen B-GGZ en S-GGZ op tot meer dan 1: één traject kan "
                                  "maar één vervolgtraject vermijden.")
    assert info.value.field == "scenario"


def test_savings_messages_and_zero_contacts() -> None:
    with pytest.raises(InputError) as info:
        savings([TrajectoryGroup(band="2–5", count=-3)])
    assert info.value.message == "Het aantal trajecten in band 2-5 mag niet negatief zijn (-3)."
    assert info.value.field == "trajectories"
    with pytest.raises(InputError) as info:
        savings([TrajectoryGroup(band="1", count=1, contacts=-2)])
    assert info.value.message == "Het aantal contacten in band 1 mag niet negatief zijn."
    assert info.value.field == "trajectories"
    # no contacts, or half a contact, is allowed: it costs nothing, or half an hour at € 81.13 = € 40.565
    free = savings([TrajectoryGroup(band="1", count=1, contacts=0), TrajectoryGroup(band="1", count=1, contacts=0.5)])
    assert free.mid.pohj_time_cost == pytest.approx(40.565)
    assert savings(scenario="optimistic").mid.scenario == "optimistic"


def test_a_scenario_without_some_bands_avoids_nothing_there() -> None:
    from calculators.savings import Scenario

    scen = Scenario(name="x", label="x", bggz_share={"2-5": 1.0}, sggz_share={})
    result = savings({"1": 10, "2-5": 10, "6-10": 10}, scenario=scen, bggz_price=100, sggz_price=1000).mid
    assert (result.avoided_bggz, result.avoided_sggz, result.savings_total) == (10, 0, 1000)


def test_pilot_without_hours_counts_as_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators.savings import pilot_hours_2020

    rows = [{"hours_per_week": "10"}, {"hours_per_week": ""}]
    real = data.rows
    monkeypatch.setattr(data, "rows", lambda name: rows if name == "pilots_holland_rijnland" else real(name))
    assert pilot_hours_2020() == 10


def test_flows_without_a_count_read_as_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators.referral import baseline_2018, observed_2020

    rows = [{"year": "2020", "flow": "gp_referrals", "count": "5"}, {"year": "2020", "flow": "to_pohj", "count": ""},
            {"year": "2018", "flow": "to_pohj", "count": "7"}, {"year": "2018", "flow": "gp_referrals", "count": ""}]
    real = data.rows
    monkeypatch.setattr(data, "rows", lambda name: rows if name == "referral_flows" else real(name))
    assert observed_2020() == {"gp_referrals": 5, "to_pohj": 0}
    assert baseline_2018() == 0  # the 2018 GP row, not the first 2018 row or the first GP row


def test_published_group_without_a_count_reads_as_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"scenario": "conservative", "band": "1", "count": "", "contacts": "1", "row": "1 contact"},
            {"scenario": "optimistic", "band": "1", "count": "9", "contacts": "1", "row": "1 contact"}]
    real = data.rows
    monkeypatch.setattr(data, "rows", lambda name: rows if name == "published_savings" else real(name))
    assert [(g.band, g.count) for g in published_groups()] == [("1", 0)]
    assert published_counts() == {"1": 0, "2-5": 0, "6-10": 0, ">10": 0}
