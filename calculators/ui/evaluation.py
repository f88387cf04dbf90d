"""The fourth app, 'evaluatie': upload a registration, see the dashboard, download report and tables.

Thin: the kit (calculators.evaluation) reads, screens, validates, computes and writes; this layer
shows the result or the Dutch list of problems, and offers downloads as data URIs. The upload's
bytes are read once (the kit checks their size, not the size the browser reports), cleared from the
upload widget at once, and only the screened registration (open text dropped unread) stays in the
kernel's memory for a change of period or minimum; nothing is written to disk.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from .. import data
from ..errors import InputError
from ..evaluation import Registration, ValidationRefusal, load
from ..evaluation.indicators import PERIODS, evaluate
from ..evaluation.periods import ROUNDING_HELP, ROUNDINGS
from ..evaluation.report import _CSS, body_html, to_html, to_xlsx
from ..evaluation.template import csv_bytes as template_csv
from ..evaluation.template import xlsx_bytes as template_xlsx
from ..formatting import number
from ..serving.kernel_log import memory_exhausted, route_errors
from ..uploads import CpuBudgetExceeded, cpu_budget
from .base import (
    UPLOAD_MAX_BYTES,
    UPLOAD_MAX_MB,
    XLSX_MIME,
    colophon_html,
    data_uri,
    show_stopped,
    style_html,
    upload_limit_html,
)

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
        self.rounding = w.Dropdown(options=[(label, key) for key, label in ROUNDINGS.items()], value="automatisch",
                                   description="Aantallen", style={"description_width": "12em"})
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False, description="Kies registratie",
                                   tooltip=f"Een .xlsx- of .csv-bestand van hoogstens {limit} MB")
        self.status = w.HTML("")
        self.stopped = w.HTML("")  # the kernel ended (calculators/serving/kernel_log.py): at the top
        self.notice = w.HTML("")  # a refused message from the page (calculators/serving/kernel_log.py)
        self.errors = w.HTML("")
        self.dashboard = w.HTML("")
        self.downloads = w.HTML("")
        # the PDF takes chromium a few seconds: made on request, not on every change of period or minimum
        self.pdf_button = w.Button(description="Maak rapport als pdf (A4)", layout=w.Layout(width="auto",
                                                                                           display="none"))
        self.pdf_button.on_click(lambda _b: self.make_pdf())
        self.pdf_link = w.HTML("")
        self._evaluation: Any = None
        self._registration: Registration | None = None
        self._name = ""
        self.upload.observe(self._uploaded, names="value")
        self.period.observe(lambda _c: self.update(), names="value")
        self.min_cell.observe(lambda _c: self.update(), names="value")
        self.rounding.observe(lambda _c: self.update(), names="value")
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
        self.widget = w.VBox(
            [
                head,
                self.stopped,
                self.upload,
                w.HBox([self.period, self.min_cell]),
                self.rounding,
                w.HTML(f'<div class="veld-hint">{html.escape(ROUNDING_HELP)}</div>'),
                self.notice,
                self.status,
                self.errors,
                self.downloads,
                w.HBox([self.pdf_button, self.pdf_link]),
                self.dashboard,
                w.HTML(colophon_html()),
            ],
            layout=w.Layout(padding="0 1em"),
        )
        self.widget.add_class("calc-app")
        route_errors(self.show_notice, stop=self.stop)

    def stop(self, message: str) -> None:
        """The kernel ends (its memory limit): the Dutch reason at the top, every input disabled."""
        show_stopped(self.widget, self.stopped, message)

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
        content, name = bytes(item["content"]), item.get("name", "bestand")
        # the bytes leave the widget's state at once: whoever attaches to the kernel cannot fetch the file
        self.upload.value = ()
        self.load(content, name)

    def load(self, content: bytes, name: str, size: int | None = None) -> None:
        """Read, screen and validate once; keep only the screened registration (open text dropped).

        ``size``, the size the browser reports, is ignored: the limits count the bytes received.
        """
        del size
        self._registration, self._name = None, name
        try:
            with cpu_budget():  # the kit's parsing, bounded in processor time
                self._registration = load(content, name)
        except CpuBudgetExceeded as exc:
            self._refuse(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - every refusal is shown in Dutch, never a traceback
            self._show_refusal(exc)
            return
        finally:
            del content
        self.update()

    def _refuse(self, message: str, items: list[str] | None = None, rest: int = 0) -> None:
        self.dashboard.value = self.downloads.value = self.pdf_link.value = ""
        self._evaluation = None
        self.pdf_button.layout.display = "none"
        listed = "".join(f"<li>{html.escape(i)}</li>" for i in items or [])
        more = f"<p>En nog {number(rest)} andere meldingen.</p>" if rest else ""
        self.errors.value = (
            f'<div class="veld-fout evaluatie-fout" role="alert"><p>{html.escape(message)}</p>'
            f"{'<ul>' + listed + '</ul>' if listed else ''}{more}</div>"
        )
        self.status.value = ""

    def _show_refusal(self, exc: Exception) -> None:
        if isinstance(exc, MemoryError) and memory_exhausted():  # the kernel ends; the page says so
            return
        if isinstance(exc, ValidationRefusal):
            self._refuse(exc.headline, [p.text() for p in exc.shown], exc.not_shown)
        elif isinstance(exc, InputError):
            self._refuse(exc.message)
        else:
            self._refuse(f"Er ging iets mis bij het verwerken ({type(exc).__name__}). Meld dit.")

    def update(self) -> None:
        if self._registration is None:
            return
        try:
            ev = evaluate(self._registration, self.period.value, int(self.min_cell.value), self.rounding.value)
        except Exception as exc:  # noqa: BLE001 - never a traceback on the page
            self._show_refusal(exc)
            return
        self.errors.value = ""
        self.status.value = (
            f'<div class="uitkomst" role="status" aria-live="polite">{html.escape(self._name)} is '
            "verwerkt. Het overzicht staat hieronder.</div>"
        )
        stem = self._name.rsplit(".", 1)[0]
        self.downloads.value = _link(
            to_html(ev, self._name).encode("utf-8"), "text/html", f"{stem}-rapport.html", "Download rapport (HTML)"
        ) + _link(to_xlsx(ev, self._name), XLSX_MIME, f"{stem}-tabellen.xlsx", "Download tabellen (Excel)")
        self.dashboard.value = f'<div class="evaluatie-dashboard">{body_html(ev, self._name)}</div>'
        self._evaluation = ev
        self.pdf_link.value = ""
        self.pdf_button.layout.display = ""

    def make_pdf(self) -> None:
        """Print the current report on A4 (chromium) and offer it as a download."""
        if self._evaluation is None:
            return
        from ..evaluation.report import to_pdf

        stem = self._name.rsplit(".", 1)[0]
        try:
            content = to_pdf(self._evaluation, self._name)
        except InputError as exc:
            self.pdf_link.value = f'<div class="veld-fout" role="alert">{html.escape(exc.message)}</div>'
            return
        self.pdf_link.value = _link(content, "application/pdf", f"{stem}-rapport.pdf", "Download rapport (pdf, A4)")
