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
    payload = json.loads(data.group(1))  # "</" was escaped, so the title did not end the element
    assert payload["spec"]["title"] == "Aandeel </script> zonder verwijzing"
    assert payload["options"]["formatLocale"]["decimal"] == ","
    assert "$schema" not in payload["spec"] and "http" not in data.group(1)
    assert '<figcaption class="grafiek-beschrijving">Accare 41%, Rebel 47%.</figcaption>' in page



def test_plain_text_is_the_description() -> None:
    assert repr(sample()) == "Accare 41%, Rebel 47%."
