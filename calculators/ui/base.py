"""The thin ipywidgets layer shared by the three calculator apps.

An app is a set of labelled text fields (Dutch numbers allowed: ``0,3``, ``30%``),
preset buttons that load the published cases, and a result area with a sentence
to paste, a table, a chart (SVG rendered server-side by vl-convert, so the page
needs no JavaScript from elsewhere) and CSV/XLSX downloads. Bad input shows a
Dutch message next to its field; the app keeps working. All arithmetic happens in
the model modules; this layer only reads fields, calls a model and shows the result.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import ipywidgets as w

from .. import data, edition, export, formatting, house_style, locators, uploads
from ..errors import InputError
from ..parsing import parse_number
from ..ranges import Range
from ..serving import kernel_log
from ..serving.kernel_log import route_errors
from ..validation import limit_text
from .figures import Figure

LABEL_WIDTH = "24em"


def _hint(key: str, extra: str = "") -> str:
    """Unit, source and plausible range of a parameter, as a short Dutch line."""
    try:
        f = data.fact(key)
    except data.DataError:
        return extra
    parts = []
    if f.low is not None and f.high is not None and f.low != f.high:
        parts.append("plausibel " + formatting.span(f.low, f.high, f.unit, f.decimals))
    src = data.sources().get(f.source, {}).get("short_nl", f.source)
    refs = locators.place(f.source, f.ref) if f.ref and f.source not in data.PSEUDO_SOURCES else ""
    parts.append(f"bron: {src}" + (f", {refs}" if refs else ""))
    if extra:
        parts.insert(0, extra)
    return "; ".join(parts)


def display_value(x: float | None, unit: str) -> str:
    """A number as it should appear in an input field (Dutch decimal comma, shares as fractions)."""
    if x is None:
        return ""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.6g}".replace(".", ",")


@dataclass
class FieldSpec:
    key: str                      # argument name passed to the model
    fact: str | None = None       # parameter in data/ for label, default, hint (default: key)
    label: str | None = None
    default: float | None = None  # default: fact value
    optional: bool = False
    hint: str = ""
    advanced: bool = False        # folded under 'Meer parameters' below the essential fields


class Field:
    """One labelled text input with its hint and an error slot."""

    def __init__(self, spec: FieldSpec) -> None:
        self.spec = spec
        fact_key = spec.fact or spec.key
        try:
            fact = data.fact(fact_key)
            label, unit = fact.label, fact.unit
            default = fact.value if spec.default is None else spec.default
        except data.DataError:
            label, unit, default = spec.key, "", spec.default
        self.unit = unit
        self.label = spec.label or label
        self.default = None if spec.optional and spec.default is None else default
        self.input = w.Text(
            value=display_value(self.default, unit),
            description=self.label + ("" if not spec.optional else " (optioneel)"),
            continuous_update=False,
            style={"description_width": LABEL_WIDTH},
            layout=w.Layout(width="calc(100% - 8px)", max_width="42em"),
        )
        extra = "; ".join(filter(None, [spec.hint, limit_text(spec.key)]))  # the bound the model enforces
        self.hint = w.HTML(f'<div class="veld-hint">{html.escape(_hint(fact_key, extra))}</div>')
        self.error = w.HTML("")
        self.box = w.VBox([self.input, self.hint, self.error], layout=w.Layout(margin="0 0 0.4em 0"))

    def read(self) -> float | None:
        text = self.input.value.strip()
        if not text:
            if self.spec.optional:
                return None
            raise InputError(f"{self.label} is leeg: vul een getal in.", field=self.spec.key)
        return parse_number(text, self.spec.fact or self.spec.key)

    def set(self, value: float | None) -> None:
        self.input.value = display_value(value, self.unit)

    def show_error(self, message: str) -> None:
        self.error.value = f'<div class="veld-fout" role="alert">{html.escape(message)}</div>'

    def clear(self) -> None:
        self.error.value = ""


def query_string() -> str:
    """The query string of the page that runs this kernel ('' outside Voila).

    Voila 0.5 puts it in the kernel's environment as ``QUERY_STRING`` when it starts a kernel for a request;
    a pre-started kernel (a pool, ``preheat_kernel``) receives it only when a request takes the kernel:
    ``voila.utils.get_query_string`` waits for that (and returns the variable at once when not preheated)."""
    try:
        from voila.utils import get_query_string
    except ImportError:  # pragma: no cover - plain Jupyter without Voila
        return os.environ.get("QUERY_STRING", "")
    return get_query_string() or ""


def link_values(query: str, keys: tuple[str, ...]) -> dict[str, str]:
    """The raw text of each field a link fills, by field key, for fields with a Dutch query name in the registry
    (?jeugdigen=12000&uren=46 -> {'youths': '12000', 'own_hours': '46'}). Unknown names are ignored."""
    from ..registry import param

    given = dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))
    out = {}
    for key in keys:
        name = param(key)
        if name is not None and name in given:
            out[key] = given[name]
    return out


def data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

STYLE_TEMPLATE = """<style>
.calc-app {{ max-width: 84em; box-sizing: border-box; }}
.calc-app * {{ box-sizing: border-box; }}
.calc-app .widget-label {{ white-space: normal !important; line-height: 1.2; }}
.calc-app .veld-hint {{ color: #4a4a4a; font-size: 0.85em; line-height: 1.3; margin-left: 24.5em; }}
.calc-app .veld-fout {{ color: #a00000; font-weight: 600; line-height: 1.3; margin-left: 24.5em; }}
.calc-app .uitkomst {{ font-size: 1.1em; background: #f3f6fa; border-left: 4px solid {colour}; padding: 0.6em 0.9em; }}
.calc-app table.handboek-tabel td.num, .calc-app table.handboek-tabel th.num {{ text-align: right; }}
.calc-app table.handboek-tabel {{ border-collapse: collapse; margin: 0.6em 0; max-width: 100%; }}
.calc-app table.handboek-tabel th, .calc-app table.handboek-tabel td {{ border-bottom: 1px solid #ccc; padding: 0.25em 0.6em; }}
.calc-app table.handboek-tabel caption {{ text-align: left; font-weight: 600; }}
.calc-app a.download {{ display: inline-block; margin: 0 1em 0.4em 0; padding: 0.3em 0.8em; border: 1px solid {colour}; color: {colour}; border-radius: 3px; text-decoration: none; }}
.calc-app a.download:focus {{ outline: 3px solid #ffbf47; }}
.calc-app .handboek-grafiek svg {{ max-width: 100%; height: auto; }}
.calc-app .handboek-grafiek figcaption {{ font-size: 0.85em; color: #333; overflow-wrap: anywhere; }}
/* inputs and results side by side from about 1000 px; the results stay in view while editing */
.calc-app .calc-grid {{ display: flex; flex-direction: column; gap: 1em; width: 100%; }}
.calc-app .calc-inputs, .calc-app .calc-results {{ min-width: 0; width: 100%; }}
@media (min-width: 1000px) {{
  .calc-app .calc-grid {{ display: grid !important; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }}
  .calc-app .calc-results {{ position: sticky; top: 0; max-height: 100vh; overflow-y: auto; }}
}}
/* narrow screens and the two-column layout: the label above its field, nothing wider than the page */
@media (max-width: 1399px) {{
  .calc-app .widget-text {{ flex-wrap: wrap; height: auto !important; }}
  .calc-app .widget-text .widget-label, .calc-app .widget-dropdown .widget-label {{ width: 100% !important; max-width: 100%; text-align: left !important; margin-bottom: 0.2em; }}
  .calc-app .widget-text input, .calc-app .widget-dropdown select {{ width: 100%; min-width: 0; }}
  .calc-app .widget-dropdown {{ flex-wrap: wrap; height: auto !important; }}
  .calc-app .veld-hint, .calc-app .veld-fout {{ margin-left: 0; }}
}}
@media (max-width: 600px) {{
  .calc-app {{ padding: 0 0.4em !important; }}
  .calc-app .widget-hbox {{ flex-wrap: wrap; }}
  .calc-app h1 {{ font-size: 1.4em; }}
}}
.calc-app .colofon {{ color: #4a4a4a; font-size: 0.85em; margin-top: 2em; }}
/* ipywidgets' accordion header is #6d6d6d on #eeeeee (4.45:1, below WCAG AA): darker text */
.calc-app .jupyter-widget-Collapse-header {{ color: #1a1a1a; }}
</style>"""


def house_colour() -> str:
    """The publisher's primary colour (book/huisstijl.yml); the neutral default if that file is unusable
    (the book build refuses such a file with a message; the apps keep working)."""
    try:
        return house_style.load().colour
    except house_style.HouseStyleError:
        return house_style.NEUTRAL_COLOUR


def style_html() -> str:
    return STYLE_TEMPLATE.format(colour=house_colour())


UPLOAD_MAX_MB = data.value("evaluation_upload_max_mb")
UPLOAD_MAX_BYTES = int(UPLOAD_MAX_MB * 1024 * 1024)


def upload_limit_html() -> str:
    """The upload limit for the page's script that refuses larger files before sending them
    (share/jupyter/voila/templates/handboek/static/upload-limit.js)."""
    return (f'<span hidden data-upload-max-bytes="{UPLOAD_MAX_BYTES}" '
            f'data-upload-max-label="{html.escape(formatting.number(UPLOAD_MAX_MB))}"></span>')


def show_stopped(root: w.Widget, box: w.HTML, message: str) -> None:
    """The app's kernel is ending: ``message`` in ``box`` (an alert) and every widget under
    ``root`` that can be disabled disabled, so that nothing on the page waits for an answer."""
    box.value = f'<div class="veld-fout rekentool-gestopt" role="alert"><strong>{html.escape(message)}</strong></div>'
    todo = [root]
    while todo:
        widget = todo.pop()
        todo.extend(getattr(widget, "children", ()))
        if widget.has_trait("disabled"):
            widget.disabled = True


def colophon_html() -> str:
    e = edition
    return (f'<p class="colofon">{html.escape(e.TITLE)}, editie {e.EDITION} — tekst en data '
            f'<a href="{e.TEXT_LICENSE_URL}" rel="license">{e.TEXT_LICENSE}</a>, code '
            f'<a href="{e.CODE_LICENSE_URL}" rel="license">{e.CODE_LICENSE}</a>.</p>')


class CalculatorApp:
    """Base class: subclasses define fields, presets and ``compute``."""

    app_id = "app"
    title = "Rekentool"
    intro = ""
    fields_spec: tuple[FieldSpec, ...] = ()

    def presets(self) -> Mapping[str, Mapping[str, float | None]]:
        return {}

    def compute(self, values: Mapping[str, Any]) -> tuple[str, str, Figure, export.Record]:
        """(sentence, table HTML, chart, export record) for valid inputs."""
        raise NotImplementedError

    def extra_controls(self) -> list[w.Widget]:
        return []

    # ------------------------------------------------------------------ construction

    def __init__(self) -> None:
        self.fields: dict[str, Field] = {s.key: Field(s) for s in self.fields_spec}
        # A kernel that Voila started for its pool waits in query_string() until a page takes it. It
        # computes the default answer first (the chart engine's start-up included, about 1,5 s of CPU),
        # so that a class taking 25 pooled kernels at once does not do that work all at the same moment.
        preheated = os.environ.get("VOILA_PREHEAT") == "True"
        if not preheated:
            self._apply_link(query_string())
        self.status = w.HTML("")
        self.table = w.HTML("")
        self.chart = w.HTML("")
        self.downloads = w.HTML("")
        self.more = w.HTML("")  # a second chart (the tornado) and its notes
        self.message = w.HTML("")
        self.stopped = w.HTML("")  # the kernel ended (calculators/serving/kernel_log.py): at the top
        self.upload = w.FileUpload(accept=".csv,.xlsx", multiple=False, description="Laad export",
                                   tooltip="Laad een eerder geëxporteerd bestand van deze rekentool")
        self.upload.observe(self._uploaded, names="value")
        self.preset_buttons = []
        for name in self.presets():
            button = w.Button(description=name, tooltip=f"Laad het voorbeeld {name}",
                              layout=w.Layout(width="auto"))
            button.on_click(self._preset_handler(name))
            self.preset_buttons.append(button)
        self.reset_button = w.Button(description="Standaardwaarden", tooltip="Zet alle velden terug",
                                     layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _b: self.reset())
        self._loading = False
        for f in self.fields.values():
            f.input.observe(self._changed, names="value")
        self.last_record: export.Record | None = None
        self.widget = self._layout()
        route_errors(self.show_notice, stop=self.stop)
        self.update()
        if preheated and self._apply_link(query_string()):
            self.update()

    def _apply_link(self, query: str) -> bool:
        """A link's numbers (?jeugdigen=12000) into the fields as typed text (bad text gets the field's Dutch
        message at the next update); whether the link gave any."""
        given = link_values(query, tuple(self.fields))
        self._loading = True
        try:
            for key, raw in given.items():
                self.fields[key].input.value = raw
        finally:
            self._loading = False
        return bool(given)

    def _layout(self) -> w.VBox:
        head = w.HTML(f"{style_html()}{upload_limit_html()}<h1>{html.escape(self.title)}</h1>"
                      f"<p>{html.escape(self.intro)}</p>")
        presets = w.HBox([w.HTML("<strong>Voorbeelden:</strong>&nbsp;"), *self.preset_buttons, self.reset_button],
                         layout=w.Layout(flex_flow="row wrap"))
        essential = [f.box for f in self.fields.values() if not f.spec.advanced]
        advanced = [f.box for f in self.fields.values() if f.spec.advanced]
        folded: list[w.Widget] = []
        if advanced:
            self.advanced = w.Accordion(children=[w.VBox(advanced)], selected_index=None,
                                        layout=w.Layout(width="100%"))
            self.advanced.set_title(0, "Meer parameters (met bron of aanname)")
            folded = [self.advanced]
        inputs = w.VBox([w.HTML("<h2>Invoer</h2>"), *essential, *self.extra_controls(), *folded]).add_class(
            "calc-inputs")
        results = w.VBox([w.HTML("<h2>Uitkomst</h2>"), self.status, self.chart, self.table, self.more,
                          w.HTML("<h2>Exporteren</h2>"), self.downloads, self.upload, self.message]).add_class(
            "calc-results")
        grid = w.Box([inputs, results]).add_class("calc-grid")
        return w.VBox([head, self.stopped, presets, grid, w.HTML(colophon_html())],
                      layout=w.Layout(padding="0 1em")).add_class("calc-app")

    def show_notice(self, message: str) -> None:
        """A refused message from the page (calculators/serving/kernel_log.py): one Dutch line."""
        self.message.value = f'<div class="veld-fout" role="alert">{html.escape(message)}</div>'

    def stop(self, message: str) -> None:
        """The kernel ends (its memory limit): the Dutch reason at the top, every input disabled."""
        show_stopped(self.widget, self.stopped, message)

    def more_outputs(self, values: Mapping[str, Any]) -> tuple[str, Any]:
        """Hook: (HTML for a second chart, an Annex for the council download or None)."""
        return "", None

    def _ipython_display_(self) -> None:  # pragma: no cover - exercised in Jupyter/Voila
        from IPython.display import display

        display(self.widget)

    # ------------------------------------------------------------------ behaviour

    def defaults(self) -> dict[str, float | None]:
        return {k: f.default for k, f in self.fields.items()}

    def _preset_handler(self, name: str) -> Callable[[w.Button], None]:
        # a preset starts from the defaults, so nothing of the previous case lingers
        return lambda _b: self.load({**self.defaults(), **self.presets()[name]}, label=name)

    def load(self, values: Mapping[str, float | None | tuple[float, float]], label: str = "") -> None:
        """Fill fields from a mapping (a preset or an uploaded export) and recompute once."""
        self._loading = True
        try:
            for key, value in values.items():
                if key in self.fields and not isinstance(value, tuple):
                    self.fields[key].set(value)
            self.load_extra(values)
        finally:
            self._loading = False
        self.message.value = f"<p>Geladen: {html.escape(label)}.</p>" if label else ""
        self.update()

    def load_extra(self, values: Mapping[str, Any]) -> None:
        """Hook for controls that are not text fields (e.g. a scenario choice)."""

    def reset(self) -> None:
        self.reset_extra()
        self.load(self.defaults(), label="standaardwaarden")

    def reset_extra(self) -> None:
        """Hook: reset controls that are not text fields."""

    def _changed(self, _change: dict[str, Any]) -> None:
        if not self._loading:
            self.update()

    def values(self) -> dict[str, Any] | None:
        """Parsed field values, or None after showing a message next to every bad field."""
        out: dict[str, Any] = {}
        ok = True
        for key, f in self.fields.items():
            try:
                out[key] = f.read()
                f.clear()
            except InputError as exc:
                f.show_error(exc.message)
                ok = False
        return out if ok else None

    def update(self) -> None:
        values = self.values()
        if values is None:
            self.status.value = ('<div class="uitkomst" role="status">Controleer de invoer: bij een of meer '
                                 "velden staat een melding.</div>")
            return
        try:
            sentence, table_html, figure, record = self.compute(values)
        except InputError as exc:
            target = self.fields.get(exc.field or "")
            if target is not None:
                target.show_error(exc.message)
            self.status.value = (f'<div class="uitkomst" role="status">Controleer de invoer: '
                                 f"{html.escape(exc.message)}</div>")
            return
        except MemoryError:
            if kernel_log.memory_exhausted():  # the kernel ends; the page says so at the top
                return
            raise
        except Exception as exc:  # never a traceback on the page; the message says what to report
            self.status.value = ('<div class="uitkomst" role="status">Er ging iets mis bij het rekenen '
                                 f"({html.escape(type(exc).__name__)}). Controleer de invoer of meld dit.</div>")
            return
        # Each assignment goes to the browser at once: the sentence first, then the slower
        # parts (SVG rendering, the XLSX file), so the answer shows without waiting for them.
        self.status.value = f'<div class="uitkomst" role="status" aria-live="polite">{html.escape(sentence)}</div>'
        self.table.value = table_html
        self.chart.value = figure.svg_html()
        self.last_record = record
        downloads = (
            f'<a class="download" download="{self.app_id}.csv" '
            f'href="{data_uri(export.to_csv_bytes(record), "text/csv")}">Download CSV</a>'
            f'<a class="download" download="{self.app_id}.xlsx" '
            f'href="{data_uri(export.to_xlsx_bytes(record), XLSX_MIME)}">Download Excel (XLSX)</a>'
        )
        try:
            more_html, annex = self.more_outputs(values)
        except InputError as exc:
            more_html, annex = f'<p class="veld-fout">{html.escape(exc.message)}</p>', None
        self.more.value = more_html
        if annex is not None:
            from ..annex import to_docx_bytes

            downloads += (f'<a class="download" download="bijlage-{self.app_id}.docx" '
                          f'href="{data_uri(to_docx_bytes(annex), DOCX_MIME)}">Download bijlage raadsvoorstel '
                          "(Word)</a>")
        self.downloads.value = downloads

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        name, content = item.get("name", "bestand"), bytes(item["content"])
        self.upload.value = ()  # the bytes leave the widget's state at once; the limits count `content`
        try:
            with uploads.cpu_budget():
                values = export.read_inputs(content, name, self.app_id)
        except (InputError, uploads.CpuBudgetExceeded) as exc:
            self.message.value = f'<div class="veld-fout" role="alert">{html.escape(exc.message)}</div>'
            return
        self.load(values, label=name)



def pair(values: Mapping[str, Any], low: str, high: str) -> float | Range:
    """Two fields that form a range; equal ends give a single number."""
    lo, hi = values[low], values[high]
    return lo if lo == hi else Range(lo, hi)
