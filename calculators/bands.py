"""Contact bands of the Rebel monitoring format (indicator n10).

Trajectories are counted per band of contacts: ``1``, ``2-5``, ``6-10``, ``>10``.
The savings scenarios and the capacity view both work per band.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import data
from .errors import InputError
from .validation import show

BANDS: tuple[str, ...] = ("1", "2-5", "6-10", ">10")

#: Parameter keys in data/parameters.csv, per band.
CONTACT_KEYS = {
    "1": "contacts_band_1",
    "2-5": "contacts_band_2_5",
    "6-10": "contacts_band_6_10",
    ">10": "contacts_band_gt10",
}
COUNT_KEYS = {
    "1": "trajectories_band_1",
    "2-5": "trajectories_band_2_5",
    "6-10": "trajectories_band_6_10",
    ">10": "trajectories_band_gt10",
}

#: Dutch names of the bands, as in the monitoring format.
LABELS = {"1": "1 contact", "2-5": "2–5 contacten", "6-10": "6–10 contacten", ">10": "meer dan 10 contacten"}

_ALIASES = {
    "1": "1",
    "2-5": "2-5", "2–5": "2-5",
    "6-10": "6-10", "6–10": "6-10",
    ">10": ">10", "10+": ">10", "11+": ">10", "gt10": ">10",
}


def parse_band(text: str) -> str:
    """``'2–5'`` -> ``'2-5'``; an unknown band is an InputError in Dutch."""
    band = _ALIASES.get(text.strip().replace(" ", ""))
    if band is None:
        raise InputError(
            f"Onbekende band {show(text)}: kies uit {', '.join(BANDS)}.", field="trajectories"
        )
    return band


def contacts_per_band() -> dict[str, float]:
    """Contacts per trajectory that the published cost figures imply (1, 4, 8; >10 assumed)."""
    return {band: data.value(key) for band, key in CONTACT_KEYS.items()}


def published_counts() -> dict[str, float]:
    """Self-treated trajectories per band in Holland Rijnland 2020 (Katwijk's row counted as 6-10)."""
    counts = dict.fromkeys(BANDS, 0.0)
    for row in data.rows("published_savings"):
        if row["scenario"] == "conservative" and row["band"]:
            counts[row["band"]] += data.number(row, "count") or 0.0
    return counts


def normalise(counts: Mapping[str, float]) -> dict[str, float]:
    """Band counts keyed by canonical band names, missing bands as 0."""
    out = dict.fromkeys(BANDS, 0.0)
    for band, count in counts.items():
        out[parse_band(band)] += count
    return out
