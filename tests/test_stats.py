"""Wilson intervals against hand computations."""

from __future__ import annotations

import math

import pytest

from calculators.stats import wilson_interval


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
