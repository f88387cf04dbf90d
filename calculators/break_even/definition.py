"""Break-even (BREAK_EVEN): inputs, outputs and the page calculator ``terugverdienen``.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import (
    INDIRECT_UPLIFT_INPUT,
    WORKING_WEEKS_INPUT,
    Calculator,
    Folder,
    Input,
    Output,
    PageCalculator,
)
from ..savings import SCENARIO_NAMES

BREAK_EVEN_INPUTS = (
    Input("hours_per_week", "uren", fact="hours_per_week", plausible=(1, 80), decimals=1, positive=True),
    Input("hourly_rate", "uurtarief", fact="hourly_rate", plausible=(30, 120), decimals=2,
          label="Uurkosten POH-J in € (zonder indirecte tijd)"),
    Input("trajectory_price", "trajectprijs", fact="bggz_price", plausible=(300, 5000), decimals=0, positive=True,
          limit="trajectory_price", label="Prijs van een vermeden traject in €",
          help="B-GGZ-traject {bggz_price}, trajectprijs volgens AEF {aef_trajectory_price}, "
               "S-GGZ-traject {sggz_price}."),
)

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

# Outputs the break-even page shows beside the break-even: the savings in each scenario and what share of the
# yearly cost they cover, and the observed share helped without referral (an observation, not an effect).
BREAK_EVEN_SAVINGS = tuple(
    o for key, label in SCENARIO_NAMES.items() for o in (
        Output(f"savings_{key}", f"Besparing, scenario {label}", "eur", 0),
        Output(f"coverage_{key}", f"Besparing als deel van de jaarkosten, scenario {label}", "share", 2),
    ))
OBSERVED_SELF_HELPED = Output("observed_self_helped",
                              "Zonder verwijzing geholpen in evaluaties (waarneming, geen gemeten effect)", "share", 2)

PAGE = PageCalculator("terugverdienen", BREAK_EVEN, "Rekentool terugverdienen",
                      ("annual_cost", "trajectories_needed", "hours_per_week", "share_of_contracted_time",
                       "remaining_hours_per_week"), (*BREAK_EVEN_SAVINGS, OBSERVED_SELF_HELPED),
                      bars=("annual_cost", "savings_conservative", "savings_optimistic", "savings_none"),
                      app="terugverdienen")

# The break-even's options on the command line that no page calculator has.
YOUTHS_PER_1000_INPUT = Input("youths", "jeugdigen", fact="youths", decimals=0,
                              help="Geeft ook de vermeden trajecten per 1000 jeugdigen.")
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
# the break-even's assumptions, in the order of the CLI's options (the page calculator's inputs among them)
BREAK_EVEN_ASSUMPTION_INPUTS = (
    BREAK_EVEN_INPUTS[1],
    Input("paid_weeks", "betaalde_weken", fact="paid_weeks", decimals=0),
    BREAK_EVEN_INPUTS[2],
    Input("direct_hours_per_trajectory", "directe_uren", fact="direct_hours_per_trajectory", decimals=1),
    INDIRECT_UPLIFT_INPUT,
    WORKING_WEEKS_INPUT,
)

FOLDER = Folder(Path(__file__).parent, (BREAK_EVEN,), (PAGE,))
