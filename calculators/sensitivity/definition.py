"""The one-way sensitivity (tornado) defines no calculator of its own.

Its outcome is an output of the calculator whose assumptions it moves (``BREAK_EVEN``, ``SAVINGS``,
``WORKLOAD``, ``STAFFING``: label, unit and rounding come from there) and each row is an assumption
of ``data/`` (label and source come from there). The folder is listed in ``calculators/registry.py``
all the same, so that every calculator folder has its model and its definition side by side.
"""

from __future__ import annotations

from pathlib import Path

from ..definitions import Folder

FOLDER = Folder(Path(__file__).parent, ())
