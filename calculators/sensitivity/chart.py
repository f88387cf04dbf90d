"""The tornado chart of a sensitivity analysis as a plain Vega-Lite spec (one definition).

The apps render it to SVG with vl-convert (``calculators.ui.figures.Figure``); the book wraps
the same spec in Altair (``calculators.charts.tornado``). No Altair import here.
"""

from __future__ import annotations

from typing import Any

from .. import formatting
from .model import Sensitivity

AT_LOW, AT_HIGH = "bij de lage waarde", "bij de hoge waarde"


def short_label(label: str, assumption: bool) -> str:
    """The label up to its first parenthesis, with '*' for an assumption (explained in the description)."""
    text = label.split(" (")[0]
    return f"{text} *" if assumption else text


def _axis_format(unit: str) -> str:
    return {"share": ".0%", "eur": ",.0f", "fte": ",.2f"}.get(unit, ",.1f")


def describe(s: Sensitivity) -> str:
    """The chart in words, for readers who cannot see it."""
    parts = [f"{short_label(r.label, False)} {formatting.auto(r.low, s.unit)}–{formatting.auto(r.high, s.unit)}"
             for r in s.rows if r.swing > 0]
    note = " Een * betekent: aanname, geen bronwaarde." if any(r.assumption for r in s.rows) else ""
    return (f"{s.outcome_label}: {formatting.auto(s.base, s.unit)} bij de standaardwaarden. Uitkomst als één "
            f"aanname naar haar lage en hoge waarde gaat, grootste invloed eerst: {'; '.join(parts)}.{note}")


def tornado_spec(s: Sensitivity, width: int = 300) -> dict[str, Any]:
    """Two bars per assumption (from the base outcome to the outcome at its low and at its high value)."""
    rows = []
    order = [short_label(r.label, r.assumption) for r in s.rows]
    for r, name in zip(s.rows, order, strict=True):
        for end, value, given in ((AT_LOW, r.outcome_at_low, r.input_low), (AT_HIGH, r.outcome_at_high, r.input_high)):
            shown = given if isinstance(given, str) else formatting.auto(given, r.unit)
            rows.append({"aanname": name, "eind": end, "uitkomst": value, "basis": s.base, "invoer": shown})
    fmt = _axis_format(s.unit)
    x = {"field": "uitkomst", "type": "quantitative", "title": s.outcome_label,
         "axis": {"format": fmt, "titleLimit": 0, "labelFlush": True}, "scale": {"zero": False}}
    y = {"field": "aanname", "type": "nominal", "title": None, "sort": order,
         "axis": {"labelLimit": 0, "labelFontSize": 11}}
    return {
        "data": {"values": rows},
        "width": width,
        "height": {"step": 22},
        "title": {"text": "Welke aanname weegt het zwaarst?", "anchor": "start"},
        "layer": [
            {"mark": {"type": "bar", "height": 14},
             "encoding": {"y": y, "x": x, "x2": {"field": "basis"},
                          "color": {"field": "eind", "type": "nominal", "title": "Uitkomst",
                                    "scale": {"domain": [AT_LOW, AT_HIGH], "range": ["#4c78a8", "#e45756"]},
                                    "legend": {"orient": "bottom", "direction": "vertical"}},
                          "tooltip": [{"field": "aanname", "title": "Aanname"},
                                      {"field": "eind", "title": "Waarde"},
                                      {"field": "invoer", "title": "Invoer"},
                                      {"field": "uitkomst", "title": "Uitkomst", "format": fmt}]}},
            {"mark": {"type": "rule", "color": "#222"}, "encoding": {"x": {"field": "basis", "type": "quantitative"}}},
        ],
    }
