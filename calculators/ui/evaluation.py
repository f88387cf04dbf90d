"""The fourth app, 'evaluatie': upload a registration, see the dashboard, download report and tables.

Thin: the kit (calculators.evaluation) reads, screens, validates, computes and writes; this layer
checks the upload's size, shows the result or the Dutch list of problems, and offers downloads as
data URIs. The upload stays in the kernel's memory; nothing is written to disk.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .. import data
from ..errors import InputError
from ..evaluation import PrivacyRefusal, ValidationRefusal, run
from ..evaluation.periods import PERIODS
from ..evaluation.report import _CSS, body_html, to_html, to_xlsx
from ..evaluation.template import csv_bytes as template_csv
from ..evaluation.template import xlsx_bytes as template_xlsx
from ..formatting import number
from ..serving.kernel_log import route_errors
from .base import UPLOAD_MAX_BYTES, UPLOAD_MAX_MB, XLSX_MIME, colophon_html, data_uri, style_html, upload_limit_html

MAX_MB, MAX_BYTES = UPLOAD_MAX_MB, UPLOAD_MAX_BYTES

# the report's own style, scoped to the dashboard
_DASHBOARD_CSS = "<style>.calc-app .evaluatie-fout { margin-left: 0; }" + "".join(
    f".evaluatie-dashboard {rule.strip()}}}" for rule in _CSS.split("}") if rule.strip() and "@media" not in rule
    and not rule.strip().startswith("body")) + "</style>"


def _link(content: bytes, mime: str, filename: str, label: str) -> str:
    return (f'<a class="download" download="{html.escape(filename)}" href="{data_uri(content, mime)}">'
            f"{html.escape(label)}</a>")


class EvaluationApp:
    app_id = "evaluatie"
    title = "Evaluatie van een registratie POH-Jeugd"

    def __init__(self) -> None:
        limit = number(MAX_MB)
        self.period = w.Dropdown(options=list(PERIODS), value="kwartaal", description="Periode per kolom",
                                 style={"description_width": "12em"})
        floor, default = data.bounds("evaluation_min_cell")[0], data.value("evaluation_min_cell")
        self.min_cell = w.BoundedIntText(value=int(default), min=int(floor), max=100, description="Kleinste aantal",
                                         style={"description_width": "12em"})
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False, description="Kies registratie",
                                   tooltip=f"Een .xlsx- of .csv-bestand van hoogstens {limit} MB")
        self.status = w.HTML("")
        self.notice = w.HTML("")  # a refused message from the page (calculators/serving/kernel_log.py)
        self.errors = w.HTML("")
        self.dashboard = w.HTML("")
        self.downloads = w.HTML("")
        self._content: bytes | None = None
        self._name = ""
        self.upload.observe(self._uploaded, names="value")
        self.period.observe(lambda _c: self.update(), names="value")
        self.min_cell.observe(lambda _c: self.update(), names="value")
        templates = (_link(template_xlsx(), XLSX_MIME, "registratiesjabloon-poh-jeugd.xlsx", "Leeg sjabloon (Excel)")
                     + _link(template_csv(), "text/csv", "registratiesjabloon-poh-jeugd.csv", "Leeg sjabloon (CSV)"))
        head = w.HTML(
            f"{style_html()}{upload_limit_html()}{_DASHBOARD_CSS}<h1>{html.escape(self.title)}</h1>"
            "<p>Laad de registratie van uw pilot in het Rebel-format (één rij per traject). De rekentool controleert "
            "het bestand, schermt kleine aantallen af en zet de uitkomsten naast de gepubliceerde onderzoeken.</p>"
            "<p>Privacy: zet geen namen, burgerservicenummers, geboortedatums, adressen, e-mailadressen of "
            "telefoonnummers in het bestand; een bestand waarin ze lijken te staan wordt geweigerd. Het bestand "
            "blijft in het geheugen en wordt niet bewaard.</p>"
            f"<p>{templates}</p>"
            f'<p id="upload-grens"><strong>Bestanden tot {limit} MB</strong> (.xlsx of .csv).</p>')
        self.widget = w.VBox([head, self.upload, w.HBox([self.period, self.min_cell]), self.notice, self.status,
                              self.errors, self.downloads, self.dashboard, w.HTML(colophon_html())],
                             layout=w.Layout(padding="0 1em"))
        self.widget.add_class("calc-app")
        route_errors(self.show_notice)

    def show_notice(self, message: str) -> None:
        self.notice.value = f'<div class="veld-fout" role="alert">{html.escape(message)}</div>'

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in Jupyter/Voila
        from IPython.display import display

        display(self.widget)

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        self.load(bytes(item["content"]), item.get("name", "bestand"), size=item.get("size"))

    def load(self, content: bytes, name: str, size: int | None = None) -> None:
        size = len(content) if size is None else size
        self._content, self._name = None, name
        if size > MAX_BYTES:
            self._refuse(f"'{name}' is {number(size / 1024 / 1024, 1)} MB; de grens is {number(MAX_MB)} MB. "
                         "Splits het bestand, bijvoorbeeld per jaar.")
            return
        self._content = content
        self.update()

    def _refuse(self, message: str, items: list[str] | None = None, rest: int = 0) -> None:
        self.dashboard.value = self.downloads.value = ""
        listed = "".join(f"<li>{html.escape(i)}</li>" for i in items or [])
        more = f"<p>En nog {number(rest)} andere problemen.</p>" if rest else ""
        self.errors.value = (f'<div class="veld-fout evaluatie-fout" role="alert"><p>{html.escape(message)}</p>'
                             f"{'<ul>' + listed + '</ul>' if listed else ''}{more}</div>")
        self.status.value = ""

    def update(self) -> None:
        if self._content is None:
            return
        try:
            ev = run(self._content, self._name, self.period.value, int(self.min_cell.value))
        except ValidationRefusal as exc:
            self._refuse(f"Het bestand is niet verwerkt: {number(len(exc.problems))} problemen. Herstel ze en laad "
                         "het bestand opnieuw.", [p.text() for p in exc.shown], exc.not_shown)
            return
        except PrivacyRefusal as exc:
            self._refuse(exc.message)
            return
        except InputError as exc:
            self._refuse(exc.message)
            return
        except Exception as exc:  # never a traceback on the page
            self._refuse(f"Er ging iets mis bij het verwerken ({type(exc).__name__}). Meld dit.")
            return
        self.errors.value = ""
        self.status.value = (f'<div class="uitkomst" role="status" aria-live="polite">{html.escape(self._name)} is '
                             "verwerkt. Het overzicht staat hieronder.</div>")
        stem = self._name.rsplit(".", 1)[0]
        self.downloads.value = (
            _link(to_html(ev, self._name).encode("utf-8"), "text/html", f"{stem}-rapport.html",
                  "Download rapport (HTML)")
            + _link(to_xlsx(ev, self._name), XLSX_MIME, f"{stem}-tabellen.xlsx", "Download tabellen (Excel)"))
        self.dashboard.value = f'<div class="evaluatie-dashboard">{body_html(ev, self._name)}</div>'
