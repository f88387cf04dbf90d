"""Altair charts for the book: Dutch number formats, a text description for every
chart, SVG output, no "…" actions menu and no CDN. (The apps draw their charts with
calculators/ui/figures.py, without Altair.)

The Vega JavaScript is self-hosted (scripts/vendor_assets.py puts the bundle from
vl-convert-python into book/_extra/lib; book/_static/handboek.js loads it when a chart
comes into view).
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

_READY = False
# room beside the plot for the axis labels and title, added to a chart's plot width to give the widest
# its container may grow (charts with width "container" fill the column up to that)
MAX_WIDTH_EXTRA = 260


def embed_options() -> dict[str, Any]:
    """vega-embed options: SVG, no actions menu, Dutch number and date formats (no fetch)."""
    return {
        "actions": False,
        "renderer": "svg",
        "formatLocale": vlc.get_format_locale("nl-NL"),
        "timeFormatLocale": vlc.get_time_format_locale("nl-NL"),
    }


def setup() -> None:
    """Configure Altair's own renderers the same way (for charts shown directly)."""
    global _READY
    if _READY:
        return
    alt.renderers.set_embed_options(**embed_options())
    _READY = True


def embed_html(chart: alt.TopLevelMixin) -> str:
    """A chart as a container plus its spec as JSON data (no inline script, no CDN loader).

    book/_static/handboek.js renders it with the self-hosted vegaEmbed when it scrolls into
    view, or at once when printing.
    """
    spec_dict = chart.to_dict()
    spec_dict.pop("$schema", None)  # a URL that is never fetched; keep pages free of other hosts
    payload = json.dumps({"spec": spec_dict, "options": embed_options()}, ensure_ascii=False, sort_keys=True)
    div = "vega-" + hashlib.sha1(payload.encode()).hexdigest()[:12]
    max_width = (spec_dict.get("usermeta") or {}).get("maxWidth")
    style = f' style="max-width: min(100%, {int(max_width)}px)"' if max_width else ""
    # focusable with a name: a wide chart scrolls, and keyboard users must be able to scroll it
    name = html.escape(str(spec_dict.get("description") or spec_dict.get("title") or "Grafiek"), quote=True)
    data_json = payload.replace("</", "<\\/")  # never close the <script> element early
    return (f'<div id="{div}" class="vega-grafiek" tabindex="0" role="group" aria-label="{name}"{style}></div>'
            f'<script type="application/json" id="spec-{div}">{data_json}</script>')


class DescribedChart:
    """A chart followed by its description in text, for readers who cannot see it. A ``title`` is
    printed above the chart as HTML text, so that it wraps in a narrow column (a Vega title does not)."""

    def __init__(self, chart: alt.TopLevelMixin, description: str, title: str = "") -> None:
        self.chart = chart
        self.description = description
        self.title = title

    def _repr_html_(self) -> str:
        head = f'<p class="grafiek-titel">{html.escape(self.title)}</p>' if self.title else ""
        return (f'<figure class="handboek-grafiek">{head}{embed_html(self.chart)}'
                f'<figcaption class="grafiek-beschrijving">{html.escape(self.description)}</figcaption></figure>')

    def __repr__(self) -> str:
        return self.description


def bar(
    frame: pd.DataFrame,
    category: str,
    value: str,
    *,
    title: str,
    description: str,
    category_title: str,
    value_title: str,
    color: str | None = None,
    color_title: str | None = None,
    percent: bool = False,
    sort: Sequence[str] | None = None,
    width: int | None = None,
    label: str | None = None,
) -> DescribedChart:
    """A horizontal bar chart (grouped by ``color`` when given, never stacked).

    ``label`` names a text column printed at the end of every bar (e.g. the share with its base n).
    """
    setup()
    fmt = ".0%" if percent else ",.0f"
    y = alt.Y(f"{category}:N", title=category_title, sort=list(sort) if sort else None)
    # the axis title ends at the plot's right edge: centred under a narrow plot it would run out of the chart
    x = alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=fmt, titleAnchor="end"))
    encoding: dict[str, Any] = {"x": x, "y": y,
                                "tooltip": [alt.Tooltip(f"{category}:N", title=category_title),
                                            alt.Tooltip(f"{value}:Q", title=value_title, format=fmt)]}
    if color:  # legend below the bars, so wide category labels and the legend fit the page
        encoding["color"] = alt.Color(f"{color}:N", title=color_title or color,
                                      legend=alt.Legend(orient="bottom", columns=1))
        encoding["yOffset"] = alt.YOffset(f"{color}:N")
        encoding["tooltip"].insert(0, alt.Tooltip(f"{color}:N", title=color_title or color))
    base = alt.Chart(frame)
    bars = base.mark_bar().encode(**encoding)
    layered: alt.TopLevelMixin = bars
    if label:
        text_encoding = {k: v for k, v in encoding.items() if k in ("x", "y", "yOffset")}
        text_encoding["text"] = alt.Text(f"{label}:N")
        layered = alt.layer(bars, base.mark_text(align="left", baseline="middle", dx=3, fontSize=10)
                            .encode(**text_encoding))
    # the chart takes the column's width (on a phone too): the bars shrink, the text keeps its size.
    # ``width`` is the widest the plot may grow on a large screen. A chart with labels at the end of its
    # bars keeps its width (Vega fits the plot, not text beyond it): on a phone it scrolls in its frame.
    plot_width = width or (400 if color else 460)
    if label:
        chart = layered.properties(width=plot_width, description=description)
    else:
        chart = layered.properties(width="container", description=description,
                                   usermeta={"maxWidth": plot_width + MAX_WIDTH_EXTRA})
    return DescribedChart(chart, description, title)


def share_with_base(share: float, base: float | None) -> str:
    """A bar label: the share with the base it is a share of ('42% (n = 755)')."""
    from .formatting import number as num
    from .formatting import percent as pct

    return f"{pct(share)} (n = {num(base)})" if base is not None else f"{pct(share)} (n niet vermeld)"


def interval_bars(
    frame: pd.DataFrame,
    category: str,
    value: str,
    low: str,
    high: str,
    label: str,
    *,
    title: str,
    description: str,
    category_title: str,
    value_title: str,
    sort: Sequence[str] | None = None,
    width: int = 420,
) -> DescribedChart:
    """Horizontal bars of shares with an interval line (where ``low``/``high`` are given) and a text label
    at the end of each row, for example the base n ('n = 343' or 'n onbekend')."""
    setup()
    y = alt.Y(f"{category}:N", title=category_title, sort=list(sort) if sort else None,
              axis=alt.Axis(labelLimit=320))
    scale = alt.Scale(domain=[0, 1])
    tooltip = [alt.Tooltip(f"{category}:N", title=category_title),
               alt.Tooltip(f"{value}:Q", title=value_title, format=".0%"),
               alt.Tooltip(f"{low}:Q", title="Ondergrens 95%-interval", format=".0%"),
               alt.Tooltip(f"{high}:Q", title="Bovengrens 95%-interval", format=".0%"),
               alt.Tooltip(f"{label}:N", title="Basis")]
    base = alt.Chart(frame)
    bars = base.mark_bar(color="#7aa6d1").encode(
        x=alt.X(f"{value}:Q", title=value_title, scale=scale, axis=alt.Axis(format=".0%")), y=y, tooltip=tooltip)
    rules = base.transform_filter(f"isValid(datum['{low}'])").mark_rule(color="#1a1a1a", strokeWidth=2).encode(
        x=alt.X(f"{low}:Q", scale=scale), x2=f"{high}:Q", y=y)
    texts = base.mark_text(align="left", dx=4, fontSize=11, color="#1a1a1a").encode(
        x=alt.value(width), y=y, text=f"{label}:N")
    chart = (alt.layer(bars, rules, texts)
             .properties(width=width, description=description)
             .configure_view(stroke=None))
    return DescribedChart(chart, description, title)


def tornado(sensitivity: Any, width: int = 320) -> DescribedChart:
    """The tornado chart of a sensitivity analysis (the spec of calculators.sensitivity.chart, in Altair)."""
    from .sensitivity.chart import describe, tornado_spec

    setup()
    description = describe(sensitivity)
    # its labels are whole assumption names (no limit): on a phone the chart scrolls in its frame
    spec = {**tornado_spec(sensitivity, width), "description": description}
    title = spec.pop("title", {})
    return DescribedChart(alt.LayerChart.from_dict(spec), description,
                          title.get("text", "") if isinstance(title, dict) else str(title))
