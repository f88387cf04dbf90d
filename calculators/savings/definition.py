"""Savings scenarios (SAVINGS): outputs. No page calculator of its own: the break-even page
(``break_even/definition.py``) shows the savings beside the break-even.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import Calculator, Folder, Input, Output

SAVINGS = Calculator("savings", "Besparing op trajecten die de POH-J zelf afrondt", (
    Output("trajectories", "Trajecten zonder verwijzing", "count", 0),
    Output("savings_bggz", "Besparing B-GGZ", "eur", 0),
    Output("savings_sggz", "Besparing S-GGZ", "eur", 0),
    Output("savings_total", "Totale besparing", "eur", 0),
    Output("pohj_time_cost", "Tijdkosten POH-J van deze trajecten (niet afgetrokken)", "eur", 0),
))

def _hourly_cost() -> float:
    from .model import default_hourly_cost

    return default_hourly_cost()


# the savings calculator's options on the command line
SAVINGS_INPUTS = (
    Input("bggz_price", "prijs_bggz", fact="bggz_price", decimals=0),
    Input("sggz_price", "prijs_sggz", fact="sggz_price", decimals=0),
    Input("hourly_cost", "uurkosten_incl", label="Kosten per contactuur in €, inclusief indirecte tijd",
          unit="eur_per_hour", default=_hourly_cost, decimals=2,
          help="De uurkosten {hourly_rate} plus de opslag voor indirecte tijd ({indirect_uplift})."),
)

FOLDER = Folder(Path(__file__).parent, (SAVINGS,))
