"""Results as sentences a policy officer can paste into a council letter.

Pure text builders on top of the models (no widgets): the Voila apps, the book
and the exports share them, so a result reads the same everywhere. Every output a
sentence quotes is written with its registry Output (calculators/registry.py): the
same unit and rounding as the result tables, the CLI and the annex.
"""

from __future__ import annotations

from .break_even import BreakEvenResult
from .formatting import number, percent, span
from .ranges import Span
from .referral import ReachWhatIf, ReferralResult
from .registry import BREAK_EVEN, CAPACITY, REFERRAL, SAVINGS, STAFFING, WHAT_IF
from .savings import SavingsResult
from .staffing import CapacityResult, StaffingResult


def _lower(label: str) -> str:
    """A registry label inside a sentence (its first letter in lower case)."""
    return label[:1].lower() + label[1:]


def staffing_sentence(s: Span[StaffingResult], place: str = "de gemeente") -> str:
    return (
        f"Voor {place} met {number(s.mid.youths)} jeugdigen van 0–17 jaar is volgens de AEF-norm "
        f"({span(s.low.fte_per_10k, s.high.fte_per_10k, 'fte_per_10k', 1)}) {STAFFING['fte'].of(s)} POH-Jeugd "
        f"nodig: {STAFFING['hours_per_week'].of(s)}, voor {STAFFING['annual_cost'].of(s)} per jaar "
        f"({STAFFING['cost_per_youth'].of(s)} per jeugdige)."
    )


def capacity_sentence(c: Span[CapacityResult]) -> str:
    return (
        f"Met {CAPACITY['hours_per_week'].of(c)} kan de POH-Jeugd hoogstens "
        f"{CAPACITY['contacts_per_week'].of(c)} contacten per week houden, goed voor ongeveer "
        f"{CAPACITY['trajectories_per_year'].of(c)} trajecten per jaar en "
        f"{CAPACITY['new_clients_per_week'].of(c)} nieuwe cliënten per week "
        f"(bij gemiddeld {CAPACITY['mean_contacts_per_trajectory'].text(c.mid.mean_contacts_per_trajectory)} "
        "contacten per traject)."
    )


def break_even_sentence(b: Span[BreakEvenResult]) -> str:
    text = (
        f"Om de jaarkosten van {BREAK_EVEN['annual_cost'].of(b)} terug te verdienen moet de POH-Jeugd "
        f"{BREAK_EVEN['trajectories_needed'].of(b)} trajecten van {BREAK_EVEN['trajectory_price'].of(b)} per jaar "
        f"voorkomen. Dat kost {BREAK_EVEN['hours_per_week'].of(b)} aan korte trajecten"
    )
    if b.mid.share_of_contracted_time is None:
        return text + "."
    text += (f", {BREAK_EVEN['share_of_contracted_time'].of(b)} van de contracturen; er blijft "
             f"{BREAK_EVEN['remaining_hours_per_week'].of(b)} over voor andere taken.")
    if b.high.feasible is False:
        text += " Dat past niet binnen de contracturen."
    return text


_ADJECTIVE = {"conservatief": "conservatieve", "optimistisch": "optimistische"}


def savings_sentence(s: Span[SavingsResult], scenario_label: str) -> str:
    count = SAVINGS["trajectories"].text(s.mid.trajectories)
    if s.low.scenario == "none":
        return (
            f"In het scenario zonder meetbaar effect telt geen van de {count} zelf afgeronde "
            f"trajecten als vermeden: de besparing is {SAVINGS['savings_total'].of(s)}. "
            "Dat past bij het CPB-onderzoek (2020), dat geen "
            "significante verandering in het jeugdzorggebruik vond in gemeenten die POH's financieren. De jaarkosten "
            f"blijven; de POH-Jeugd besteedde aan deze trajecten {SAVINGS['pohj_time_cost'].of(s)}."
        )
    adjective = _ADJECTIVE.get(scenario_label, scenario_label)
    return (
        f"In het {adjective} scenario voorkomen {count} zelf afgeronde trajecten "
        f"samen {SAVINGS['savings_total'].of(s)} aan jeugd-ggz-kosten "
        f"({SAVINGS['savings_bggz'].of(s)} B-GGZ en {SAVINGS['savings_sggz'].of(s)} S-GGZ). "
        f"De POH-Jeugd besteedde aan deze trajecten {SAVINGS['pohj_time_cost'].of(s)}; dat zit al in de "
        "jaarkosten en is daarom niet van de besparing afgetrokken."
    )


def referral_sentence(r: Span[ReferralResult]) -> str:
    text = (
        f"Van {REFERRAL['help_questions'].of(r)} hulpvragen via de huisarts komen er "
        f"{REFERRAL['to_pohj'].of(r)} bij de POH-Jeugd ({REFERRAL['reach'].of(r)}). "
        f"In totaal gaan er {REFERRAL['total_referrals'].of(r)} naar tweedelijns jeugdhulp, een verwijsaandeel van "
        f"{REFERRAL['referral_share'].of(r)}; {REFERRAL['helped_without_referral'].of(r)} jeugdigen worden "
        f"{_lower(REFERRAL['helped_without_referral'].label)} (de POH-Jeugd helpt hen zelf of verwijst naar lichtere "
        "hulp)."
    )
    if r.mid.baseline_referrals is not None:
        change = r.mid.change_vs_baseline or 0.0
        direction = "minder" if change < 0 else "meer"
        text += (f" Dat zijn {REFERRAL['change_vs_baseline'].text(abs(change))} verwijzingen {direction} dan in "
                 "het basisjaar "
                 f"({number(r.mid.baseline_referrals)}).")
    return text


def what_if_sentence(w: Span[ReachWhatIf]) -> str:
    return (
        f"Stijgt het bereik van {percent(w.mid.base.reach)} naar {percent(w.mid.target.reach)}, dan komen er "
        f"{WHAT_IF['extra_to_pohj'].of(w)} jeugdigen meer bij de POH-Jeugd en worden er "
        f"{WHAT_IF['extra_avoided_referrals'].of(w)} verwijzingen extra voorkomen, samen "
        f"{WHAT_IF['extra_avoided_cost'].of(w)}. "
        f"Daarvoor is {WHAT_IF['extra_pohj_hours_per_week'].of(w)} "
        f"extra POH-Jeugd nodig, ongeveer {WHAT_IF['extra_pohj_cost'].of(w)} per jaar."
    )
