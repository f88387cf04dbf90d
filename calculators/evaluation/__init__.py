"""Evaluation kit: a pilot's registration in, a safe and benchmarked report out.

Reading (``reading``) → privacy screen (``privacy``) → validation (``validation``) → indicators
with small-number suppression (``indicators``, ``suppression``) → comparison with the published
studies (``benchmarks``) → outputs (``report``: JSON, HTML, XLSX; ``template``: an empty file).
Everything runs in memory; the modules import no widgets and write no files.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .indicators import Evaluation
    from .validation import Registration

__all__ = ["Evaluation", "PrivacyRefusal", "Registration", "ValidationRefusal", "evaluate", "load", "run"]

# Imported on first use (PEP 562): the kit needs pandas and scipy, which would otherwise add
# about two seconds to every `python -m calculators` command, the kit's or not.
_LAZY = {"Evaluation": "indicators", "evaluate": "indicators", "PrivacyRefusal": "privacy", "screen": "privacy",
         "read": "reading", "Registration": "validation", "ValidationRefusal": "validation",
         "validate": "validation"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load(content: bytes, filename: str) -> Registration:
    """Read, screen and validate a registration file (bytes in memory)."""
    from .privacy import screen
    from .reading import read
    from .validation import validate

    raw = read(content, filename)
    frame, dropped, foreign = screen(raw)
    return validate(frame, raw.rows, dropped, foreign)


def run(
    content: bytes, filename: str, period: str = "kwartaal", min_cell: int | None = None,
    rounding: str = "automatisch",
) -> Evaluation:
    """The whole kit on one file: InputError (Dutch) when the file is refused."""
    from .indicators import evaluate

    return evaluate(load(content, filename), period, min_cell, rounding)
