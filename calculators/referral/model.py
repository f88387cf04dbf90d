"""Referral flows (verwijsstromen) along the GP route, and the referral share.

Of all help questions about youths that reach the GP in a year, a share
(``reach``; observed 30 % in Holland Rijnland 2020) goes to the POH-J; the GP
refers the rest directly. The POH-J refers a share on (``pohj_referral_rate``;
observed 38 %) and helps the others without referral.

Two assumptions are explicit parameters instead of hidden ones:

- ``induced_demand``: the part of the POH-J's intake that is new demand that
  would not have reached any care without the POH-J ("aanzuigende werking");
- ``counterfactual_referral_rate``: the part of the youths the POH-J did not
  refer on (helped without referral) that the GP would otherwise have referred
  (the savings scenarios assume all). Youths the POH-J refers on would have been
  referred anyway; induced cases would not have been seen at all. Induced cases
  are taken to be referred on at the same rate as the others, so without a POH-J:
  ``direct + (to_pohj - induced) x (rate + cf x (1 - rate))`` referrals, and
  ``avoided = (to_pohj - induced) x (1 - rate) x cf - induced x rate``.

``avoided_referrals`` is the difference with the same year without a POH-J; it
can be negative when induced demand outweighs what the POH-J absorbs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..ranges import Range, Span, ranged
from ..validation import Count, NonNegative, Share, validated


@dataclass(frozen=True)
class ReferralResult:
    help_questions: float
    reach: float
    pohj_referral_rate: float
    to_pohj: float
    direct_referrals: float
    pohj_referrals: float
    total_referrals: float
    helped_without_referral: float
    referral_share: float
    induced_cases: float
    referrals_without_pohj: float
    avoided_referrals: float
    avoided_cost: float
    baseline_referrals: float | None
    change_vs_baseline: float | None


def referral_point(
    help_questions: Count,
    reach: Share,
    pohj_referral_rate: Share,
    induced_demand: Share,
    counterfactual_referral_rate: Share,
    trajectory_price: NonNegative,
    baseline_referrals: Count | None = None,
) -> ReferralResult:
    """Flows for one value of each input."""
    to_pohj = help_questions * reach
    direct = help_questions - to_pohj
    via_pohj = to_pohj * pohj_referral_rate
    total = direct + via_pohj
    induced = to_pohj * induced_demand
    # Without a POH-J: the GP refers directly as now; of the non-induced youths the POH-J saw, those it
    # referred on would have been referred anyway, and the counterfactual share of those it did not refer.
    not_induced = to_pohj - induced
    without = direct + not_induced * (pohj_referral_rate + counterfactual_referral_rate * (1 - pohj_referral_rate))
    avoided = without - total
    return ReferralResult(
        help_questions=help_questions,
        reach=reach,
        pohj_referral_rate=pohj_referral_rate,
        to_pohj=to_pohj,
        direct_referrals=direct,
        pohj_referrals=via_pohj,
        total_referrals=total,
        helped_without_referral=to_pohj - via_pohj,
        referral_share=total / help_questions if help_questions else 0.0,
        induced_cases=induced,
        referrals_without_pohj=without,
        avoided_referrals=avoided,
        avoided_cost=avoided * trajectory_price,
        baseline_referrals=baseline_referrals,
        change_vs_baseline=None if baseline_referrals is None else total - baseline_referrals,
    )


referral_point = validated(referral_point)  # not @validated: mutmut 3 skips decorated functions


def _defaults(inputs: dict[str, float | Range | None]) -> dict[str, float | Range | None]:
    keys = ("help_questions", "reach", "pohj_referral_rate", "induced_demand", "counterfactual_referral_rate")
    out = {k: (data.value(k) if inputs.get(k) is None else inputs[k]) for k in keys}
    out["trajectory_price"] = data.value("bggz_price") if inputs.get("trajectory_price") is None \
        else inputs["trajectory_price"]
    out["baseline_referrals"] = inputs.get("baseline_referrals")
    return out


def referral(**inputs: float | Range | None) -> Span[ReferralResult]:
    """Flows over ranged inputs; unset inputs take their default from ``data/``."""
    return ranged(referral_point, **_defaults(inputs))


def observed_2020() -> dict[str, float]:
    """The Holland Rijnland 2020 flows as printed, keyed by flow name."""
    return {r["flow"]: data.number(r, "count") or 0.0 for r in data.rows("referral_flows") if r["year"] == "2020"}


def observed_inputs_2020() -> dict[str, float]:
    """Model inputs that reproduce the printed 2020 flows exactly (reach 531/1739, rate 204/531)."""
    flows = observed_2020()
    return {
        "help_questions": flows["help_questions"],
        "reach": flows["to_pohj"] / flows["help_questions"],
        "pohj_referral_rate": flows["pohj_referrals"] / flows["to_pohj"],
        "baseline_referrals": baseline_2018(),
    }


def baseline_2018() -> float:
    return next(data.number(r, "count") or 0.0 for r in data.rows("referral_flows")
                if r["year"] == "2018" and r["flow"] == "gp_referrals")


@dataclass(frozen=True)
class ReachWhatIf:
    base: ReferralResult
    target: ReferralResult
    extra_to_pohj: float
    extra_avoided_referrals: float
    extra_avoided_cost: float
    extra_pohj_hours_per_week: float
    extra_pohj_cost: float


def reach_what_if_point(
    reach_from: Share,
    reach_to: Share,
    help_questions: Count,
    pohj_referral_rate: Share,
    induced_demand: Share,
    counterfactual_referral_rate: Share,
    trajectory_price: NonNegative,
    hours_per_trajectory: NonNegative,
    hourly_rate: NonNegative,
) -> ReachWhatIf:
    """What raising reach changes: avoided referrals and their price, beside the POH-J hours it takes.

    ``hours_per_trajectory`` is the POH-J time per youth including indirect time;
    the extra hours are paid for 52 weeks but worked in 47 (as in break-even).
    """
    common = dict(help_questions=help_questions, pohj_referral_rate=pohj_referral_rate,
                  induced_demand=induced_demand, counterfactual_referral_rate=counterfactual_referral_rate,
                  trajectory_price=trajectory_price)
    base = referral_point(reach=reach_from, **common)
    target = referral_point(reach=reach_to, **common)
    extra = target.to_pohj - base.to_pohj
    hours_week = extra * hours_per_trajectory / data.value("working_weeks")
    return ReachWhatIf(
        base=base,
        target=target,
        extra_to_pohj=extra,
        extra_avoided_referrals=target.avoided_referrals - base.avoided_referrals,
        extra_avoided_cost=target.avoided_cost - base.avoided_cost,
        extra_pohj_hours_per_week=hours_week,
        extra_pohj_cost=hours_week * hourly_rate * data.value("paid_weeks"),
    )


reach_what_if_point = validated(reach_what_if_point)  # not @validated: mutmut 3 skips decorated functions


def _hours_for(contacts: float) -> float:
    return contacts * data.value("contact_minutes") / 60 * (1 + data.value("indirect_uplift"))


def default_hours_per_trajectory() -> float:
    """POH-J hours per youth incl. indirect time: mean contacts x contact length x (1 + uplift).

    The mean is taken over all trajectories, quickly referred ones included (Accare's three trajectory
    types, as in the workload method), since an extra youth at the POH-J may be referred on.
    """
    from ..workload.model import default_contacts_per_trajectory

    return _hours_for(default_contacts_per_trajectory().low)


def self_helped_hours_per_trajectory() -> float:
    """Upper bound: the same with the mean of Holland Rijnland's trajectories closed without referral."""
    from ..staffing import mean_contacts

    return _hours_for(mean_contacts())


def reach_what_if(reach_to: float | Range, **inputs: float | Range | None) -> Span[ReachWhatIf]:
    """Raise reach from ``reach_from`` (default: observed 30 %) to ``reach_to``."""
    base = _defaults(inputs)
    base.pop("baseline_referrals")
    observed_reach = base.pop("reach")
    reach_from = observed_reach if inputs.get("reach_from") is None else inputs["reach_from"]
    return ranged(
        reach_what_if_point,
        reach_from=reach_from,
        reach_to=reach_to,
        hours_per_trajectory=default_hours_per_trajectory() if inputs.get("hours_per_trajectory") is None
        else inputs["hours_per_trajectory"],
        hourly_rate=data.value("hourly_rate") if inputs.get("hourly_rate") is None else inputs["hourly_rate"],
        **base,
    )
