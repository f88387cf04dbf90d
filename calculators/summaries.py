"""Results as sentences a policy officer can paste into a council letter.

Pure text builders on top of the models (no widgets): the Voila apps, the book
and the exports share them, so a result reads the same everywhere.
"""

from __future__ import annotations

from .break_even import BreakEvenResult
from .formatting import number, percent, span
from .ranges import Span
from .referral import ReachWhatIf, ReferralResult
from .savings import SavingsResult
from .staffing import CapacityResult, StaffingResult


def _range(s: Span, field: str, unit: str, decimals: int = 0) -> str:
    low, high = getattr(s.low, field), getattr(s.high, field)
    return span(low, high, unit, decimals)


def staffing_sentence(s: Span[StaffingResult], place: str = "de gemeente") -> str:
    return (
        f"Voor {place} met {number(s.mid.youths)} jeugdigen van 0–17 jaar is volgens de AEF-norm "
        f"({_range(s, 'fte_per_10k', 'fte_per_10k', 1)}) {_range(s, 'fte', 'fte', 2)} POH-Jeugd nodig: "
        f"{_range(s, 'hours_per_week', 'hours_per_week', 1)}, voor {_range(s, 'annual_cost', 'eur')} per jaar "
        f"({_range(s, 'cost_per_youth', 'eur', 2)} per jeugdige)."
    )


def capacity_sentence(c: Span[CapacityResult]) -> str:
    return (
        f"Met {_range(c, 'hours_per_week', 'hours_per_week', 1)} kan de POH-Jeugd hoogstens "
        f"{_range(c, 'contacts_per_week', 'count', 1)} contacten per week houden, goed voor ongeveer "
        f"{_range(c, 'trajectories_per_year', 'count')} trajecten per jaar en "
        f"{_range(c, 'new_clients_per_week', 'count', 1)} nieuwe cliënten per week "
        f"(bij gemiddeld {number(c.mid.mean_contacts_per_trajectory, 1)} contacten per traject)."
    )


def break_even_sentence(b: Span[BreakEvenResult]) -> str:
    text = (
        f"Om de jaarkosten van {_range(b, 'annual_cost', 'eur')} terug te verdienen moet de POH-Jeugd "
        f"{_range(b, 'trajectories_needed', 'count')} trajecten van {_range(b, 'trajectory_price', 'eur')} per jaar "
        f"voorkomen. Dat kost {_range(b, 'hours_per_week', 'hours_per_week', 1)} aan korte trajecten"
    )
    if b.mid.share_of_contracted_time is None:
        return text + "."
    text += (f", {_range(b, 'share_of_contracted_time', 'share', 2)} van de contracturen; er blijft "
             f"{_range(b, 'remaining_hours_per_week', 'hours_per_week', 1)} over voor andere taken.")
    if b.high.feasible is False:
        text += " Dat past niet binnen de contracturen."
    return text


_ADJECTIVE = {"conservatief": "conservatieve", "optimistisch": "optimistische"}


def savings_sentence(s: Span[SavingsResult], scenario_label: str) -> str:
    if s.low.scenario == "none":
        return (
            f"In het scenario zonder meetbaar effect telt geen van de {number(s.mid.trajectories)} zelf afgeronde "
            f"trajecten als vermeden: de besparing is {_range(s, 'savings_total', 'eur')}. "
            "Dat past bij het CPB-onderzoek (2020), dat geen "
            "significante verandering in het jeugdzorggebruik vond in gemeenten die POH's financieren. De jaarkosten "
            f"blijven; de POH-Jeugd besteedde aan deze trajecten {_range(s, 'pohj_time_cost', 'eur')}."
        )
    adjective = _ADJECTIVE.get(scenario_label, scenario_label)
    return (
        f"In het {adjective} scenario voorkomen {number(s.mid.trajectories)} zelf afgeronde trajecten "
        f"samen {_range(s, 'savings_total', 'eur')} aan jeugd-ggz-kosten "
        f"({_range(s, 'savings_bggz', 'eur')} B-GGZ en {_range(s, 'savings_sggz', 'eur')} S-GGZ). "
        f"De POH-Jeugd besteedde aan deze trajecten {_range(s, 'pohj_time_cost', 'eur')}; dat zit al in de "
        "jaarkosten en is daarom niet van de besparing afgetrokken."
    )


def referral_sentence(r: Span[ReferralResult]) -> str:
    text = (
        f"Van {_range(r, 'help_questions', 'count')} hulpvragen via de huisarts komen er "
        f"{_range(r, 'to_pohj', 'count')} bij de POH-Jeugd ({_range(r, 'reach', 'share', 3)}). "
        f"In totaal gaan er {_range(r, 'total_referrals', 'count')} naar tweedelijns jeugdhulp, een verwijsaandeel van "
        f"{_range(r, 'referral_share', 'share', 3)}; {_range(r, 'helped_without_referral', 'count')} jeugdigen worden "
        "niet naar jeugd-GGZ of overbrugging verwezen (de POH-Jeugd helpt hen zelf of verwijst naar lichtere hulp)."
    )
    if r.mid.baseline_referrals is not None:
        change = r.mid.change_vs_baseline or 0.0
        direction = "minder" if change < 0 else "meer"
        text += (f" Dat zijn {number(abs(change))} verwijzingen {direction} dan in het basisjaar "
                 f"({number(r.mid.baseline_referrals)}).")
    return text


def what_if_sentence(w: Span[ReachWhatIf]) -> str:
    return (
        f"Stijgt het bereik van {percent(w.mid.base.reach)} naar {percent(w.mid.target.reach)}, dan komen er "
        f"{_range(w, 'extra_to_pohj', 'count')} jeugdigen meer bij de POH-Jeugd en worden er "
        f"{_range(w, 'extra_avoided_referrals', 'count')} verwijzingen extra voorkomen, samen "
        f"{_range(w, 'extra_avoided_cost', 'eur')}. "
        f"Daarvoor is {_range(w, 'extra_pohj_hours_per_week', 'hours_per_week', 1)} "
        f"extra POH-Jeugd nodig, ongeveer {_range(w, 'extra_pohj_cost', 'eur')} per jaar."
    )
