"""The annex as an editable Word document (python-docx) or as a PDF (HTML printed by chromium)."""

from __future__ import annotations

import html
import io
from pathlib import Path

import vl_convert as vlc

from ..edition import colophon
from ..errors import InputError
from ..printing import html_to_pdf
from ..sensitivity.chart import describe, tornado_spec
from .content import Annex

FOOTER = "Bijlage bij een raadsvoorstel, gemaakt met de rekentools van het Handboek POH-Jeugd"


def _spec(annex: Annex) -> dict:
    assert annex.sensitivity is not None
    return {**tornado_spec(annex.sensitivity, width=280), "description": describe(annex.sensitivity),
            "config": {"font": "DejaVu Sans"}}


def has_chart(annex: Annex) -> bool:
    """A tornado only where some assumption moves the outcome (an empty chart says nothing)."""
    return annex.sensitivity is not None and any(r.swing > 0 for r in annex.sensitivity.rows)


def chart_png(annex: Annex) -> bytes:
    return vlc.vegalite_to_png(_spec(annex), scale=2, format_locale="nl-NL", time_format_locale="nl-NL")


def chart_svg(annex: Annex) -> str:
    return vlc.vegalite_to_svg(_spec(annex), format_locale="nl-NL", time_format_locale="nl-NL")


# --------------------------------------------------------------------------------------- DOCX


def to_docx_bytes(annex: Annex) -> bytes:
    """A Word document an officer can edit."""
    from docx import Document
    from docx.shared import Cm, Pt

    doc = Document()
    for section in doc.sections:  # A4, not python-docx's default US Letter
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(1.6)
        section.left_margin = section.right_margin = Cm(1.8)
    style = doc.styles["Normal"]
    style.font.size = Pt(10)
    doc.add_heading(annex.title, level=1)
    doc.add_paragraph(f"{FOOTER}, versie {annex.version}, {annex.date}. {colophon()}.")
    doc.add_heading("Vraag", level=2)
    doc.add_paragraph(annex.question)
    if annex.answer:
        doc.add_heading("Antwoord in het kort", level=2)
        doc.add_paragraph(annex.answer)
    for part in annex.sections:
        doc.add_heading(part.title, level=2)
        if part.rows:
            _docx_table(doc, ("Uitkomst", "Waarde"), part.rows)
        if part.text:
            doc.add_paragraph(part.text)
    if annex.results:
        doc.add_heading("Uitkomst", level=2)
        _docx_table(doc, ("Uitkomst", "Waarde"), annex.results)
    if has_chart(annex):
        assert annex.sensitivity is not None
        doc.add_heading("Welke aanname weegt het zwaarst?", level=2)
        doc.add_picture(io.BytesIO(chart_png(annex)), width=Cm(14))
        doc.add_paragraph(describe(annex.sensitivity))
    doc.add_heading("Risico's en kanttekeningen", level=2)
    for name, text in annex.caveats:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{name}. ").bold = True
        p.add_run(text)
    doc.add_heading("Invoer en bronnen", level=2)
    _docx_table(doc, ("Invoer", "Waarde", "Bron"), annex.inputs)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_table(doc: object, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> None:
    table = doc.add_table(rows=1, cols=len(header))  # type: ignore[attr-defined]
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


# --------------------------------------------------------------------------------------- HTML / PDF

CSS = """
@page { size: A4; margin: 13mm 15mm 13mm 15mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.8pt; color: #111; line-height: 1.3; }
h1 { font-size: 14pt; margin: 0 0 0.2em; } h2 { font-size: 10.5pt; margin: 0.8em 0 0.25em; } p { margin: 0.25em 0; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left;
vertical-align: top; } th { background: #eef2f7; } td.num { text-align: right; white-space: nowrap; }
.meta { color: #444; font-size: 8.5pt; } figure { margin: 0.3em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8pt; color: #333; }
table.bronnen td:first-child { width: 34%; } table.bronnen td:nth-child(2) { width: 20%; }
table.bronnen { font-size: 8pt; } ul { margin: 0.2em 0; padding-left: 1.2em; }
"""


def to_html(annex: Annex) -> str:
    e = html.escape
    inputs = "".join(f"<tr><td>{e(a)}</td><td class='num'>{e(b)}</td><td>{e(c)}</td></tr>" for a, b, c in annex.inputs)

    def table(rows: tuple[tuple[str, str], ...]) -> str:
        body = "".join(f"<tr><td>{e(a)}</td><td class='num'>{e(b)}</td></tr>" for a, b in rows)
        return f"<table><tr><th>Uitkomst</th><th>Waarde</th></tr>{body}</table>" if rows else ""

    answer = f"<h2>Antwoord in het kort</h2><p>{e(annex.answer)}</p>" if annex.answer else ""
    parts = "".join(f"<h2>{e(p.title)}</h2>{table(p.rows)}" + (f"<p>{e(p.text)}</p>" if p.text else "")
                    for p in annex.sections)
    results = f"<h2>Uitkomst</h2>{table(annex.results)}" if annex.results else ""
    chart = ""
    if has_chart(annex):
        assert annex.sensitivity is not None
        chart = (f"<h2>Welke aanname weegt het zwaarst?</h2><figure>{chart_svg(annex)}"
                 f"<figcaption>{e(describe(annex.sensitivity))}</figcaption></figure>")
    caveats = "".join(f"<li><strong>{e(n)}.</strong> {e(t)}</li>" for n, t in annex.caveats)
    return (
        f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{e(annex.title)}</title>"
        f"<style>{CSS}</style></head><body><h1>{e(annex.title)}</h1>"
        f"<p class='meta'>{e(FOOTER)}, versie {e(annex.version)}, {e(annex.date)}. {e(colophon())}.</p>"
        f"<h2>Vraag</h2><p>{e(annex.question)}</p>{answer}{parts}{results}"
        f"{chart}<h2>Risico's en kanttekeningen</h2><ul>{caveats}</ul>"
        "<h2>Invoer en bronnen</h2><table class='bronnen'>"
        f"<tr><th>Invoer</th><th>Waarde</th><th>Bron</th></tr>{inputs}</table>"
        "</body></html>"
    )


def to_pdf(annex: Annex, out: Path) -> None:
    """Print the HTML with Debian's chromium (as scripts/build_pdf.py does for the book)."""
    out.write_bytes(html_to_pdf(to_html(annex), "Kies .docx of probeer het opnieuw."))


def write(annex: Annex, path: str | Path) -> Path:
    """Write the annex as .docx or .pdf, by the file's extension."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in {".docx", ".pdf"}:
        raise InputError(f"Het bestand moet eindigen op .docx of .pdf, niet {out.name!r}.", field="output")
    if not out.parent.exists():
        raise InputError(f"De map {str(out.parent)!r} bestaat niet.", field="output")
    if suffix == ".docx":
        out.write_bytes(to_docx_bytes(annex))
    else:
        to_pdf(annex, out)
    return out
