"""One definition per calculator: its outputs (Dutch label, unit, rounding) and the list of apps.

Every surface that shows a calculator's result reads it from here: the CLI's tables, the apps'
result tables and CSV/XLSX exports, the council annex. A label or a rounding written twice
drifts, and a reader then gets two answers to one question; so they are written once.

Each calculator lives in a folder of its own, ``calculators/<name>/``: ``model.py`` (the plain typed
model), ``definition.py`` (its ``Calculator``, ``Input`` and ``Output`` objects and its page calculator,
built from the classes in ``calculators/definitions.py``) and the page calculator's formula in the browser
(``<page name>.js``). This module collects the folders (``FOLDERS``) and keeps what no single calculator
owns: the apps' own fields, the cost bases a reader chooses between, the observed comparison beside the
break-even, and the list of apps.

Labels that name a basis say it in the same words everywhere ("volgens de norm", "volgens de
werklast (WISN)", "AEF-kosten per fte", "tegen het uurtarief"), because two methods or two cost
bases are legitimate differences only when each number says which one it is.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from . import formatting
from .break_even import definition as break_even_definition
from .break_even.definition import (
    ANNUAL_COST_INPUT,
    BREAK_EVEN,
    BREAK_EVEN_ASSUMPTION_INPUTS,
    BREAK_EVEN_HOURS_INPUT,
    BREAK_EVEN_INPUTS,
    BREAK_EVEN_SAVINGS,
    CONTRACTED_HOURS_INPUT,
    FULL_COST_FTE_INPUT,
    OBSERVED_SELF_HELPED,
    YOUTHS_PER_1000_INPUT,
)
from .costs import definition as costs_definition
from .costs.definition import (
    COST_ITEM_INPUTS,
    COST_ITEM_PARAMS,
    COST_PER_FTE_INPUT,
    COSTS,
    COSTS_FTE_INPUT,
    WHOLE_COST,
    WHOLE_COST_INPUTS,
)
from .definitions import (
    BASIS_AEF,
    BASIS_HOURLY,
    BASIS_LABEL,
    COST_HIGH_INPUT,
    COST_LOW_INPUT,
    HOURS_PER_FTE_INPUT,
    HOURS_PER_WEEK_INPUT,
    INDIRECT_UPLIFT_INPUT,
    WORKING_WEEKS_INPUT,
    YOUTHS_INPUT,
    Calculator,
    Folder,
    Input,
    Output,
    PageCalculator,
)
from .referral import definition as referral_definition
from .referral.definition import REFERRAL, REFERRAL_INPUTS, WHAT_IF
from .savings import definition as savings_definition
from .savings.definition import SAVINGS, SAVINGS_INPUTS
from .sensitivity import definition as sensitivity_definition
from .staffing import definition as staffing_definition
from .staffing.definition import CAPACITY, CAPACITY_INPUTS, CONTACT_MINUTES_INPUT, STAFFING, STAFFING_INPUTS
from .workload import definition as workload_definition
from .workload.definition import CURRENT_HOURS_INPUT, WORKLOAD, WORKLOAD_INPUTS

__all__ = [
    "Output", "Input", "Calculator", "PageCalculator", "Folder", "FOLDERS", "CALCULATORS", "PAGE_CALCULATORS",
    "STAFFING", "CAPACITY", "WORKLOAD", "BREAK_EVEN", "SAVINGS", "REFERRAL", "WHAT_IF", "COSTS", "WHOLE_COST",
    "YOUTHS_INPUT", "HOURS_PER_FTE_INPUT", "COST_LOW_INPUT", "COST_HIGH_INPUT", "STAFFING_INPUTS", "WORKLOAD_INPUTS",
    "BREAK_EVEN_INPUTS", "REFERRAL_INPUTS", "COST_ITEM_PARAMS", "WHOLE_COST_INPUTS", "APP_INPUTS", "param",
    "BASIS_AEF", "BASIS_HOURLY", "COST_BASIS_PARAM", "COST_BASES", "break_even_basis", "SELF_HELPED_STUDIES",
    "observed_self_helped", "App", "APPS", "APP_NAMES", "app", "apps_markdown", "BREAK_EVEN_SAVINGS",
    "OBSERVED_SELF_HELPED", "page_calculator", "page_module", "BASIS_LABEL", "app_input",
    # the options only the command line asks for (each folder's definition.py)
    "HOURS_PER_WEEK_INPUT", "CONTACT_MINUTES_INPUT", "INDIRECT_UPLIFT_INPUT", "WORKING_WEEKS_INPUT",
    "YOUTHS_PER_1000_INPUT", "CURRENT_HOURS_INPUT", "CAPACITY_INPUTS", "ANNUAL_COST_INPUT", "BREAK_EVEN_HOURS_INPUT",
    "CONTRACTED_HOURS_INPUT", "FULL_COST_FTE_INPUT", "COST_PER_FTE_INPUT", "COSTS_FTE_INPUT",
    "BREAK_EVEN_ASSUMPTION_INPUTS", "SAVINGS_INPUTS", "COST_ITEM_INPUTS",
]

# --------------------------------------------------------------------------- the calculator folders

#: Every calculator folder, in the order the surfaces list them. A new calculator is a folder here.
FOLDERS: tuple[Folder, ...] = tuple(d.FOLDER for d in (
    staffing_definition, workload_definition, break_even_definition, savings_definition, referral_definition,
    costs_definition, sensitivity_definition))

CALCULATORS = {c.name: c for f in FOLDERS for c in f.calculators}

PAGE_CALCULATORS: tuple[PageCalculator, ...] = tuple(p for f in FOLDERS for p in f.pages)



# Fields that only the Voila apps ask for, with the Dutch name a link uses to fill them (?uren=46). The apps
# (calculators/ui/) take every field's name from here or from the calculators' inputs (their folders): see ``param``.
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
    for inp in (*(i for c in CALCULATORS.values() for i in c.inputs), *APP_INPUTS):
        if inp.name == name:
            return inp.param
    return None


# The cost basis a reader chooses for the break-even on the summary page, by its value in a link (?kostenbasis=aef).
COST_BASIS_PARAM = "kostenbasis"
COST_BASES = {"uurtarief": BASIS_HOURLY, "aef": BASIS_AEF}


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


def page_calculator(name: str) -> PageCalculator:
    for p in PAGE_CALCULATORS:
        if p.name == name:
            return p
    raise KeyError(name)


def page_module(name: str) -> Path:
    """The ES module (the formula in the browser) of page calculator ``name``, in its calculator's folder."""
    for f in FOLDERS:
        for p in f.pages:
            if p.name == name:
                return f.module(p)
    raise KeyError(name)


def app_input(name: str) -> Input:
    """The app field ``name`` of APP_INPUTS (the CLI asks for some of them too)."""
    for i in APP_INPUTS:
        if i.name == name:
            return i
    raise KeyError(name)
