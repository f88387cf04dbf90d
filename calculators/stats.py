"""Small statistics shared by the book (evidence across studies) and the evaluation kit."""

from __future__ import annotations

import math
from statistics import NormalDist


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a share ``successes / n``.

    Chosen over the normal (Wald) interval because it stays inside 0–1 and behaves for small
    bases and shares near 0 or 1, as in small pilots.
    """
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0 <= successes <= n:
        raise ValueError("successes must lie between 0 and n")
    if not 0 < confidence < 1:
        raise ValueError("confidence must lie between 0 and 1")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # the bounds are exactly 0 and 1 at the extremes; rounding would leave 1e-17 there
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high
