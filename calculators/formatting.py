"""Dutch number formatting (via Babel), used by the CLI, the apps and the book.

``€ 170.820``, ``0,5 fte``, ``30%``, ``1.739``. One place, so that every page
and every export prints numbers the same way.
"""

from __future__ import annotations

import decimal

from babel.numbers import format_decimal

LOCALE = "nl_NL"
DASH = "\u2013"  # en dash for ranges: "0,5–0,6 fte"


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def number(x: float, decimals: int = 0) -> str:
    """``1739`` -> ``1.739``; ``0.5, 1`` -> ``0,5``. Never prints ``-0``."""
    rounded = round(float(x), decimals)
    if rounded == 0:
        rounded = 0.0
    # Babel quantizes in the current decimal context (28 digits): widen it for huge inputs.
    with decimal.localcontext() as ctx:
        ctx.prec = 400
        return format_decimal(rounded, format=_pattern(decimals), locale=LOCALE, decimal_quantization=True)


def euro(x: float, decimals: int = 0) -> str:
    """``170820`` -> ``€ 170.820``."""
    text = number(abs(x), decimals)
    return f"-€ {text}" if round(x, decimals) < 0 else f"€ {text}"


def percent(share: float, decimals: int = 0) -> str:
    """A fraction as a Dutch percentage: ``0.305`` -> ``31%`` (``30,5%`` with 1 decimal)."""
    return number(share * 100, decimals) + "%"


def fte(x: float, decimals: int = 1) -> str:
    return f"{number(x, decimals)} fte"


def hours(x: float, decimals: int = 1) -> str:
    return f"{number(x, decimals)} uur"


# Suffix printed after the number, per unit of data/parameters.csv.
_SUFFIX = {
    "fte": " fte",
    "fte_per_10k": " fte per 10.000 jeugdigen",
    "hours": " uur",
    "hours_per_week": " uur per week",
    "hours_per_year": " uur per jaar",
    "minutes": " minuten",
    "weeks": " weken",
    "years": " jaar",
    "contacts": " contacten",
    "clients_per_week": " cliënten per week",
    "clients_per_day": " cliënten per dag",
    "eur_per_hour": " per uur",
    "eur_per_fte": " per fte per jaar",
    "eur_per_year": " per jaar",
}


def bare(x: float, unit: str, decimals: int = 0) -> str:
    """The number alone, formatted for its unit (no suffix): ``€ 876``, ``30%``, ``1.739``."""
    if unit.startswith("eur"):
        return euro(x, decimals)
    if unit == "share":
        return percent(x, max(decimals - 2, 0))
    if unit == "year":
        return str(int(round(x)))  # calendar years have no thousands separator
    return number(x, decimals)


def with_unit(x: float, unit: str, decimals: int = 0) -> str:
    """The number with its unit: ``0,5 fte``, ``14 uur per week``, ``€ 61 per uur``."""
    return bare(x, unit, decimals) + _SUFFIX.get(unit, "")


def span(low: float, high: float, unit: str, decimals: int = 0) -> str:
    """A low–high range: ``0,5–0,6 fte``, ``€ 50.000 – € 66.000``, ``30–70%``."""
    if bare(low, unit, decimals) == bare(high, unit, decimals):
        return with_unit(low, unit, decimals)
    if unit.startswith("eur"):
        return f"{euro(low, decimals)} {DASH} {euro(high, decimals)}" + _SUFFIX.get(unit, "")
    if unit == "share":
        d = max(decimals - 2, 0)
        return f"{number(low * 100, d)}{DASH}{number(high * 100, d)}%"
    return f"{bare(low, unit, decimals)}{DASH}{bare(high, unit, decimals)}" + _SUFFIX.get(unit, "")


def auto(x: float, unit: str, max_decimals: int = 2) -> str:
    """The number alone with as few decimals as it needs (at most ``max_decimals``).

    ``0.5`` -> ``0,5``; ``19.0`` -> ``19``; ``51.432`` euro per hour -> ``€ 51,43``;
    shares as percentages with at most one decimal.
    """
    if unit == "share":
        pct = round(x * 100, 1)
        return percent(x, 0 if pct.is_integer() else 1)
    if unit.startswith("eur"):
        cents = 2 if unit == "eur_per_hour" and not float(round(x, 2)).is_integer() else 0
        return euro(x, cents)
    text = number(x, max_decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text

