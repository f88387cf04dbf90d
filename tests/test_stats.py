"""Wilson intervals against hand computations."""

from __future__ import annotations

import math

import pytest

from calculators.stats import (
    clustered_wilson_interval,
    design_effect,
    expected_range_normal,
    icc_from_range,
    wilson_interval,
)


def test_wilson_hand_computed() -> None:
    # 45 of 100, z = 1.959964 (95 %): z² = 3.841459
    # denominator = 1 + 3.841459/100 = 1.03841459
    # centre = (0.45 + 3.841459/200) / 1.03841459 = 0.46920729 / 1.03841459 = 0.451849
    # half = 1.959964 * sqrt(0.45*0.55/100 + 3.841459/40000) / 1.03841459
    #      = 1.959964 * sqrt(0.002475 + 0.00009604) / 1.03841459 = 1.959964 * 0.0507055 / 1.03841459 = 0.095704
    low, high = wilson_interval(45, 100)
    assert low == pytest.approx(0.356145, abs=1e-5)
    assert high == pytest.approx(0.547553, abs=1e-5)


def test_wilson_extremes_stay_inside_zero_one() -> None:
    # 0 of 10: low = 0; high = z²/n / (1 + z²/n) = 0.3841459 / 1.3841459 = 0.277533
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.277533, abs=1e-5)
    low, high = wilson_interval(10, 10)
    assert high == 1.0 and low == pytest.approx(1 - 0.277533, abs=1e-5)


def test_wilson_narrows_with_larger_base() -> None:
    small = wilson_interval(5, 10)
    large = wilson_interval(500, 1000)
    assert large[1] - large[0] < (small[1] - small[0]) / 5
    assert math.isclose(sum(large) / 2, 0.5)


@pytest.mark.parametrize("args", [(1, 0), (-1, 10), (11, 10), (5, 10, 1.0)])
def test_wilson_rejects_impossible_input(args: tuple) -> None:
    with pytest.raises(ValueError):
        wilson_interval(*args)


def test_expected_range_has_its_closed_forms_and_the_table_value() -> None:
    # d2(2) = 2/sqrt(pi) = 1.1283792, d2(3) = 3/sqrt(pi) = 1.6925688 (closed forms);
    # d2(11) = 3.173 in the published control-chart tables
    assert expected_range_normal(2) == pytest.approx(1.1283792, abs=1e-6)
    assert expected_range_normal(3) == pytest.approx(1.6925688, abs=1e-6)
    assert expected_range_normal(11) == pytest.approx(3.173, abs=5e-4)


def test_icc_from_range_by_hand() -> None:
    # range 0.30-0.70 over 2 clusters: sd = 0.40 / (2/sqrt(pi)), variance = 0.16 x pi/4 = 0.04 pi = 0.1256637
    # chance within a cluster of m = 100/2 = 50 at share 0.5: 0.25/50 = 0.005
    # icc = (0.1256637 - 0.005) / 0.25 = 0.16 pi - 0.02 = 0.4826548
    assert icc_from_range(0.30, 0.70, 2, 0.5, 100) == pytest.approx(0.4826548, abs=1e-6)
    # a spread smaller than chance alone gives no between-cluster variance
    assert icc_from_range(0.49, 0.51, 2, 0.5, 100) == 0.0


def test_icc_from_rebels_printed_spread_by_hand() -> None:
    # Rebel: 11 POH-J's, self-treated 13 % to 84 %, 42 % of 755 cases (S1 L693-697)
    # sd = 0.71 / 3.172873 = 0.2237720, variance 0.0500739; m = 755/11 = 68.63636
    # chance: 0.42 x 0.58 / 68.63636 = 0.2436 / 68.63636 = 0.0035491
    # icc = (0.0500739 - 0.0035491) / 0.2436 = 0.0465248 / 0.2436 = 0.190989
    assert icc_from_range(0.13, 0.84, 11, 0.42, 755) == pytest.approx(0.190989, abs=1e-5)


def test_design_effect_by_hand() -> None:
    assert design_effect(40, 0.1) == pytest.approx(4.9)   # 1 + 39 x 0.1
    assert design_effect(1, 0.5) == 1.0                    # clusters of one case: no effect
    assert design_effect(25, 0.0) == 1.0                   # no correlation: no effect


def test_clustered_wilson_by_hand() -> None:
    # 45 of 100 in 10 clusters (m = 10), icc = 1/9: deff = 1 + 9/9 = 2, effective n = 50, 22.5 'successes'
    # denominator = 1 + 3.841459/50 = 1.0768292; centre = (0.45 + 0.0384146) / 1.0768292 = 0.4535683
    # half = 1.959964 x sqrt(0.2475/50 + 3.841459/10000) / 1.0768292
    #      = 1.959964 x sqrt(0.0053341) / 1.0768292 = 1.959964 x 0.0730352 / 1.0768292 = 0.1329326
    low, high = clustered_wilson_interval(45, 100, 10, 1 / 9)
    assert low == pytest.approx(0.3206357, abs=1e-5)
    assert high == pytest.approx(0.5865009, abs=1e-5)
    # without correlation it is the plain Wilson interval
    assert clustered_wilson_interval(45, 100, 10, 0.0) == pytest.approx(wilson_interval(45, 100))


@pytest.mark.parametrize("call", [
    lambda: expected_range_normal(1),
    lambda: icc_from_range(0.8, 0.2, 11, 0.4, 100),
    lambda: icc_from_range(0.1, 0.9, 1, 0.4, 100),
    lambda: icc_from_range(0.1, 0.9, 11, 1.0, 100),
    lambda: design_effect(0.5, 0.1),
    lambda: design_effect(10, 1.5),
    lambda: clustered_wilson_interval(5, 10, 11, 0.1),
])
def test_clustering_rejects_impossible_input(call) -> None:
    with pytest.raises(ValueError):
        call()
