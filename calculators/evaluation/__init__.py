"""Evaluation kit: a pilot's registration in, a safe and benchmarked report out.

Reading (``reading``) → privacy screen (``privacy``) → validation (``validation``) → indicators
with small-number suppression (``indicators``, ``suppression``) → comparison with the published
studies (``benchmarks``) → outputs (``report``: JSON, HTML, XLSX; ``template``: an empty file).
Everything runs in memory; the modules import no widgets and write no files.
"""

from __future__ import annotations

from .indicators import Evaluation, evaluate
from .privacy import PrivacyRefusal, screen
from .reading import read
from .validation import Registration, ValidationRefusal, validate

__all__ = ["Evaluation", "PrivacyRefusal", "Registration", "ValidationRefusal", "evaluate", "load", "run"]


def load(content: bytes, filename: str) -> Registration:
    """Read, screen and validate a registration file (bytes in memory)."""
    raw = read(content, filename)
    frame, dropped, foreign = screen(raw)
    return validate(frame, raw.rows, dropped, foreign)


def run(content: bytes, filename: str, period: str = "kwartaal", min_cell: int | None = None) -> Evaluation:
    """The whole kit on one file: InputError (Dutch) when the file is refused."""
    return evaluate(load(content, filename), period, min_cell)
