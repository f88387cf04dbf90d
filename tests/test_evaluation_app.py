"""The 'evaluatie' app in-process: size limit, refusals in Dutch, dashboard equal to the CLI, downloads."""

from __future__ import annotations

import base64
import re

from calculators.evaluation import run
from calculators.evaluation.summary import to_json
from calculators.ui.evaluation import MAX_BYTES, EvaluationApp

from evaluation_helpers import HEADERS, TWELVE, csv_bytes


def test_too_large_is_refused_before_processing() -> None:
    app = EvaluationApp()
    app.load(b"", "groot.csv", size=MAX_BYTES + 1)  # the size the browser reports; the content is never read
    assert "de grens is 20 MB" in app.errors.value and app.dashboard.value == "" and app.downloads.value == ""
    assert "Bestanden tot 20 MB" in app.widget.children[0].value  # stated above the upload


def test_identifier_refused_column_named_value_nowhere() -> None:
    app = EvaluationApp()
    app.load(csv_bytes([[*r, "sanne@example.nl"] for r in TWELVE], [*HEADERS, "Contact ouder"]), "p.csv")
    page = app.errors.value + app.status.value + app.dashboard.value + app.downloads.value
    assert "Contact ouder" in page and "e-mailadres" in page and "sanne" not in page and "example" not in page


def test_validation_problems_listed() -> None:
    app = EvaluationApp()
    rows = [["99", *TWELVE[0][1:]] for _ in range(55)]
    app.load(csv_bytes(rows), "v.csv")
    assert app.errors.value.count("<li>") == 50 and "En nog 5 andere problemen." in app.errors.value
    assert "rij 2, kolom &#x27;Leeftijd bij aanvang&#x27;" in app.errors.value


def test_dashboard_and_report_equal_the_kit_and_recompute_on_period() -> None:
    app = EvaluationApp()
    app.min_cell.value = 3
    app.load(csv_bytes(TWELVE * 3), "r.csv")
    out = to_json(run(csv_bytes(TWELVE * 3), "r.csv", min_cell=3))
    assert f"Trajecten: {out['trajectories']}" in app.dashboard.value  # 36
    report = re.search(r'download="r-rapport.html" href="data:text/html;base64,([^"]+)"', app.downloads.value)
    assert report and "Trajecten: 36" in base64.b64decode(report[1]).decode()
    app.period.value = "jaar"
    assert "<th scope=\"col\">2020</th>" in app.dashboard.value


def test_upload_event_and_unreadable_file() -> None:
    app = EvaluationApp()
    app._uploaded({"new": [{"name": "r.csv", "content": memoryview(csv_bytes(TWELVE * 3)), "size": 10}]})
    assert "r.csv is verwerkt" in app.status.value
    app._uploaded({"new": []})  # a cleared upload changes nothing
    assert "r.csv is verwerkt" in app.status.value
    app.load(b"PK nonsense", "kapot.xlsx")
    assert "geen geldig Excel-bestand" in app.errors.value and app.dashboard.value == ""
