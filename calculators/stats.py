"""Small statistics shared by the book (evidence across studies) and the evaluation kit."""

from __future__ import annotations

import math
from statistics import NormalDist


def wilson_interval(successes: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a share ``successes / n``.

    ``n`` may be an effective (non-whole) sample size, as after a design effect.

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


def expected_range_normal(k: int) -> float:
    """Expected range of ``k`` independent standard-normal values (the control-chart constant d2).

    d2(k) = integral over x of 1 - Phi(x)^k - (1 - Phi(x))^k. Dividing an observed range of k values
    by d2(k) estimates their standard deviation. Closed forms: d2(2) = 2/sqrt(pi), d2(3) = 3/sqrt(pi).
    """
    if k < 2:
        raise ValueError("k must be at least 2")
    # scipy is imported here, not at module level: the book's decision pages need no scipy otherwise
    from scipy import integrate
    from scipy.stats import norm

    value, _ = integrate.quad(lambda x: 1 - norm.cdf(x) ** k - norm.sf(x) ** k, -math.inf, math.inf)
    return value


def icc_from_range(low: float, high: float, clusters: int, share: float, n: int) -> float:
    """Intra-cluster correlation of a yes/no outcome, estimated from the printed range of cluster shares.

    For when a source prints only the lowest and highest share among its ``clusters`` professionals
    and the overall ``share`` over ``n`` cases. The spread of the cluster shares is (high - low) / d2;
    part of that spread is chance alone, share x (1 - share) / m with m = n / clusters cases per
    cluster, and is subtracted; the rest is the between-cluster variance, divided by the total
    variance share x (1 - share). A range is a rough basis (two extreme professionals), so the result
    is an indication, not an estimate with known precision.
    """
    if not 0 <= low <= high <= 1:
        raise ValueError("the range must lie within 0-1, low before high")
    if not 0 < share < 1:
        raise ValueError("share must lie strictly between 0 and 1")
    if clusters < 2 or n < clusters:
        raise ValueError("need at least 2 clusters and at least one case per cluster")
    per_cluster = n / clusters
    spread_variance = ((high - low) / expected_range_normal(clusters)) ** 2
    within = share * (1 - share) / per_cluster
    between = max(0.0, spread_variance - within)
    return min(1.0, between / (share * (1 - share)))


def design_effect(per_cluster: float, icc: float) -> float:
    """Kish's design effect 1 + (m - 1) x ICC for clusters of average size m."""
    if per_cluster < 1:
        raise ValueError("a cluster holds at least one case")
    if not 0 <= icc <= 1:
        raise ValueError("icc must lie between 0 and 1")
    return 1 + (per_cluster - 1) * icc


def clustered_wilson_interval(successes: int, n: int, clusters: int, icc: float,
                              confidence: float = 0.95) -> tuple[float, float]:
    """Wilson interval widened for clustering: the share is kept, the base becomes n / design effect.

    Cases handled by one professional resemble each other, so n clustered cases carry the
    information of fewer independent ones (the effective sample size).
    """
    if clusters < 1 or clusters > n:
        raise ValueError("clusters must lie between 1 and n")
    deff = design_effect(n / clusters, icc)
    effective = n / deff
    return wilson_interval(successes / n * effective, effective, confidence)
