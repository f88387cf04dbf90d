"""Book charts: self-hosted embedding (no CDN, no inline script) and a text description."""

from __future__ import annotations

import json
import re

import pandas as pd

from calculators import charts


def sample() -> charts.DescribedChart:
    frame = pd.DataFrame({"studie": ["Accare", "Rebel"], "aandeel": [0.41, 0.47]})
    return charts.bar(frame, "studie", "aandeel", title="Aandeel </script> zonder verwijzing",
                      description="Accare 41%, Rebel 47%.", category_title="Studie",
                      value_title="Aandeel", percent=True)


def test_html_holds_the_spec_as_json_data_not_as_a_script() -> None:
    page = sample()._repr_html_()
    div = re.search(r'<div id="(vega-[0-9a-f]{12})" class="vega-grafiek"', page)
    assert div, page[:200]
    data = re.search(rf'<script type="application/json" id="spec-{div.group(1)}">(.*?)</script>', page, re.S)
    assert data, "the spec must follow its container as JSON data"
    payload = json.loads(data.group(1))
    # the title is HTML above the chart (it wraps on a phone; a Vega title would be cut off), escaped
    assert "title" not in payload["spec"]
    assert '<p class="grafiek-titel">Aandeel &lt;/script&gt; zonder verwijzing</p>' in page
    assert payload["spec"]["width"] == "container"  # the chart takes the column's width
    assert payload["options"]["formatLocale"]["decimal"] == ","
    assert "$schema" not in payload["spec"] and "http" not in data.group(1)
    assert '<figcaption class="grafiek-beschrijving">Accare 41%, Rebel 47%.</figcaption>' in page



def test_plain_text_is_the_description() -> None:
    assert repr(sample()) == "Accare 41%, Rebel 47%."


def test_app_charts_render_with_their_legends_and_without_altair() -> None:
    import subprocess
    import sys

    from calculators.ui import APPS

    legends = {"formatie": [], "terugverdienen": ["Deel", "Indirecte tijd"],
               "verwijsaandeel": ["Stroom", "Direct verwezen door de huisarts"]}
    for name, app_class in APPS.items():
        app = app_class()
        svg = app.chart.value
        assert "<svg" in svg and 'role="img"' in svg, name
        for text in legends[name]:
            assert f">{text}</text>" in svg, (name, text)
        assert "[object Object]" not in svg, name  # a mistyped channel renders like this
    # the app kernels start faster without Altair and its schema validation
    probe = "import sys, calculators.ui; print('altair' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"


def test_interval_bars_show_the_base_on_every_row_and_an_interval_only_where_there_is_one() -> None:
    import vl_convert as vlc

    frame = pd.DataFrame([{"studie": "Den Haag", "aandeel": 0.56, "laag": 0.507, "hoog": 0.611, "n": "n = 343"},
                          {"studie": "Groningen", "aandeel": 0.54, "laag": None, "hoog": None, "n": "n onbekend"}])
    chart = charts.interval_bars(frame, "studie", "aandeel", "laag", "hoog", "n", title="Niet verwezen",
                                 description="Den Haag 56% (n = 343); Groningen 54%, basis onbekend.",
                                 category_title="Onderzoek", value_title="Aandeel niet verwezen")
    svg = vlc.vegalite_to_svg(chart.chart.to_dict(), format_locale="nl-NL")
    assert "n = 343" in svg and "n onbekend" in svg
    rules = re.search(r'<g class="mark-rule role-mark layer_1_marks"[^>]*>(.*?)</g>', svg, re.S)
    assert rules and rules.group(1).count("<line") == 1  # an interval for Den Haag only
    assert "Groningen 54%, basis onbekend." in chart._repr_html_()


def test_charts_do_not_compile_the_iri_grammar_on_import() -> None:
    """jsonschema's optional rfc3987_syntax compiles a Lark grammar on import (1.4 s per kernel
    and book page); calculators declines it, and altair still validates a chart."""
    import subprocess
    import sys

    code = ("import sys, calculators.charts, altair as alt\n"
            "alt.Chart(alt.Data(values=[{'a': 1}])).mark_bar().encode(x='a:Q').to_dict(validate=True)\n"
            "print(sys.modules.get('rfc3987_syntax', 'absent'))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "None"
