"""Privacy by construction: drop free text unread, refuse any file that carries an identity.

The kit never needs to know who a youth is. Before anything else it

1. drops the patient number (``n1``) and the open-text fields (``n7b``, ``n8b``, ``n13``, ``n14b``)
   without looking at their contents, and
2. checks every other column, under any header, for identifiers: citizen service numbers (BSN,
   nine digits passing the eleven-test), e-mail addresses, Dutch phone numbers, postcodes with
   a house number, full dates of birth and personal names.

A file with an identifier is refused as a whole. The message names the column and the rule,
never the value: it may be shown on a screen or in a log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..errors import InputError
from . import format as fmt
from .reading import RawTable

# --------------------------------------------------------------------------- rules on one value

RULE_BSN = "burgerservicenummer (9 cijfers die de elfproef doorstaan)"
RULE_EMAIL = "e-mailadres"
RULE_PHONE = "telefoonnummer"
RULE_ADDRESS = "postcode met huisnummer"
RULE_BIRTH = "volledige geboortedatum"
RULE_NAME = "naam van een persoon"

# Searched inside any text, not only whole cells: 'moeder gebeld, bsn 123456782' is caught too.
# The patterns avoid nested repetition, so a long cell costs linear time (the old e-mail pattern
# took quadratic time on long text without an '@').
_EMAIL = re.compile(r"(?<=[\w.+-])@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")  # starts at the '@': a fast literal search
#: A run of digits with the separators of numbers and dates, and the text around it in the same cell
#: (enough for 'bsn: ', '+31 ' or 'geboren '): the digit rules search only these snippets.
_DIGIT_RUN = re.compile(r"\d[\d .\-()+/:]*")
SNIPPET_CONTEXT = 24
#: between two digits at most two separators: '(071) 512 34 56' has ') ' after the area code
_PHONE = re.compile(r"(?<![\d+])(?:\+31|0031|0)[ \-().]*[1-9](?:[ \-().]{0,2}\d){8}(?![\d])")
_PHONE_STRIP = re.compile(r"[\s\-().]")
_BSN = re.compile(
    r"(?<!\d)(\d{9}|\d{3}[ .-]\d{3}[ .-]\d{3}|\d{4}[ .-]\d{2}[ .-]\d{3}|\d{2}[ .-]\d{3}[ .-]\d{2}[ .-]\d{2})"
    r"(?!\d)"
)
#: A BSN whose leading zero Excel dropped: a whole cell of eight digits, or eight digits after 'bsn'.
_BSN_EIGHT = re.compile(r"^\d{8}$|(?:bsn|burgerservicenummer|sofi)\D{0,5}(\d{8})(?!\d)", re.IGNORECASE | re.MULTILINE)
_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?[A-Za-z]{2}\b")
_HOUSE_NUMBER = re.compile(r"\b\d{1,5}\s?[A-Za-z]?\b")
_FULL_DATE = re.compile(r"^(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2})(\s.*)?$")
_DATE_IN_TEXT = re.compile(r"(?<!\d)(?:\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?!\d)")
#: A date with a two-digit year right after a word for birth ('geboren 12-03-10', 'geb. 1/2/09'): a date of
#: birth; without such a word a two-digit date is too common a shape to refuse (a version, a score)
_BIRTH_SHORT_DATE = re.compile(
    r"\b(?:geboren|geb|geboortedatum|dob)\b\W{0,5}(?:op\s+)?\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?!\d|[-/.]\d)", re.IGNORECASE
)
_TIME_IN_TEXT = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?")
_WORD = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:[-'][A-ZÀ-Þa-zß-ÿ]+)*\.?$")
_PARTICLES = frozenset(
    {
        "van",
        "de",
        "der",
        "den",
        "te",
        "ten",
        "ter",
        "het",
        "'t",
        "la",
        "le",
        "du",
        "da",
        "von",
        "el",
        "al",
        "in",
        "op",
        "v.d.",
        "vd",
    }
)
#: First words of institution names that look like 'Word Word' but are not a person.
_INSTITUTION = frozenset(
    {
        "praktijk",
        "huisartsenpraktijk",
        "huisartspraktijk",
        "groepspraktijk",
        "huisarts",
        "huisartsen",
        "gezondheidscentrum",
        "centrum",
        "medisch",
        "hap",
        "team",
        "locatie",
        "gemeente",
        "wijk",
        "school",
    }
)
_NAME_HEADERS = re.compile(r"\b(naam|voornaam|achternaam|roepnaam|name|cli[eë]ntnaam)\b|naam\b")
_HEADER_RULES = (
    (re.compile(r"\b(bsn|burgerservicenummer|sofi)"), RULE_BSN),
    (re.compile(r"geboorte|geb\.?\s?datum|\bdob\b|birth|geboren"), RULE_BIRTH),
    (re.compile(r"e-?mail"), RULE_EMAIL),
    (re.compile(r"telefoon|\btel\b|mobiel|phone"), RULE_PHONE),
    (re.compile(r"adres|straat|huisnummer|postcode"), RULE_ADDRESS),
    (_NAME_HEADERS, RULE_NAME),
)


def passes_eleven_test(digits: str) -> bool:
    """The BSN eleven-test: 9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11 (and not 0).

    >>> passes_eleven_test("111222333")  # 9+8+7+12+10+8+9+6-3 = 66 = 6 x 11
    True
    """
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and total != 0


def _bsn_candidates(text: str) -> list[str]:
    found = [re.sub(r"\D", "", m) for m in _BSN.findall(text)]
    found += ["0" + (m.group(1) or m.group(0)) for m in _BSN_EIGHT.finditer(text)]
    return found


def is_bsn(value: str) -> bool:
    """Nine digits passing the eleven-test anywhere in the text, with or without separators or 'bsn';
    also eight digits whose lost leading zero makes a valid BSN (a whole cell, or after 'bsn')."""
    return any(passes_eleven_test(d) for d in _bsn_candidates(value))


def digit_snippets(text: str) -> str:
    """The parts of ``text`` around its digits, one per line, cut at the cell's line boundaries.

    A column of long free text is mostly letters; the digit rules (BSN, phone, dates) run on these
    snippets instead of the whole text, which keeps the screen of a 20 MB file within seconds.
    """
    parts = []
    end_of_last = -1
    for match in _DIGIT_RUN.finditer(text):
        if match.start() < end_of_last:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        start = max(line_start, match.start() - SNIPPET_CONTEXT)
        end_of_last = min(line_end, match.end() + SNIPPET_CONTEXT)
        parts.append(text[start:end_of_last])
    return "\n".join(parts)


def is_email(value: str) -> bool:
    return "@" in value and bool(_EMAIL.search(value))


def is_phone(value: str) -> bool:
    """A Dutch phone number anywhere in the text (dates and times are taken out first)."""
    if not any(c.isdigit() for c in value):
        return False
    text = _TIME_IN_TEXT.sub(" ", _DATE_IN_TEXT.sub(" ", value))
    return bool(_PHONE.search(text))


def is_address(value: str) -> bool:
    """A postcode (1234 AB) with a house number elsewhere in the same cell."""
    match = _POSTCODE.search(value)
    if not match:
        return False
    rest = value[: match.start()] + " " + value[match.end() :]
    return bool(_HOUSE_NUMBER.search(rest))


def is_full_date(value: str) -> bool:
    """A whole cell that is a full date, or a full date inside text ('geboren 12-03-2010')."""
    return bool(_FULL_DATE.match(value) or _DATE_IN_TEXT.search(value))


def looks_identifying(value: str) -> bool:
    """Whether a cell may carry an identity, so that no message may repeat it."""
    return (
        is_bsn(value)
        or is_email(value)
        or is_phone(value)
        or is_address(value)
        or is_full_date(value)
        or looks_like_name(value)
        or bool(re.search(r"\d[\d .-]{6,}\d", value))
    )


def looks_like_name(value: str) -> bool:
    """'Sanne de Vries', 'Jan Jansen': two to five words, capitalised first and last, no digits."""
    words = value.split()
    if not 2 <= len(words) <= 5 or words[0].casefold() in _INSTITUTION:
        return False
    if not (_WORD.match(words[0]) and _WORD.match(words[-1])):
        return False
    return all(_WORD.match(w) or w.casefold() in _PARTICLES for w in words[1:-1])


# --------------------------------------------------------------------------- the check


#: After the spreadsheet column's letter, in place of a header that may identify
HEADER_NOT_SHOWN = "(kop niet getoond: lijkt op een persoonsgegeven)"


@dataclass(frozen=True)
class Finding:
    column: str  # the header as in the file
    rule: str
    letter: str = ""  # the spreadsheet column, set when the header itself may identify: named instead

    @property
    def label(self) -> str:
        return f"{self.letter} {HEADER_NOT_SHOWN}" if self.letter else f"'{self.column}'"

    def message(self) -> str:
        return f"kolom {self.label} bevat een {self.rule}"


class PrivacyRefusal(InputError):
    """The file carries an identity; ``findings`` name columns and rules, never a value."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        listed = "; ".join(f.message() for f in findings)
        own = [f.label for f in findings if fmt.match_header(f.column) is not None]
        other = [f.label for f in findings if fmt.match_header(f.column) is None]
        steps = []
        if other:
            steps.append(
                "verwijder "
                + ("de kolom " if len(set(other)) == 1 else "de kolommen ")
                + ", ".join(dict.fromkeys(other))
                + " of vervang de inhoud door een pseudoniem"
            )
        if own:
            steps.append(
                "haal het persoonsgegeven uit "
                + ", ".join(dict.fromkeys(own))
                + " (die kolom hoort bij het format: laat de cel leeg of vul een geldige waarde in)"
            )
        super().__init__(
            f"Het bestand is niet verwerkt omdat het persoonsgegevens lijkt te bevatten: {listed}. "
            f"Wat u kunt doen: {'; '.join(steps)}, en laad het bestand opnieuw.",
            field="upload",
        )


def _header_identity(header: str) -> list[str]:
    """The rules a header meets as a value (the first trajectory of a file without its header row)."""
    checks = ((is_bsn, RULE_BSN), (is_email, RULE_EMAIL), (is_phone, RULE_PHONE), (is_address, RULE_ADDRESS),
              (is_full_date, RULE_BIRTH))
    return [rule for check, rule in checks if check(header)]


def _column_findings(header: str, values: pd.Series, col: fmt.Column | None) -> list[str]:
    filled = values[values != ""]
    if filled.empty:
        return []
    counts = filled.value_counts()
    uniques = [str(v) for v in counts.index]
    if col is not None and col.kind == "keuze":  # valid categories carry no identity
        counts = counts[[fmt.category(col, str(v)) is None for v in counts.index]]
        uniques = [str(v) for v in counts.index]
    rules: list[str] = []
    if col is None:
        head = fmt.normalise(header)
        rules += [rule for pattern, rule in _HEADER_RULES if pattern.search(head)]
    # one search over all distinct values of the column joined, then per value only where needed
    blob = "\n".join(uniques)
    digits = digit_snippets(blob)
    if any(passes_eleven_test(d) for d in _bsn_candidates(digits)):
        rules.append(RULE_BSN)
    if is_email(blob):
        rules.append(RULE_EMAIL)
    if is_phone(digits):
        rules.append(RULE_PHONE)
    if _POSTCODE.search(blob) and any(is_address(v) for v in uniques):
        rules.append(RULE_ADDRESS)
    date_like = col is not None and col.kind == "datum"
    near = fmt.nearest_column(header) if col is None else None
    if near is not None and near.kind == "datum":
        date_like = True  # 'Datum 1e consult': a misspelt date column, reported as such by the validation
    if not date_like and (_DATE_IN_TEXT.search(digits) or _BIRTH_SHORT_DATE.search(digits)):
        # a full date outside the format's own date columns (first consult, end, application) may be a birth date,
        # and so is a date with a two-digit year after a word for birth
        rules.append(RULE_BIRTH)
    named = counts[[looks_like_name(v) for v in counts.index.astype(str)]]
    # a column of names: at least half the filled cells look like a name, and most of them differ
    # (a practice or municipality column repeats a few names; names of youths hardly repeat)
    if named.sum() * 2 >= len(filled) and len(named) * 2 >= named.sum():
        rules.append(RULE_NAME)
    return list(dict.fromkeys(rules))


#: A date this many whole years before another date of the same trajectory, equal to the age at the
#: first consult (±1), is taken for a date of birth; from this age on (a shorter gap could be a long
#: trajectory of a toddler).
BIRTH_MIN_AGE = 4


def birth_date_rows(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Per date column of the format, the rows whose date is a date of birth (empty without age or first consult).

    The age at the first consult and the dates of the same row say so: a date that lies as many years
    before the first consult as the youth's age, or a first consult that lies that many years before
    another date of the trajectory (end, application), is a date of birth, not an event. Dates are read
    in every form the validation accepts and with a two-digit year ('03-01-08'), which the validation
    refuses: a date of birth written that way is refused here, before any message could repeat it.
    """
    from .validation import parse_dates

    def parse(values: pd.Series) -> pd.Series:
        return parse_dates(values, two_digit_years=True)

    by_code = {c.code: h for h in frame.columns if (c := fmt.match_header(h)) is not None}
    if "n2" not in by_code or "n6" not in by_code:
        return {}
    age = pd.to_numeric(frame[by_code["n2"]].astype(str).str.replace(",", "."), errors="coerce")
    start = parse(frame[by_code["n6"]])
    found = {}
    for code in ("n15", "aanmelding", "n6"):
        if code not in by_code:
            continue
        header = by_code[code]
        if code == "n6":  # the first consult itself: compare with the later dates
            later = [parse(frame[by_code[c]]) for c in ("n15", "aanmelding") if c in by_code]
            gaps = [(d - start).dt.days / 365.25 for d in later]
        else:
            gaps = [(start - parse(frame[header])).dt.days / 365.25]
        rows = pd.Series(False, index=frame.index)
        for gap in gaps:
            rows |= (age >= BIRTH_MIN_AGE) & ((gap - age).abs() <= 1)
        found[header] = rows
    return found


def _birth_dates_in_date_columns(frame: pd.DataFrame) -> list[Finding]:
    """A date of birth typed into one of the format's own date columns, also with a two-digit year."""
    return [
        Finding(header, RULE_BIRTH + " (de datum ligt de leeftijd bij aanvang in jaren van de andere datums van "
                "het traject af)")
        for header, rows in birth_date_rows(frame).items()
        if rows.any()
    ]


def screen(raw: RawTable) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Drop the unread columns and refuse identifiers.

    Returns the remaining frame, the dropped headers (n1 and open text) and the foreign headers
    (checked, then ignored). Raises PrivacyRefusal when any column carries an identifier.
    """
    dropped: list[str] = []
    foreign: list[str] = []
    findings: list[Finding] = []
    keep: list[str] = []
    for header in raw.frame.columns:
        col = fmt.match_header(header)
        if col is not None and col.kind in fmt.DROPPED_KINDS:
            dropped.append(header)  # never read
            continue
        # a header that may identify (a file without its header row has a trajectory there) is named by its
        # column's letter, and refused when it is itself an identifier (a name alone could be a title: 'Extra Info')
        letter = raw.letters.get(header, "?") if col is None and looks_identifying(header) else ""
        rules = _header_identity(header) if letter else []
        rules += _column_findings(header, raw.frame[header], col)
        findings += [Finding(header, rule, letter) for rule in dict.fromkeys(rules)]
        if col is not None:
            keep.append(header)
        else:
            foreign.append(f"kolom {letter} {HEADER_NOT_SHOWN}" if letter else header)
    if not findings:
        findings = _birth_dates_in_date_columns(raw.frame[keep])
    if findings:
        raise PrivacyRefusal(findings)
    return raw.frame[keep], dropped, foreign
