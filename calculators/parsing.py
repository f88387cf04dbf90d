"""Parse numbers as people type them: ``0,3``, ``30%``, ``1.000,5``, ``€ 876``, ranges ``49..74``.

Shared by the CLI and the apps, so both accept the same input and give the same
Dutch message for text that is not a number.
"""

from __future__ import annotations

import re

from . import bands
from .errors import InputError
from .ranges import Range
from .validation import field_label, show

# A dot followed by groups of exactly three digits is a thousands separator ("1.000", "25.000").
DUTCH_THOUSANDS = re.compile(r"-?[1-9][0-9]{0,2}(\.[0-9]{3})+")
# What float() may read after the Dutch clean-up. float() alone would also take full-width or
# Arabic-Indic digits, '1_000', 'inf' and 'nan'; the CLI and the apps refuse those alike.
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def parse_number(text: str, field: str, label: str | None = None) -> float:
    """Parse ``'0.3'``, ``'0,3'``, ``'30%'``, ``'1.000,5'``, ``'€ 876'``; else InputError in Dutch
    (naming the field by ``label``, or by its Dutch label in data/)."""
    raw = text
    name = label or field_label(field)
    t = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    scale = 1.0
    if t.endswith("%"):
        t, scale = t[:-1], 0.01
    if "," in t:
        t = t.replace(".", "").replace(",", ".") if "." in t else t.replace(",", ".")
    elif DUTCH_THOUSANDS.fullmatch(t):  # '100.000' is a hundred thousand, as a Dutch reader means it
        t = t.replace(".", "")
    if not t:
        raise InputError(f"{name} is leeg: vul een getal in.", field=field)
    if not PLAIN_NUMBER.fullmatch(t):
        raise InputError(f"{name} moet een getal zijn (cijfers 0–9), niet {show(raw)}.", field=field)
    return float(t) * scale


def parse_value(text: str | None, field: str) -> float | Range | None:
    """A number, or a range ``LOW..HIGH``."""
    if text is None:
        return None
    if ".." in text:
        low, _, high = text.partition("..")
        return Range(parse_number(low, field), parse_number(high, field))
    return parse_number(text, field)


def parse_band_map(text: str, field: str) -> dict[str, float]:
    """``'1=49,2-5=95,6-10=100'`` -> ``{'1': 49.0, '2-5': 95.0, '6-10': 100.0}``."""
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        band, sep, count = part.partition("=")
        if not sep:
            raise InputError(f"{show(part)} is geen paar band=aantal (bijvoorbeeld 2-5=95).", field=field)
        key = bands.parse_band(band)
        if key in out:
            raise InputError(f"Band {key} staat twee keer in {show(text)}.", field=field)
        out[key] = parse_number(count, field, label=f"Het aantal trajecten bij band {key}")
    if not out:
        raise InputError("Geef minstens één band=aantal op, bijvoorbeeld 1=49,2-5=95.", field=field)
    return out
