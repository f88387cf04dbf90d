"""Norm staffing (STAFFING) and capacity (CAPACITY): inputs, outputs and the page calculator ``formatie``.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import (
    BASIS_AEF,
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

STAFFING_INPUTS = (
    YOUTHS_INPUT,
    Input("fte_per_10k_low", "norm_laag", fact="fte_per_10k", end="low", plausible=(0.3, 3.0),
          label="Norm: fte per 10.000 jeugdigen, ondergrens"),
    Input("fte_per_10k_high", "norm_hoog", fact="fte_per_10k", end="high", plausible=(0.3, 3.0),
          label="Norm: fte per 10.000 jeugdigen, bovengrens"),
    HOURS_PER_FTE_INPUT, COST_LOW_INPUT, COST_HIGH_INPUT,
)

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

PAGE = PageCalculator("formatie", STAFFING, "Rekentool formatie volgens de norm",
                      ("fte", "hours_per_week", "annual_cost", "cost_per_youth"))

# capacity's options on the command line (no page calculator asks them)
CONTACT_MINUTES_INPUT = Input("contact_minutes", "minuten", fact="contact_minutes", decimals=0, positive=True)
CAPACITY_INPUTS = (
    HOURS_PER_WEEK_INPUT, CONTACT_MINUTES_INPUT, INDIRECT_UPLIFT_INPUT, WORKING_WEEKS_INPUT,
    Input("client_time_share", "clienttijd", fact="client_time_share", decimals=2),
)

FOLDER = Folder(Path(__file__).parent, (STAFFING, CAPACITY), (PAGE,))
