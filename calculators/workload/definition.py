"""Staffing by workload, WISN (WORKLOAD): inputs, outputs and the page calculator ``werklast``.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..definitions import HOURS_PER_FTE_INPUT, YOUTHS_INPUT, Calculator, Folder, Input, Output, PageCalculator
from ..staffing.definition import STAFFING


def _workload_default(name: str) -> Callable[[], float]:
    def default() -> float:
        from .model import workload_inputs

        return workload_inputs()[name].value
    return default


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

PAGE = PageCalculator("werklast", WORKLOAD, "Rekentool formatie volgens de werklast (WISN), naast de norm",
                      ("trajectories_per_year", "client_hours_per_year", "fte_client_work", "fte_needed",
                       "hours_per_week_needed"), (STAFFING["fte"],), bars=("fte_needed", "fte"))

# the WISN comparison's option on the command line
CURRENT_HOURS_INPUT = Input("current_hours", "huidige_uren", label="Huidige uren POH-J per week", unit="hours_per_week",
                            help="Geeft de WISN-ratio en het verschil met de benodigde formatie.")

FOLDER = Folder(Path(__file__).parent, (WORKLOAD,), (PAGE,))
