"""Validation that loses nothing: every problem in the file, or a clean registration.

A file with any invalid cell is refused as a whole; the refusal lists every problem with the row
number as the spreadsheet shows it, the column header as in the file and a Dutch message (the
first 50, and how many more). Empty cells are allowed (they count as 'onbekend / niet
ingevuld'), except the date of the first consult, which places a trajectory in a period. A
trajectory without an end date is open, not an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .. import data
from ..errors import InputError
from . import format as fmt
from .reading import map_unique

SHOWN_PROBLEMS = 50

#: Canonical column names of the validated registration, per format code.
FIELDS = {
    "n2": "age", "n3": "sex", "n5": "referrer", "n6": "start", "n7a": "help_question", "n8a": "history",
    "n9": "intervention", "n10": "intensity", "n11": "duration", "n12": "location", "n14a": "goal",
    "n15": "end", "aanmelding": "applied", "overleg": "consultation", "contacten": "contacts", "praktijk": "practice",
}

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$")


@dataclass(frozen=True)
class Problem:
    row: int  # as the spreadsheet shows it (1 = the header row)
    column: str  # header as in the file
    message: str  # Dutch

    def text(self) -> str:
        return f"rij {self.row}, kolom '{self.column}': {self.message}"


class ValidationRefusal(InputError):
    """The file has invalid cells; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        rows = len({p.row for p in problems})
        noun = "probleem" if len(problems) == 1 else "problemen"
        first = "; ".join(p.text() for p in problems[:SHOWN_PROBLEMS])
        rest = len(problems) - SHOWN_PROBLEMS
        more = f"; en nog {rest} andere" if rest > 0 else ""
        super().__init__(
            f"Het bestand is niet verwerkt: {len(problems)} {noun} in {rows} "
            f"{'rij' if rows == 1 else 'rijen'}. Herstel ze en laad het bestand opnieuw. {first}{more}.",
            field="upload")

    @property
    def shown(self) -> list[Problem]:
        return self.problems[:SHOWN_PROBLEMS]

    @property
    def not_shown(self) -> int:
        return max(0, len(self.problems) - SHOWN_PROBLEMS)


@dataclass
class Registration:
    """Validated trajectories, one row each, in the canonical columns of ``FIELDS``.

    Categories hold the format's label or None (not filled in); dates are Timestamps or NaT.
    """

    frame: pd.DataFrame
    present: set[str]  # format codes present in the file
    dropped: list[str] = field(default_factory=list)  # headers dropped unread (n1, open text)
    foreign: list[str] = field(default_factory=list)  # headers not in the format (checked, ignored)
    missing_optional: list[str] = field(default_factory=list)  # format columns the file lacks


def _show(value: str) -> str:
    return f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"


def parse_date(text: str) -> pd.Timestamp | None:
    """``31-01-2020``, ``31/1/2020``, ``31.01.2020`` and ISO ``2020-01-31`` (optionally with a time)."""
    text = text.strip()
    if _ISO.match(text):
        year, month, day = text.split(" ")[0].split("T")[0].split("-")
    else:
        dashed = re.sub(r"[/.]", "-", text)
        if not _DMY.match(dashed):
            return None
        day, month, year = dashed.split("-")
    try:
        return pd.Timestamp(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_dates(values: pd.Series) -> pd.Series:
    """Each distinct text parsed once (a registration has a few hundred distinct dates)."""
    return pd.to_datetime(map_unique(values.astype(str), parse_date))


def _categories(col: fmt.Column, values: pd.Series, header: str, rows: pd.Series,
                problems: list[Problem]) -> pd.Series:
    mapping = {v: (fmt.category(col, v) if v != "" else None) for v in values.unique()}
    mapped = values.map(mapping)
    bad = (values != "") & mapped.isna()
    if bad.any():
        options = "; ".join(col.categories)
        hint = f"kies uit: {options}" if len(col.categories) <= 6 else "kies een waarde uit de keuzelijst van het sjabloon"
        problems += [Problem(int(rows[i]), header, f"onbekende categorie {_show(values[i])} ({hint})")
                     for i in values.index[bad]]
    return mapped.astype(object).where(mapped.notna(), None)


def _integers(values: pd.Series, header: str, rows: pd.Series, problems: list[Problem],
              low: int, high: int | None, what: str) -> pd.Series:
    numbers = pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")
    filled = values != ""
    for i in values.index[filled & numbers.isna()]:
        problems.append(Problem(int(rows[i]), header, f"{_show(values[i])} is geen getal ({what})"))
    ok = filled & numbers.notna()
    for i in values.index[ok & (numbers % 1 != 0)]:
        problems.append(Problem(int(rows[i]), header, f"{_show(values[i])} is geen heel getal ({what})"))
    out_of_range = ok & (numbers % 1 == 0) & ((numbers < low) | ((numbers > high) if high is not None else False))
    bounds = f"{low}–{high}" if high is not None else f"{low} of meer"
    for i in values.index[out_of_range]:
        problems.append(Problem(int(rows[i]), header, f"{_show(values[i])} ligt buiten {bounds} ({what})"))
    good = ok & (numbers % 1 == 0) & ~out_of_range
    return numbers.where(good).astype("Int64")


def _dates(values: pd.Series, header: str, rows: pd.Series, problems: list[Problem]) -> pd.Series:
    dates = parse_dates(values)
    for i in values.index[(values != "") & dates.isna()]:
        problems.append(Problem(int(rows[i]), header,
                                f"{_show(values[i])} is geen datum (gebruik dd-mm-jjjj, jjjj-mm-dd of een Excel-datum)"))
    return dates


def validate(frame: pd.DataFrame, rows: pd.Series, dropped: list[str] | None = None,
             foreign: list[str] | None = None) -> Registration:
    """Check every cell; a clean Registration, or ValidationRefusal listing every problem."""
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for h in frame.columns:
        code = fmt.match_header(h).code  # type: ignore[union-attr]
        if code in headers:
            problems.append(Problem(1, h, f"deze kolom betekent hetzelfde als '{headers[code]}'; laat er één staan"))
        headers.setdefault(code, h)
    if problems:
        raise ValidationRefusal(problems)
    missing = [c for c in fmt.REQUIRED if c not in headers]
    if missing:
        problems += [Problem(1, fmt.column(c).name, "deze kolom ontbreekt (verplicht; kopregel: de naam of de code "
                             f"{c})") for c in missing]
        raise ValidationRefusal(problems)
    out = pd.DataFrame(index=frame.index)
    max_age = int(data.value("evaluation_max_age"))
    for code, name in FIELDS.items():
        if code not in headers:
            out[name] = pd.Series(pd.NaT if fmt.column(code).kind == "datum" else None, index=frame.index)
            continue
        header, col = headers[code], fmt.column(code)
        values = frame[header].astype(str)
        if col.kind == "keuze":
            out[name] = _categories(col, values, header, rows, problems)
        elif col.kind == "datum":
            out[name] = _dates(values, header, rows, problems)
        elif code == "n2":
            out[name] = _integers(values, header, rows, problems, 0, max_age, "leeftijd in jaren")
        elif code == "contacten":
            out[name] = _integers(values, header, rows, problems, 0, None, "aantal contacten")
        else:
            out[name] = values.where(values != "", None)
    start_header = headers["n6"]
    for i in frame.index[frame[start_header].astype(str) == ""]:
        problems.append(Problem(int(rows[i]), start_header, "de datum van het eerste consult ontbreekt (verplicht)"))
    early_end = out["end"].notna() & out["start"].notna() & (out["end"] < out["start"])
    for i in frame.index[early_end]:
        problems.append(Problem(int(rows[i]), headers["n15"], "de einddatum ligt vóór de datum van het eerste consult"))
    if "aanmelding" in headers:
        late = out["applied"].notna() & out["start"].notna() & (out["applied"] > out["start"])
        for i in frame.index[late]:
            problems.append(Problem(int(rows[i]), headers["aanmelding"],
                                    "de aanmelddatum ligt na de datum van het eerste consult"))
    if problems:
        problems.sort(key=lambda p: (p.row, list(frame.columns).index(p.column) if p.column in frame.columns else -1))
        raise ValidationRefusal(problems)
    optional_missing = [c.name for c in fmt.columns() if c.kind not in fmt.DROPPED_KINDS and c.code not in headers]
    # an optional column left empty throughout (as in the template) is treated as absent
    present = {c for c, h in headers.items() if c in fmt.REQUIRED or (frame[h].astype(str) != "").any()}
    return Registration(out.reset_index(drop=True), present, dropped or [], foreign or [], optional_missing)
