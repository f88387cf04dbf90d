"""Savings scenarios (SAVINGS): outputs. No page calculator of its own: the break-even page
(``break_even/definition.py``) shows the savings beside the break-even.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import Calculator, Folder, Output

SAVINGS = Calculator("savings", "Besparing op trajecten die de POH-J zelf afrondt", (
    Output("trajectories", "Trajecten zonder verwijzing", "count", 0),
    Output("savings_bggz", "Besparing B-GGZ", "eur", 0),
    Output("savings_sggz", "Besparing S-GGZ", "eur", 0),
    Output("savings_total", "Totale besparing", "eur", 0),
    Output("pohj_time_cost", "Tijdkosten POH-J van deze trajecten (niet afgetrokken)", "eur", 0),
))

FOLDER = Folder(Path(__file__).parent, (SAVINGS,))
