"""The published figures of source 001, recomputed cell by cell with our models.

Each printed cell of Rebel's savings tables and break-even examples and each
printed referral flow becomes a :class:`Cell`: the printed value, our value and
whether they agree at the printed precision. Cells that disagree link to the
discrepancy in ``data/discrepancies.csv`` that explains why. The handbook's
chapter on the models and the tests both use this module.

Some printed cells are not reproduced but fed in: the models take them as input,
so they match by construction. They are marked ``fed_in`` and counted apart:
the trajectory counts per band of the savings tables, Oegstgeest's annual cost
(its break-even example starts from it) and the 2020 referral flows the model
inputs are taken from (help questions; reach = to POH-J / help questions; the
POH-J's referral rate = its referrals / to POH-J).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import data
from .break_even import break_even_point
from .referral import observed_inputs_2020, referral_point
from .savings import SavingsResult, builtin_scenario, published_groups, savings_point


@dataclass(frozen=True)
class Cell:
    table: str
    row: str
    column: str
    printed: float | None  # None: printed as NVT (not applicable)
    ours: float
    decimals: int
    ref: str
    discrepancy: str | None = None
    fed_in: bool = False  # the model takes this printed value as input: it matches by construction

    @property
    def reproduced(self) -> bool:
        return not self.fed_in

    @property
    def matches(self) -> bool:
        if self.printed is None:
            return round(self.ours, 9) == 0
        return round(self.ours, self.decimals) == round(self.printed, self.decimals)


def _discrepancy_by_cell() -> dict[str, str]:
    return {r["cell"]: r["id"] for r in data.rows("discrepancies") if r["cell"]}


def _savings_result(name: str) -> SavingsResult:
    """A published scenario recomputed with the default parameters (€ 61 x 1.33 per contact hour)."""
    from .savings import default_hourly_cost

    return savings_point(
        groups=published_groups(),
        scenario=builtin_scenario(name),
        bggz_price=data.value("bggz_price"),
        sggz_price=data.value("sggz_price"),
        hourly_cost_incl_indirect=default_hourly_cost(),
        contact_minutes=data.value("contact_minutes"),
    )


def savings_cells() -> list[Cell]:
    links = _discrepancy_by_cell()
    results = {name: _savings_result(name) for name in ("conservative", "optimistic")}
    cells = []
    for row in data.rows("published_savings"):
        result = results[row["scenario"]]
        if row["band"]:
            line = next(x for x in result.lines if x.label == row["row"])
            values = {"count": line.count, "pohj_cost_per_trajectory": line.pohj_cost_per_trajectory,
                      "savings_bggz": line.savings_bggz, "savings_sggz": line.savings_sggz}
        else:
            values = {"count": result.trajectories, "savings_bggz": result.savings_bggz,
                      "savings_sggz": result.savings_sggz}
        for column, ours in values.items():
            if column == "pohj_cost_per_trajectory" and row["scenario"] == "optimistic":
                continue  # the optimistic table has no cost column
            if column == "savings_sggz" and row["scenario"] == "conservative":
                continue  # the conservative table has no S-GGZ column
            key = f"published_savings:{row['scenario']}:{row['row']}:{column}"
            fed_in = column == "count" and bool(row["band"])  # the counts per band are the model's input
            cells.append(Cell("published_savings", f"{row['scenario']}: {row['row']}", column,
                              data.number(row, column), ours, 0, row["ref"], links.get(key), fed_in))
    return cells


def break_even_inputs(example: str) -> dict[str, float]:
    """Model inputs of a published break-even example (Oegstgeest: annual cost; Lisse: hours)."""
    printed = {r["item"]: data.number(r, "value") for r in data.rows("published_break_even") if r["example"] == example}
    hours = printed["contracted_hours"] or 0.0
    if example == "oegstgeest":
        return {"annual_cost": printed["annual_cost"] or 0.0, "contracted_hours": hours}
    return {"hours_per_week": hours}


INPUT_ITEMS = {"contracted_hours"}  # printed as the example's premise, not as a result: no cell
FED_IN_ITEMS = {("oegstgeest", "annual_cost")}  # a cell, but the model's input
_FIELD = {
    "trajectories_short": "trajectories_short",
    "trajectories_long": "trajectories_long",
    "hourly_rate_incl_indirect": "hourly_cost_incl_indirect",
}


def break_even_cells() -> list[Cell]:
    links = _discrepancy_by_cell()
    cells = []
    results = {ex: break_even_point(**break_even_inputs(ex)) for ex in ("oegstgeest", "lisse")}
    for row in data.rows("published_break_even"):
        if row["item"] in INPUT_ITEMS:
            continue
        result = results[row["example"]]
        ours = getattr(result, _FIELD.get(row["item"], row["item"]))
        key = f"published_break_even:{row['example']}:{row['item']}"
        cells.append(Cell("published_break_even", row["example"], row["item"], data.number(row, "value"),
                          ours, int(row["decimals"]), row["ref"], links.get(key),
                          (row["example"], row["item"]) in FED_IN_ITEMS))
    return cells


def referral_cells() -> list[Cell]:
    inputs = observed_inputs_2020()
    result = referral_point(
        help_questions=inputs["help_questions"], reach=inputs["reach"],
        pohj_referral_rate=inputs["pohj_referral_rate"], induced_demand=0.0,
        counterfactual_referral_rate=1.0, trajectory_price=data.value("bggz_price"),
        baseline_referrals=inputs["baseline_referrals"],
    )
    mapping = {"gp_referrals": "total_referrals", "to_pohj": "to_pohj", "pohj_referrals": "pohj_referrals",
               "helped_without_referral": "helped_without_referral", "direct_referrals": "direct_referrals",
               "help_questions": "help_questions"}
    return [
        Cell("referral_flows", r["year"], r["flow"], data.number(r, "count"), getattr(result, mapping[r["flow"]]),
             0, r["ref"], fed_in=r["flow"] in REFERRAL_FLOWS_FED_IN)
        for r in data.rows("referral_flows") if r["year"] == "2020"
    ]


#: The printed 2020 flows that observed_inputs_2020() turns into the model's inputs.
REFERRAL_FLOWS_FED_IN = {"help_questions", "to_pohj", "pohj_referrals"}


def all_cells() -> list[Cell]:
    return savings_cells() + break_even_cells() + referral_cells()


@dataclass(frozen=True)
class CellCounts:
    total: int
    fed_in: int  # printed inputs: match by construction
    reproduced: int  # computed by the models from other figures
    reproduced_matching: int
    reproduced_off: int  # each explained in data/discrepancies.csv


def counts(cells: list[Cell] | None = None) -> CellCounts:
    """How many printed cells are inputs and how many are reproduced, and how many of those match."""
    cells = all_cells() if cells is None else cells
    reproduced = [c for c in cells if c.reproduced]
    matching = sum(c.matches for c in reproduced)
    return CellCounts(total=len(cells), fed_in=len(cells) - len(reproduced), reproduced=len(reproduced),
                      reproduced_matching=matching, reproduced_off=len(reproduced) - matching)
