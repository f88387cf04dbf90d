"""Expected values that do not come from the code under test.

Every assertion here compares real output with a literal: either a figure the
sources print (document and line in the comment) or a hand computation written
out next to it (inputs, arithmetic step by step, result). A wrong formula, a
wrong default or a wrong week count makes these tests fail; none of them calls
the function under test to compute its own expectation.

Defaults used below, all from data/parameters.csv: 38 h per fte; € 61 per hour;
33 % indirect time; 52 paid and 47 productive weeks; B-GGZ € 876, S-GGZ € 2,994;
6 direct hours per avoided trajectory; 60-minute contacts; 8-hour days; contacts
per band 1, 4, 8 and 12 (>10, assumed).
"""

from __future__ import annotations

import pytest

from calculators import (
    InputError,
    Range,
    break_even,
    break_even_point,
    break_even_share,
    capacity,
    capacity_point,
    reach_what_if,
    referral,
    referral_point,
    savings,
    staffing,
    staffing_point,
    summaries,
)
from calculators import formatting as fmt
from calculators.bands import contacts_per_band, normalise, parse_band, published_counts
from calculators.break_even import trajectory_share_needed
from calculators.parsing import parse_band_map, parse_number, parse_value
from calculators.referral import (
    baseline_2018,
    default_hours_per_trajectory,
    observed_2020,
    observed_inputs_2020,
    reach_what_if_point,
    self_helped_hours_per_trajectory,
)
from calculators.savings import (
    TrajectoryGroup,
    cost_coverage,
    custom_scenario,
    default_hourly_cost,
    estimated_counts,
    groups_from_counts,
    pilot_costs,
    pilot_hours_2020,
    savings_point,
)
from calculators.staffing import fte_per_10k_for, hours_to_fte, mean_contacts, norm_youths

approx = pytest.approx

# Holland Rijnland 2020, self-treated trajectories per band as printed in the
# conservative savings table (source 001, L1333–1337): 1 contact 49; 2–5: 95;
# 6–10: 36 + Katwijk's 64 (average 7.9 contacts, counted as 6–10) = 100; >10: none.
# Mean contacts with 1, 4, 8 per band: (49*1 + 95*4 + 100*8) / 244 = (49 + 380 + 800) / 244 = 1229 / 244
MEAN_CONTACTS_HR = 1229 / 244  # 5.036885...


# ------------------------------------------------------------------ staffing


def test_staffing_for_hillegom_by_hand() -> None:
    # Hillegom: 5,000 youths (001 L194 'bijna 5000'); AEF: 1.0–1.2 fte per 10,000, € 100–110k per fte (L2002–2004)
    # fte  = 5000 / 10000 * 1.0 = 0.5      ;  5000 / 10000 * 1.2 = 0.6
    # h/wk = 0.5 * 38 = 19.0                ;  0.6 * 38 = 22.8
    # cost = 0.5 * 100000 = 50000           ;  0.6 * 110000 = 66000
    # per youth = 50000 / 5000 = 10.00      ;  66000 / 5000 = 13.20 (digest C9: € 10.00–13.20, derived)
    s = staffing(5000)
    assert (s.low.fte, s.high.fte) == approx((0.5, 0.6))
    assert (s.low.hours_per_week, s.high.hours_per_week) == approx((19.0, 22.8))
    assert (s.low.annual_cost, s.high.annual_cost) == approx((50_000, 66_000))
    assert (s.low.cost_per_youth, s.high.cost_per_youth) == approx((10.0, 13.2))
    # with a 36-hour fte the same 0.5–0.6 fte is 18.0–21.6 hours a week
    s36 = staffing(5000, hours_per_fte=36)
    assert (s36.low.hours_per_week, s36.high.hours_per_week) == approx((18.0, 21.6))


def test_staffing_point_by_hand() -> None:
    # 23,456 youths at 0.9 fte per 10,000, 36 h per fte, € 120,000 per fte:
    # fte = 2.3456 * 0.9 = 2.11104; hours = 2.11104 * 36 = 75.99744; cost = 2.11104 * 120000 = 253324.8
    # cost per youth = 253324.8 / 23456 = 10.8 (= 0.9 / 10000 * 120000)
    r = staffing_point(youths=23_456, fte_per_10k=0.9, hours_per_fte=36, cost_per_fte=120_000)
    assert r.fte == approx(2.11104)
    assert r.hours_per_week == approx(75.99744)
    assert r.annual_cost == approx(253_324.8)
    assert r.cost_per_youth == approx(10.8)
    assert staffing_point(youths=0, fte_per_10k=1, hours_per_fte=38, cost_per_fte=1).cost_per_youth == 0


def test_hours_to_fte_and_back_by_hand() -> None:
    assert hours_to_fte(19) == approx(0.5)  # 19 / 38
    assert hours_to_fte(14) == approx(0.368421, abs=1e-6)  # 14 / 38
    assert hours_to_fte(18, 36) == approx(0.5)  # Hillegom's letter: 18 h = 0.5 fte only with a 36-h fte (digest C9)
    # 19 h at 1.0 fte per 10,000: 0.5 fte / 1.0 * 10000 = 5000 youths; at 1.2: 0.5 / 1.2 * 10000 = 4166.67
    assert norm_youths(19, 1.0) == approx(5000)
    assert norm_youths(19, 1.2) == approx(4166.6667)
    assert norm_youths(18, 1.0, 36) == approx(5000)


def test_fte_per_10k_for_by_hand() -> None:
    # Hillegom's 14 h for 5,000 youths: 14 / 38 = 0.368421 fte; / 5000 * 10000 = 0.736842 (digest C9: 0.74)
    assert fte_per_10k_for(14, 5000) == approx(0.736842, abs=1e-6)
    # 18 h with a 36-h fte for 5,000 youths: 0.5 fte / 5000 * 10000 = 1.0
    assert fte_per_10k_for(18, 5000, 36) == approx(1.0)
    # 38 h for 20,000 youths: 1 fte / 20000 * 10000 = 0.5
    assert fte_per_10k_for(38, 20_000) == approx(0.5)
    assert fte_per_10k_for(14, 0) == 0.0


# ------------------------------------------------------------------ capacity


def test_capacity_point_by_hand() -> None:
    # 13.3 h per week, 60-minute contacts + 33 % indirect -> 1.33 h per contact
    # contacts per week = 13.3 / 1.33 = 10; per year = 10 * 47 = 470
    # trajectories = 470 / 5 contacts = 94; new clients per week = 94 / 52 = 1.807692
    # a full 8-hour day: 8 / 1.33 = 6.015 contacts
    r = capacity_point(hours_per_week=13.3, contact_minutes=60, indirect_uplift=0.33, working_weeks=47,
                       client_time_share=1.0, mean_contacts_per_trajectory=5, hours_per_day=8)
    assert r.hours_per_contact == approx(1.33)
    assert r.client_hours_per_week == approx(13.3)
    assert r.contacts_per_week == approx(10)
    assert r.contacts_per_year == approx(470)
    assert r.trajectories_per_year == approx(94)
    assert r.new_clients_per_week == approx(1.807692, abs=1e-6)
    assert r.contacts_per_full_day == approx(6.015038, abs=1e-6)


def test_capacity_with_half_client_time_and_45_minute_contacts_by_hand() -> None:
    # 20 h, half for clients = 10 h; 45 min * 1.25 = 0.9375 h per contact -> 10.6667 per week
    # * 46 weeks = 490.6667 per year; / 4 contacts = 122.6667 trajectories; / 52 = 2.358974 per week
    r = capacity_point(hours_per_week=20, contact_minutes=45, indirect_uplift=0.25, working_weeks=46,
                       client_time_share=0.5, mean_contacts_per_trajectory=4, hours_per_day=7.2)
    assert r.client_hours_per_week == approx(10)
    assert r.contacts_per_week == approx(10.666667, abs=1e-6)
    assert r.trajectories_per_year == approx(122.666667, abs=1e-6)
    assert r.new_clients_per_week == approx(2.358974, abs=1e-6)
    assert r.contacts_per_full_day == approx(7.68)  # 7.2 / 0.9375


def test_capacity_defaults_for_hillegom_by_hand() -> None:
    # 14 h, defaults: 14 / 1.33 = 10.526316 contacts per week; * 47 = 494.736842 per year
    # / (1229/244) contacts per trajectory = 98.222774 trajectories; / 52 = 1.888900 new clients per week
    r = capacity(14).mid
    assert r.mean_contacts_per_trajectory == approx(MEAN_CONTACTS_HR)
    assert r.contacts_per_week == approx(10.526316, abs=1e-6)
    assert r.trajectories_per_year == approx(98.222774, abs=1e-5)
    assert r.new_clients_per_week == approx(1.888900, abs=1e-6)
    # a full day of 8 hours holds 8 / 1.33 = 6.0 contacts: the '6 cliënten per dag' of the sources
    assert round(r.contacts_per_full_day) == 6


def test_capacity_passes_every_option_on_by_hand() -> None:
    # 13.3 h, half for clients = 6.65 h; 45 min * 1.25 = 0.9375 h per contact -> 7.093333 contacts a week;
    # * 46 weeks = 326.293333; / 4 contacts = 81.573333 trajectories; / 52 = 1.568718 new clients a week
    r = capacity(13.3, contact_minutes=45, indirect_uplift=0.25, working_weeks=46, client_time_share=0.5,
                 mean_contacts_per_trajectory=4).mid
    assert r.hours_per_contact == approx(0.9375)
    assert r.contacts_per_week == approx(7.093333, abs=1e-6)
    assert r.trajectories_per_year == approx(81.573333, abs=1e-6)
    assert r.new_clients_per_week == approx(1.568718, abs=1e-6)
    # a distribution over the bands instead of a mean: only 2–5 (4 contacts) -> 494.736842 / 4 = 123.684211
    assert capacity(14, band_counts={"2–5": 10}).mid.trajectories_per_year == approx(123.684211, abs=1e-6)


def test_mean_contacts_by_hand() -> None:
    assert mean_contacts() == approx(MEAN_CONTACTS_HR)
    # 10 trajectories of 1 contact and 10 of >10 (12 contacts): (10 + 120) / 20 = 6.5
    assert mean_contacts({"1": 10, "gt10": 10}) == approx(6.5)
    # only 2–5 (4 contacts each): 4
    assert mean_contacts({"2–5": 7}) == approx(4)


# ------------------------------------------------------------------ break-even


def test_break_even_oegstgeest_printed_figures() -> None:
    # Source 001 L1380–1391: € 100,000 a year, 32 h; 114 trajectories (57 + 57), 911 h a year,
    # 19 h a week of which 15 direct and 5 indirect, hourly rate incl. indirect time € 81.
    r = break_even_point(annual_cost=100_000, contracted_hours=32)
    assert round(r.trajectories_needed) == 114
    assert round(r.trajectories_short) == round(r.trajectories_long) == 57
    assert round(r.hours_needed_per_year) == 911
    assert round(r.hours_per_week) == 19
    assert round(r.direct_hours_per_week) == 15
    assert round(r.indirect_hours_per_week) == 5
    assert round(r.hourly_cost_incl_indirect) == 81


def test_break_even_by_hand() -> None:
    # € 87,600 / € 876 = 100 trajectories (50 short, 50 long); * 6 h = 600 direct hours;
    # * 1.33 = 798 hours; / 47 = 16.978723 h a week, of which 600 / 47 = 12.765957 direct and
    # 198 / 47 = 4.212766 indirect; share of 20 contract hours = 16.978723 / 20 = 0.848936; left 3.021277
    r = break_even_point(annual_cost=87_600, contracted_hours=20)
    assert r.trajectories_needed == approx(100)
    assert (r.trajectories_short, r.trajectories_long) == approx((50, 50))
    assert r.direct_hours_per_year == approx(600)
    assert r.hours_needed_per_year == approx(798)
    assert r.hours_per_week == approx(16.978723, abs=1e-6)
    assert r.direct_hours_per_week == approx(12.765957, abs=1e-6)
    assert r.indirect_hours_per_week == approx(4.212766, abs=1e-6)
    assert r.share_of_contracted_time == approx(0.848936, abs=1e-6)
    assert r.remaining_hours_per_week == approx(3.021277, abs=1e-6)
    assert r.feasible is True
    assert r.hourly_cost_incl_indirect == approx(81.13)  # 61 * 1.33


def test_break_even_from_hours_by_hand() -> None:
    # Lisse (001 L1393–1394): 4 h * 52 weeks * € 61 = € 12,688 (printed)
    lisse = break_even_point(hours_per_week=4)
    assert lisse.annual_cost == 12_688
    assert lisse.contracted_hours == 4
    # 10 h at € 50, 50 paid weeks: 25,000; / € 2,500 = 10 trajectories; 4 direct h -> 40 h;
    # * 1.5 = 60 h; / 40 weeks = 1.5 h a week; 40 / 40 = 1.0 direct, 0.5 indirect; share 0.15; 8.5 h left
    r = break_even_point(hours_per_week=10, hourly_rate=50, paid_weeks=50, trajectory_price=2500,
                         direct_hours_per_trajectory=4, indirect_uplift=0.5, working_weeks=40, short_share=0.3)
    assert r.annual_cost == approx(25_000)
    assert r.trajectories_needed == approx(10)
    assert (r.trajectories_short, r.trajectories_long) == approx((3, 7))
    assert r.hours_needed_per_year == approx(60)
    assert r.hours_per_week == approx(1.5)
    assert (r.direct_hours_per_week, r.indirect_hours_per_week) == approx((1.0, 0.5))
    assert r.share_of_contracted_time == approx(0.15)
    assert r.remaining_hours_per_week == approx(8.5)
    assert r.hourly_cost_incl_indirect == approx(75)


def test_break_even_infeasible_by_hand() -> None:
    # € 100,000 with 10 contract hours: 19.382 h needed (Oegstgeest above) > 10 -> infeasible, 9.382 h short
    r = break_even_point(annual_cost=100_000, contracted_hours=10)
    assert r.feasible is False
    assert r.remaining_hours_per_week == approx(10 - 19.382, abs=1e-3)
    exact = break_even_point(annual_cost=87_600, contracted_hours=798 / 47)  # needs exactly its contract
    assert exact.feasible is True and exact.remaining_hours_per_week == approx(0, abs=1e-9)


def test_break_even_share_by_hand() -> None:
    # share = 52 * 61 * 6 * 1.33 / (47 * 876) = 25312.56 / 41172 = 0.614800 (digest: 0.615, 'zo'n 2/3e')
    assert break_even_share() == approx(0.614800, abs=1e-6)
    # with the S-GGZ price: 25312.56 / (47 * 2994) = 25312.56 / 140718 = 0.179881 (digest: 0.18)
    assert break_even_share(trajectory_price=2994) == approx(0.179881, abs=1e-6)
    # Hillegom's own rate € 53.50: 52 * 53.5 * 6 * 1.33 / 41172 = 22200.36 / 41172 = 0.539210 (digest: 0.54)
    assert break_even_share(hourly_rate=53.5) == approx(0.539210, abs=1e-6)
    # every option counts: 26 paid weeks * € 61 * 3 direct hours * (1 + 0) / (26 productive weeks * € 876)
    # = 4758 / 22776 = 0.208904
    assert break_even_share(paid_weeks=26, direct_hours_per_trajectory=3, indirect_uplift=0,
                            working_weeks=26) == approx(0.208904, abs=1e-6)
    # it is a share of the POH-J's own hours, so the same at 4 and at 32 hours
    assert break_even_point(hours_per_week=4).share_of_contracted_time == approx(0.614800, abs=1e-6)
    assert break_even_point(hours_per_week=32).share_of_contracted_time == approx(0.614800, abs=1e-6)


# ------------------------------------------------------------------ savings


def test_savings_printed_totals() -> None:
    # Source 001 L1338: conservative B-GGZ total € 170,820; L1351: optimistic S-GGZ total € 89,820
    assert savings().mid.savings_total == 170_820
    assert savings(scenario="optimistic").mid.savings_sggz == approx(89_820, abs=0.5)
    # optimistic 1 contact: 49 * 25 % * 876 = 10,731 (L1346); 6–10: 36 * 70 % * 876 = 22,075 (L1348)
    lines = {x.band: x for x in savings({"1": 49, "6-10": 36}, scenario="optimistic").mid.lines}
    assert lines["1"].savings_bggz == approx(10_731)
    assert round(lines["6-10"].savings_bggz) == 22_075
    assert round(lines["6-10"].savings_sggz) == 32_335  # 36 * 30 % * 2994 = 32,335.2 (L1348)


def test_savings_by_hand() -> None:
    # 10 trajectories per band, optimistic, B-GGZ € 1,000, S-GGZ € 3,000, € 100 per contact hour, 60 minutes:
    # B avoided: 10*0.25 + 10*1 + 10*0.7 + 10*0.7 = 2.5 + 10 + 7 + 7 = 26.5 -> € 26,500
    # S avoided: 10*0.3 + 10*0.3 = 6 -> € 18,000; total € 44,500
    # POH-J time: contacts 1, 4, 8, 12 -> 10 * (1 + 4 + 8 + 12) h * € 100 = € 25,000 (reported, not subtracted)
    r = savings({"1": 10, "2-5": 10, "6-10": 10, ">10": 10}, scenario="optimistic", bggz_price=1000,
                sggz_price=3000, hourly_cost_incl_indirect=100, contact_minutes=60).mid
    assert r.trajectories == 40
    assert (r.avoided_bggz, r.avoided_sggz) == approx((26.5, 6))
    assert (r.savings_bggz, r.savings_sggz, r.savings_total) == approx((26_500, 18_000, 44_500))
    assert r.pohj_time_cost == approx(25_000)
    assert r.hourly_cost_incl_indirect == 100
    line = {x.band: x for x in r.lines}[">10"]
    assert (line.contacts, line.pohj_cost_per_trajectory, line.pohj_time_cost) == approx((12, 1200, 12_000))
    assert line.label == "meer dan 10 contacten"
    # 45-minute contacts: a 4-contact trajectory costs 4 * 0.75 h * € 100 = € 300
    short = savings({"2-5": 1}, bggz_price=1000, sggz_price=3000, hourly_cost_incl_indirect=100,
                    contact_minutes=45).mid
    assert {x.band: x for x in short.lines}["2-5"].pohj_cost_per_trajectory == approx(300)


def test_custom_scenario_and_explicit_contacts_by_hand() -> None:
    # 20 trajectories of 3 contacts in band 2–5; half avoid B-GGZ (€ 876), a quarter S-GGZ (€ 2,994):
    # 10 * 876 + 5 * 2994 = 8760 + 14970 = 23,730; time 20 * 3 h * € 81.13 = € 4,867.80
    scen = custom_scenario({"2–5": 0.5}, {"2-5": 0.25})
    r = savings([TrajectoryGroup(band="2–5", count=20, contacts=3)], scenario=scen).mid
    assert r.savings_total == approx(23_730)
    assert r.pohj_time_cost == approx(4_867.8)
    assert r.lines[0].label == "2–5 contacten"
    labelled = savings([TrajectoryGroup(band="1", count=2, label="Eigen rij")]).mid
    assert labelled.lines[0].label == "Eigen rij"


def test_default_hourly_cost_by_hand() -> None:
    assert default_hourly_cost() == approx(81.13)  # 61 * 1.33 (001 L1380: '€81')
    assert default_hourly_cost(50, 0.5) == approx(75)  # 50 * 1.5


def test_estimated_counts_by_hand() -> None:
    # Pilot hours 2020 (001 L463–505): Katwijk 50 + Hillegom 14 + Lisse 4 + Teylingen 12 + Oegstgeest 32
    # + Leiden 8 + Noordwijk 10 = 130 h a week
    assert pilot_hours_2020() == 130
    # 13 h = 13/130 = a tenth of those hours -> a tenth of 49, 95, 100, 0
    assert estimated_counts(13) == approx({"1": 4.9, "2-5": 9.5, "6-10": 10.0, ">10": 0.0})
    # all 130 hours give back the printed counts exactly
    assert estimated_counts(130) == approx({"1": 49, "2-5": 95, "6-10": 100, ">10": 0})
    assert estimated_counts(0) == approx({"1": 0, "2-5": 0, "6-10": 0, ">10": 0})


def test_pilot_costs_by_hand() -> None:
    # 179,200 + 38,948 + 0 (Lisse) + 46,203 + 100,000 + 40,167 + 69,536 = 474,054 (digest: derived € 474,054)
    assert pilot_costs() == 474_054


def test_cost_coverage_by_hand() -> None:
    assert cost_coverage(43_805, 87_610) == approx(0.5)
    # the printed conservative savings over all printed pilot costs: 170,820 / 474,054 = 0.360339
    assert cost_coverage(170_820, 474_054) == approx(0.360339, abs=1e-6)
    assert cost_coverage(150_000, 100_000) == approx(1.5)
    assert cost_coverage(1_000, 0) == 0.0


def test_groups_from_counts_keeps_band_order() -> None:
    groups = groups_from_counts({"gt10": 3, "1": 1, "6–10": 2})
    assert [(g.band, g.count) for g in groups] == [("1", 1), ("2-5", 0), ("6-10", 2), (">10", 3)]


def test_savings_point_rejects_negative_contacts_in_dutch() -> None:
    with pytest.raises(InputError, match="contacten in band 2-5 mag niet negatief"):
        savings_point(groups=(TrajectoryGroup(band="2-5", count=1, contacts=-1),),
                      scenario=custom_scenario({}), bggz_price=1, sggz_price=1, hourly_cost_incl_indirect=1,
                      contact_minutes=60)


def test_trajectory_share_needed_by_hand() -> None:
    # Break-even share with the defaults: € 61 x 52 = 3,172 per weekly hour, / € 876 = 3.621005 trajectories,
    # x 6 h x 1.33 / 47 = 0.614800 of the hours. Trajectories of 6 direct hours: the same share of trajectories;
    # of 3 hours on average: the POH-J closes twice as many, so half the share, 0.307400.
    assert trajectory_share_needed(6) == approx(0.614800, abs=1e-6)
    assert trajectory_share_needed(3) == approx(0.307400, abs=1e-6)
    # chapter 10: Accare's mean of 3.426 contacts of 60 minutes: 0.614800 x 3.426 / 6 = 0.351051
    assert trajectory_share_needed(3.426) == approx(0.351051, abs=1e-6)
    # explicit inputs pass through: € 50 an hour, 4 direct hours per avoided trajectory, no indirect time, 52 weeks:
    # 50 x 52 / 876 = 2.968037 trajectories x 4 h / 52 = 0.228311 of the hours; 2-hour trajectories: 0.114155
    assert trajectory_share_needed(2, hourly_rate=50, direct_hours_per_trajectory=4, indirect_uplift=0,
                                   working_weeks=52) == approx(0.114155, abs=1e-6)
    with pytest.raises(InputError, match="groter dan nul"):
        trajectory_share_needed(0)


# ------------------------------------------------------------------ referral


def test_referral_flows_by_hand() -> None:
    # 1,000 questions, reach 30 %, POH-J refers 40 %, induced demand 10 %, counterfactual 50 %, € 876:
    # to POH-J 300; direct 700; via POH-J 120; total 820; helped without referral 180; share 0.82
    # induced 30, so 270 youths the POH-J saw would also have come without it. Without POH-J the GP refers
    # those the POH-J referred on (40 %) and half of the others (50 % of 60 %): 700 + 270 * (0.4 + 0.5 * 0.6)
    # = 700 + 189 = 889; avoided 889 - 820 = 69 (= 270 * 0.6 * 0.5 - 30 * 0.4 = 81 - 12); 69 * 876 = 60,444
    r = referral_point(help_questions=1000, reach=0.3, pohj_referral_rate=0.4, induced_demand=0.1,
                       counterfactual_referral_rate=0.5, trajectory_price=876)
    assert (r.to_pohj, r.direct_referrals, r.pohj_referrals) == approx((300, 700, 120))
    assert (r.total_referrals, r.helped_without_referral) == approx((820, 180))
    assert r.referral_share == approx(0.82)
    assert r.induced_cases == approx(30)
    assert r.referrals_without_pohj == approx(889)
    assert r.avoided_referrals == approx(69)
    assert r.avoided_cost == approx(60_444)
    assert r.baseline_referrals is None and r.change_vs_baseline is None
    assert (r.help_questions, r.reach, r.pohj_referral_rate) == (1000, 0.3, 0.4)
    # no help questions: no flows and no share (not a division by zero)
    empty = referral_point(help_questions=0, reach=0.3, pohj_referral_rate=0.4, induced_demand=0.1,
                           counterfactual_referral_rate=0.5, trajectory_price=876)
    assert (empty.total_referrals, empty.referral_share) == (0, 0)


def test_counterfactual_referral_rate_is_a_share_of_the_youths_not_referred_on_by_hand() -> None:
    # The counterfactual share applies to the 180 youths the POH-J helped without referral, not to all 300.
    # 100 %: without POH-J 700 + 120 + 180 = 1000; avoided 1000 - 820 = 180.
    # 50 %: 700 + 120 + 90 = 910; avoided 90. 0 %: 700 + 120 = 820; avoided 0 (the POH-J's own referrals
    # would have happened anyway, so they are no extra referrals).
    common = dict(help_questions=1000, reach=0.3, pohj_referral_rate=0.4, induced_demand=0.0, trajectory_price=876)
    assert referral_point(counterfactual_referral_rate=1.0, **common).avoided_referrals == approx(180)
    assert referral_point(counterfactual_referral_rate=0.5, **common).avoided_referrals == approx(90)
    assert referral_point(counterfactual_referral_rate=0.0, **common).avoided_referrals == approx(0)


def test_chapter5_exercise_half_of_the_youths_not_referred_on_by_hand() -> None:
    # Chapter 5, variant 3: 1,739 questions, reach 50 %, POH-J refers 38 %, no induced demand, counterfactual 50 %.
    # At 50 % reach: 869.5 youths at the POH-J, 869.5 * 0.62 = 539.09 not referred on, half of them avoided:
    # 269.545 (the exercise's 270; applying 50 % to all 869.5 and subtracting 330.41 gave 104).
    # Step from 30 % (521.7 youths) to 50 %: 347.8 more youths, 347.8 * 0.62 * 0.5 = 107.818 more avoided,
    # 107.818 * 876 = € 94,448.568. Hours with the self-helped mean (6.699057 h per youth, incl. indirect time):
    # 347.8 * 6.699057 / 47 = 49.573 h a week, * € 61 * 52 = € 157,245.63; balance 94,449 - 157,246 = -62,797.
    w = reach_what_if(0.5, counterfactual_referral_rate=0.5, induced_demand=0.0,
                      hours_per_trajectory=6.699057377).mid
    assert w.target.avoided_referrals == approx(269.545)
    assert w.extra_avoided_cost == approx(94_448.568)
    assert w.extra_pohj_cost == approx(157_245.63, abs=0.01)
    assert round(w.extra_avoided_cost) - round(w.extra_pohj_cost) == -62_797
    # With the mean over all trajectories (4.55658 h): 347.8 * 4.55658 / 47 = 33.719 h a week,
    # * 61 * 52 = € 106,955.69; balance 94,449 - 106,956 = -12,507.
    d = reach_what_if(0.5, counterfactual_referral_rate=0.5, induced_demand=0.0).mid
    assert d.extra_pohj_cost == approx(106_955.69, abs=0.01)
    assert round(d.extra_avoided_cost) - round(d.extra_pohj_cost) == -12_507


def test_induced_demand_by_hand() -> None:
    # induced 20 %, counterfactual 100 %: 300 * 0.2 = 60 new cases; without POH-J 700 + 240 = 940;
    # avoided 940 - 820 = 120 (not 180): induced demand eats half the gain here
    r = referral_point(help_questions=1000, reach=0.3, pohj_referral_rate=0.4, induced_demand=0.2,
                       counterfactual_referral_rate=1.0, trajectory_price=876)
    assert r.induced_cases == approx(60)
    assert r.referrals_without_pohj == approx(940)
    assert r.avoided_referrals == approx(120)
    assert r.avoided_cost == approx(105_120)


def test_referral_defaults_by_hand() -> None:
    # 1,739 questions (001 L1100), reach 30 %, 38 % referred on (L1136–1146), counterfactual 100 %:
    # to POH-J 521.7; direct 1217.3; via POH-J 198.246; total 1415.546; share 0.814
    # helped 323.454 = avoided (counterfactual 100 %, no induced demand); * 876 = 283,345.70
    r = referral().mid
    assert r.to_pohj == approx(521.7)
    assert r.total_referrals == approx(1415.546)
    assert r.referral_share == approx(0.814)
    assert r.avoided_referrals == approx(323.454)
    assert r.avoided_cost == approx(283_345.704)
    # priced as S-GGZ trajectories: 323.454 * 2994 = 968,421.276
    assert referral(trajectory_price=2994).mid.avoided_cost == approx(968_421.276)


def test_referral_2020_printed_flows_and_2018_baseline() -> None:
    # Source 001 L1085–1125: 1,739 questions, 531 to the POH-J, 204 referred on, 327 helped without referral,
    # 1,208 direct, 1,412 referrals in all; 2018: 1,418 GP referrals (L577–579) -> 1412 - 1418 = -6
    assert observed_2020() == {"gp_referrals": 1412, "to_pohj": 531, "pohj_referrals": 204,
                               "helped_without_referral": 327, "direct_referrals": 1208, "help_questions": 1739}
    assert baseline_2018() == 1418
    inputs = observed_inputs_2020()
    assert inputs["reach"] == approx(0.305348, abs=1e-6)  # 531 / 1739
    assert inputs["pohj_referral_rate"] == approx(0.384181, abs=1e-6)  # 204 / 531
    r = referral(**inputs).mid
    assert round(r.direct_referrals) == 1208 and round(r.total_referrals) == 1412
    assert round(r.helped_without_referral) == 327
    assert r.change_vs_baseline == approx(-6)


def test_reach_what_if_point_by_hand() -> None:
    # 1,739 questions, reach 30 % -> 70 %: 0.4 * 1739 = 695.6 more youths at the POH-J
    # avoided referrals rise by 695.6 * (1 - 0.38) = 431.272, worth 431.272 * 876 = 377,794.27
    # hours: 695.6 youths * 6.65 h (5 contacts * 1 h * 1.33, indirect time included) = 4,625.74 h a year,
    # worked in 47 weeks: 4625.74 / 47 = 98.420 h a week; paid for 52 weeks at € 61:
    # 98.420 * 61 * 52 = € 312,188.28
    w = reach_what_if_point(reach_from=0.3, reach_to=0.7, help_questions=1739, pohj_referral_rate=0.38,
                            induced_demand=0.0, counterfactual_referral_rate=1.0, trajectory_price=876,
                            hours_per_trajectory=6.65, hourly_rate=61)
    assert w.extra_to_pohj == approx(695.6)
    assert w.extra_avoided_referrals == approx(431.272)
    assert w.extra_avoided_cost == approx(377_794.272)
    assert w.extra_pohj_hours_per_week == approx(98.420, abs=1e-3)
    assert w.extra_pohj_cost == approx(312_188.28, abs=0.5)
    assert (w.base.reach, w.target.reach) == (0.3, 0.7)


def test_reach_what_if_defaults_include_indirect_time_over_47_weeks() -> None:
    # Default POH-J time per youth: the mean over all of Accare's trajectories, 0.39 * 3.5 + 0.41 * 2.1
    # + 0.20 * 6.0 = 3.426 contacts, * 1 h * 1.33 = 4.55658 h (indirect time included)
    assert default_hours_per_trajectory() == approx(4.55658, abs=1e-6)
    # upper bound: the self-helped mean of Holland Rijnland, 1229/244 contacts * 1 h * 1.33 = 6.699057 h
    assert self_helped_hours_per_trajectory() == approx(6.699057, abs=1e-6)
    # 695.6 * 4.55658 / 47 = 67.437 h a week (without indirect time it would be 50.705; over 52 weeks 60.953)
    # cost 67.43738 * 61 * 52 = € 213,911
    w = reach_what_if(0.7).mid
    assert w.extra_pohj_hours_per_week == approx(67.437, abs=1e-3)
    assert w.extra_pohj_cost == approx(213_911, abs=1)
    # an explicit start reach and hours per youth: 0.5 -> 0.6 of 1,000 = 100 youths * 4.7 h / 47 = 10 h a week
    w2 = reach_what_if(0.6, reach_from=0.5, help_questions=1000, hours_per_trajectory=4.7, hourly_rate=50).mid
    assert w2.extra_pohj_hours_per_week == approx(10)
    assert w2.extra_pohj_cost == approx(26_000)  # 10 h * € 50 * 52 weeks


# ------------------------------------------------------------------ bands


@pytest.mark.parametrize(("text", "band"), [
    ("1", "1"), ("2-5", "2-5"), ("2–5", "2-5"), (" 2 - 5 ", "2-5"), ("6-10", "6-10"), ("6–10", "6-10"),
    (">10", ">10"), ("10+", ">10"), ("11+", ">10"), ("gt10", ">10"), ("> 10", ">10"),
])
def test_band_aliases(text: str, band: str) -> None:
    assert parse_band(text) == band


@pytest.mark.parametrize("text", ["0", "3-4", "10", "", "6-9", "twee"])
def test_unknown_bands_are_rejected_in_dutch(text: str) -> None:
    with pytest.raises(InputError, match="Onbekende band") as info:
        parse_band(text)
    assert info.value.message == f"Onbekende band '{text}': kies uit 1, 2-5, 6-10, >10."
    assert info.value.field == "trajectories"


def test_band_tables_by_hand() -> None:
    # contacts per band that the printed cost cells imply: 1, 4, 8 (001 L1333–1335); >10 assumed 12
    assert contacts_per_band() == {"1": 1, "2-5": 4, "6-10": 8, ">10": 12}
    assert published_counts() == {"1": 49, "2-5": 95, "6-10": 100, ">10": 0}
    assert normalise({"2–5": 3, "2-5": 4, "10+": 1}) == {"1": 0, "2-5": 7, "6-10": 0, ">10": 1}


# ------------------------------------------------------------------ parsing


@pytest.mark.parametrize(("text", "value"), [
    ("100.000", 100_000), ("1.739", 1739), ("1.000.000", 1_000_000), ("-1.000", -1000), ("25.000", 25_000),
    ("1.000,5", 1000.5), ("0,3", 0.3), ("0.3", 0.3), ("30%", 0.3), ("12,5%", 0.125), ("€ 876", 876),
    ("€\u00a0170.820", 170_820), (" 14 ", 14), ("1 739", 1739), ("1.5", 1.5), ("0.125", 0.125), ("1e3", 1000),
])
def test_parse_number_reads_dutch_input(text: str, value: float) -> None:
    assert parse_number(text, "youths") == approx(value)


@pytest.mark.parametrize(("text", "fragment"), [("", "is leeg"),
                                                ("veel", r"moet een getal zijn \(cijfers 0–9\), niet 'veel'"),
                                                ("€", "is leeg"), ("1,2,3", "moet een getal zijn")])
def test_parse_number_rejects_text_in_dutch(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment) as info:
        parse_number(text, "youths")
    assert info.value.message.startswith("Aantal jeugdigen (0–17 jaar)")
    assert info.value.field == "youths"


def test_parse_value_and_band_map_by_hand() -> None:
    assert parse_value(None, "reach") is None
    assert parse_value("30%", "reach") == approx(0.3)
    assert parse_value("49..74", "hourly_rate") == Range(49, 74)
    assert parse_value("0,3..70%", "reach") == Range(approx(0.3), approx(0.7))
    assert parse_band_map("1=49, 2–5=95,6-10=100.000,", "trajectories") == {"1": 49, "2-5": 95, "6-10": 100_000}
    for text, message in (
        ("1:49", "'1:49' is geen paar band=aantal (bijvoorbeeld 2-5=95)."),
        ("2-5=1,2–5=2", "Band 2-5 staat twee keer in '2-5=1,2–5=2'."),
        (" , ", "Geef minstens één band=aantal op, bijvoorbeeld 1=49,2-5=95."),
        # the first '=' splits band and count
        ("2-5=9=5", "Het aantal trajecten bij band 2-5 moet een getal zijn (cijfers 0–9), niet '9=5'."),
    ):
        with pytest.raises(InputError) as info:
            parse_band_map(text, "trajectories")
        assert (info.value.message, info.value.field) == (message, "trajectories")
    reach = "Bereik (aandeel hulpvragen via de huisarts dat bij de POH-J komt)"
    for text, shown in (("1..2..3", "2..3"), ("veel..0,5", "veel"), ("0,5..veel", "veel"), ("veel", "veel")):
        with pytest.raises(InputError) as info:
            parse_value(text, "reach")  # the first '..' splits low and high
        assert (info.value.message, info.value.field) == (f"{reach} moet een getal zijn (cijfers 0–9), niet '{shown}'.",
                                                          "reach")


# ------------------------------------------------------------------ formatting


FORMATS = [
    (lambda: fmt.euro(170_820), "€ 170.820"),
    (lambda: fmt.euro(81.13, 2), "€ 81,13"),
    (lambda: fmt.euro(-1_234.6), "-€ 1.235"),
    (lambda: fmt.euro(-0.4), "€ 0"),
    (lambda: fmt.fte(0.5), "0,5 fte"),
    (lambda: fmt.fte(0.6, 2), "0,60 fte"),
    (lambda: fmt.percent(0.3), "30%"),
    (lambda: fmt.percent(0.305, 1), "30,5%"),
    (lambda: fmt.percent(0.6148), "61%"),
    (lambda: fmt.number(1739), "1.739"),
    (lambda: fmt.number(1_234_567.891, 2), "1.234.567,89"),
    (lambda: fmt.number(-0.0001, 2), "0,00"),
    (lambda: fmt.hours(2.46), "2,5 uur"),
    (lambda: fmt.number(2.5), "2"),
    (lambda: fmt.number(3.5), "4"),
    (lambda: fmt.with_unit(14, "hours_per_week"), "14 uur per week"),
    (lambda: fmt.with_unit(61, "eur_per_hour"), "€ 61 per uur"),
    (lambda: fmt.with_unit(1.1, "fte_per_10k", 1), "1,1 fte per 10.000 jeugdigen"),
    (lambda: fmt.with_unit(0.38, "share"), "38%"),
    (lambda: fmt.with_unit(0.385, "share", 3), "38,5%"),
    (lambda: fmt.with_unit(7, "unknown"), "7"),
    (lambda: fmt.bare(2020, "year"), "2020"),
    (lambda: fmt.bare(876, "eur"), "€ 876"),
    (lambda: fmt.span(0.5, 0.6, "fte", 1), "0,5–0,6 fte"),
    (lambda: fmt.span(50_000, 66_000, "eur"), "€ 50.000 – € 66.000"),
    (lambda: fmt.span(50_000, 66_000, "eur_per_year"), "€ 50.000 – € 66.000 per jaar"),
    (lambda: fmt.span(0.3, 0.7, "share"), "30–70%"),
    (lambda: fmt.span(0.305, 0.7, "share", 3), "30,5–70,0%"),
    (lambda: fmt.span(19, 22.8, "hours_per_week", 1), "19,0–22,8 uur per week"),
    (lambda: fmt.span(0.501, 0.499, "fte", 1), "0,5 fte"),
    (lambda: fmt.span(1_000, 1_000.4, "count"), "1.000"),
    (lambda: fmt.auto(0.5, "fte"), "0,5"),
    (lambda: fmt.auto(19.0, "hours"), "19"),
    (lambda: fmt.auto(51.432, "eur_per_hour"), "€ 51,43"),
    (lambda: fmt.auto(61.0, "eur_per_hour"), "€ 61"),
    (lambda: fmt.auto(876.4, "eur"), "€ 876"),
    (lambda: fmt.auto(0.305, "share"), "30,5%"),
    (lambda: fmt.auto(0.3, "share"), "30%"),
    (lambda: fmt.auto(1.25, "contacts"), "1,25"),
    (lambda: fmt.auto(1.2345, "x"), "1,23"),
    (lambda: fmt.auto(1500.0, "count"), "1.500"),
    (lambda: fmt.auto(0.30049, "share"), "30%"),  # 30.049 % is 30.0 % at one decimal: no decimal shown
    (lambda: fmt.auto(61.004, "eur_per_hour"), "€ 61"),  # € 61.004 is € 61.00 to the cent: no cents shown
    (lambda: fmt.bare(81.13, "eur_per_hour", 2), "€ 81,13"),
    (lambda: fmt.euro(-0.3, 2), "-€ 0,30"),
    (lambda: fmt.span(1, 2, "unknown"), "1–2"),
]


# Called inside the test (not at collection), so that the test exercises the code as it is when it runs.
@pytest.mark.parametrize(("call", "expected"), FORMATS, ids=[f"case{i}" for i in range(len(FORMATS))])  # plain ids
def test_formatting_is_dutch(call: object, expected: str) -> None:
    assert call() == expected  # type: ignore[operator]


# ------------------------------------------------------------------ summaries


def test_staffing_and_capacity_sentences_by_hand() -> None:
    text = summaries.staffing_sentence(staffing(5000), place="Hillegom")
    for part in ("Voor Hillegom met 5.000 jeugdigen", "(1,0–1,2 fte per 10.000 jeugdigen)", "0,50–0,60 fte",
                 "19,0–22,8 uur per week", "€ 50.000 – € 66.000 per jaar", "(€ 10,00 – € 13,20 per jeugdige)"):
        assert part in text, (part, text)
    text = summaries.capacity_sentence(capacity(14))
    for part in ("Met 14,0 uur per week", "10,5 contacten", "98 trajecten", "1,9 nieuwe cliënten",
                 "gemiddeld 5,0 contacten"):
        assert part in text, (part, text)


def test_break_even_and_savings_sentences_by_hand() -> None:
    text = summaries.break_even_sentence(break_even(annual_cost=100_000, contracted_hours=32))
    # 114.155 trajectories x 6 h x 1.33 / 47 weeks = 19.38 h a week; / 32 = 0.6057: the registry's rounding (0.1 %),
    # as in the result table beside the sentence (it read '61%' when the sentence rounded on its own)
    for part in ("€ 100.000", "114 trajecten", "€ 876", "19,4 uur per week", "60,6%", "12,6 uur per week"):
        assert part in text, (part, text)
    assert "past niet" not in text and summaries.break_even_sentence(break_even(annual_cost=100_000)).endswith(
        "korte trajecten.")
    assert "past niet" in summaries.break_even_sentence(break_even(annual_cost=100_000, contracted_hours=10))
    text = summaries.savings_sentence(savings(), "conservatief")
    assert "In het conservatieve scenario voorkomen 244" in text and "€ 170.820" in text


def test_referral_and_what_if_sentences_by_hand() -> None:
    text = summaries.referral_sentence(referral(**observed_inputs_2020()))
    for part in ("Van 1.739 hulpvragen", "531 bij de POH-Jeugd (30,5%)", "1.412 naar", "81,2%", "327 jeugdigen",
                 "6 verwijzingen minder dan in het basisjaar (1.418)"):
        assert part in text, (part, text)
    more = summaries.referral_sentence(referral(help_questions=1739, reach=0.3, baseline_referrals=1000))
    assert "416 verwijzingen meer" in more  # 1415.546 - 1000
    text = summaries.what_if_sentence(reach_what_if(0.7))
    # 695.6 * 4.55658 / 47 = 67.437 h a week; 67.43738 * 61 * 52 = € 213.911
    for part in ("van 30% naar 70%", "696 jeugdigen meer", "431 verwijzingen", "67,4 uur per week", "€ 213.911"):
        assert part in text, (part, text)


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(("call", "message", "field"), [
    (lambda: referral_point(help_questions=100, reach=1.5, pohj_referral_rate=0.4, induced_demand=0,
                            counterfactual_referral_rate=1, trajectory_price=876),
     "Bereik (aandeel hulpvragen via de huisarts dat bij de POH-J komt) is een aandeel en moet tussen 0 en 1 "
     "liggen (0,3 = 30%), niet 1,5.", "reach"),
    (lambda: staffing_point(youths=-1, fte_per_10k=1, hours_per_fte=38, cost_per_fte=1),
     "Aantal jeugdigen (0–17 jaar) mag niet negatief zijn (-1).", "youths"),
    (lambda: staffing_point(youths="veel", fte_per_10k=1, hours_per_fte=38, cost_per_fte=1),
     "Aantal jeugdigen (0–17 jaar) moet een getal zijn, niet 'veel'.", "youths"),
    (lambda: break_even_point(annual_cost=1000, working_weeks=53),
     "Productieve weken per jaar mag niet groter zijn dan 52, niet 53.", "working_weeks"),
    (lambda: staffing_point(youths=1, fte_per_10k=1, hours_per_fte=0, cost_per_fte=1),
     "Uren per fte moet groter dan nul zijn, niet 0.", "hours_per_fte"),
], ids=["share", "negative", "text", "weeks", "zero"])
def test_validation_messages_are_exact_dutch(call: object, message: str, field: str) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert (info.value.message, info.value.field) == (message, field)
