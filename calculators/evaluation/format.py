"""The registration format: columns, codes and categories of the Rebel monitoring format.

Everything comes from ``data/tables/monitoring_indicators_rebel.csv`` (codes ``n1`` … ``n15``,
Dutch indicator names, answer type, category labels), plus the optional columns of the minimal
set of chapter 11 (application date, consultation, number of contacts) and a practice code.
A header may be the indicator name or its code; values are category labels, compared without
regard to case and surrounding spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import data


@dataclass(frozen=True)
class Column:
    """One column of the registration format."""

    code: str  # n2 … n15, or a name of an optional column (aanmelding, overleg, contacten, praktijk)
    name: str  # the Dutch header
    kind: str  # getal, keuze, datum, open, identificatie, tekst
    categories: tuple[str, ...] = ()
    required: bool = False


#: Columns the kit needs to compute the core indicators; the others are used when present.
REQUIRED = ("n2", "n3", "n5", "n6", "n9", "n10", "n15")
#: Dropped unread: the patient number and the open-text fields.
DROPPED_KINDS = ("open", "identificatie")

OPTIONAL = (
    Column("aanmelding", "Datum aanmelding", "datum"),
    Column("overleg", "Overleg", "keuze", ("ja", "nee")),
    Column("contacten", "Aantal contacten", "getal"),
    Column("praktijk", "Praktijk", "tekst"),
)

#: Rebel's grouping of the interventions of n9 (rebel2021 L681–702): helped by the POH-J itself,
#: bridging, referred. Crisis help is counted as a referral (our choice; Rebel shows it beside the
#: referrals to second-line youth mental health care, L1225–1240).
GROUP_SELF, GROUP_BRIDGING, GROUP_REFERRED = "Zelf geholpen door de POH-J", "Overbrugging", "Verwezen"
GROUPS: dict[str, tuple[str, ...]] = {
    GROUP_SELF: ("1 gesprek geen verdere hulpvraag", "kortdurende begeleiding/behandeling door POH jeugd"),
    GROUP_BRIDGING: ("overbruggingshulp",),
    GROUP_REFERRED: ("verwijzing preventieve hulp", "verwijzing JGT inzet", "crisishulp",
                     "verwijzing Basis GGZ (licht)", "verwijzing Spec. GGZ (midden)", "verwijzing Spec. GGZ (hoog)"),
}

UNKNOWN = "onbekend / niet ingevuld"


def normalise(text: str) -> str:
    """Case, surrounding and repeated spaces and dash variants do not matter."""
    text = str(text).replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold()


@cache
def columns() -> tuple[Column, ...]:
    """All columns of the format: the Rebel indicators in order, then the optional ones."""
    out = []
    for row in data.rows("monitoring_indicators_rebel"):
        cats = tuple(c.strip() for c in row["categories"].split(";")) if row["answer_type"] == "keuze" else ()
        out.append(Column(row["code"], row["indicator"], row["answer_type"], cats, row["code"] in REQUIRED))
    return tuple(out) + OPTIONAL


def column(code: str) -> Column:
    return next(c for c in columns() if c.code == code)


@cache
def _header_index() -> dict[str, Column]:
    index: dict[str, Column] = {}
    for col in columns():
        index[normalise(col.code)] = col
        index[normalise(col.name)] = col
    return index


def match_header(header: str) -> Column | None:
    """The column a header names (indicator name or code), or None for a foreign column."""
    return _header_index().get(normalise(header))


def nearest_column(header: str) -> Column | None:
    """The format column whose name a foreign header most resembles ('Datum 1e consult'), or None."""
    import difflib

    index = _header_index()
    match = difflib.get_close_matches(normalise(header), [k for k in index if len(k) > 3], n=1, cutoff=0.75)
    return index[match[0]] if match else None


def category(col: Column, value: str) -> str | None:
    """The canonical label of ``value`` in a category column, or None when it is not a category."""
    wanted = normalise(value)
    return next((c for c in col.categories if normalise(c) == wanted), None)


def group_of(intervention: str) -> str | None:
    return next((g for g, members in GROUPS.items() if intervention in members), None)


def age_bands() -> tuple[tuple[str, int, int], ...]:
    """Age bands of the report: label, lowest and highest age in years."""
    top = int(data.value("evaluation_max_age"))
    return (("0–5 jaar", 0, 5), ("6–11 jaar", 6, 11), ("12–17 jaar", 12, 17), (f"18–{top} jaar", 18, top))
