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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import formatting
from .ranges import Span
from .savings import SCENARIO_NAMES

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


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Input:
    """One input of a calculator as a form asks for it.

    The default, the Dutch label, the unit and the source come from the fact ``fact`` in ``data/``
    (``end`` picks its value, low or high end); an input with no fact of its own (a derived default,
    a cost item) gives them here. ``limit`` names the row of ``data/tables/input_limits.csv`` that
    bounds it; ``plausible`` is the range the test vectors draw from.
    """

    name: str                                  # the model's keyword
    param: str                                 # Dutch name in a page's query string (?jeugdigen=12000)
    fact: str | None = None
    end: str = "value"                         # value, low or high: which of the fact's numbers is the default
    limit: str | None = None                   # row of input_limits.csv (default: the fact's key)
    plausible: tuple[float, float] = (0.0, 1.0)
    decimals: int = 2                          # at most this many decimals in the default as shown
    label: str | None = None                   # Dutch label (default: the fact's label)
    help: str = ""
    unit: str | None = None                    # default: the fact's unit
    default: float | Callable[[], float] | None = None  # default when no fact gives it (a number or how to compute it)
    positive: bool = False                     # must be above 0 (not only at least 0)
    cost_item: str | None = None               # a row of data/tables/cost_items.csv

    def dutch_label(self) -> str:
        if self.label is not None:
            return self.label
        if self.cost_item is not None:
            from . import data

            row = next(r for r in data.rows("cost_items") if r["item"] == self.cost_item)
            basis = "per fte per jaar" if row["basis"] == "per_fte" else "per jaar"
            return f"{row['label']} (€ {basis})"
        from . import data

        assert self.fact is not None, self.name
        return data.label(self.fact)

    def default_value(self) -> float:
        if self.default is not None:
            return self.default() if callable(self.default) else self.default
        if self.cost_item is not None:
            from . import data

            row = next(r for r in data.rows("cost_items") if r["item"] == self.cost_item)
            return data.number(row, "default") or 0.0
        from . import data

        assert self.fact is not None, self.name
        low, high = data.bounds(self.fact)
        return {"value": data.value(self.fact), "low": low, "high": high}[self.end]

    def unit_name(self) -> str:
        if self.unit is not None:
            return self.unit
        from . import data

        return "eur" if self.fact is None else data.fact(self.fact).unit

    def help_text(self) -> str:
        """The help with ``{fact}`` replaced by the fact's value and unit from data/."""
        from . import data

        text = self.help
        for key in data.facts():
            if "{" + key + "}" in text:
                text = text.replace("{" + key + "}", formatting.with_unit(data.value(key), data.fact(key).unit))
        return text

    def maximum(self) -> float | None:
        """The bound from input_limits.csv (1 for a share without a row), or None."""
        from .validation import input_limits

        key = self.limit or self.fact or self.name
        if key in input_limits():
            return float(input_limits()[key][0])
        if self.cost_item is not None:
            return float(input_limits()["cost_item_amount"][0])
        return 1.0 if self.unit_name() == "share" else None


@dataclass(frozen=True)
class Calculator:
    name: str
    title: str                    # Dutch, what it answers
    outputs: tuple[Output, ...]
    inputs: tuple[Input, ...] = ()

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


# --------------------------------------------------------------------------- inputs of the page calculators
# Each input names the fact in data/ that gives its default, label, unit and source; the bound comes from
# data/tables/input_limits.csv. ``param`` is the Dutch name a link uses to pass the reader's number.


def _workload_default(name: str) -> Callable[[], float]:
    def default() -> float:
        from .workload import workload_inputs

        return workload_inputs()[name].value
    return default


def _norm_fte() -> float:
    """The norm's fte for the default number of youths (middle of the norm), the whole-cost default."""
    from . import data
    from .staffing import PER_YOUTHS

    return data.value("youths") / PER_YOUTHS * data.value("fte_per_10k")


YOUTHS_INPUT = Input("youths", "jeugdigen", fact="youths", plausible=(0, 200_000), decimals=0)
HOURS_PER_FTE_INPUT = Input("hours_per_fte", "uren_fte", fact="hours_per_fte", plausible=(20, 40), decimals=1,
                            positive=True)
COST_LOW_INPUT = Input("cost_per_fte_low", "kosten_laag", fact="cost_per_fte", end="low", plausible=(50_000, 200_000),
                       decimals=0, label="Kosten per fte per jaar in €, ondergrens")
COST_HIGH_INPUT = Input("cost_per_fte_high", "kosten_hoog", fact="cost_per_fte", end="high",
                        plausible=(50_000, 200_000), decimals=0, label="Kosten per fte per jaar in €, bovengrens")

STAFFING_INPUTS = (
    YOUTHS_INPUT,
    Input("fte_per_10k_low", "norm_laag", fact="fte_per_10k", end="low", plausible=(0.3, 3.0),
          label="Norm: fte per 10.000 jeugdigen, ondergrens"),
    Input("fte_per_10k_high", "norm_hoog", fact="fte_per_10k", end="high", plausible=(0.3, 3.0),
          label="Norm: fte per 10.000 jeugdigen, bovengrens"),
    HOURS_PER_FTE_INPUT, COST_LOW_INPUT, COST_HIGH_INPUT,
)

WORKLOAD_INPUTS = (
    YOUTHS_INPUT,
    Input("help_questions_per_1000", "hulpvragen", fact="help_questions_per_1000", plausible=(0, 150), decimals=1),
    Input("share_via_pohj", "bereik", fact="reach", plausible=(0, 1), decimals=3),
    Input("contacts_per_trajectory", "contacten", default=_workload_default("contacts_per_trajectory"),
          label="Contacten per traject", unit="count", limit="contacts_per_trajectory", plausible=(1, 12), decimals=3,
          help="Standaard: het gewogen gemiddelde van de drie soorten trajecten bij Accare."),
    Input("minutes_per_contact", "minuten", fact="contact_minutes", plausible=(5, 120), decimals=0, positive=True),
    Input("indirect_uplift", "opslag", fact="indirect_uplift", plausible=(0, 1.5), decimals=3,
          help="Tijd voor verslag en overleg, als deel van de tijd met cliënten."),
    Input("additional_hours_per_year", "extra_uren", default=_workload_default("additional_hours_per_year"),
          label="Extra taken, uren per jaar", unit="hours", limit="additional_hours_per_year", plausible=(0, 400),
          decimals=1, help="Standaard: de uren van een POH-J in het basisteam van de gemeente (Accare)."),
    HOURS_PER_FTE_INPUT,
)

BREAK_EVEN_INPUTS = (
    Input("hours_per_week", "uren", fact="hours_per_week", plausible=(1, 80), decimals=1, positive=True),
    Input("hourly_rate", "uurtarief", fact="hourly_rate", plausible=(30, 120), decimals=2,
          label="Uurkosten POH-J in € (zonder indirecte tijd)"),
    Input("trajectory_price", "trajectprijs", fact="bggz_price", plausible=(300, 5000), decimals=0, positive=True,
          limit="trajectory_price", label="Prijs van een vermeden traject in €",
          help="B-GGZ-traject {bggz_price}, trajectprijs volgens AEF {aef_trajectory_price}, "
               "S-GGZ-traject {sggz_price}."),
)

REFERRAL_INPUTS = (
    Input("help_questions", "hulpvragen", fact="help_questions", plausible=(0, 20_000), decimals=0),
    Input("reach", "bereik", fact="reach", plausible=(0, 1), decimals=3),
    Input("pohj_referral_rate", "verwijspercentage", fact="pohj_referral_rate", plausible=(0, 1), decimals=3),
    Input("induced_demand", "aanzuiging", fact="induced_demand", plausible=(0, 0.5), decimals=3),
    Input("counterfactual_referral_rate", "anders_verwezen", fact="counterfactual_referral_rate", plausible=(0, 1),
          decimals=3),
)

COST_ITEM_PARAMS = {"workspace": "werkplek", "supervision_intervision": "supervisie", "training": "opleiding",
                    "his_access": "his", "coordination": "coordinatie", "monitoring_evaluation": "monitoring"}

WHOLE_COST_INPUTS = (
    Input("fte", "fte", default=_norm_fte, label="Formatie in fte", unit="fte", plausible=(0, 5), decimals=2,
          help="Standaard: de norm voor het standaardaantal jeugdigen."),
    COST_LOW_INPUT, COST_HIGH_INPUT,
    *(Input(item, param, cost_item=item, unit="eur", plausible=(0, 20_000), decimals=0,
            help="Geen bron noemt een bedrag: vul uw eigen bedrag in.")
      for item, param in COST_ITEM_PARAMS.items()),
)


# Fields that only the Voila apps ask for, with the Dutch name a link uses to fill them (?uren=46). The apps
# (calculators/ui/) take every field's name from here or from the calculators' inputs above: see ``param``.
APP_INPUTS = (
    Input("own_hours", "uren", fact="hours_per_week", label="Eigen inzet: uren POH-J per week"),
    Input("contact_minutes", "minuten", fact="contact_minutes"),
    Input("working_weeks", "werkweken", fact="working_weeks"),
    Input("client_time_share", "clienttijd", fact="client_time_share"),
    Input("annual_cost", "jaarkosten", fact="annual_cost"),
    Input("contracted_hours", "contracturen", fact="contracted_hours"),
    Input("paid_weeks", "betaalde_weken", fact="paid_weeks"),
    Input("direct_hours_per_trajectory", "directe_uren", fact="direct_hours_per_trajectory"),
    Input("bggz_price", "prijs_bggz", fact="bggz_price"),
    Input("sggz_price", "prijs_sggz", fact="sggz_price"),
    Input("target_reach", "doelbereik", fact="target_reach"),
    Input("baseline_referrals", "verwijzingen_basisjaar", fact="baseline_referrals"),
    *(Input(f"trajectories_band_{n}", f"trajecten_{n}", fact=f"trajectories_band_{n}")
      for n in ("1", "2_5", "6_10", "gt10")),
)


def param(name: str) -> str | None:
    """The Dutch query name of an input or app field ``name`` (the model's keyword), or None if none is defined.

    One name has one query name everywhere; an app field with a name of its own is in APP_INPUTS."""
    for inp in (*STAFFING_INPUTS, *WORKLOAD_INPUTS, *BREAK_EVEN_INPUTS, *REFERRAL_INPUTS, *WHOLE_COST_INPUTS,
                *APP_INPUTS):
        if inp.name == name:
            return inp.param
    return None


# Cost bases, named the same way wherever a yearly cost is shown.
BASIS_AEF = "AEF-kosten per fte"
BASIS_HOURLY = "uren × uurtarief"
BASIS_LABEL = "Basis van de jaarkosten"  # the row beside a break-even's yearly cost that names its basis

# The cost basis a reader chooses for the break-even on the summary page, by its value in a link (?kostenbasis=aef).
COST_BASIS_PARAM = "kostenbasis"
COST_BASES = {"uurtarief": BASIS_HOURLY, "aef": BASIS_AEF}

STAFFING = Calculator("staffing", "Formatie volgens de norm per 10.000 jeugdigen", (
    Output("fte", "Formatie volgens de norm", "fte", 2),
    Output("hours_per_week", "Uren per week volgens de norm", "hours_per_week", 1),
    Output("annual_cost", f"Jaarkosten volgens de norm ({BASIS_AEF})", "eur", 0),
    Output("cost_per_youth", "Kosten per jeugdige per jaar", "eur", 2),
), STAFFING_INPUTS)

CAPACITY = Calculator("capacity", "Wat een aantal uren per week aan contacten en cliënten kan dragen", (
    Output("hours_per_week", "Uren POH-J per week", "hours_per_week", 1),
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
), WORKLOAD_INPUTS)

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
), BREAK_EVEN_INPUTS)

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
), REFERRAL_INPUTS)

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

# The whole cost as the page calculator shows it: COSTS' two outputs with the cost items' sum between them.
WHOLE_COST = Calculator("whole_cost", "Integrale kosten van een POH-J per jaar", (
    COSTS["salary"],
    Output("items_total", "Kostenposten samen", "eur", 0),
    COSTS["total"],
), WHOLE_COST_INPUTS)

CALCULATORS = {c.name: c for c in (STAFFING, CAPACITY, WORKLOAD, BREAK_EVEN, SAVINGS, REFERRAL, WHAT_IF, COSTS,
                                   WHOLE_COST)}


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


# --------------------------------------------------------------------------- page calculators

# Outputs the break-even page shows beside the break-even: the savings in each scenario and what share of the
# yearly cost they cover, and the observed share helped without referral (an observation, not an effect).
BREAK_EVEN_SAVINGS = tuple(
    o for key, label in SCENARIO_NAMES.items() for o in (
        Output(f"savings_{key}", f"Besparing, scenario {label}", "eur", 0),
        Output(f"coverage_{key}", f"Besparing als deel van de jaarkosten, scenario {label}", "share", 2),
    ))
OBSERVED_SELF_HELPED = Output("observed_self_helped",
                              "Zonder verwijzing geholpen in evaluaties (waarneming, geen gemeten effect)", "share", 2)


@dataclass(frozen=True)
class PageCalculator:
    """A calculator on a book page: a form that recomputes in the reader's browser.

    ``name`` is what a chapter passes to ``live()`` and the name of its JavaScript module
    (calculators/rekentools/<name>.js); ``outputs`` are the calculator's outputs it shows, ``extra``
    outputs of other calculators shown beside them, ``bars`` the outputs drawn as bars under the answer.
    """

    name: str
    calculator: Calculator
    title: str
    outputs: tuple[str, ...]
    extra: tuple[Output, ...] = ()
    bars: tuple[str, ...] = ()
    app: str = "formatie"           # the Voila app that holds it, offered when the page is opened in Jupyter

    @property
    def inputs(self) -> tuple[Input, ...]:
        return self.calculator.inputs

    @property
    def shown(self) -> tuple[Output, ...]:
        return (*(self.calculator.output(n) for n in self.outputs), *self.extra)


PAGE_CALCULATORS: tuple[PageCalculator, ...] = (
    PageCalculator("formatie", STAFFING, "Rekentool formatie volgens de norm",
                   ("fte", "hours_per_week", "annual_cost", "cost_per_youth")),
    PageCalculator("werklast", WORKLOAD, "Rekentool formatie volgens de werklast (WISN), naast de norm",
                   ("trajectories_per_year", "client_hours_per_year", "fte_client_work", "fte_needed",
                    "hours_per_week_needed"), (STAFFING["fte"],), bars=("fte_needed", "fte")),
    PageCalculator("terugverdienen", BREAK_EVEN, "Rekentool terugverdienen",
                   ("annual_cost", "trajectories_needed", "hours_per_week", "share_of_contracted_time",
                    "remaining_hours_per_week"), (*BREAK_EVEN_SAVINGS, OBSERVED_SELF_HELPED),
                   bars=("annual_cost", "savings_conservative", "savings_optimistic", "savings_none"),
                   app="terugverdienen"),
    PageCalculator("verwijsaandeel", REFERRAL, "Rekentool verwijsstromen en verwijsaandeel",
                   ("to_pohj", "direct_referrals", "pohj_referrals", "helped_without_referral", "total_referrals",
                    "referral_share", "avoided_referrals", "avoided_cost"),
                   bars=("direct_referrals", "pohj_referrals", "helped_without_referral"), app="verwijsaandeel"),
    PageCalculator("integrale-kosten", WHOLE_COST, "Rekentool integrale kosten",
                   ("salary", "items_total", "total"), bars=("salary", "items_total")),
)


def page_calculator(name: str) -> PageCalculator:
    for p in PAGE_CALCULATORS:
        if p.name == name:
            return p
    raise KeyError(name)


# --------------------------------------------------------------------------- inputs only the CLI asks for
# The options of the capacity, break-even, savings, costs, workload and annex subcommands that no page calculator
# has: one Input each, so that the CLI's help (label, bound, default) reads the registry as the forms do.


def _named(inputs: tuple[Input, ...], name: str) -> Input:
    return next(i for i in inputs if i.name == name)


def _savings_hourly_cost() -> float:
    from .savings import default_hourly_cost

    return default_hourly_cost()


HOURS_PER_WEEK_INPUT = Input("hours_per_week", "uren", fact="hours_per_week", plausible=(1, 80), decimals=1)
CONTACT_MINUTES_INPUT = Input("contact_minutes", "minuten", fact="contact_minutes", decimals=0, positive=True)
INDIRECT_UPLIFT_INPUT = Input("indirect_uplift", "opslag", fact="indirect_uplift", decimals=3)
WORKING_WEEKS_INPUT = Input("working_weeks", "werkweken", fact="working_weeks", decimals=0)
YOUTHS_PER_1000_INPUT = Input("youths", "jeugdigen", fact="youths", decimals=0,
                              help="Geeft ook de vermeden trajecten per 1000 jeugdigen.")
CURRENT_HOURS_INPUT = Input("current_hours", "huidige_uren", label="Huidige uren POH-J per week", unit="hours_per_week",
                            help="Geeft de WISN-ratio en het verschil met de benodigde formatie.")

CAPACITY_INPUTS = (
    HOURS_PER_WEEK_INPUT, CONTACT_MINUTES_INPUT, INDIRECT_UPLIFT_INPUT, WORKING_WEEKS_INPUT,
    Input("client_time_share", "clienttijd", fact="client_time_share", decimals=2),
)

ANNUAL_COST_INPUT = Input("annual_cost", "jaarkosten", fact="annual_cost", decimals=0)
BREAK_EVEN_HOURS_INPUT = Input("hours_per_week", "uren", fact="hours_per_week", decimals=1,
                               help="Als de jaarkosten ontbreken: de kosten zijn dan uren × uurtarief × "
                                    "betaalde weken.")
CONTRACTED_HOURS_INPUT = Input("contracted_hours", "contracturen", fact="contracted_hours", decimals=1,
                               help="Standaard: de uren per week.")
FULL_COST_FTE_INPUT = Input("full_cost_fte", "integrale_fte", label="Formatie in fte voor de integrale kosten",
                            unit="fte", decimals=2,
                            help="De jaarkosten zijn dan de integrale kosten van zoveel fte: salaris plus kostenposten "
                                 "(zie costs).")
COST_PER_FTE_INPUT = Input("cost_per_fte", "kosten_per_fte", fact="cost_per_fte", decimals=0,
                           help="Een bedrag of een bereik LAAG..HOOG.")
COSTS_FTE_INPUT = Input("fte", "fte", label="Formatie in fte", unit="fte", decimals=2)

# The break-even's assumptions, in the order of the CLI's options (the page calculator's inputs among them).
BREAK_EVEN_ASSUMPTION_INPUTS = (
    _named(BREAK_EVEN_INPUTS, "hourly_rate"),
    Input("paid_weeks", "betaalde_weken", fact="paid_weeks", decimals=0),
    _named(BREAK_EVEN_INPUTS, "trajectory_price"),
    Input("direct_hours_per_trajectory", "directe_uren", fact="direct_hours_per_trajectory", decimals=1),
    INDIRECT_UPLIFT_INPUT,
    WORKING_WEEKS_INPUT,
)

SAVINGS_INPUTS = (
    Input("bggz_price", "prijs_bggz", fact="bggz_price", decimals=0),
    Input("sggz_price", "prijs_sggz", fact="sggz_price", decimals=0),
    Input("hourly_cost", "uurkosten_incl", label="Kosten per contactuur in €, inclusief indirecte tijd",
          unit="eur_per_hour", default=_savings_hourly_cost, decimals=2,
          help="De uurkosten {hourly_rate} plus de opslag voor indirecte tijd ({indirect_uplift})."),
)

# The cost items as options (no source gives an amount: each is the reader's own input).
COST_ITEM_INPUTS = tuple(i for i in WHOLE_COST_INPUTS if i.cost_item is not None)


def app_input(name: str) -> Input:
    """The app field ``name`` of APP_INPUTS (the CLI asks for some of them too)."""
    for i in APP_INPUTS:
        if i.name == name:
            return i
    raise KeyError(name)
