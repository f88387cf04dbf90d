"""The annex as an editable Word document (python-docx) or as a PDF (HTML printed by chromium)."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import vl_convert as vlc

from ..edition import colophon
from ..errors import InputError
from ..sensitivity.chart import describe, tornado_spec
from .content import Annex

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--no-pdf-header-footer"]
FOOTER = "Bijlage bij een raadsvoorstel, gemaakt met de rekentools van het Handboek POH-Jeugd"


def _spec(annex: Annex) -> dict:
    assert annex.sensitivity is not None
    return {**tornado_spec(annex.sensitivity, width=300), "description": describe(annex.sensitivity),
            "config": {"font": "DejaVu Sans"}}


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
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Cm(1.8)
        section.left_margin = section.right_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.size = Pt(10)
    doc.add_heading(annex.title, level=1)
    doc.add_paragraph(f"{FOOTER}, versie {annex.version}, {annex.date}. {colophon()}.")
    doc.add_heading("Vraag", level=2)
    doc.add_paragraph(annex.question)
    doc.add_heading("Invoer en bronnen", level=2)
    _docx_table(doc, ("Invoer", "Waarde", "Bron"), annex.inputs)
    doc.add_heading("Uitkomst", level=2)
    _docx_table(doc, ("Uitkomst", "Waarde"), annex.results)
    if annex.sensitivity is not None:
        doc.add_heading("Welke aanname weegt het zwaarst?", level=2)
        doc.add_picture(io.BytesIO(chart_png(annex)), width=Cm(15))
        doc.add_paragraph(describe(annex.sensitivity))
    doc.add_heading("Kanttekeningen", level=2)
    for name, text in annex.caveats:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(f"{name}. ").bold = True
        p.add_run(text)
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
@page { size: A4; margin: 16mm 16mm 16mm 16mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 0.2em; } h2 { font-size: 11pt; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #bbb; padding: 2px 5px; text-align: left;
vertical-align: top; } th { background: #eef2f7; } td.num { text-align: right; white-space: nowrap; }
.meta { color: #444; font-size: 8.5pt; } figure { margin: 0.3em 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #333; } ul { margin: 0.2em 0; padding-left: 1.2em; }
"""


def to_html(annex: Annex) -> str:
    e = html.escape
    inputs = "".join(f"<tr><td>{e(a)}</td><td class='num'>{e(b)}</td><td>{e(c)}</td></tr>" for a, b, c in annex.inputs)
    results = "".join(f"<tr><td>{e(a)}</td><td class='num'>{e(b)}</td></tr>" for a, b in annex.results)
    chart = ""
    if annex.sensitivity is not None:
        chart = (f"<h2>Welke aanname weegt het zwaarst?</h2><figure>{chart_svg(annex)}"
                 f"<figcaption>{e(describe(annex.sensitivity))}</figcaption></figure>")
    caveats = "".join(f"<li><strong>{e(n)}.</strong> {e(t)}</li>" for n, t in annex.caveats)
    return (f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'><title>{e(annex.title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{e(annex.title)}</h1>"
            f"<p class='meta'>{e(FOOTER)}, versie {e(annex.version)}, {e(annex.date)}. {e(colophon())}.</p>"
            f"<h2>Vraag</h2><p>{e(annex.question)}</p>"
            f"<h2>Invoer en bronnen</h2><table><tr><th>Invoer</th><th>Waarde</th><th>Bron</th></tr>{inputs}</table>"
            f"<h2>Uitkomst</h2><table><tr><th>Uitkomst</th><th>Waarde</th></tr>{results}</table>"
            f"{chart}<h2>Kanttekeningen</h2><ul>{caveats}</ul></body></html>")


def to_pdf(annex: Annex, out: Path) -> None:
    """Print the HTML with Debian's chromium (as scripts/build_pdf.py does for the book)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise InputError("PDF maken lukt niet: chromium is niet geïnstalleerd (scripts/setup.sh). Kies .docx.")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "bijlage.html"
        page.write_text(to_html(annex), encoding="utf-8")
        target = Path(tmp) / "bijlage.pdf"
        proc = subprocess.run([exe, *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile",
                               f"--print-to-pdf={target}", page.as_uri()],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode != 0 or not target.exists():
            raise InputError("PDF maken is mislukt (chromium gaf een fout). Kies .docx of probeer het opnieuw.")
        out.write_bytes(target.read_bytes())


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
