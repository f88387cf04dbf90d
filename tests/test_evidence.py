"""The evaluations side by side: shares, bases and Wilson intervals against the printed figures
and hand computations."""

from __future__ import annotations

import pytest

from calculators import data
from calculators.evidence import DESIGNS, clustering, evaluations, independent, locator


def by_study() -> dict:
    return {e.study: e for e in evaluations()}


def test_at_least_six_studies_have_a_share_and_a_base() -> None:
    with_interval = [e for e in evaluations() if e.interval is not None]
    assert len(with_interval) >= 6, [e.study for e in with_interval]


def test_printed_figures_arrive_unchanged() -> None:
    e = by_study()
    # Den Haag: '56 procent van de 343 afgesloten trajecten' (denhaag excerpt L14)
    assert (e["denhaag2021"].share, e["denhaag2021"].base) == (0.56, 343)
    # Kenniscentrum KJP: 1.976 trajectories, 'vijfenveertig procent' no referral (L12)
    assert (e["kjpverwijzingen"].share, e["kjpverwijzingen"].base) == (0.45, 1976)
    # Accare prints the count itself: 817 of 2012 closed trajectories (S2 L735-737)
    assert (e["accare2019"].count, e["accare2019"].base, e["accare2019"].derived_count) == (817, 2012, False)


def test_derived_counts_are_share_times_base_rounded() -> None:
    e = by_study()
    assert e["denhaag2021"].count == 192      # 0.56 x 343 = 192.08
    assert e["kjpverwijzingen"].count == 889  # 0.45 x 1976 = 889.2
    assert e["tilburg"].count == 47           # 0.40 x 118 = 47.2
    assert all(x.derived_count for x in (e["denhaag2021"], e["kjpverwijzingen"], e["tilburg"]))


def test_wilson_interval_den_haag_by_hand() -> None:
    # 192 of 343, z = 1.959964, z² = 3.841459
    # denominator = 1 + 3.841459/343 = 1.0111996
    # centre = (0.5597668 + 3.841459/686) / 1.0111996 = 0.5653665 / 1.0111996 = 0.5591047
    # half = 1.959964 * sqrt(0.5597668*0.4402332/343 + 3.841459/(4*343²)) / 1.0111996
    #      = 1.959964 * sqrt(0.00071845 + 0.00000816) / 1.0111996 = 1.959964 * 0.0269557 / 1.0111996 = 0.0522459
    low, high = by_study()["denhaag2021"].interval
    assert low == pytest.approx(0.5068588, abs=1e-4)
    assert high == pytest.approx(0.6113506, abs=1e-4)


def test_studies_without_a_base_get_no_interval() -> None:
    e = by_study()
    for study in ("njiojg", "oostgelre2021", "njihaarlem", "rotterdam", "nivel_2015", "aef2020"):
        assert e[study].has_share and e[study].interval is None, study


def test_the_cpb_panel_has_no_share_and_counts_municipalities_not_youths() -> None:
    cpb = by_study()["cpb2020"]
    assert cpb.design == "panel" and cpb.share is None and cpb.interval is None
    assert data.value("cpb_municipalities_surveyed") == 221  # Stade advies L15


def test_nivel_adds_its_two_printed_categories() -> None:
    nivel = by_study()["nivel_2015"]
    assert nivel.share == pytest.approx(0.45 + 0.10) and nivel.derived_share  # S1 L1982-1984


def test_groningen_shares_do_not_add_up_and_the_book_says_so() -> None:
    keys = ("njiojg_no_referral", "njiojg_sggz", "njiojg_wijkteam", "njiojg_lvb_youth_care", "njiojg_bggz",
            "njiojg_free_access")
    assert sum(data.value(k) for k in keys) == pytest.approx(0.97)
    assert any(r["id"] == "njiojg_sum" for r in data.rows("source_flags_external"))


def test_kjp_destinations_add_up() -> None:
    assert sum(data.value(k) for k in ("kjpverw_sggz", "kjpverw_bggz", "kjpverw_other", "kjpverw_no_referral")) \
        == pytest.approx(1.0)


def test_every_design_is_known_and_described() -> None:
    assert {e.design for e in evaluations()} <= set(DESIGNS)


def test_locator_drops_the_audit_line() -> None:
    assert locator("§ Resultaten, punt 1; L22") == "Resultaten, punt 1"
    assert locator("L693–695") == "L693–695"


def test_registrations_get_an_interval_widened_for_professionals() -> None:
    # D7: trajectories are clustered within professionals; Rebel prints 13-84 % between its 11 POH-J's
    c = {x.study: x for x in clustering()}
    assert set(c) == {"accare2019", "kjpverwijzingen", "rebel_holland_rijnland"}
    # icc from Rebel's spread, by hand in tests/test_stats.py: 0.190989, used for all three (an assumption)
    assert all(x.icc == pytest.approx(0.190989, abs=1e-5) for x in c.values())
    # Rebel: m = 755/11 = 68.63636, deff = 1 + 67.63636 x 0.190989 = 13.91775, effective n = 54.2473
    # 317/755 = 0.4198675; z²/n = 0.0708140, denominator 1.0708140, centre = (0.4198675 + 0.0354070)/1.070814
    #   = 0.4251666; half = 1.959964 x sqrt(0.4198675 x 0.5801325 / 54.2473 + 3.841459/(4 x 54.2473²))
    #   / 1.070814 = 1.959964 x sqrt(0.0044902 + 0.0003264) / 1.070814 = 0.1270293
    r = c["rebel_holland_rijnland"]
    assert (r.professionals, r.design_effect) == (11, pytest.approx(13.91775, abs=1e-3))
    assert r.effective_base == pytest.approx(54.2473, abs=1e-2)
    assert r.widened == pytest.approx((0.2981373, 0.5521959), abs=1e-4)
    # Accare: 51 professionals, m = 2012/51 = 39.45098, deff = 1 + 38.45098 x 0.190989 = 8.34371
    a = c["accare2019"]
    assert a.design_effect == pytest.approx(8.34371, abs=1e-3)
    assert a.effective_base == pytest.approx(2012 / 8.34371, abs=1e-2)
    # every widened interval holds the plain one and is at least twice as wide
    for x in c.values():
        assert x.widened[0] < x.interval[0] and x.widened[1] > x.interval[1], x.study
        assert x.widened[1] - x.widened[0] > 2 * (x.interval[1] - x.interval[0]), x.study


def test_rebels_printed_spread_between_pohjs_arrives_unchanged() -> None:
    r = by_study()["rebel_holland_rijnland"]
    assert (r.spread_low, r.spread_high, r.professionals) == (0.13, 0.84, 11)  # S1 L694-697


def test_accare_and_kjp_count_once_as_independent_sources() -> None:
    # D6: the KJP study and Accare are largely the same registration (same three providers, 2016-2019)
    with_base = [e for e in evaluations() if e.interval is not None]
    studies = [e.study for e in independent(with_base)]
    assert "accare2019" in studies and "kjpverwijzingen" not in studies
    assert len(studies) == len(with_base) - 1
    # without Accare in the list, the KJP study is independent of what remains
    assert [e.study for e in independent([by_study()["kjpverwijzingen"]])] == ["kjpverwijzingen"]
