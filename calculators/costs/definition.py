"""The whole cost (COSTS, and WHOLE_COST as its page shows it): inputs, outputs and the page calculator
``integrale-kosten``.

Collected by ``calculators/registry.py``; the CLI, the apps, the exports, the annex and the page calculators
read the labels, units and rounding from here, never from a copy.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import (
    BASIS_AEF,
    COST_HIGH_INPUT,
    COST_LOW_INPUT,
    Calculator,
    Folder,
    Input,
    Output,
    PageCalculator,
)


def _norm_fte() -> float:
    """The norm's fte for the default number of youths (middle of the norm), the whole-cost default."""
    from .. import data
    from ..staffing import PER_YOUTHS

    return data.value("youths") / PER_YOUTHS * data.value("fte_per_10k")


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

PAGE = PageCalculator("integrale-kosten", WHOLE_COST, "Rekentool integrale kosten",
                      ("salary", "items_total", "total"), bars=("salary", "items_total"))

# the cost calculator's options on the command line (no source gives a cost item's amount: each is the
# reader's own input)
COST_PER_FTE_INPUT = Input("cost_per_fte", "kosten_per_fte", fact="cost_per_fte", decimals=0,
                           help="Een bedrag of een bereik LAAG..HOOG.")
COSTS_FTE_INPUT = Input("fte", "fte", label="Formatie in fte", unit="fte", decimals=2)
COST_ITEM_INPUTS = tuple(i for i in WHOLE_COST_INPUTS if i.cost_item is not None)

FOLDER = Folder(Path(__file__).parent, (COSTS, WHOLE_COST), (PAGE,))
