"""The building blocks of a calculator's definition: Output, Input, Calculator, PageCalculator.

Each calculator folder (``calculators/<name>/definition.py``) builds its definition from these, and
``calculators/registry.py`` collects the folders. They live here, not in the registry, so that a folder's
definition never imports the registry that imports it. The inputs and cost bases that several calculators
share are defined here too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import formatting
from .ranges import Span

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

YOUTHS_INPUT = Input("youths", "jeugdigen", fact="youths", plausible=(0, 200_000), decimals=0)
HOURS_PER_FTE_INPUT = Input("hours_per_fte", "uren_fte", fact="hours_per_fte", plausible=(20, 40), decimals=1,
                            positive=True)
COST_LOW_INPUT = Input("cost_per_fte_low", "kosten_laag", fact="cost_per_fte", end="low", plausible=(50_000, 200_000),
                       decimals=0, label="Kosten per fte per jaar in €, ondergrens")
COST_HIGH_INPUT = Input("cost_per_fte_high", "kosten_hoog", fact="cost_per_fte", end="high",
                        plausible=(50_000, 200_000), decimals=0, label="Kosten per fte per jaar in €, bovengrens")


# Cost bases, named the same way wherever a yearly cost is shown.
BASIS_AEF = "AEF-kosten per fte"
BASIS_HOURLY = "uren × uurtarief"
BASIS_LABEL = "Basis van de jaarkosten"  # the row beside a break-even's yearly cost that names its basis

# Options of the CLI that no page calculator has, shared by capacity and break-even: one Input each, so
# that the CLI's help (label, bound, default) reads the registry as the forms do.
HOURS_PER_WEEK_INPUT = Input("hours_per_week", "uren", fact="hours_per_week", plausible=(1, 80), decimals=1)
INDIRECT_UPLIFT_INPUT = Input("indirect_uplift", "opslag", fact="indirect_uplift", decimals=3)
WORKING_WEEKS_INPUT = Input("working_weeks", "werkweken", fact="working_weeks", decimals=0)


# --------------------------------------------------------------------------- page calculators


@dataclass(frozen=True)
class PageCalculator:
    """A calculator on a book page: a form that recomputes in the reader's browser.

    ``name`` is what a chapter passes to ``live()`` and the name of its JavaScript module (``<name>.js`` in
    its calculator's folder, served as ``_static/rekentools/<name>.js``); ``outputs`` are the calculator's
    outputs it shows, ``extra`` outputs of other calculators shown beside them, ``bars`` the outputs drawn
    as bars under the answer.
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



@dataclass(frozen=True)
class Folder:
    """What one calculator folder (``calculators/<name>/``) gives the registry: its calculators and page calculators.

    The folder holds ``model.py`` (the plain typed model), ``definition.py`` (which ends with its ``FOLDER``)
    and, for each page calculator, the formula the browser runs: ``<page calculator's name>.js``.
    """

    path: Path
    calculators: tuple[Calculator, ...]
    pages: tuple[PageCalculator, ...] = ()

    @property
    def name(self) -> str:
        return self.path.name

    def module(self, page: PageCalculator) -> Path:
        """The ES module of one of this folder's page calculators."""
        return self.path / f"{page.name}.js"
