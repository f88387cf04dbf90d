"""The whole cost (integrale kosten) of a POH-J per year.

total = salary + items, where

- salary = fte x cost per fte (AEF: € 100,000–110,000 per fte, without housing);
- each item of ``data/tables/cost_items.csv`` is either per fte (workspace, supervision and
  intervision, training, access to the GP information system: amount x fte) or per year
  (coordination, monitoring and evaluation: the amount as is).

No source prints an amount for any item, so each defaults to 0 and is shown as 'eigen invoer'
(own input) until a user fills it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import data
from ..errors import InputError
from ..ranges import Range
from ..validation import check_limits, field_label, input_limits, limit_text, show


@dataclass(frozen=True)
class CostItem:
    """One budget item as stored in ``data/tables/cost_items.csv``."""

    item: str
    label: str
    basis: str  # per_fte or per_year
    default: float | None  # None: no source gives an amount ('eigen invoer')
    source: str
    ref: str
    note: str


@dataclass(frozen=True)
class CostLine:
    item: str
    label: str
    basis: str
    amount: float  # as entered (per fte or per year)
    low: float  # euros per year for the given fte
    high: float
    own_input: bool  # True: no sourced default and nothing entered, or a user's amount
    entered: bool
    source: str
    ref: str


@dataclass(frozen=True)
class CostsResult:
    fte: float
    cost_per_fte_low: float
    cost_per_fte_high: float
    salary_low: float
    salary_high: float
    items: tuple[CostLine, ...]
    items_total: float
    total_low: float
    total_high: float


def cost_items() -> tuple[CostItem, ...]:
    """The budget items, in table order."""
    return tuple(
        CostItem(r["item"], r["label"], r["basis"], data.number(r, "default"), r["source"], r["ref"], r["note"])
        for r in data.rows("cost_items")
    )


def _check_nonnegative(value: float, name: str, label: str) -> None:
    if not value >= 0 or value == float("inf"):
        raise InputError(f"{label} mag niet negatief of oneindig zijn ({show(value)}).", field=name)


def costs(fte: float, amounts: Mapping[str, float] | None = None,
          cost_per_fte: float | Range | None = None) -> CostsResult:
    """The whole annual cost for ``fte`` fte; ``amounts`` maps item keys to euros (per fte or per year)."""
    _check_nonnegative(fte, "fte", "Het aantal fte")
    check_limits({"fte": fte})
    per_fte = Range.of("cost_per_fte") if cost_per_fte is None else cost_per_fte
    if not isinstance(per_fte, Range):
        per_fte = Range(per_fte, per_fte)
    _check_nonnegative(per_fte.low, "cost_per_fte", field_label("cost_per_fte"))
    check_limits({"cost_per_fte": per_fte.high})
    if per_fte.low > per_fte.high:
        raise InputError(f"{field_label('cost_per_fte')}: de ondergrens ({show(per_fte.low)}) is hoger dan de "
                         f"bovengrens ({show(per_fte.high)}).", field="cost_per_fte")
    given = dict(amounts or {})
    known = {i.item for i in cost_items()}
    for key in given:
        if key not in known:
            raise InputError(f"Onbekende kostenpost {show(key)}: kies uit {', '.join(sorted(known))}.", field=key)
    lines = []
    for item in cost_items():
        entered = item.item in given
        amount = given[item.item] if entered else (item.default or 0.0)
        _check_nonnegative(amount, item.item, item.label)
        if amount > input_limits()["cost_item_amount"][0]:
            raise InputError(f"{item.label} is onwaarschijnlijk groot ({show(amount)}): "
                             f"{limit_text('cost_item_amount')}.", field=item.item)
        per_year = amount * fte if item.basis == "per_fte" else amount
        lines.append(CostLine(item.item, item.label, item.basis, amount, per_year, per_year,
                              own_input=entered or item.default is None, entered=entered,
                              source=item.source, ref=item.ref))
    items_total = sum(line.low for line in lines)
    salary_low, salary_high = fte * per_fte.low, fte * per_fte.high
    return CostsResult(fte, per_fte.low, per_fte.high, salary_low, salary_high, tuple(lines), items_total,
                       salary_low + items_total, salary_high + items_total)
