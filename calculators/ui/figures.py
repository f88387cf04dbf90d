"""Charts in the apps: small Vega-Lite specs as plain dicts, rendered to SVG on the server.

Plain dicts rather than Altair: importing Altair (and the jsonschema validation it pulls in)
costs about 3 s of every app kernel's start-up, and these three charts need none of it.
vl-convert renders with Dutch number formats; the page needs no JavaScript for the chart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import vl_convert as vlc

CHART_FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Figure:
    """A Vega-Lite spec and the text description that stands in for it."""

    spec: dict[str, Any]
    description: str

    def svg_html(self) -> str:
        """The SVG in a role="img" wrapper labelled with the description, also printed below it."""
        # measure text with the font the browser draws it in (DejaVu Sans is the Debian default and
        # wider than most): labels measured with a narrower font would be clipped on the page
        config = {**self.spec.get("config", {}), "font": CHART_FONT}
        svg = vlc.vegalite_to_svg({**self.spec, "description": self.description, "config": config},
                                  format_locale="nl-NL", time_format_locale="nl-NL")
        label = html.escape(self.description, quote=True)
        return (f'<figure class="handboek-grafiek"><div role="img" aria-label="{label}">{svg}</div>'
                f'<figcaption class="grafiek-beschrijving">{label}</figcaption></figure>')


def quantity(field: str, title: str, *, total: bool = False) -> dict[str, Any]:
    """A quantitative axis with Dutch thousands grouping (summed when ``total``)."""
    axis = {"field": field, "type": "quantitative", "title": title, "axis": {"format": ",.0f"}}
    return {**axis, "aggregate": "sum"} if total else axis


def category(field: str, **extra: Any) -> dict[str, Any]:
    """A nominal axis without a title, in data order unless ``sort`` is given."""
    return {"field": field, "type": "nominal", "title": None, "sort": None, **extra}


def bar_chart(rows: list[dict[str, Any]], *, title: str, x: dict[str, Any], y: dict[str, Any],
              description: str, height: int | None = None, fill: str | None = None,
              **encoding: Any) -> Figure:
    """A bar chart; ``encoding`` adds channels such as color and order."""
    mark = {"type": "bar", **({"color": fill} if fill else {})}
    spec: dict[str, Any] = {"data": {"values": rows}, "mark": mark, "width": 460, "title": title,
                            "encoding": {"x": x, "y": y, **encoding}}
    if height:
        spec["height"] = height
    return Figure(spec, description)
