"""Validation that loses nothing: every problem in the file, or a clean registration.

A file with any invalid cell is refused as a whole; the refusal lists every problem with the row
number as the spreadsheet shows it, the column header as in the file and a Dutch message (the
first 50, and how many more). Empty cells are allowed (they count as 'onbekend / niet
ingevuld'), except the date of the first consult, which places a trajectory in a period. A
trajectory without an end date is open, not an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from .. import data
from ..errors import InputError
from ..formatting import number
from . import format as fmt
from .reading import map_unique

#: At most this many problems are listed; the message gives the total count.
SHOWN_PROBLEMS = 100
#: A problem of the same kind in this many rows of one column or more is one message for the column.
GROUP_FROM = 4

#: Canonical column names of the validated registration, per format code.
FIELDS = {
    "n2": "age", "n3": "sex", "n5": "referrer", "n6": "start", "n7a": "help_question", "n8a": "history",
    "n9": "intervention", "n10": "intensity", "n11": "duration", "n12": "location", "n14a": "goal",
    "n15": "end", "aanmelding": "applied", "overleg": "consultation", "contacten": "contacts", "praktijk": "practice",
}

_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^\d{1,2}-\d{1,2}-\d{4}$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$")
#: in place of a date that is a date of birth by the privacy screen's rule
BIRTH_NOT_SHOWN = "(waarde niet getoond: lijkt op een geboortedatum)"


@dataclass(frozen=True)
class Problem:
    row: int | None  # as the spreadsheet shows it (1 = the header row); None: the whole column
    column: str  # header as in the file
    message: str  # Dutch
    count: int = 1  # cells with this problem (a grouped message stands for many)

    def text(self) -> str:
        if self.count > 1 or self.row is None:
            return f"kolom '{self.column}': {self.message}"
        return f"rij {self.row}, kolom '{self.column}': {self.message}"


class ValidationRefusal(InputError):
    """The file has invalid cells; ``problems`` lists them, a repeated problem once per column."""

    def __init__(self, problems: list[Problem], rows: int | None = None) -> None:
        self.problems = problems
        self.total = sum(p.count for p in problems)
        rows = rows if rows is not None else len({p.row for p in problems if p.row is not None})
        noun = "probleem" if self.total == 1 else "problemen"
        where = f" in {number(rows)} {'rij' if rows == 1 else 'rijen'}" if rows else ""
        self.headline = (f"Het bestand is niet verwerkt: {number(self.total)} {noun}{where}. "
                         f"Herstel {'het' if self.total == 1 else 'ze'} en laad het bestand opnieuw.")
        first = "; ".join(p.text() for p in problems[:SHOWN_PROBLEMS]).rstrip(".")
        rest = len(problems) - SHOWN_PROBLEMS
        more = f"; en nog {number(rest)} andere meldingen" if rest > 0 else ""
        super().__init__(f"{self.headline} {first}{more}.", field="upload")

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
    """A cell for a message, or a placeholder when it may carry an identity (never repeated)."""
    from .privacy import looks_identifying

    if looks_identifying(value):
        return "(waarde niet getoond: lijkt op een persoonsgegeven)"
    return f"'{value[:40]}…'" if len(value) > 40 else f"'{value}'"


class _Problems(list[Problem]):
    """The problems found so far, and the spreadsheet rows they are in."""

    def __init__(self) -> None:
        super().__init__()
        self.rows_seen: set[int] = set()


def _report(problems: list[Problem], rows: pd.Series, header: str, bad: list[int], single: Callable[[int], str],
            plural: str, example: Callable[[int], str], fix: str) -> None:
    """Problems of one kind in one column: one per row when few, else one for the column."""
    if not bad:
        return
    if isinstance(problems, _Problems):
        problems.rows_seen.update(int(rows[i]) for i in bad)
    if len(bad) < GROUP_FROM:
        problems += [Problem(int(rows[i]), header, single(i)) for i in bad]
        return
    first = bad[0]
    problems.append(Problem(int(rows[first]), header, f"{number(len(bad))} {plural}, bijvoorbeeld rij "
                            f"{int(rows[first])}: {example(first)}; {fix}", count=len(bad)))


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


def parse_two_digit_year(text: str) -> pd.Timestamp | None:
    """``03-01-23``, ``3/1/23``, ``3.1.23``: a date with a two-digit year (refused by the validation), read as
    Python's ``%y`` reads it (00–68 in the 2000s, 69–99 in the 1900s) to tell whether it is a date of birth."""
    text = text.strip()
    if not _TWO_DIGIT_YEAR.match(text):
        return None
    try:
        return pd.Timestamp(dt.datetime.strptime(re.sub(r"[/.]", "-", text), "%d-%m-%y"))
    except ValueError:
        return None


def parse_dates(values: pd.Series, two_digit_years: bool = False) -> pd.Series:
    """Each distinct text parsed once (a registration has a few hundred distinct dates); with
    ``two_digit_years`` also the dates the validation refuses for their two-digit year."""

    def parse(text: str) -> pd.Timestamp | None:
        return parse_date(text) or (parse_two_digit_year(text) if two_digit_years else None)

    return pd.to_datetime(map_unique(values.astype(str), parse))


def _categories(col: fmt.Column, values: pd.Series, header: str, rows: pd.Series,
                problems: list[Problem]) -> pd.Series:
    mapping = {v: (fmt.category(col, v) if v != "" else None) for v in values.unique()}
    mapped = values.map(mapping)
    bad = (values != "") & mapped.isna()
    if bad.any():
        options = "; ".join(col.categories)
        hint = (f"kies uit: {options}" if len(col.categories) <= 6
                else "kies een waarde uit de keuzelijst van het sjabloon")
        _report(
            problems,
            rows,
            header,
            list(values.index[bad]),
            lambda i: f"onbekende categorie {_show(values[i])} ({hint})",
            "waarden die geen categorie van het format zijn",
            lambda i: _show(values[i]),
            hint,
        )
    return mapped.astype(object).where(mapped.notna(), None)


def _integers(
    values: pd.Series, header: str, rows: pd.Series, problems: list[Problem], low: int, high: int | None, what: str
) -> pd.Series:
    numbers = pd.to_numeric(values.str.replace(",", ".", regex=False), errors="coerce")
    filled = values != ""
    ok = filled & numbers.notna()
    out_of_range = ok & (numbers % 1 == 0) & ((numbers < low) | ((numbers > high) if high is not None else False))
    bounds = f"{low}–{high}" if high is not None else f"{low} of meer"
    for mask, single, plural, fix in (
        (filled & numbers.isna(), "is geen getal", "waarden die geen getal zijn", f"vul een heel getal in ({what})"),
        (
            ok & (numbers % 1 != 0),
            "is geen heel getal",
            "waarden die geen heel getal zijn",
            f"vul een heel getal in ({what})",
        ),
        (out_of_range, f"ligt buiten {bounds}", f"waarden buiten {bounds}", f"controleer de {what}"),
    ):

        def describe(i: int, single: str = single) -> str:
            return f"{_show(values[i])} {single} ({what})"

        _report(
            problems,
            rows,
            header,
            list(values.index[mask]),
            describe,
            plural,
            lambda i: _show(values[i]),
            fix,
        )
    good = ok & (numbers % 1 == 0) & ~out_of_range
    return numbers.where(good).astype("Int64")


def _dates(values: pd.Series, header: str, rows: pd.Series, problems: list[Problem],
           birth: Callable[[], dict[str, pd.Series]]) -> pd.Series:
    """``birth()``: per date column, the rows whose date is a date of birth by the privacy screen's rule (asked
    only when a date has a two-digit year)."""
    dates = parse_dates(values)
    bad = (values != "") & dates.isna()
    short = bad & values.str.match(_TWO_DIGIT_YEAR)
    if short.any():
        # a date is no identifier by itself, and is shown (in one row as in many), unless it is a date of birth
        hidden = birth()[header]

        def shown(i: int) -> str:
            return BIRTH_NOT_SHOWN if hidden[i] else values[i]

        _report(
            problems,
            rows,
            header,
            list(values.index[short]),
            lambda i: f"{shown(i)} heeft een jaartal van twee cijfers; schrijf het jaar voluit (dd-mm-jjjj)",
            "datums met een jaartal van twee cijfers",
            shown,
            "schrijf het jaar voluit (dd-mm-jjjj, bijvoorbeeld 03-01-2023)",
        )
    fix = "gebruik dd-mm-jjjj, jjjj-mm-dd of een Excel-datum"
    _report(
        problems,
        rows,
        header,
        list(values.index[bad & ~short]),
        lambda i: f"{_show(values[i])} is geen datum ({fix})",
        "waarden die geen datum zijn",
        lambda i: _show(values[i]),
        fix,
    )
    return dates


def _missing(code: str, foreign: list[str]) -> Problem:
    col = fmt.column(code)
    near = [h for h in foreign if (c := fmt.nearest_column(h)) is not None and c.code == code]
    hint = f" De kolom '{near[0]}' kent de rekentool niet; bedoelt u '{col.name}'? Hernoem die kop dan." if near else ""
    return Problem(
        None,
        col.name,
        f"deze verplichte kolom ontbreekt. Zet de kop '{col.name}' (of de code {code}) boven de kolom.{hint}",
    )


def validate(
    frame: pd.DataFrame, rows: pd.Series, dropped: list[str] | None = None, foreign: list[str] | None = None
) -> Registration:
    """Check every cell; a clean Registration, or ValidationRefusal listing every problem."""
    headers: dict[str, str] = {}
    problems = _Problems()
    for h in frame.columns:
        code = fmt.match_header(h).code  # type: ignore[union-attr]
        if code in headers:
            problems.append(Problem(1, h, f"deze kolom betekent hetzelfde als '{headers[code]}'; laat er één staan"))
        headers.setdefault(code, h)
    if problems:
        raise ValidationRefusal(problems)
    missing = [c for c in fmt.REQUIRED if c not in headers]
    if missing:
        raise ValidationRefusal([_missing(c, foreign or []) for c in missing], rows=0)
    out = pd.DataFrame(index=frame.index)

    @cache
    def birth_rows() -> dict[str, pd.Series]:
        from .privacy import birth_date_rows

        found = birth_date_rows(frame)
        return {h: found.get(h, pd.Series(False, index=frame.index)) for h in headers.values()}

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
            out[name] = _dates(values, header, rows, problems, birth_rows)
        elif code == "n2":
            out[name] = _integers(values, header, rows, problems, 0, max_age, "leeftijd in jaren")
        elif code == "contacten":
            out[name] = _integers(values, header, rows, problems, 0, None, "aantal contacten")
        else:
            out[name] = values.where(values != "", None)
    start_header = headers["n6"]
    empty_start = list(frame.index[frame[start_header].astype(str) == ""])
    _report(
        problems,
        rows,
        start_header,
        empty_start,
        lambda _i: "de datum van het eerste consult ontbreekt (verplicht)",
        "rijen zonder datum van het eerste consult",
        lambda _i: "leeg",
        "vul de datum in; die is verplicht",
    )
    early_end = out["end"].notna() & out["start"].notna() & (out["end"] < out["start"])
    _report(
        problems,
        rows,
        headers.get("n15", ""),
        list(frame.index[early_end]),
        lambda _i: "de einddatum ligt vóór de datum van het eerste consult",
        "einddatums vóór de datum van het eerste consult",
        lambda i: "einde vóór eerste consult",
        "controleer of de datums niet zijn verwisseld",
    )
    if "aanmelding" in headers:
        late = out["applied"].notna() & out["start"].notna() & (out["applied"] > out["start"])
        _report(
            problems,
            rows,
            headers["aanmelding"],
            list(frame.index[late]),
            lambda _i: "de aanmelddatum ligt na de datum van het eerste consult",
            "aanmelddatums na de datum van het eerste consult",
            lambda _i: "aanmelding na eerste consult",
            "controleer of de datums niet zijn verwisseld",
        )
    if problems:
        order = list(frame.columns)
        problems.sort(key=lambda p: (p.row or 0, order.index(p.column) if p.column in order else -1))
        raise ValidationRefusal(problems, rows=len(problems.rows_seen))
    optional_missing = [c.name for c in fmt.columns() if c.kind not in fmt.DROPPED_KINDS and c.code not in headers]
    # an optional column left empty throughout (as in the template) is treated as absent
    present = {c for c, h in headers.items() if c in fmt.REQUIRED or (frame[h].astype(str) != "").any()}
    return Registration(out.reset_index(drop=True), present, dropped or [], foreign or [], optional_missing)
