"""One definition per calculator: its outputs (Dutch label, unit, rounding) and the list of apps.

Every surface that shows a calculator's result reads it from here: the CLI's tables, the apps'
result tables and CSV/XLSX exports, the council annex. A label or a rounding written twice
drifts, and a reader then gets two answers to one question; so they are written once, here.

Labels that name a basis say it in the same words everywhere ("volgens de norm", "volgens de
werklast (WISN)", "AEF-kosten per fte", "tegen het uurtarief"), because two methods or two cost
bases are legitimate differences only when each number says which one it is.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from . import formatting
from .ranges import Span

# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Output:
    """One result of a calculator as every surface prints it."""

    name: str       # attribute of the model's result dataclass
    label: str      # the Dutch label
    unit: str       # a unit of calculators.formatting (eur, share, fte, hours_per_week, count, ...)
    decimals: int   # the rounding every surface applies (the JSON keeps the unrounded number)

    def text(self, low: float, high: float | None = None) -> str:
        """The value (or low–high range) with its unit, rounded as defined."""
        return formatting.span(low, low if high is None else high, self.unit, self.decimals)

    def of(self, result: Span[Any]) -> str:
        """The value of this output in a model's low/high result, as text ('–' when absent)."""
        low, high = getattr(result.low, self.name), getattr(result.high, self.name)
        if low is None:
            return "–"
        return self.text(low, high)

    def rounded(self, x: float) -> float:
        """The number a reader sees, as a number (for checks across surfaces)."""
        scale = 100 if self.unit == "share" else 1
        return round(x * scale, max(self.decimals - (2 if self.unit == "share" else 0), 0)) / scale


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str                    # Dutch, what it answers
    outputs: tuple[Output, ...]

    def output(self, name: str) -> Output:
        for o in self.outputs:
            if o.name == name:
                return o
        raise KeyError(f"{self.name} has no output {name!r}")

    def __getitem__(self, name: str) -> Output:
        return self.output(name)

    def rows(self, result: Span[Any], names: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
        """(label, text) for the given outputs (default: all that the result has a value for)."""
        chosen = self.outputs if names is None else tuple(self.output(n) for n in names)
        return [(o.label, o.of(result)) for o in chosen if getattr(result.mid, o.name, None) is not None]


# Cost bases, named the same way wherever a yearly cost is shown.
BASIS_AEF = "AEF-kosten per fte"
BASIS_HOURLY = "uren × uurtarief"

STAFFING = Calculator("staffing", "Formatie volgens de norm per 10.000 jeugdigen", (
    Output("fte", "Formatie volgens de norm", "fte", 2),
    Output("hours_per_week", "Uren per week volgens de norm", "hours_per_week", 1),
    Output("annual_cost", f"Jaarkosten volgens de norm ({BASIS_AEF})", "eur", 0),
    Output("cost_per_youth", "Kosten per jeugdige per jaar", "eur", 2),
))

CAPACITY = Calculator("capacity", "Wat een aantal uren per week aan contacten en cliënten kan dragen", (
    Output("hours_per_week", "Uren per week", "hours_per_week", 1),
    Output("client_hours_per_week", "Waarvan voor cliënttrajecten", "hours_per_week", 1),
    Output("hours_per_contact", "Tijd per contact (incl. indirect)", "hours", 2),
    Output("contacts_per_week", "Contacten per week (hoogstens)", "count", 1),
    Output("contacts_per_year", "Contacten per jaar", "count", 0),
    Output("mean_contacts_per_trajectory", "Gemiddeld aantal contacten per traject", "count", 1),
    Output("trajectories_per_year", "Trajecten per jaar", "count", 0),
    Output("new_clients_per_week", "Nieuwe cliënten per week", "count", 1),
    Output("contacts_per_full_day", "Contacten op een volle werkdag", "count", 1),
))

WORKLOAD = Calculator("workload", "Formatie volgens de werklast (WHO-methode WISN)", (
    Output("trajectories_per_year", "Trajecten per jaar", "count", 0),
    Output("client_hours_per_year", "Uren cliëntcontact per jaar", "count", 0),
    Output("fte_client_work", "Formatie voor cliëntwerk (A)", "fte", 2),
    Output("category_allowance_factor", "Categorie-opslag (CAF)", "count", 2),
    Output("individual_allowance_fte", "Individuele opslag (IAF, fte)", "fte", 3),
    Output("fte_needed", "Formatie volgens de werklast (WISN)", "fte", 2),
    Output("hours_per_week_needed", "Uren per week volgens de werklast (WISN)", "hours_per_week", 1),
    Output("wisn_ratio", "WISN-ratio (huidige / benodigde formatie)", "count", 2),
    Output("wisn_difference_fte", "Verschil huidige − benodigde formatie", "fte", 2),
))

BREAK_EVEN = Calculator("break_even", "Terugverdienen: hoeveel vermeden trajecten betalen de POH-J?", (
    Output("annual_cost", "Jaarkosten POH-J", "eur", 0),
    Output("trajectory_price", "Prijs vermeden traject", "eur", 0),
    Output("trajectories_needed", "Te voorkomen trajecten per jaar", "count", 0),
    Output("hours_needed_per_year", "Uren per jaar voor die trajecten (direct + indirect)", "count", 0),
    Output("hours_per_week", "Uren per week voor die trajecten", "hours_per_week", 1),
    Output("direct_hours_per_week", "waarvan direct cliëntcontact", "hours_per_week", 1),
    Output("indirect_hours_per_week", "waarvan indirecte tijd", "hours_per_week", 1),
    Output("contracted_hours", "Contracturen per week", "hours_per_week", 1),
    Output("share_of_contracted_time", "Benodigd effect: aandeel van de contracturen voor trajecten die een verwijzing "
           "vermijden", "share", 3),
    Output("remaining_hours_per_week", "Uren over voor andere taken", "hours_per_week", 1),
))

SAVINGS = Calculator("savings", "Besparing op trajecten die de POH-J zelf afrondt", (
    Output("trajectories", "Trajecten zonder verwijzing", "count", 0),
    Output("savings_bggz", "Besparing B-GGZ", "eur", 0),
    Output("savings_sggz", "Besparing S-GGZ", "eur", 0),
    Output("savings_total", "Totale besparing", "eur", 0),
    Output("pohj_time_cost", "Tijdkosten POH-J van deze trajecten (niet afgetrokken)", "eur", 0),
))

REFERRAL = Calculator("referral", "Verwijsstromen en verwijsaandeel langs de huisartsroute", (
    Output("help_questions", "Hulpvragen via de huisarts", "count", 0),
    Output("to_pohj", "Naar de POH-J", "count", 0),
    Output("reach", "Bereik (deel van de hulpvragen bij de POH-J)", "share", 3),
    Output("direct_referrals", "Direct verwezen door de huisarts", "count", 0),
    Output("pohj_referrals", "Verwezen via de POH-J", "count", 0),
    Output("helped_without_referral", "Niet naar jeugd-GGZ of overbrugging verwezen", "count", 0),
    Output("total_referrals", "Verwijzingen tweede lijn totaal", "count", 0),
    Output("referral_share", "Verwijsaandeel", "share", 3),
    Output("avoided_referrals", "Vermeden verwijzingen (t.o.v. geen POH-J)", "count", 0),
    Output("avoided_cost", "Waarde vermeden verwijzingen", "eur", 0),
    Output("change_vs_baseline", "Verschil met basisjaar", "count", 0),
))

WHAT_IF = Calculator("what_if", "Wat als het bereik van de POH-J verandert?", (
    Output("extra_to_pohj", "Wat-als: extra jeugdigen bij de POH-J", "count", 0),
    Output("extra_avoided_referrals", "Wat-als: extra vermeden verwijzingen", "count", 0),
    Output("extra_avoided_cost", "Wat-als: extra waarde vermeden verwijzingen", "eur", 0),
    Output("extra_pohj_hours_per_week", "Wat-als: extra POH-J-uren per week nodig", "hours_per_week", 1),
    Output("extra_pohj_cost", "Wat-als: kosten van die extra uren per jaar", "eur", 0),
))

COSTS = Calculator("costs", "Integrale kosten van een POH-J per jaar", (
    Output("salary", f"Salaris en werkgeverslasten ({BASIS_AEF})", "eur", 0),
    Output("total", f"Integrale jaarkosten ({BASIS_AEF} plus kostenposten)", "eur", 0),
))

CALCULATORS = {c.name: c for c in (STAFFING, CAPACITY, WORKLOAD, BREAK_EVEN, SAVINGS, REFERRAL, WHAT_IF, COSTS)}


def break_even_basis(annual_cost_given: bool, full_cost: bool = False, hourly_rate: float | None = None,
                     paid_weeks: float | None = None) -> str:
    """Where the break-even's yearly cost comes from, in the words the other surfaces use."""
    if full_cost:
        return f"integrale kosten ({BASIS_AEF} plus kostenposten)"
    if annual_cost_given:
        return "ingevuld"
    if hourly_rate is None or paid_weeks is None:
        return f"{BASIS_HOURLY} × betaalde weken"
    return (f"uren × {formatting.with_unit(hourly_rate, 'eur_per_hour')} × "
            f"{formatting.number(paid_weeks)} betaalde weken")


# The comparison every surface prints beside the break-even: the share of youths that the evaluations with a
# per-trajectory registration saw helped without referral (an observation, not a measured effect).
SELF_HELPED_STUDIES = ("rebel_holland_rijnland", "accare", "rotterdam")


def observed_self_helped() -> tuple[float, float]:
    """Lowest and highest observed share 'zelf geholpen' (data/tables/outcomes.csv) over those evaluations."""
    from . import data

    shares = [float(r["share"]) for r in data.rows("outcomes")
              if r["category"] == "self" and r["study"] in SELF_HELPED_STUDIES]
    return min(shares), max(shares)


# --------------------------------------------------------------------------- apps


@dataclass(frozen=True)
class App:
    """One Voila app: the notebook nginx serves, its Dutch title and what it is for."""

    name: str        # URL name: /apps/voila/render/<name>.ipynb
    title: str
    purpose: str     # one Dutch line for the home page and the leeswijzer
    calculators: tuple[str, ...]

    @property
    def notebook(self) -> str:
        return f"{self.name}.ipynb"

    @property
    def path(self) -> str:
        """The address under the site's root."""
        return f"/apps/voila/render/{self.notebook}"


APPS: tuple[App, ...] = (
    App("formatie", "Rekentool formatie en capaciteit POH-Jeugd",
        "hoeveel uur POH-Jeugd bij uw aantal jeugdigen hoort (norm en werklast), wat dat kost en wat die uren "
        "dragen", ("staffing", "workload", "capacity", "costs")),
    App("terugverdienen", "Rekentool terugverdienen en besparing POH-Jeugd",
        "hoeveel vermeden trajecten de POH-Jeugd terugverdienen, en wat de drie besparingsscenario's opleveren",
        ("break_even", "savings")),
    App("verwijsaandeel", "Rekentool verwijsstromen en verwijsaandeel",
        "hoeveel hulpvragen bij de POH-Jeugd komen, hoeveel er worden verwezen, en wat er verandert als het "
        "bereik stijgt", ("referral", "what_if")),
    App("evaluatie", "Evaluatie van een POH-Jeugd-pilot",
        "een registratie van trajecten inlezen (zonder persoonsgegevens) en een rapport met kerncijfers maken",
        ()),
)

APP_NAMES: tuple[str, ...] = tuple(a.name for a in APPS)


def app(name: str) -> App:
    for a in APPS:
        if a.name == name:
            return a
    raise KeyError(name)


def apps_markdown(prefix: str = "") -> str:
    """The apps as a Markdown list with a line each on what they are for (home page, leeswijzer).

    ``prefix`` leads from the page to the site's root ('' on the home page, '../' in a chapter).
    """
    return "\n".join(f'- <a href="{prefix}{a.path.lstrip("/")}">{html.escape(a.title)}</a>: {html.escape(a.purpose)}.'
                     for a in APPS)
