"""Workload-based staffing (WISN): how many fte does the expected workload need?

WHO's Workload Indicators of Staffing Need turn a year's workload into staff
(stages as described in Hum Resour Health 2021, 10.1186/s12960-021-00660-6,
Table 1; definitions in PMC11272892, Table 1):

1. trajectories per year   = youths / 1000 x help questions per 1000 x share via the POH-J
2. client hours per year   = trajectories x contacts per trajectory x minutes per contact / 60
3. fte for client work (A) = client hours / available working time per fte (AWT)
4. category allowance factor CAF = 1 / (1 - CAS), CAS = share of time on support work
   (records, consultation) that every POH-J does
5. individual allowance factor IAF = additional hours per year / AWT (tasks only some do)
6. fte needed              = A x CAF + IAF; hours per week = fte needed x hours per fte
7. with current hours W: WISN ratio = (W / hours per fte) / fte needed, and the
   difference current - needed in fte (negative = short).

Defaults come from ``data/``; four are computed from stored figures (see
:func:`workload_inputs`), one (help questions per 1000 youths) is our assumption.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import data
from ..assumptions import Assumption
from ..ranges import Range, Span, ranged
from ..validation import Count, NonNegative, Positive, Share, require, validated

PER_YOUTHS = 1000  # help questions are counted per 1000 youths


@dataclass(frozen=True)
class WorkloadResult:
    trajectories_per_year: float
    client_hours_per_year: float
    fte_client_work: float
    category_allowance_factor: float
    individual_allowance_fte: float
    fte_needed: float
    hours_per_week_needed: float
    wisn_ratio: float | None
    wisn_difference_fte: float | None


@validated
def workload_point(
    youths: Count,
    help_questions_per_1000: NonNegative,
    share_via_pohj: Share,
    contacts_per_trajectory: NonNegative,
    minutes_per_contact: Positive,
    support_share: Share,
    additional_hours_per_year: NonNegative,
    available_hours_per_fte: Positive,
    hours_per_fte: Positive,
    current_hours: NonNegative | None = None,
) -> WorkloadResult:
    """The WISN staffing requirement for one value of each input (formulas in the module docstring)."""
    require(support_share < 1, "Het aandeel ondersteunende taken moet kleiner zijn dan 1 (100%): anders blijft er "
            "geen tijd over voor cliënten.", field="support_share")
    trajectories = youths / PER_YOUTHS * help_questions_per_1000 * share_via_pohj
    client_hours = trajectories * contacts_per_trajectory * minutes_per_contact / 60
    fte_client = client_hours / available_hours_per_fte
    caf = 1 / (1 - support_share)
    iaf = additional_hours_per_year / available_hours_per_fte
    fte = fte_client * caf + iaf
    ratio = difference = None
    if current_hours is not None:
        current_fte = current_hours / hours_per_fte
        difference = current_fte - fte
        ratio = current_fte / fte if fte > 0 else None
    return WorkloadResult(
        trajectories_per_year=trajectories,
        client_hours_per_year=client_hours,
        fte_client_work=fte_client,
        category_allowance_factor=caf,
        individual_allowance_fte=iaf,
        fte_needed=fte,
        hours_per_week_needed=fte * hours_per_fte,
        wisn_ratio=ratio,
        wisn_difference_fte=difference,
    )


# ----------------------------------------------------------------------------- defaults from data/


def default_contacts_per_trajectory() -> Range:
    """Accare's three trajectory types weighted by their shares (low, default) up to Rebel's self-treated mean.

    Accare (Figuur 4): 0.39 x 3.5 + 0.41 x 2.1 + 0.20 x 6.0 contacts. Holland Rijnland 2020 counts only
    trajectories closed without referral, which last longer: an upper bound.
    """
    from ..staffing import mean_contacts

    types = data.rows("accare_trajectory_types")
    accare = sum(float(r["share"]) * float(r["mean_contacts"]) for r in types) / sum(float(r["share"]) for r in types)
    return Range(accare, mean_contacts())


def help_questions_per_1000_proxy() -> Range:
    """An order of magnitude for the help-question rate from national figures (no source gives the rate itself).

    Youths in youth care per 1000 (9.2 % on 30 June 2018, NJi e.a. 2019; 10 % of under-18s in second-line
    care in 2018, the CPB as reported by the Nederlands Dagblad) times the GP's share of referrals to youth
    care in the Netherlands (34-40 % from 2015 to mid-2018, CBS as cited by NJi e.a.): low x low to high x high.
    It counts youths in care, not new help questions a year, and only those the GP referred on.
    """
    gp = [float(r["share"]) for r in data.rows("nji_gp_referral_share")
          if r["area"] == "Nederland" and r["referrer"] == "huisarts" and r["basis"] == "jeugdhulp_cbs"]
    in_care = (data.value("nji_nl_jeugdhulp_use_share_2018"), data.value("cpb_second_line_share_2018"))
    return Range(min(in_care) * min(gp) * PER_YOUTHS, max(in_care) * max(gp) * PER_YOUTHS)


def default_support_share(indirect_uplift: float | None = None) -> float:
    """Share of working time on support work: an uplift of 33 % on direct time is 0.33 / 1.33 of the total."""
    u = data.value("indirect_uplift") if indirect_uplift is None else indirect_uplift
    return u / (1 + u)


def _basisteam_hours(function: str) -> float:
    row = next(r for r in data.rows("accare_practice_situation")
               if r["function"] == function and r["measure"] == "uren_in_basisteam")
    return float(row["mean"])


def default_additional_hours_per_year(working_weeks: float | None = None) -> Range:
    """Hours in the municipal basisteam (Accare Tabel 2) x productive weeks: POH Jeugd mean (default) to all."""
    weeks = data.value("working_weeks") if working_weeks is None else working_weeks
    row = next(r for r in data.rows("accare_practice_situation")
               if r["function"] == "POH Jeugd" and r["measure"] == "uren_in_basisteam")
    return Range(float(row["min"]) * weeks, _basisteam_hours("Totaal") * weeks)


def default_additional_hours_point(working_weeks: float | None = None) -> float:
    weeks = data.value("working_weeks") if working_weeks is None else working_weeks
    return _basisteam_hours("POH Jeugd") * weeks


def default_available_hours_per_fte(hours_per_fte: float | None = None, working_weeks: float | None = None) -> float:
    """Available working time: hours per fte x productive weeks (38 x 47 = 1786 hours)."""
    h = data.value("hours_per_fte") if hours_per_fte is None else hours_per_fte
    w = data.value("working_weeks") if working_weeks is None else working_weeks
    return h * w


def workload_inputs() -> dict[str, Assumption]:
    """Every WISN input with its default and plausible range, as stored in or computed from ``data/``."""
    contacts = default_contacts_per_trajectory()
    u_low, u_high = data.bounds("indirect_uplift")
    w_low, w_high = data.bounds("working_weeks")
    extra = default_additional_hours_per_year()
    hpf = data.value("hours_per_fte")

    def derived(name: str, value: float, low: float, high: float) -> Assumption:
        return Assumption.of_fact(name, name, value, low, high)

    return {
        "help_questions_per_1000": Assumption.of_fact("help_questions_per_1000", "help_questions_per_1000"),
        "share_via_pohj": Assumption.of_fact("share_via_pohj", "reach"),
        "contacts_per_trajectory": derived("contacts_per_trajectory", contacts.low, contacts.low, contacts.high),
        "minutes_per_contact": Assumption.of_fact("minutes_per_contact", "contact_minutes"),
        "support_share": derived("support_share", default_support_share(), default_support_share(u_low),
                                 default_support_share(u_high)),
        "additional_hours_per_year": derived("additional_hours_per_year", default_additional_hours_point(),
                                             extra.low, extra.high),
        "available_hours_per_fte": derived("available_hours_per_fte", default_available_hours_per_fte(),
                                           default_available_hours_per_fte(hpf, w_low),
                                           default_available_hours_per_fte(hpf, w_high)),
    }


def workload(
    youths: float | Range,
    help_questions_per_1000: float | Range | None = None,
    share_via_pohj: float | Range | None = None,
    contacts_per_trajectory: float | Range | None = None,
    minutes_per_contact: float | Range | None = None,
    support_share: float | Range | None = None,
    additional_hours_per_year: float | Range | None = None,
    available_hours_per_fte: float | Range | None = None,
    hours_per_fte: float | Range | None = None,
    current_hours: float | Range | None = None,
) -> Span[WorkloadResult]:
    """WISN staffing over ranged inputs; an input left out takes its default (a point) from ``data/``.

    The available working time defaults to hours per fte x productive weeks, with the hours per fte given.
    """
    defaults = {k: a.value for k, a in workload_inputs().items()}
    hpf = data.value("hours_per_fte") if hours_per_fte is None else hours_per_fte
    if available_hours_per_fte is None:
        if isinstance(hpf, Range):
            available_hours_per_fte = Range(default_available_hours_per_fte(hpf.low),
                                            default_available_hours_per_fte(hpf.high))
        else:
            available_hours_per_fte = default_available_hours_per_fte(hpf)
    given = {
        "help_questions_per_1000": help_questions_per_1000, "share_via_pohj": share_via_pohj,
        "contacts_per_trajectory": contacts_per_trajectory, "minutes_per_contact": minutes_per_contact,
        "support_share": support_share, "additional_hours_per_year": additional_hours_per_year,
        "available_hours_per_fte": available_hours_per_fte,
    }
    inputs = {k: (defaults[k] if v is None else v) for k, v in given.items()}
    return ranged(workload_point, youths=youths, hours_per_fte=hpf, current_hours=current_hours, **inputs)
