"""The 'evaluatie' app in-process: size limit, refusals in Dutch, dashboard equal to the CLI, downloads."""

from __future__ import annotations

import base64
import datetime as dt
import re

from calculators.evaluation import run
from calculators.evaluation.summary import to_json
from calculators.ui.evaluation import MAX_BYTES, EvaluationApp

from evaluation_helpers import HEADERS, TWELVE, csv_bytes


def test_too_large_is_refused_before_processing() -> None:
    app = EvaluationApp()
    app.load(b"x" * (MAX_BYTES + 1), "groot.csv")
    assert "de grens is 20 MB" in app.errors.value and app.dashboard.value == "" and app.downloads.value == ""
    assert "Bestanden tot 20 MB" in app.widget.children[0].value  # stated above the upload


def test_the_size_is_counted_from_the_bytes_not_the_browser() -> None:
    app = EvaluationApp()
    app._uploaded({"new": [{"name": "groot.csv", "content": memoryview(b"x" * (MAX_BYTES + 1)), "size": 1000}]})
    assert "is 20,0 MB; de grens is 20 MB" in app.errors.value and app.dashboard.value == ""


def test_uploaded_bytes_leave_the_widget_state_and_open_text_the_kernel() -> None:
    app = EvaluationApp()
    rows = [[*r, "Toelichting met een geheim"] for r in TWELVE * 3]
    content = csv_bytes(rows, [*HEADERS, "Toelichting klacht of hulpvraag"])
    app.upload.set_trait("value", ({"name": "r.csv", "type": "text/csv", "size": len(content),
                                    "content": memoryview(content),
                                    "last_modified": dt.datetime(2026, 1, 1)},))
    assert "r.csv is verwerkt" in app.status.value
    assert app.upload.value == () and len(app.upload.get_state()["value"]) == 0
    kept = app._registration
    assert kept is not None and "geheim" not in kept.frame.to_csv()  # the open text was dropped unread
    assert not any(isinstance(v, bytes | memoryview) and len(v) > 100 for v in vars(app).values())


def test_identifier_refused_column_named_value_nowhere() -> None:
    app = EvaluationApp()
    app.load(csv_bytes([[*r, "sanne@example.nl"] for r in TWELVE], [*HEADERS, "Contact ouder"]), "p.csv")
    page = app.errors.value + app.status.value + app.dashboard.value + app.downloads.value
    assert "Contact ouder" in page and "e-mailadres" in page and "sanne" not in page and "example" not in page


def test_validation_problems_listed() -> None:
    app = EvaluationApp()
    rows = [["99", *TWELVE[0][1:]] for _ in range(55)]
    rows[0][1] = "X"  # spreadsheet row 2
    app.load(csv_bytes(rows), "v.csv")
    assert app.errors.value.count("<li>") == 2 and "Het bestand is niet verwerkt: 56 problemen in 55 rijen." in \
        app.errors.value
    assert "kolom &#x27;Leeftijd bij aanvang&#x27;: 55 waarden buiten 0–23, bijvoorbeeld rij 2" in app.errors.value
    assert "rij 2, kolom &#x27;Geslacht&#x27;: onbekende categorie &#x27;X&#x27;" in app.errors.value


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


def test_identifiers_in_the_formats_own_columns_never_reach_the_page() -> None:
    for column, value in ((1, "bsn 123456782"), (0, "12-03-2010"), (2, "BSN: 123456782")):
        app = EvaluationApp()
        rows = [r[:] for r in TWELVE * 3]
        rows[5][column] = value
        app.load(csv_bytes(rows), "p.csv")
        page = app.errors.value + app.status.value + app.dashboard.value + app.downloads.value + app.pdf_link.value
        assert "persoonsgegevens" in page and HEADERS[column] in page
        assert value not in page and "123456782" not in page and "2010" not in page
