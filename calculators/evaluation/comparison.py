"""The comparison design a municipality can use instead of 'share not referred': GP referrals per
1,000 youths before and after, against comparable municipalities (a difference in differences).

The numbers come from the CBS youth-care statistics by referrer (trajectories started after a GP
referral) and the CBS population counts of youths; the worked example in data/ is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..errors import InputError


@dataclass(frozen=True)
class Comparison:
    own_before: float  # GP referrals per 1,000 youths
    own_after: float
    others_before: float
    others_after: float

    @property
    def own_change(self) -> float:
        return self.own_after - self.own_before

    @property
    def others_change(self) -> float:
        return self.others_after - self.others_before

    @property
    def difference_in_differences(self) -> float:
        """The own change minus the change the comparable municipalities had anyway."""
        return self.own_change - self.others_change


def per_thousand(referrals: float, youths: float) -> float:
    if youths <= 0:
        raise InputError("Het aantal jeugdigen moet groter zijn dan 0.", field="youths")
    if referrals < 0:
        raise InputError("Het aantal verwijzingen kan niet negatief zijn.", field="gp_referrals")
    return referrals / youths * 1000


def compare(own: tuple[tuple[float, float], tuple[float, float]],
            others: tuple[tuple[float, float], tuple[float, float]]) -> Comparison:
    """``own``/``others``: ((referrals, youths) before, (referrals, youths) after)."""
    return Comparison(per_thousand(*own[0]), per_thousand(*own[1]), per_thousand(*others[0]), per_thousand(*others[1]))


def example() -> tuple[Comparison, list[dict[str, str]]]:
    """The fictional worked example of data/tables/evaluation_comparison_example.csv."""
    rows = data.rows("evaluation_comparison_example")

    def pair(group: str, period: str) -> tuple[float, float]:
        row = next(r for r in rows if r["group"] == group and r["period"] == period)
        return float(row["gp_referrals"]), float(row["youths"])

    return compare((pair("eigen gemeente", "voor"), pair("eigen gemeente", "na")),
                   (pair("vergelijkbare gemeenten", "voor"), pair("vergelijkbare gemeenten", "na"))), rows
