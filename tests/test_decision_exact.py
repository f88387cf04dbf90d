"""The decision calculators (whole cost, workload, sensitivity, annex) to the last field and word.

Written to pin what tests/test_decision_calcs.py leaves open, as found by the mutation run
(benchmarks/mutation.py, benchmarks/README.md): every field of a result, the exact Dutch message
and the field it names, the boundaries of each check. Expected values are worked out by hand.
"""

from __future__ import annotations

import pytest

from calculators import InputError, Range
from calculators.annex import content as ac
from calculators.assumptions import Assumption
from calculators.costs import costs
from calculators.costs.model import cost_items
from calculators.sensitivity import model as sm
from calculators.workload import model as wl

# ------------------------------------------------------------------------------------- whole cost


def refused(call, *args, **kwargs) -> InputError:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        call(*args, **kwargs)
    return info.value


def test_cost_items_come_from_the_table_in_order() -> None:
    items = cost_items()
    assert [i.item for i in items] == ["workspace", "supervision_intervision", "training", "his_access",
                                       "coordination", "monitoring_evaluation"]
    first = items[0]
    assert (first.label, first.basis, first.default, first.source, first.ref) == (
        "Werkplek en spreekkamer", "per_fte", None, "hillegom2021", "L2003–2004")
    assert first.note.startswith("AEF rekent de kosten per fte exclusief ruimte")
    assert [i.basis for i in items] == ["per_fte"] * 4 + ["per_year"] * 2


def test_a_sourced_default_amount_is_read_and_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # no source gives an amount today; once one does, its row carries a default and the line uses it
    from calculators import data

    rows = data.rows("cost_items")
    sourced = [{**rows[0], "default": "1500"}, *rows[1:]]
    real_rows = data.rows
    monkeypatch.setattr(data, "rows", lambda name: sourced if name == "cost_items" else real_rows(name))
    assert cost_items()[0].default == 1500
    # 2 fte x € 1,500 workspace = € 3,000, sourced: not own input
    line = costs(2).items[0]
    assert (line.amount, line.low, line.own_input, line.entered) == (1500, 3000, False, False)


def test_every_cost_line_by_hand() -> None:
    # 0.5 fte; workspace € 4,000 per fte -> € 2,000; coordination € 6,000 per year -> € 6,000; the rest 0
    r = costs(0.5, {"workspace": 4000, "coordination": 6000})
    lines = {line.item: line for line in r.items}
    ws, co, tr = lines["workspace"], lines["coordination"], lines["training"]
    assert (ws.label, ws.basis, ws.amount, ws.low, ws.high) == ("Werkplek en spreekkamer", "per_fte", 4000, 2000, 2000)
    assert (ws.own_input, ws.entered, ws.source, ws.ref) == (True, True, "hillegom2021", "L2003–2004")
    assert (co.basis, co.amount, co.low, co.high, co.entered) == ("per_year", 6000, 6000, 6000, True)
    assert (tr.amount, tr.low, tr.high, tr.own_input, tr.entered) == (0.0, 0.0, 0.0, True, False)
    assert (tr.source, tr.ref) == ("accare2019", "L2058–2068")
    # salary 0.5 x € 100,000 .. 110,000 = 50,000 .. 55,000; items 2,000 + 6,000 = 8,000
    assert (r.fte, r.cost_per_fte_low, r.cost_per_fte_high) == (0.5, 100_000, 110_000)
    assert (r.salary_low, r.salary_high, r.items_total) == (50_000, 55_000, 8000)
    assert (r.total_low, r.total_high) == (58_000, 63_000)


def test_cost_per_fte_as_a_point_or_a_range() -> None:
    # a point: low = high = 90,000; 2 fte -> 180,000
    r = costs(2, cost_per_fte=90_000)
    assert (r.cost_per_fte_low, r.cost_per_fte_high, r.total_low, r.total_high) == (90_000, 90_000, 180_000, 180_000)
    # a range 80,000 .. 120,000 at 0.25 fte -> 20,000 .. 30,000
    r = costs(0.25, cost_per_fte=Range(80_000, 120_000))
    assert (r.salary_low, r.salary_high) == (20_000, 30_000)
    # the bounds themselves are accepted: 0 fte, € 0 and € 1,000,000 per fte, € 10,000,000 for an item
    assert costs(0).total_high == 0
    assert costs(1, cost_per_fte=Range(0, 1_000_000)).total_high == 1_000_000
    assert costs(500, cost_per_fte=0).fte == 500
    assert costs(1, {"coordination": 10_000_000}, cost_per_fte=0).total_low == 10_000_000


def test_cost_refusals_name_the_field_in_dutch() -> None:
    e = refused(costs, -1)
    assert (str(e), e.field) == ("Het aantal fte mag niet negatief of oneindig zijn (-1).", "fte")
    e = refused(costs, float("inf"))
    assert (str(e), e.field) == ("Het aantal fte mag niet negatief of oneindig zijn ('inf').", "fte")
    e = refused(costs, 501)
    assert (str(e), e.field) == ("fte is onwaarschijnlijk groot (501): hoogstens 500 fte.", "fte")
    e = refused(costs, 1, cost_per_fte=-5)
    assert (str(e), e.field) == ("Kosten per fte per jaar mag niet negatief of oneindig zijn (-5).", "cost_per_fte")
    e = refused(costs, 1, cost_per_fte=Range(-5, 10))
    assert e.field == "cost_per_fte"
    e = refused(costs, 1, cost_per_fte=2_000_000)
    assert (str(e), e.field) == ("Kosten per fte per jaar is onwaarschijnlijk groot (2.000.000): hoogstens "
                                 "€ 1.000.000 per fte per jaar.", "cost_per_fte")
    e = refused(costs, 1, cost_per_fte=Range(110_000, 100_000))
    assert (str(e), e.field) == ("Kosten per fte per jaar: de ondergrens (110.000) is hoger dan de bovengrens "
                                 "(100.000).", "cost_per_fte")
    e = refused(costs, 1, {"koffie": 1})
    assert (str(e), e.field) == ("Onbekende kostenpost 'koffie': kies uit coordination, his_access, "
                                 "monitoring_evaluation, supervision_intervision, training, workspace.", "koffie")
    e = refused(costs, 1, {"workspace": -2})
    assert (str(e), e.field) == ("Werkplek en spreekkamer mag niet negatief of oneindig zijn (-2).", "workspace")
    e = refused(costs, 1, {"training": float("inf")})
    assert e.field == "training"
    e = refused(costs, 1, {"workspace": 20_000_000})
    assert (str(e), e.field) == ("Werkplek en spreekkamer is onwaarschijnlijk groot (20.000.000): hoogstens "
                                 "€ 10.000.000.", "workspace")
    e = refused(costs, 1, {"coordination": 10_000_001})
    assert e.field == "coordination"


# ------------------------------------------------------------------------------------- workload (WISN)

def test_workload_defaults_from_data_by_hand() -> None:
    # Accare's types: (0.39 x 3.5 + 0.41 x 2.1 + 0.20 x 6.0) / (0.39 + 0.41 + 0.20) = 3.426;
    # up to Rebel's self-treated mean 1229 / 244 = 5.036885 contacts
    contacts = wl.default_contacts_per_trajectory()
    assert (contacts.low, contacts.high) == (pytest.approx(3.426), pytest.approx(1229 / 244))
    # support share from the uplift u: u / (1 + u); 0.33 -> 0.248120, 0.25 -> 0.2, 0.5 -> 1/3
    assert wl.default_support_share() == pytest.approx(0.33 / 1.33)
    assert wl.default_support_share(0.25) == pytest.approx(0.2)
    assert wl.default_support_share(0.5) == pytest.approx(1 / 3)
    # hours in the basisteam (Accare Tabel 2): POH Jeugd mean 0.5, min 0.0; everyone together 1.6
    assert wl._basisteam_hours("POH Jeugd") == 0.5 and wl._basisteam_hours("Totaal") == 1.6
    assert wl.default_additional_hours_point() == pytest.approx(0.5 * 47)  # 23.5
    assert wl.default_additional_hours_point(40) == pytest.approx(20)
    extra = wl.default_additional_hours_per_year()
    assert (extra.low, extra.high) == (0, pytest.approx(1.6 * 47))  # 0 .. 75.2
    extra = wl.default_additional_hours_per_year(40)
    assert (extra.low, extra.high) == (0, pytest.approx(64))
    # available working time: hours per fte x productive weeks
    assert wl.default_available_hours_per_fte() == 38 * 47 == 1786
    assert wl.default_available_hours_per_fte(32) == 1504
    assert wl.default_available_hours_per_fte(32, 40) == 1280
    assert wl.default_available_hours_per_fte(None, 40) == 1520


def test_workload_inputs_every_field() -> None:
    inputs = wl.workload_inputs()
    assert list(inputs) == ["help_questions_per_1000", "share_via_pohj", "contacts_per_trajectory",
                            "minutes_per_contact", "support_share", "additional_hours_per_year",
                            "available_hours_per_fte"]
    expected = {  # name: (value, low, high, unit, source, key)
        "help_questions_per_1000": (40, 20, 60, "count", "aanname", "help_questions_per_1000"),
        "share_via_pohj": (0.3, 0.3, 1.0, "share", "rebel2021", "reach"),
        "contacts_per_trajectory": (3.426, 3.426, 1229 / 244, "contacts", "accare2019", "contacts_per_trajectory"),
        "minutes_per_contact": (60, 45, 60, "minutes", "rebel2021", "contact_minutes"),
        "support_share": (0.33 / 1.33, 0.2, 1 / 3, "share", "rebel2021", "support_share"),
        "additional_hours_per_year": (23.5, 0, 75.2, "hours_per_year", "accare2019", "additional_hours_per_year"),
        # 38 h x 47 weeks; 38 x 46 = 1748 .. 38 x 48 = 1824
        "available_hours_per_fte": (1786, 1748, 1824, "hours_per_year", "rebel2021", "available_hours_per_fte"),
    }
    for name, (value, low, high, unit, source, key) in expected.items():
        a = inputs[name]
        assert a.name == name
        assert (a.value, a.low, a.high) == (pytest.approx(value), pytest.approx(low), pytest.approx(high)), name
        assert (a.unit, a.source, a.key) == (unit, source, key), name
    assert inputs["share_via_pohj"].label.startswith("Bereik")
    assert inputs["available_hours_per_fte"].label == "Beschikbare werktijd per fte per jaar (AWT)"
    assert inputs["additional_hours_per_year"].ref == "L536–549 (Tabel 2)"


def test_workload_passes_every_input_through() -> None:
    # every input given (the hand case of tests/test_decision_calcs.py): 0.55 fte, 19.8 h a week, ratio 1.5152
    r = wl.workload(12_000, help_questions_per_1000=50, share_via_pohj=0.4, contacts_per_trajectory=4,
                    minutes_per_contact=45, support_share=0.2, additional_hours_per_year=90,
                    available_hours_per_fte=1800, hours_per_fte=36, current_hours=30).mid
    assert r.fte_needed == pytest.approx(0.55) and r.hours_per_week_needed == pytest.approx(19.8)
    assert r.wisn_ratio == pytest.approx(1.51515, abs=1e-5)
    # one input at a time from the Hillegom defaults (5000 youths, 0.166234 fte; tests/test_decision_calcs.py):
    # 20 per 1000 halves the client work: (102.78 x 1.33 + 23.5) / 1786 = 0.089697
    assert wl.workload(5000, help_questions_per_1000=20).mid.fte_needed == pytest.approx(0.089697, abs=1e-6)
    # reach 0.6 doubles it: (411.12 x 1.33 + 23.5) / 1786 = 570.2896 / 1786 = 0.319311
    assert wl.workload(5000, share_via_pohj=0.6).mid.fte_needed == pytest.approx(0.319311, abs=1e-6)
    # 6 contacts: 60 x 6 = 360 h; (360 x 1.33 + 23.5) / 1786 = 0.281243
    assert wl.workload(5000, contacts_per_trajectory=6).mid.fte_needed == pytest.approx(0.281243, abs=1e-6)
    # 45 minutes: 154.17 h; (154.17 x 1.33 + 23.5) / 1786 = 0.127965
    assert wl.workload(5000, minutes_per_contact=45).mid.fte_needed == pytest.approx(0.127965, abs=1e-6)
    # support 0.2: CAF 1.25; (205.56 x 1.25 + 23.5) / 1786 = 0.157027
    assert wl.workload(5000, support_share=0.2).mid.fte_needed == pytest.approx(0.157027, abs=1e-6)
    # no extra tasks: 273.3948 / 1786 = 0.153076
    assert wl.workload(5000, additional_hours_per_year=0).mid.fte_needed == pytest.approx(0.153076, abs=1e-6)
    # AWT 1500 given (it wins over the hours per fte): 296.8948 / 1500 = 0.197930
    assert wl.workload(5000, available_hours_per_fte=1500, hours_per_fte=32).mid.fte_needed == pytest.approx(
        0.197930, abs=1e-6)
    # current 14 h of 38: ratio (14 / 38) / 0.1662345 = 2.21627, difference 0.368421 - 0.166234 = 0.202187
    r = wl.workload(5000, current_hours=14).mid
    assert r.wisn_ratio == pytest.approx(2.21627, abs=1e-5)
    assert r.wisn_difference_fte == pytest.approx(0.202187, abs=1e-6)
    assert wl.workload(5000).mid.wisn_ratio is None


def test_workload_hours_per_fte_range_sets_the_working_time_per_end() -> None:
    # 32..38 h per fte: AWT 1504 .. 1786 -> fte 0.197403 at 32 h and 0.166234 at 38 h;
    # hours a week 0.197403 x 32 = 6.3169 and 0.166234 x 38 = 6.3169: the same hours, as it must be
    span = wl.workload(5000, hours_per_fte=Range(32, 38))
    fte = sorted([span.low.fte_needed, span.high.fte_needed])
    assert fte == [pytest.approx(0.166234, abs=1e-6), pytest.approx(0.197403, abs=1e-6)]
    assert span.mid.hours_per_week_needed == pytest.approx(296.8948 / 47, abs=1e-4)
    # 32..36 h: AWT 1504 .. 1692 (neither end is the data's 38 h) -> 0.197403 .. 0.175470 fte
    span = wl.workload(5000, hours_per_fte=Range(32, 36))
    fte = sorted([span.low.fte_needed, span.high.fte_needed])
    assert fte == [pytest.approx(0.175470, abs=1e-6), pytest.approx(0.197403, abs=1e-6)]


# ------------------------------------------------------------------------------------- sensitivity

def test_tornado_by_hand() -> None:
    # outcome = x + 2 y at base x = 1, y = 1 -> 3; x over 0 .. 3 -> 2 .. 5 (swing 3); y from 1.5 down to 1
    # -> 4 .. 3 (swing 1, a falling row): ordered by swing, largest first
    x = Assumption("x", "B-label", 1, 0, 3, "count", "rebel2021", "L1", "kx")
    y = Assumption("y", "A-label", 1, 1.5, 1, "count", "aanname", "", "ky")
    base, rows = sm.tornado(lambda p: p["x"] + 2 * p["y"], {"x": 1, "y": 1}, [y, x])
    assert base == 3
    assert [r.parameter for r in rows] == ["x", "y"]
    rx, ry = rows
    assert (rx.label, rx.unit, rx.source, rx.ref, rx.assumption) == ("B-label", "count", "rebel2021", "L1", False)
    assert (rx.input_base, rx.input_low, rx.input_high) == (1, 0, 3)
    assert (rx.outcome_at_low, rx.outcome_at_high, rx.low, rx.high, rx.swing) == (2, 5, 2, 5, 3)
    # y: low 1.5 -> 4, high 1 -> 3: low/high of the outcome are min/max, the swing is positive
    assert (ry.outcome_at_low, ry.outcome_at_high, ry.low, ry.high, ry.swing) == (4, 3, 3, 4, 1)
    assert ry.assumption is True
    # equal swings: the label decides (A before B)
    _, rows = sm.tornado(lambda p: p["x"] + p["y"], {"x": 0, "y": 0},
                         [Assumption("x", "B", 0, 0, 1, "count", "s", "r", "k"),
                          Assumption("y", "A", 0, 0, 1, "count", "s", "r", "k")])
    assert [r.label for r in rows] == ["A", "B"]


def test_override_keeps_the_fact_and_replaces_the_values() -> None:
    a = Assumption("share_via_pohj", "Bereik", 0.3, 0.3, 1.0, "share", "rebel2021", "L1136–1141", "reach")
    assert sm._override(a, None) is a
    point = sm._override(a, 0.5)
    assert (point.value, point.low, point.high) == (0.5, 0.5, 0.5)
    assert (point.name, point.label, point.unit, point.source, point.ref, point.key) == (
        "share_via_pohj", "Bereik", "share", "rebel2021", "L1136–1141", "reach")
    span = sm._override(a, Range(0.2, 0.6))
    assert (span.value, span.low, span.high, span.key) == (pytest.approx(0.4), 0.2, 0.6, "reach")
    assert sm._override(a, 0).value == 0 and sm._override(a, 1).value == 1  # the ends of a share are allowed
    e = refused(sm._override, a, 1.5)
    assert (str(e), e.field) == ("Bereik is een aandeel en moet tussen 0 en 1 liggen (0,3 = 30%), niet 1,5.",
                                 "share_via_pohj")
    e = refused(sm._override, a, Range(0.5, 1.2))
    assert e.field == "share_via_pohj"
    e = refused(sm._override, a, -0.1)
    assert "moet tussen 0 en 1 liggen" in str(e)
    count = Assumption("n", "Aantal", 5, 1, 9, "count", "s", "r", "k")
    e = refused(sm._override, count, -1)
    assert (str(e), e.field) == ("Aantal mag niet negatief zijn (-1).", "n")
    assert sm._override(count, 0).value == 0 and sm._override(count, 12).value == 12  # above 1 is fine for counts
    e = refused(sm._override, count, Range(5, 2))
    assert (str(e), e.field) == ("n: de ondergrens (5) is hoger dan de bovengrens (2).", "n")  # named by field
    assert sm._base([count, a]) == {"n": 5, "share_via_pohj": 0.3}


def test_break_even_assumptions_per_route() -> None:
    def table(route: str) -> list[tuple[str, float, float, float]]:
        return [(a.name, a.value, a.low, a.high) for a in sm.break_even_assumptions(route)]

    common = [("trajectory_price", 876, 876, 2994),  # B-GGZ price, up to the S-GGZ price
              ("direct_hours_per_trajectory", 6, 4, 8), ("indirect_uplift", 0.33, 0.25, 0.5),
              ("working_weeks", 47, 46, 48)]
    assert table("hours") == [("hourly_rate", 61, 49, 74), ("paid_weeks", 52, 52, 52), *common]
    assert table("full_cost") == [("cost_per_fte", 105_000, 100_000, 110_000), *common]
    assert table("annual_cost") == common
    price = sm.break_even_assumptions("annual_cost")[0]
    assert (price.key, price.source) == ("trajectory_price", "rebel2021")


def test_break_even_sensitivity_outcomes_and_refusals() -> None:
    s = sm.break_even_sensitivity(hours_per_week=32)
    assert (s.model, s.outcome, s.unit, s.extra) == ("break-even", "share_of_contracted_time", "share", {})
    assert s.outcome_label == "Benodigd effect: aandeel van de contracturen voor trajecten die een verwijzing vermijden"
    plain = sm.break_even_sensitivity(annual_cost=100_000)
    assert (plain.outcome, plain.unit) == ("trajectories_needed", "count")
    assert plain.outcome_label == "Te voorkomen trajecten per jaar"
    # € 100,000 a year with 32 contracted hours: 114.155 trajectories x 6 x 1.33 / 47 / 32 = 0.605691
    assert sm.break_even_sensitivity(annual_cost=100_000, contracted_hours=32).base == pytest.approx(0.605691,
                                                                                                    abs=1e-6)
    # the whole cost of 0.5 fte with € 5,000 a year for coordination: 52,500 + 5,000 = 57,500 / 876 = 65.639
    full = sm.break_even_sensitivity(full_cost_fte=0.5, cost_items={"coordination": 5000}, contracted_hours=16)
    # 65.639 x 6 x 1.33 / 47 / 16 = 0.696544
    assert full.base == pytest.approx(0.696544, abs=1e-6)
    cost = next(r for r in full.rows if r.parameter == "cost_per_fte")
    # € 100,000 per fte: (50,000 + 5,000) / 876 x 7.98 / 47 / 16 = 0.666260; € 110,000: 0.726829
    assert (cost.outcome_at_low, cost.outcome_at_high) == (pytest.approx(0.666260, abs=1e-6),
                                                           pytest.approx(0.726829, abs=1e-6))
    # avoided trajectories per 1000 youths at 10,000 youths: 114.155 / 10 = 11.4155
    a = sm.break_even_sensitivity(annual_cost=100_000, youths=10_000).extra["avoided_per_1000_youths"]
    assert a["base"] == pytest.approx(11.4155, abs=1e-4)
    # corners: cheapest 100,000 / 2994 / 10 = 3.34001, dearest 100,000 / 876 / 10 = 11.4155
    assert (a["low"], a["high"]) == (pytest.approx(3.34001, abs=1e-5), pytest.approx(11.4155, abs=1e-4))
    e = refused(sm.break_even_sensitivity)
    assert (str(e), e.field) == ("Geef precies één van: de jaarkosten, de uren per week of het aantal fte voor de "
                                 "integrale kosten.", "annual_cost")
    e = refused(sm.break_even_sensitivity, annual_cost=1, hours_per_week=2)
    assert e.field == "annual_cost"
    e = refused(sm.break_even_sensitivity, annual_cost=1, hourly_rate=50)
    assert (str(e), e.field) == ("Deze invoer telt niet mee bij deze manier van kosten berekenen: hourly_rate (het "
                                 "uurtarief en de betaalde weken alleen bij uren per week, de kosten per fte alleen "
                                 "bij integrale kosten).", "hourly_rate")
    e = refused(sm.break_even_sensitivity, annual_cost=1, paid_weeks=50, hourly_rate=50)
    assert e.field == "hourly_rate" and "hourly_rate, paid_weeks (" in str(e)
    assert sm.break_even_sensitivity(annual_cost=1, hourly_rate=None).base > 0  # None is not given
    e = refused(sm.break_even_sensitivity, annual_cost=1, youths=0)
    assert (str(e), e.field) == ("Het aantal jeugdigen moet groter dan nul zijn, niet 0.", "youths")
    assert refused(sm.break_even_sensitivity, annual_cost=1, youths=-3).field == "youths"


def test_break_even_joint_takes_every_corner() -> None:
    a = [Assumption("x", "x", 1, 0, 2, "count", "s", "r", "k"), Assumption("y", "y", 1, 3, 1, "count", "s", "r", "k")]

    class Out:
        def __init__(self, v: float) -> None:
            self.trajectories_needed = v

    # x - y over the corners (0,3) (0,1) (2,3) (2,1): -3, -1, -1, 1
    assert sm.break_even_joint(lambda p: Out(p["x"] - p["y"]), a) == (-3, 1)


def test_savings_sensitivity_every_row() -> None:
    s = sm.savings_sensitivity()
    assert (s.model, s.outcome, s.unit, s.base) == ("savings", "savings_total", "eur", 170_820)
    assert s.outcome_label == "Totale besparing (× deel dat anders was verwezen)"  # the registry's label
    rows = {r.parameter: r for r in s.rows}
    assert list(rows) == ["counterfactual_referral_rate", "scenario", "bggz_price", "sggz_price"]
    sc = rows["scenario"]
    # Rebel's printed totals: conservative € 170.820, optimistic € 245.091
    assert (sc.label, sc.unit, sc.source, sc.assumption) == ("Besparingsscenario (Rebel)", "text", "rebel2021", False)
    assert (sc.input_base, sc.input_low, sc.input_high) == ("conservatief", "conservatief", "optimistisch")
    assert (sc.outcome_at_low, sc.outcome_at_high, sc.low, sc.high, sc.swing) == (170_820, 245_091, 170_820,
                                                                                   245_091, 74_271)
    assert sc.ref == "L1303–1305; L1305–1306; L1306–1307; L1321–1323; L1333"
    # an optimistic base and half the youths otherwise referred: 245,091 x 0.5 = 122,545.5
    opt = sm.savings_sensitivity(scenario="optimistic", counterfactual_referral_rate=0.5)
    assert opt.base == pytest.approx(122_545.5)
    assert next(r for r in opt.rows if r.parameter == "scenario").input_base == "optimistisch"
    # a dearer B-GGZ trajectory (€ 1,000 instead of 876): the conservative total scales by 1000 / 876
    dear = sm.savings_sensitivity(bggz_price=1000)
    assert dear.base == pytest.approx(170_820 * 1000 / 876)
    assert sm.savings_sensitivity(sggz_price=Range(2000, 4000)).rows  # a range is accepted


def test_staffing_and_workload_sensitivity_every_field() -> None:
    st = sm.staffing_sensitivity(5000)
    assert (st.model, st.outcome, st.unit) == ("staffing", "annual_cost", "eur")
    assert st.outcome_label == "Jaarkosten volgens de norm (AEF-kosten per fte), midden"
    norm, cost = st.rows
    assert (norm.parameter, norm.input_base, norm.input_low, norm.input_high) == ("fte_per_10k", pytest.approx(1.1),
                                                                                  1.0, 1.2)
    # cost per fte € 100,000 .. 110,000 at the middle norm 0.55 fte: 55,000 .. 60,500
    assert (cost.parameter, cost.input_base) == ("cost_per_fte", 105_000)
    assert (cost.outcome_at_low, cost.outcome_at_high) == (pytest.approx(55_000), pytest.approx(60_500))
    assert (norm.source, norm.ref, cost.source, cost.ref) == ("hillegom2021", "L2002–2003", "hillegom2021",
                                                              "L2003–2004")
    assert sm.staffing_sensitivity(0).base == 0
    for bad in (-1, "5000"):
        e = refused(sm.staffing_sensitivity, bad)
        assert (str(e), e.field) == ("Het aantal jeugdigen mag niet negatief zijn.", "youths")
    w = sm.workload_sensitivity(5000, hours_per_fte=32)
    assert (w.model, w.outcome, w.unit) == ("workload", "fte_needed", "fte")
    assert w.outcome_label == "Formatie volgens de werklast (WISN)"
    awt = next(r for r in w.rows if r.parameter == "available_hours_per_fte")
    # 32 h x 47 weeks = 1504; 32 x 46 = 1472; 32 x 48 = 1536
    assert (awt.input_base, awt.input_low, awt.input_high) == (1504, 1472, 1536)
    assert (awt.label, awt.unit, awt.source) == ("Beschikbare werktijd per fte per jaar (AWT)", "hours_per_year",
                                                 "rebel2021")
    # a given working time wins over the hours per fte: 296.8948 / 1600 = 0.185559
    own = sm.workload_sensitivity(5000, hours_per_fte=32, available_hours_per_fte=1600)
    assert own.base == pytest.approx(0.185559, abs=1e-6)
    assert sm.workload_sensitivity(0).base == pytest.approx(23.5 / 1786)  # only the extra tasks remain
    for bad in (-1, "5000"):
        e = refused(sm.workload_sensitivity, bad)
        assert (str(e), e.field) == ("Het aantal jeugdigen mag niet negatief zijn.", "youths")
    e = refused(sm.workload_sensitivity, 5000, b=1, a=2)
    assert (str(e), e.field) == ("Onbekende invoer voor de gevoeligheidsanalyse: a, b.", None)
    assert sm.workload_sensitivity(5000, a=None).base == pytest.approx(0.166234, abs=1e-6)  # None: not given


# ------------------------------------------------------------------------------------- the annex's content

HILLEGOM_AEF = "Raadsinformatiebrief Hillegom (2021), bijlage 2 bij de brief, ‘AEF “Stelsel in de groei” (2020)’"
REBEL = "Rebel; maatschappelijke business case POH-GGZ Jeugd Holland Rijnland (2021)"


def test_source_text_and_values() -> None:
    assert ac.source_text("aanname", "L1") == "aanname (geen bron)"
    assert ac.source_text("eigen invoer", "L1") == "eigen invoer"
    assert ac.source_text("rebel2021", "") == REBEL  # no place: the document alone
    assert ac.source_text("hillegom2021", "L2002–2003") == HILLEGOM_AEF
    assert ac._value(Range(0.123, 0.456), "fte") == "0,12–0,46 fte"  # fte and shares: 2 decimals in a range
    assert ac._value(Range(0.3, 0.5), "share") == "30–50%"
    assert ac._value(Range(1234.4, 5678.6), "count") == "1.234–5.679"
    assert ac._value(0.25, "share") == "25%"
    a = Assumption("x", "Label", 40, 20, 60, "count", "aanname", "", "k")
    assert ac._assumption_row(a, None) == ("Label", "40", "aanname (geen bron)")
    assert ac._assumption_row(a, 50) == ("Label", "50", "eigen invoer")
    assert ac._assumption_row(a, Range(10, 20)) == ("Label", "10–20", "eigen invoer")


SHARE_LABEL = "Benodigd effect: aandeel van de contracturen voor trajecten die een verwijzing vermijden"


def test_staffing_annex_every_row() -> None:
    a = ac.staffing_annex(5000)
    assert (a.model, a.title) == ("staffing", "Formatie POH-Jeugd volgens de norm")
    assert a.question == ("Hoeveel formatie POH-Jeugd hoort volgens de AEF-norm bij 5.000 jeugdigen, en wat kost "
                          "die?")
    assert a.inputs == (("Aantal jeugdigen (0–17 jaar)", "5.000", "eigen invoer"),
                        ("Formatienorm (fte per 10.000 jeugdigen)", "1,0–1,2 fte per 10.000 jeugdigen", HILLEGOM_AEF),
                        ("Uren per fte", "38", HILLEGOM_AEF),
                        ("Kosten per fte per jaar", "€ 100.000 – € 110.000", HILLEGOM_AEF))
    # 0.50..0.60 fte; x 38 = 19.0..22.8 h; x € 100,000..110,000 = € 50,000..66,000; / 5000 = € 10.00..13.20
    assert a.results == (("Formatie volgens de norm", "0,50–0,60 fte"),
                         ("Uren per week volgens de norm", "19,0–22,8 uur per week"),
                         ("Jaarkosten volgens de norm (AEF-kosten per fte)", "€ 50.000 – € 66.000"),
                         ("Kosten per jeugdige per jaar", "€ 10,00 – € 13,20"))
    assert a.sensitivity is not None and a.sensitivity.model == "staffing"
    assert [c[0] for c in a.caveats] == ["Aanzuigende werking", "Stapeling", "Waterbedeffect",
                                         "Geen vergelijkingsgroep"]
    assert a.version == "2026.3"


def test_workload_annex_every_row() -> None:
    w = ac.workload_annex(5000, current_hours=14, help_questions_per_1000=Range(20, 60), minutes_per_contact=45)
    assert (w.model, w.title) == ("workload", "Formatie POH-Jeugd: de norm en de werklast (WISN)")
    assert w.question.startswith("Hoeveel formatie hoort bij 5.000 jeugdigen volgens de AEF-norm, en hoeveel "
                                 "vraagt het verwachte werk volgens de werklastmethode van de WHO (WISN)?")
    rows = {label: (value, source) for label, value, source in w.inputs}
    assert w.inputs[0] == ("Aantal jeugdigen (0–17 jaar)", "5.000", "eigen invoer")
    assert rows["Jeugdhulpvragen via de huisarts per 1000 jeugdigen per jaar"] == ("20–60", "eigen invoer")
    assert rows["Duur van een contact"] == ("45", "eigen invoer")
    assert rows["Bereik (aandeel hulpvragen via de huisarts dat bij de POH-J komt)"][0] == "30%"
    assert rows["Beschikbare werktijd per fte per jaar (AWT)"][0] == "1.786"
    assert rows["Bereik (aandeel hulpvragen via de huisarts dat bij de POH-J komt)"][1].startswith(REBEL + ", dia")
    assert len(w.inputs) == 8
    # 20..60 per 1000: 5 x 20 x 0.3 = 30 .. 90 trajectories; x 3.426 x 45/60 = 77.085 .. 231.255 h;
    # fte (77.085 x 1.33 + 23.5) / 1786 = 0.070563 .. (231.255 x 1.33 + 23.5) / 1786 = 0.185371;
    # x 38 = 2.68 .. 7.04 h; ratio 0.368421 / fte = 5.22 .. 1.99; difference 0.298 .. 0.183;
    # the norm 0.50 .. 0.60 fte
    assert w.results == (("Formatie volgens de norm", "0,50–0,60 fte"),
                         ("Formatie volgens de werklast (WISN)", "0,07–0,19 fte"),
                         ("Uren per week volgens de norm", "19,0–22,8 uur per week"),
                         ("Uren per week volgens de werklast (WISN)", "2,7–7,0 uur per week"),
                         ("Jaarkosten volgens de norm (AEF-kosten per fte)", "€ 50.000 – € 66.000"),
                         ("Trajecten per jaar", "30–90"), ("Uren cliëntcontact per jaar", "77–231"),
                         ("WISN-ratio (huidige / benodigde formatie)", "1,99–5,22"),
                         ("Verschil huidige − benodigde formatie", "0,18–0,30 fte"))
    # the tornado takes the points given (45 minutes), not the range: base (154.17 x 1.33 + 23.5) / 1786
    assert w.sensitivity is not None and w.sensitivity.base == pytest.approx(0.127965, abs=1e-6)
    # without current hours: no ratio or difference rows
    assert [r[0] for r in ac.workload_annex(5000).results] == [
        "Formatie volgens de norm", "Formatie volgens de werklast (WISN)", "Uren per week volgens de norm",
        "Uren per week volgens de werklast (WISN)", "Jaarkosten volgens de norm (AEF-kosten per fte)",
        "Trajecten per jaar", "Uren cliëntcontact per jaar"]
    # 32 hours per fte: 0.197403 fte (tests/test_decision_calcs.py) -> '0,20 fte'
    assert dict(ac.workload_annex(5000, hours_per_fte=32).results)["Formatie volgens de werklast (WISN)"] == "0,20 fte"


def test_break_even_annex_every_row() -> None:
    b = ac.break_even_annex(hours_per_week=32, youths=5000)
    assert (b.model, b.title) == ("break-even", "Terugverdienen van een POH-Jeugd: het benodigde effect")
    assert b.question == ("Hoeveel verwijzingen moet een POH-Jeugd per jaar voorkomen om haar eigen kosten terug "
                          "te verdienen, en hoe verhoudt dat zich tot wat evaluaties zagen?")
    assert [(label, value) for label, value, _ in b.inputs] == [
        ("Uren POH-J per week", "32"), ("Uurkosten POH-J (zonder indirecte tijd)", "€ 61"),
        ("Betaalde weken per jaar", "52"), ("Prijs van een vermeden traject", "€ 876"),
        ("Directe uren per vermeden traject", "6"), ("Opslag indirecte tijd", "33%"),
        ("Productieve weken per jaar", "47")]
    assert b.inputs[0][2] == "eigen invoer" and all(s.startswith(REBEL) for _, _, s in b.inputs[1:])
    # 32 x 61 x 52 = 101,504; / 876 = 115.87 -> 116 (whole trajectories); x 7.98 h / 47 = 19.67 h a week;
    # / 32 = 61.5 %; per 1000 youths 23.2 (corners 5.4 .. 28.1); observed without referral 41-45 %
    assert b.results == (("Jaarkosten POH-J", "€ 101.504"),
                         ("Basis van de jaarkosten", "uren × € 61 per uur × 52 betaalde weken"),
                         ("Te voorkomen trajecten per jaar", "116"),
                         ("Uren per week voor die trajecten", "19,7 uur per week"),
                         (SHARE_LABEL, "61,5%"),
                         ("Vermeden trajecten per 1000 jeugdigen per jaar", "23,2 (bereik 5,4–28,1)"),
                         ("Ter vergelijking: zonder verwijzing geholpen in de evaluaties (geen effect)", "41–45%"))
    # annual cost and contracted hours, a price given: 100,000 / 2994 = 33.4 -> 33; x 7.98 / 47 = 5.67 h; / 32 = 17.7 %
    c = ac.break_even_annex(annual_cost=100_000, contracted_hours=32, trajectory_price=2994)
    assert [(label, value, s) for label, value, s in c.inputs[:3]] == [
        ("Jaarkosten POH-J", "€ 100.000", "eigen invoer"), ("Contracturen per week", "32", "eigen invoer"),
        ("Prijs van een vermeden traject", "€ 2.994", "eigen invoer")]
    assert len(c.inputs) == 6  # no hourly rate or paid weeks on this route
    assert c.results == (("Jaarkosten POH-J", "€ 100.000"), ("Basis van de jaarkosten", "ingevuld"),
                         ("Te voorkomen trajecten per jaar", "33"),
                         ("Uren per week voor die trajecten", "5,7 uur per week"),
                         (SHARE_LABEL, "17,7%"),
                         ("Ter vergelijking: zonder verwijzing geholpen in de evaluaties (geen effect)", "41–45%"))
    assert c.sensitivity is not None and c.sensitivity.base == pytest.approx(33.400134 * 7.98 / 47 / 32, abs=1e-6)
    # no contracted hours: no share row
    assert [r[0] for r in ac.break_even_annex(annual_cost=100_000).results] == [
        "Jaarkosten POH-J", "Basis van de jaarkosten", "Te voorkomen trajecten per jaar",
        "Uren per week voor die trajecten",
        "Ter vergelijking: zonder verwijzing geholpen in de evaluaties (geen effect)"]
