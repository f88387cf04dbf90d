"""A one- to two-page Dutch annex for a council proposal: question, inputs with sources, results as
ranges, the tornado chart, caveats, date and handbook version; as DOCX (python-docx) or PDF (chromium)."""

from .content import Annex, Section, break_even_annex, handbook_version, staffing_annex, workload_annex
from .council import council_annex
from .render import to_docx_bytes, to_html, write

__all__ = [
    "Annex",
    "Section",
    "council_annex",
    "staffing_annex",
    "workload_annex",
    "break_even_annex",
    "handbook_version",
    "to_docx_bytes",
    "to_html",
    "write",
]
