"""Slips in the evaluation kit that the other tests let through (issue 21 item 7, issue 19 item 8).

Each test pins one behaviour that a planted slip or a surviving mutant of ``benchmarks/mutation.py``
changed: age and waiting bands at their edges, the periods and their lengths, a count or a statistic
exactly at the minimum, ``<`` against ``<=``, the identifier checks in every column. Expected values
are counted by hand from the rows written out here; none comes from the kit. Counts are read before
suppression (``Evaluation.values``) where suppression is not the point, so that these tests do not
depend on which complementary cells the suppression step picks.
"""

from __future__ import annotations

import dataclasses

import pytest

from calculators.evaluation import format as fmt
from calculators.evaluation import load, run
from calculators.evaluation.indicators import (
    MOSTLY_HIDDEN,
    OTHER_UNKNOWN,
    TOTAL,
    Evaluation,
    Table,
    advise,
    headline_vars,
    hidden_headline,
    hidden_share,
)
from calculators.evaluation.validation import ValidationRefusal

from evaluation_helpers import HEADERS, TWELVE, csv_bytes

SELF, BRIDGING, REFERRED = fmt.GROUP_SELF, fmt.GROUP_BRIDGING, fmt.GROUP_REFERRED
TALK = "1 gesprek geen verdere hulpvraag"


def row(age: str = "8", start: str = "06-01-2020", end: str = "", intervention: str = TALK, sex: str = "Vrouw",
        goal: str = "") -> list[str]:
    """One trajectory in the order of ``HEADERS``."""
    return [age, sex, "Huisarts", start, intervention, "1 contact", end, goal]


def raw_count(ev: Evaluation, key: str, row_label: str, col: str = TOTAL) -> int:
    """The count of a cell before suppression."""
    return ev.values[ev.table(key).cells[(row_label, col)]]


# ------------------------------------------------------------------ age and waiting bands at their edges


def test_age_bands_keep_both_edges() -> None:
    # three times: 0, 4, 5 -> 0–5 (9); 6, 11 -> 6–11 (6); 12, 17 -> 12–17 (6); 18, 23 -> 18–23 (6); empty ->
    # onbekend (3); every band at or above the minimum, so none is merged into 'overig / onbekend'
    ages = ["0", "4", "5", "6", "11", "12", "17", "18", "23", ""] * 3
    ev = run(csv_bytes([row(age=a) for a in ages]), "a.csv", min_cell=3)
    table = ev.table("age")
    assert table.rows == ["0–5 jaar", "6–11 jaar", "12–17 jaar", "18–23 jaar", fmt.UNKNOWN]
    assert [raw_count(ev, "age", r) for r in table.rows] == [9, 6, 6, 6, 3]
    assert raw_count(ev, "age", TOTAL) == 30


def test_no_unknown_age_row_when_every_age_is_filled() -> None:
    ev = run(csv_bytes([row(age=a) for a in ["5", "6", "17", "18"] * 3]), "a.csv", min_cell=3)
    assert ev.table("age").rows == ["0–5 jaar", "6–11 jaar", "12–17 jaar", "18–23 jaar"]
    assert [raw_count(ev, "age", r) for r in ev.table("age").rows] == [3, 3, 3, 3]


def test_waiting_bands_keep_both_edges() -> None:
    # first consult 31-01-2020; applied 0, 14, 15, 28, 29 and 60 days before, and once not filled in
    applied = ["31-01-2020", "17-01-2020", "16-01-2020", "03-01-2020", "02-01-2020", "02-12-2019", ""]
    # (each three times, so that no band is below the minimum and merged)
    rows = [[*row(start="31-01-2020"), a] for a in applied * 3]
    ev = run(csv_bytes(rows, [*HEADERS, "Datum aanmelding"]), "w.csv", min_cell=3)
    table = ev.table("waiting")
    assert table.rows == ["0–14 dagen", "15–28 dagen", "meer dan 28 dagen", fmt.UNKNOWN]
    assert [raw_count(ev, "waiting", r) for r in table.rows] == [6, 6, 6, 3]
    # median of 0, 14, 15, 28, 29, 60 days, three times each (the empty ones left out): (15 + 28) / 2
    assert ev.statistics["Mediane wachttijd (dagen)"][TOTAL] == 21.5


# ------------------------------------------------------------------ periods


def test_quarters_at_their_edges_and_their_lengths() -> None:
    starts = ["31-12-2020", "01-01-2021", "31-03-2021", "01-04-2021", "30-06-2021", "01-07-2021", "30-09-2021",
              "01-10-2021"]
    ev = run(csv_bytes([row(start=s) for s in starts]), "q.csv", min_cell=3)
    assert ev.periods == ["2020 K4", "2021 K1", "2021 K2", "2021 K3", "2021 K4"]
    assert [raw_count(ev, "trajectories", TOTAL, p) for p in ev.periods] == [1, 2, 2, 2, 1]
    # days: Oct-Dec 92; Jan-Mar 2021 90; Apr-Jun 91; Jul-Sep 92; Oct-Dec 92
    weeks = [92 / 7, 90 / 7, 91 / 7, 92 / 7, 92 / 7]
    assert [ev.period_weeks[p] for p in ev.periods] == pytest.approx(weeks)
    assert ev.period_weeks[TOTAL] == pytest.approx(sum(weeks))


def test_half_years_at_their_edge_and_their_lengths() -> None:
    starts = ["30-06-2021", "01-07-2021", "31-12-2021", "01-01-2022"]
    ev = run(csv_bytes([row(start=s) for s in starts]), "h.csv", "halfjaar", min_cell=3)
    assert ev.periods == ["2021 H1", "2021 H2", "2022 H1"]
    assert [raw_count(ev, "trajectories", TOTAL, p) for p in ev.periods] == [1, 2, 1]
    # Jan-Jun 2021: 181 days; Jul-Dec: 184 days; Jan-Jun 2022: 181 days
    assert [ev.period_weeks[p] for p in ev.periods] == pytest.approx([181 / 7, 184 / 7, 181 / 7])


def test_years_and_their_lengths() -> None:
    ev = run(csv_bytes([row(start=s) for s in ["31-12-2020", "01-01-2021", "02-01-2021"]]), "y.csv", "jaar",
             min_cell=3)
    assert ev.periods == ["2020", "2021"]
    assert [ev.period_weeks[p] for p in ev.periods] == pytest.approx([366 / 7, 365 / 7])
    assert [raw_count(ev, "trajectories", TOTAL, p) for p in ev.periods] == [1, 2]


# ------------------------------------------------------------------ statistics at the minimum


def _waits(starts_and_applied: list[tuple[str, str]], contacts: list[str]) -> Evaluation:
    rows = [[*row(start=s), a, c] for (s, a), c in zip(starts_and_applied, contacts, strict=True)]
    return run(csv_bytes(rows, [*HEADERS, "Datum aanmelding", "Aantal contacten"]), "s.csv", min_cell=3)


def test_a_statistic_over_exactly_the_minimum_is_shown_and_one_fewer_is_not() -> None:
    # 2020 K1: three waits (1, 2, 4 days) and three contact counts -> shown;
    # 2020 K2: three trajectories, but only two waits and two contact counts -> hidden
    ev = _waits([("10-01-2020", "09-01-2020"), ("10-01-2020", "08-01-2020"), ("10-01-2020", "06-01-2020"),
                 ("10-04-2020", "01-04-2020"), ("10-04-2020", "05-04-2020"), ("10-04-2020", "")],
                ["1", "2", "6", "3", "", "5"])
    median = ev.statistics["Mediane wachttijd (dagen)"]
    assert median["2020 K1"] == 2.0 and median["2020 K2"] is None
    assert median[TOTAL] == 4.0  # 1, 2, 4, 5, 9 days
    mean = ev.statistics["Gemiddeld aantal contacten"]
    assert mean["2020 K1"] == 3.0 and mean["2020 K2"] is None
    assert mean[TOTAL] == pytest.approx(17 / 5)


# ------------------------------------------------------------------ shares: base, hidden base, TOTAL row


def _tiny(hidden: set[str], values: dict[str, int] | None = None) -> tuple[Evaluation, Table]:
    """A hand-made table: rows a (3) and b (5) in one period P, total 8."""
    cells = {("a", "P"): "a|P", ("b", "P"): "b|P", ("a", TOTAL): "a|T", ("b", TOTAL): "b|T",
             (TOTAL, "P"): "T|P", (TOTAL, TOTAL): "T|T"}
    values = values or {"a|P": 3, "b|P": 5, "a|T": 3, "b|T": 5, "T|P": 8, "T|T": 8}
    table = Table("tiny", "Tiny", ["a", "b"], ["P"], cells, "alle trajecten")
    ev = Evaluation("kwartaal", 3, ["P"], {"P": 13.0, TOTAL: 13.0}, [table], values, hidden, [], None)  # type: ignore[arg-type]
    return ev, table


def test_a_shown_count_over_a_shown_base_has_its_share_and_wilson_interval() -> None:
    ev, table = _tiny(set())
    share = ev.cell(table, "a", "P")
    # 3 of 8, z² = 3.8415: centre (3/8 + z²/16) / (1 + z²/8) = 0.6151 / 1.4802 = 0.4155; half-width
    # z·sqrt(3/8·5/8/8 + z²/256) / (1 + z²/8) = 1.96 · 0.2105 / 1.4802 = 0.2787 -> 0.1368 … 0.6942
    assert (share.count, share.base, share.share) == (3, 8, 3 / 8)
    assert share.ci_low == pytest.approx(0.1368, abs=5e-4) and share.ci_high == pytest.approx(0.6942, abs=5e-4)
    assert share.as_dict() == {"count": 3, "share": 3 / 8, "ci_low": share.ci_low, "ci_high": share.ci_high,
                               "base": 8}


def test_a_hidden_base_hides_the_share_and_the_base() -> None:
    ev, table = _tiny({"T|P"})
    share = ev.cell(table, "a", "P")
    assert (share.count, share.base, share.share, share.ci_low, share.ci_high) == (3, None, None, None, None)


def test_a_hidden_count_hides_its_share() -> None:
    ev, table = _tiny({"a|P"})
    share = ev.cell(table, "a", "P")
    assert (share.count, share.base, share.share, share.ci_low, share.ci_high) == (None, 8, None, None, None)


def test_the_total_row_has_no_share_and_a_zero_base_none() -> None:
    ev, table = _tiny(set())
    total = ev.cell(table, TOTAL, "P")
    assert (total.count, total.base, total.share) == (8, 8, None)
    ev, table = _tiny(set(), {"a|P": 0, "b|P": 0, "a|T": 0, "b|T": 0, "T|P": 0, "T|T": 0})
    assert ev.cell(table, "a", "P").share is None


def test_shares_along_the_row() -> None:
    ev, table = _tiny(set())
    table.share_along = "row"
    # the share of a in P is a|P over the row total a|T: 3 of 3
    assert ev.cell(table, "a", "P").share == 1.0 and ev.cell(table, "a", "P").base == 3
    assert ev.cell(table, "a", TOTAL).share is None  # the row total itself
    assert ev.cell(table, TOTAL, "P").share == 1.0  # 8 of 8: the total row is a row like the others here


def test_suppressed_cells_are_listed_by_table_row_and_column() -> None:
    ev, _ = _tiny({"a|P", "T|T"})
    assert sorted(ev.suppressed_cells(), key=str) == sorted(
        [{"table": "Tiny", "row": "a", "column": "P"}, {"table": "Tiny", "row": TOTAL, "column": TOTAL}], key=str)
    assert ev.count("a|P") is None and ev.count("b|P") == 5


# ------------------------------------------------------------------ headline figures and 'mostly dots'


def _twelve(min_cell: int = 3) -> Evaluation:
    return run(csv_bytes(TWELVE), "t.csv", min_cell=min_cell)


def test_headline_variables_are_the_totals_of_trajectories_and_groups() -> None:
    ev = _twelve()
    heads = headline_vars(ev)
    assert [ev.values[v] for v in heads.values()] == [12, 8, 4, 7, 2, 3]  # counted in evaluation_helpers
    assert list(heads) == ["het aantal trajecten", "het aantal afgesloten trajecten", "het aantal open trajecten",
                           f"de groep '{SELF}'", f"de groep '{BRIDGING}'", f"de groep '{REFERRED}'"]


def test_a_headline_figure_exactly_at_the_minimum_counts_as_wrongly_hidden_and_one_below_does_not() -> None:
    ev = _twelve(min_cell=3)
    heads = headline_vars(ev)
    ev.hidden = {heads[f"de groep '{REFERRED}'"], heads[f"de groep '{BRIDGING}'"]}  # 3 (= minimum) and 2 (< 3)
    assert hidden_headline(ev) == [f"de groep '{REFERRED}'"]
    ev.hidden = set()
    assert hidden_headline(ev) == []


def test_hidden_share_counts_cells_not_variables() -> None:
    ev, _ = _tiny(set())
    assert hidden_share(ev) == 0.0
    ev.hidden = {"a|P", "b|P", "T|P"}
    assert hidden_share(ev) == 3 / 6
    ev.tables = []
    assert hidden_share(ev) == 0.0


def test_no_advice_at_exactly_half_hidden_without_a_hidden_headline() -> None:
    ev = _twelve()
    # trajectories (3 rows x 3 columns) and groups (4 x 3) are 21 cells; one more makes 22
    extra = Table("extra", "Extra", [], [], {(TOTAL, TOTAL): "extra"}, "alle trajecten")
    ev.tables = [ev.table("trajectories"), ev.table("groups"), extra]
    ev.registration = None  # type: ignore[assignment]  # advice would need a new evaluation: it must not come to that
    everything = [var for t in ev.tables for var in t.cells.values()]
    assert len(everything) == 22
    # hide non-headline cells until exactly half of the cells are hidden
    heads = set(headline_vars(ev).values())
    ev.hidden = set()
    for var in everything:
        if hidden_share(ev) >= MOSTLY_HIDDEN:
            break
        if var not in heads:
            ev.hidden.add(var)
    assert hidden_share(ev) == MOSTLY_HIDDEN == 0.5
    assert advise(ev) is None


# ------------------------------------------------------------------ identifiers: the rules on one value

# 123456782: 9·1 + 8·2 + 7·3 + 6·4 + 5·5 + 4·6 + 3·7 + 2·8 − 1·2 = 154 = 14 × 11: a valid BSN
# 012345672: 0 + 8·1 + 7·2 + 6·3 + 5·4 + 4·5 + 3·6 + 2·7 − 1·2 = 110 = 10 × 11 (Excel shows 12345672)
# 100000009: 9·1 − 1·9 = 0: a multiple of 11, but 0 is no BSN
BSN_FORMS = ["123456782", "123 456 782", "123.456.782", "123-456-782", "1234 56 782", "12 345 67 82",
             "bsn 123456782", "BSN: 123456782", "Bsn123456782", "moeder gebeld, bsn 123456782", "12345672",
             "bsn 12345672", "burgerservicenummer: 12345672", "sofi 12345672", "BSN12345672"]
NOT_BSN = ["123456789", "100000009", "1234567820", "9123456782", "12345678", "notitie 12345672", "12345672 uur",
           "bsn 1234567", "12-34-56-782", "11122233"]


@pytest.mark.parametrize("value", BSN_FORMS)
def test_bsn_forms(value: str) -> None:
    from calculators.evaluation.privacy import is_bsn, looks_identifying

    assert is_bsn(value) and looks_identifying(value)


@pytest.mark.parametrize("value", NOT_BSN)
def test_not_a_bsn(value: str) -> None:
    from calculators.evaluation.privacy import is_bsn

    assert not is_bsn(value)


def test_eleven_test_edges() -> None:
    from calculators.evaluation.privacy import passes_eleven_test

    assert passes_eleven_test("123456782") and passes_eleven_test("012345672")
    assert not passes_eleven_test("100000009")  # sum 0
    assert not passes_eleven_test("12345678") and not passes_eleven_test("1234567820")  # 8 and 10 digits
    assert not passes_eleven_test("12345678x")
    assert not passes_eleven_test("123456783")  # 154 − 1 = 153 = 13 × 11 + 10
    assert passes_eleven_test("111111110")  # 9 + 8 + 7 + 6 + 5 + 4 + 3 + 2 − 0 = 44 = 4 × 11


def test_digit_snippets_keep_24_characters_around_digits_within_the_line() -> None:
    from calculators.evaluation.privacy import SNIPPET_CONTEXT, digit_snippets

    assert SNIPPET_CONTEXT == 24
    text = "a" * 30 + "123" + "b" * 30
    assert digit_snippets(text) == "a" * 24 + "123" + "b" * 24
    assert digit_snippets("eerste regel\nbel 06 1234 5678 svp\nderde") == "bel 06 1234 5678 svp"
    # two runs of digits within each other's context: one snippet; far apart: two, one per line
    assert digit_snippets("12 ab 34") == "12 ab 34"
    assert digit_snippets("12" + "x" * 60 + "34") == "12" + "x" * 24 + "\n" + "x" * 24 + "34"
    assert digit_snippets("geen cijfers") == ""
    # a run that starts exactly where the previous snippet ends gets a snippet of its own, not lost
    assert digit_snippets("12" + "x" * 24 + "34") == "12" + "x" * 24 + "\n" + "x" * 24 + "34"
    # a run inside the previous snippet is skipped, and the search goes on after it
    assert digit_snippets("12 ab 34" + "x" * 60 + "56") == "12 ab 34" + "x" * 19 + "\n" + "x" * 24 + "56"


@pytest.mark.parametrize(("value", "expected"), [
    ("sanne@example.nl", True), ("mail: s.de-vries+jeugd@mail.example.com", True), ("a@b.nl", True),
    ("@example.nl", False), ("sanne@example", False), ("sanne@example.n", False), ("geen mail", False),
    ("sanne at example.nl", False),
])
def test_email(value: str, expected: bool) -> None:
    from calculators.evaluation.privacy import is_email

    assert is_email(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("0612345678", True), ("06-12345678", True), ("06 1234 5678", True), ("+31612345678", True),
    ("+31 6 1234 5678", True), ("0031 6 12345678", True), ("071-5123456", True), ("(071) 512 34 56", True),
    ("bel 06-12345678 na 17:00", True),
    ("0012345678", False),  # no area code starts with 0 after the leading 0
    ("061234567", False),  # one digit short
    ("06123456789", False),  # one digit too many
    ("1612345678", False),  # no leading 0 or +31
    ("106-12345678", False),  # a digit right before it: part of a longer number
    ("06-01-2020", False), ("06-01-2020 10:30", False), ("12:30", False), ("geen nummer", False), ("", False),
])
def test_phone(value: str, expected: bool) -> None:
    from calculators.evaluation.privacy import is_phone

    assert is_phone(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2311 AB 12", True), ("2311AB 12", True), ("Breestraat 12a, 2311 AB", True), ("2311 ab 7", True),
    ("2311 AB", False), ("0311 AB 12", False), ("geen adres 12", False), ("23112 AB 12", False),
])
def test_address(value: str, expected: bool) -> None:
    from calculators.evaluation.privacy import is_address

    assert is_address(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("12-03-2010", True), ("2010-03-12", True), ("12/3/2010", True), ("12.03.2010", True),
    ("12-03-2010 10:00", True), ("geboren 12-03-2010", True), ("2010-3-12 in tekst", True),
    ("12-03-10", False), ("2010", False), ("03-2010", False), ("112-03-20101", False),
])
def test_full_date(value: str, expected: bool) -> None:
    from calculators.evaluation.privacy import is_full_date

    assert is_full_date(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Sanne de Vries", True), ("Jan Jansen", True), ("Jan van der Berg", True), ("Anna-Lena de Wit-Jansen", True),
    ("Dr. Jansen", True), ("Jan van den Berg Smit", True),
    ("Jan", False),  # one word
    ("Jan van de Berg Smit Jansen", False),  # six words
    ("sanne de vries", False), ("Sanne de vries", False), ("sanne de Vries", False),
    ("Jan 2 Berg", False), ("Jan Eten Berg", True), ("Jan eten Berg", False),
    ("Praktijk Jansen", False), ("Huisarts Jansen", False), ("Gemeente Leiden", False), ("Team Oost", False),
])
def test_name(value: str, expected: bool) -> None:
    from calculators.evaluation.privacy import looks_like_name

    assert looks_like_name(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("12345678", True),  # a long number: never repeated, whatever it is
    ("12 34 56 78", True), ("1234567", False), ("2 tot 5 contacten", False), ("Vrouw", False),
    ("sanne@example.nl", True), ("06-12345678", True), ("2311 AB 12", True), ("12-03-2010", True),
    ("Sanne de Vries", True), ("123456782", True),
])
def test_looks_identifying(value: str, expected: bool) -> None:
    from calculators.evaluation.privacy import looks_identifying

    assert looks_identifying(value) is expected


# ------------------------------------------------------------------ identifiers in every column, never repeated

#: value typed into one cell -> a part of it that no message may contain
IDENTIFIERS = {
    "123456782": "123456782",
    "bsn 123 456 782": "456",
    "BSN: 123.456.782": "456",
    "12345672": "2345672",  # the BSN 012345672 after Excel dropped the zero
    "bsn 12345672": "2345672",
    "ouder: sanne@example.nl": "sanne",
    "bel 06-12345678": "12345678",
    "+31 6 1234 5678": "5678",
    "geboren 12-03-2010": "2010",
}
OWN_COLUMNS = [*HEADERS, "Datum aanmelding", "Overleg", "Aantal contacten", "Praktijk"]
DATE_COLUMNS = {"Datum eerste consult", "Datum einde zorg", "Datum aanmelding"}


def _with_value(header: str, value: str) -> tuple[list[str], list[list[str]]]:
    headers = OWN_COLUMNS + ([] if header in OWN_COLUMNS else [header])
    rows = [[*r, "", "", "", "", *([] if header in OWN_COLUMNS else ["geen bijzonderheden"])] for r in TWELVE]
    rows[2][headers.index(header)] = value  # spreadsheet row 4
    return headers, rows


@pytest.mark.parametrize("header", [*OWN_COLUMNS, "Notitie"])
def test_an_identifier_in_any_column_is_refused_and_never_repeated(header: str) -> None:
    from calculators.errors import InputError
    from calculators.evaluation import PrivacyRefusal

    for value, secret in IDENTIFIERS.items():
        headers, rows = _with_value(header, value)
        with pytest.raises(InputError) as info:
            load(csv_bytes(rows, headers), "p.csv")
        message = info.value.message
        assert value not in message and secret not in message, (header, value, message)
        if header in DATE_COLUMNS and value.startswith("geboren"):
            # not a date: refused by the validation, the value replaced by a placeholder
            assert "rij 4" in message and "waarde niet getoond" in message
        else:
            assert isinstance(info.value, PrivacyRefusal), (header, value, message)
            assert f"kolom '{header}' bevat een " in message


def test_a_long_number_that_is_no_identifier_is_refused_without_repeating_it() -> None:
    from calculators.evaluation import ValidationRefusal

    rows = [r[:] for r in TWELVE]
    rows[2][1] = "12 34 56 78"  # no BSN, no phone number: passes the screen, but is never repeated
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows), "p.csv")
    assert info.value.problems[0].text() == (
        "rij 4, kolom 'Geslacht': onbekende categorie (waarde niet getoond: lijkt op een persoonsgegeven) "
        "(kies uit: Man; Vrouw)")
    assert "12 34" not in info.value.message


def test_the_refusal_names_each_column_once_and_every_rule() -> None:
    from calculators.evaluation import PrivacyRefusal

    rows = [[*r, "bsn 123456782, sanne@example.nl" if i == 0 else "", "06-12345678" if i == 1 else ""]
            for i, r in enumerate(TWELVE)]
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, [*HEADERS, "Notitie", "Contact"]), "p.csv")
    assert info.value.field == "upload"
    assert [(f.column, f.rule) for f in info.value.findings] == [
        ("Notitie", "burgerservicenummer (9 cijfers die de elfproef doorstaan)"), ("Notitie", "e-mailadres"),
        ("Contact", "telefoonnummer")]
    assert info.value.message == (
        "Het bestand is niet verwerkt omdat het persoonsgegevens lijkt te bevatten: kolom 'Notitie' bevat een "
        "burgerservicenummer (9 cijfers die de elfproef doorstaan); kolom 'Notitie' bevat een e-mailadres; kolom "
        "'Contact' bevat een telefoonnummer. Wat u kunt doen: verwijder de kolommen 'Notitie', 'Contact' of "
        "vervang de inhoud door een pseudoniem, en laad het bestand opnieuw.")


def test_a_refusal_in_the_formats_own_column_only_says_what_to_do_there() -> None:
    from calculators.evaluation import PrivacyRefusal

    rows = [r[:] for r in TWELVE]
    rows[0][2] = "sanne@example.nl"
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows), "p.csv")
    assert info.value.message.endswith(
        "Wat u kunt doen: haal het persoonsgegeven uit 'Verwijzer' (die kolom hoort bij het format: laat de cel "
        "leeg of vul een geldige waarde in), en laad het bestand opnieuw.")


def test_a_header_alone_is_enough_only_in_a_foreign_column() -> None:
    from calculators.evaluation import PrivacyRefusal

    rows = [[*r, "ja"] for r in TWELVE]
    with pytest.raises(PrivacyRefusal, match="kolom 'Mobiel' bevat een telefoonnummer"):
        load(csv_bytes(rows, [*HEADERS, "Mobiel"]), "p.csv")
    rows = [[*r, ""] for r in TWELVE]  # an empty column is never refused, whatever its header
    assert load(csv_bytes(rows, [*HEADERS, "BSN"]), "p.csv").foreign == ["BSN"]


def test_a_date_column_misspelt_is_no_birth_date_but_another_foreign_date_is() -> None:
    from calculators.evaluation import PrivacyRefusal

    rows = [[*r, "01-02-2020"] for r in TWELVE]
    assert load(csv_bytes(rows, [*HEADERS, "Datum aanmeldng"]), "p.csv").foreign == ["Datum aanmeldng"]
    with pytest.raises(PrivacyRefusal, match="kolom 'Datum bezoek' bevat een volledige geboortedatum"):
        load(csv_bytes(rows, [*HEADERS, "Datum bezoek"]), "p.csv")


def test_a_column_of_names_from_half_the_cells_and_a_repeated_name_is_not() -> None:
    from calculators.evaluation import PrivacyRefusal

    names = ["Sanne de Vries", "Daan Bakker", "Emma Visser", "Lucas Smit", "Julia Mulder", "Sem Bos"]
    # 6 of 12 cells a name, all different: refused
    rows = [[*r, names[i] if i < 6 else "x"] for i, r in enumerate(TWELVE)]
    with pytest.raises(PrivacyRefusal, match="kolom 'Begeleider' bevat een naam van een persoon"):
        load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "p.csv")
    # 5 of 12: fewer than half, not a column of names
    rows = [[*r, names[i] if i < 5 else "x"] for i, r in enumerate(TWELVE)]
    assert load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "p.csv").foreign == ["Begeleider"]
    # two names, each in 6 cells: 2 distinct of 12 named cells, a practice-like column, not refused
    rows = [[*r, names[i % 2]] for i, r in enumerate(TWELVE)]
    assert load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "p.csv").foreign == ["Begeleider"]
    # six names, each in 2 cells: 6 distinct of 12, exactly half: refused
    rows = [[*r, names[i % 6]] for i, r in enumerate(TWELVE)]
    with pytest.raises(PrivacyRefusal):
        load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "p.csv")


# ------------------------------------------------------------------ a date of birth in the format's date columns


def _birth(age: str, start: str, end: str = "", applied: str | None = None) -> list[str]:
    return [age, "Vrouw", "Huisarts", start, TALK, "1 contact", end, "", *([] if applied is None else [applied])]


@pytest.mark.parametrize(("age", "end", "flagged"), [
    ("7", "13-01-2012", True),  # 2922 days = 8.00 years before the first consult at age 7: exactly 1 year off
    ("7", "12-01-2011", False),  # 9.00 years: 2 years off
    ("9", "13-07-2010", True),  # 9.50 years at age 9
    ("4", "13-01-2016", True),  # 1461 days = 4.00 years at age 4: the youngest age checked
    ("3", "13-01-2017", False),  # 3 years at age 3: too young to tell from a long trajectory
    ("9", "13-01-2012", True),  # 2922 days = 8.00 years of 365.25 days at age 9: exactly 1 year off
    ("7,0", "13-01-2012", True),  # the age written with a decimal comma
])
def test_birth_date_in_the_end_column_at_the_edges(age: str, end: str, flagged: bool) -> None:
    from calculators.errors import InputError
    from calculators.evaluation import PrivacyRefusal

    rows = [r[:] for r in TWELVE]
    rows[1] = _birth(age, "13-01-2020", end)
    with pytest.raises(InputError) as info:  # a refusal either way: the end lies before the first consult
        load(csv_bytes(rows), "p.csv")
    assert isinstance(info.value, PrivacyRefusal) is flagged
    if flagged:
        assert [f.message() for f in info.value.findings] == [  # type: ignore[attr-defined]
            "kolom 'Datum einde zorg' bevat een volledige geboortedatum (de datum ligt de leeftijd bij aanvang in "
            "jaren van de andere datums van het traject af)"]


def test_birth_date_as_first_consult_is_found_once_from_either_later_date() -> None:
    from calculators.evaluation import PrivacyRefusal

    headers = [*HEADERS, "Datum aanmelding"]
    rows = [[*r, ""] for r in TWELVE]
    rows[1] = _birth("9", "13-01-2011", "", "13-01-2020")  # only the application date lies 9 years later
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, headers), "p.csv")
    assert [f.column for f in info.value.findings] == ["Datum eerste consult"]
    rows[1] = _birth("9", "13-01-2012", "", "13-01-2020")  # 2922 days = 8.00 years later at age 9: 1 year off
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, headers), "p.csv")
    assert [f.column for f in info.value.findings] == ["Datum eerste consult"]
    rows[1] = _birth("9", "13-01-2011", "13-01-2020", "13-01-2020")  # both: still one finding for the column
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, headers), "p.csv")
    assert [f.column for f in info.value.findings] == ["Datum eerste consult"]


def test_no_birth_date_check_without_the_age_column() -> None:
    from calculators.evaluation import ValidationRefusal

    headers = [h for h in HEADERS if h != "Leeftijd bij aanvang"]
    rows = [r[1:] for r in TWELVE]
    rows[1] = _birth("9", "13-01-2020", "13-01-2011")[1:]
    with pytest.raises(ValidationRefusal, match="kolom 'Leeftijd bij aanvang': deze verplichte kolom ontbreekt"):
        load(csv_bytes(rows, headers), "p.csv")


# ------------------------------------------------------------------ validation messages at their edges


def _refusal(rows: list[list[str]], headers: list[str] = HEADERS) -> ValidationRefusal:
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows, headers), "v.csv")
    return info.value


def test_one_problem_is_singular() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][0] = "30"
    refusal = _refusal(rows)
    assert refusal.total == 1 and refusal.field == "upload"
    assert refusal.message == ("Het bestand is niet verwerkt: 1 probleem in 1 rij. Herstel het en laad het bestand "
                               "opnieuw. rij 2, kolom 'Leeftijd bij aanvang': '30' ligt buiten 0–23 (leeftijd in "
                               "jaren).")


def test_a_problem_in_four_rows_is_one_message_in_three_rows_three() -> None:
    rows = [r[:] for r in TWELVE]
    for i in range(4):
        rows[i][1] = "X"
    refusal = _refusal(rows)
    assert [p.text() for p in refusal.problems] == [
        "kolom 'Geslacht': 4 waarden die geen categorie van het format zijn, bijvoorbeeld rij 2: 'X'; kies uit: Man; "
        "Vrouw"]
    assert refusal.total == 4 and refusal.problems[0].count == 4 and refusal.problems[0].row == 2
    assert refusal.headline.startswith("Het bestand is niet verwerkt: 4 problemen in 4 rijen.")
    rows[3][1] = "Man"
    assert len(_refusal(rows).problems) == 3


def test_two_problems_in_one_row_count_one_row() -> None:
    rows = [r[:] for r in TWELVE]
    rows[5][0], rows[5][1] = "99", "X"
    refusal = _refusal(rows)
    assert refusal.headline == ("Het bestand is niet verwerkt: 2 problemen in 1 rij. Herstel ze en laad het bestand "
                                "opnieuw.")


def test_a_long_value_is_cut_at_forty_characters() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][1] = "x" * 41
    rows[1][1] = "y" * 40
    texts = [p.text() for p in _refusal(rows).problems]
    assert texts[0] == f"rij 2, kolom 'Geslacht': onbekende categorie '{'x' * 40}…' (kies uit: Man; Vrouw)"
    assert texts[1] == f"rij 3, kolom 'Geslacht': onbekende categorie '{'y' * 40}' (kies uit: Man; Vrouw)"


def test_the_hint_lists_up_to_six_categories() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][2] = "Buurman"  # Verwijzer: six categories, listed
    rows[0][4] = "iets anders"  # Welke interventie is ingezet: nine, not listed
    texts = [p.text() for p in _refusal(rows).problems]
    assert texts[0].startswith("rij 2, kolom 'Verwijzer': onbekende categorie 'Buurman' (kies uit: ")
    assert texts[0].count(";") == 5
    assert texts[1] == ("rij 2, kolom 'Welke interventie is ingezet': onbekende categorie 'iets anders' (kies een "
                        "waarde uit de keuzelijst van het sjabloon)")


def test_numbers_whole_with_a_comma_and_contacts_without_upper_bound() -> None:
    headers = [*HEADERS, "Aantal contacten"]
    rows = [[*r, "3"] for r in TWELVE]
    rows[0][0], rows[1][0] = "8,0", "23"  # a whole number written with a decimal comma; the top age
    rows[2][8] = "250"
    reg = load(csv_bytes(rows, headers), "n.csv")
    assert list(reg.frame["age"][:3]) == [8, 23, 10] and reg.frame["contacts"][2] == 250
    rows[0][8], rows[1][8], rows[2][8] = "-1", "2,5", "veel"
    assert [p.text() for p in _refusal(rows, headers).problems] == [
        "rij 2, kolom 'Aantal contacten': '-1' ligt buiten 0 of meer (aantal contacten)",
        "rij 3, kolom 'Aantal contacten': '2,5' is geen heel getal (aantal contacten)",
        "rij 4, kolom 'Aantal contacten': 'veel' is geen getal (aantal contacten)",
    ]


def test_four_numbers_out_of_range_are_grouped_with_the_fix() -> None:
    rows = [r[:] for r in TWELVE]
    for i in range(4):
        rows[i][0] = str(24 + i)
    assert [p.text() for p in _refusal(rows).problems] == [
        "kolom 'Leeftijd bij aanvang': 4 waarden buiten 0–23, bijvoorbeeld rij 2: '24'; controleer de leeftijd in "
        "jaren"]
    for i in range(4):
        rows[i][0] = f"{i},5"
    assert [p.text() for p in _refusal(rows).problems] == [
        "kolom 'Leeftijd bij aanvang': 4 waarden die geen heel getal zijn, bijvoorbeeld rij 2: '0,5'; vul een heel "
        "getal in (leeftijd in jaren)"]
    for i in range(4):
        rows[i][0] = "acht"
    assert [p.text() for p in _refusal(rows).problems] == [
        "kolom 'Leeftijd bij aanvang': 4 waarden die geen getal zijn, bijvoorbeeld rij 2: 'acht'; vul een heel getal "
        "in (leeftijd in jaren)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("06-01-2020", "2020-01-06"), ("6-1-2020", "2020-01-06"), ("06/01/2020", "2020-01-06"),
    ("06.01.2020", "2020-01-06"), ("2020-01-06", "2020-01-06"), ("2020-1-6", "2020-01-06"),
    ("2020-01-06 13:45", "2020-01-06"), ("2020-01-06T13:45:10", "2020-01-06"), ("2020-01-06 13:45:10.5", "2020-01-06"),
    (" 06-01-2020 ", "2020-01-06"),
    ("31-02-2020", None), ("06-01-20", None), ("2020/01/06", None), ("januari 2020", None), ("", None),
    ("2020-13-01", None), ("06-01-2020 13:45", None),
])
def test_parse_date(text: str, expected: str | None) -> None:
    from calculators.evaluation.validation import parse_date

    parsed = parse_date(text)
    assert (None if parsed is None else str(parsed.date())) == expected


def test_two_digit_years_in_three_rows_each_their_own_message() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][3], rows[1][3] = "06-01-20", "13.1.20"
    assert [p.text() for p in _refusal(rows).problems] == [
        # a date is shown as in the message for many rows (no date of birth: see test_evaluation_slips2.py)
        "rij 2, kolom 'Datum eerste consult': 06-01-20 heeft een jaartal van twee cijfers; schrijf het jaar voluit "
        "(dd-mm-jjjj)",
        "rij 3, kolom 'Datum eerste consult': 13.1.20 heeft een jaartal van twee cijfers; schrijf het jaar voluit "
        "(dd-mm-jjjj)",
    ]
    rows[0][3] = "gisteren"
    assert _refusal(rows).problems[0].text() == (
        "rij 2, kolom 'Datum eerste consult': 'gisteren' is geen datum (gebruik dd-mm-jjjj, jjjj-mm-dd of een "
        "Excel-datum)")


def test_many_problems_of_other_kinds_group_with_their_own_words() -> None:
    headers = [*HEADERS, "Datum aanmelding"]
    rows = [[*r, ""] for r in TWELVE]
    for i in range(4):
        rows[i][3] = "gisteren"  # not a date
        rows[4 + i][3] = ""  # no first consult
        rows[8 + i][6], rows[8 + i][8] = "01-01-2019", "01-01-2021"  # end before, application after the start
    texts = [p.text() for p in _refusal(rows, headers).problems]
    assert texts == [
        "kolom 'Datum eerste consult': 4 waarden die geen datum zijn, bijvoorbeeld rij 2: 'gisteren'; gebruik "
        "dd-mm-jjjj, jjjj-mm-dd of een Excel-datum",
        "kolom 'Datum eerste consult': 4 rijen zonder datum van het eerste consult, bijvoorbeeld rij 6: leeg; vul de "
        "datum in; die is verplicht",
        "kolom 'Datum einde zorg': 4 einddatums vóór de datum van het eerste consult, bijvoorbeeld rij 10: einde vóór "
        "eerste consult; controleer of de datums niet zijn verwisseld",
        "kolom 'Datum aanmelding': 4 aanmelddatums na de datum van het eerste consult, bijvoorbeeld rij 10: "
        "aanmelding na eerste consult; controleer of de datums niet zijn verwisseld",
    ]


def test_problems_sorted_by_row_then_by_the_files_column_order() -> None:
    rows = [r[:] for r in TWELVE]
    rows[3][1], rows[3][0], rows[1][2] = "X", "99", "Y"
    assert [p.text() for p in _refusal(rows).problems] == [
        "rij 3, kolom 'Verwijzer': onbekende categorie 'Y' (kies uit: Huisarts; Jeugdarts; Wijkteam; School; "
        "Ouders; Anders)",
        "rij 5, kolom 'Leeftijd bij aanvang': '99' ligt buiten 0–23 (leeftijd in jaren)",
        "rij 5, kolom 'Geslacht': onbekende categorie 'X' (kies uit: Man; Vrouw)",
    ]


def test_two_missing_columns_each_named_and_the_nearest_foreign_header() -> None:
    keep = [h for h in HEADERS if h not in ("Verwijzer", "Geslacht")]
    rows = [[v for h, v in zip(HEADERS, r, strict=True) if h in keep] + ["Man"] for r in TWELVE]
    refusal = _refusal(rows, [*keep, "Geslacht:"])
    assert [p.text() for p in refusal.problems] == [
        "kolom 'Geslacht': deze verplichte kolom ontbreekt. Zet de kop 'Geslacht' (of de code n3) boven de kolom. "
        "De kolom 'Geslacht:' kent de rekentool niet; bedoelt u 'Geslacht'? Hernoem die kop dan.",
        "kolom 'Verwijzer': deze verplichte kolom ontbreekt. Zet de kop 'Verwijzer' (of de code n5) boven de kolom.",
    ]
    assert refusal.headline == "Het bestand is niet verwerkt: 2 problemen. Herstel ze en laad het bestand opnieuw."


def test_a_clean_registration_lists_what_was_present_dropped_foreign_and_missing() -> None:
    headers = [*HEADERS, "Patiëntnummer", "Opmerking", "Overleg", "Praktijk"]
    rows = [[*r, "P1", "geen", "", "Praktijk Oost"] for r in TWELVE]  # 'Overleg' left empty throughout
    reg = load(csv_bytes(rows, headers), "c.csv")
    assert reg.dropped == ["Patiëntnummer"] and reg.foreign == ["Opmerking"]
    assert reg.present == {"n2", "n3", "n5", "n6", "n9", "n10", "n15", "n14a", "praktijk"}
    # 'Overleg' is in the file (so not missing) but empty throughout (so not present)
    assert "Overleg" not in reg.missing_optional and "Datum aanmelding" in reg.missing_optional
    assert "Doelbereik" not in reg.missing_optional and "Praktijk" not in reg.missing_optional
    assert list(reg.frame.columns)[:4] == ["age", "sex", "referrer", "start"]
    assert reg.frame["consultation"].isna().all() and reg.frame["applied"].isna().all()
    # a date column the file lacks is still a column of dates (NaT), so that date arithmetic works on it
    assert str(reg.frame["applied"].dtype).startswith("datetime64")
    assert reg.frame["practice"][0] == "Praktijk Oost" and reg.frame["goal"][4] is None


# ------------------------------------------------------------------ reading


def test_separator_is_the_more_frequent_of_semicolon_and_comma_in_the_header() -> None:
    from calculators.evaluation.reading import read

    text = "a;b;c\n1,5;2;3\n"  # two semicolons, no comma in the header: semicolon
    raw = read(text.encode(), "s.csv")
    assert raw.separator == ";" and list(raw.frame.columns) == ["a", "b", "c"] and raw.frame["a"][0] == "1,5"
    # only the header row decides: the rows below may hold more commas (decimal commas, text)
    raw = read(b"a;b\nx,y,z,w;1\n", "s.csv")
    assert raw.separator == ";" and raw.frame.values.tolist() == [["x,y,z,w", "1"]]
    raw = read(b"a,b;c\n1,2;3\n", "s.csv")  # one of each: comma
    assert raw.separator == "," and list(raw.frame.columns) == ["a", "b;c"]


def test_encodings_and_row_numbers() -> None:
    from calculators.evaluation.reading import read

    raw = read("Opmerking;b\ngeëvalueerd;1\n".encode("cp1252"), "w.csv")
    assert raw.encoding == "windows-1252" and raw.frame["Opmerking"][0] == "geëvalueerd"
    raw = read("\ufeffa;b\n x ;1\n;\n\ny;2\n".encode(), "u.csv")  # BOM; a blank and an empty row are skipped
    assert raw.encoding == "utf-8" and raw.file_type == "csv" and raw.filename == "u.csv"
    assert raw.frame.values.tolist() == [["x", "1"], ["y", "2"]]
    assert list(raw.rows) == [2, 5]  # spreadsheet rows: the header is row 1


def test_a_ragged_csv_names_the_line() -> None:
    from calculators.errors import InputError
    from calculators.evaluation.reading import read

    with pytest.raises(InputError) as info:
        read(b"a;b\n1;2\n1;2;3\n", "r.csv")
    assert info.value.message == "'r.csv' kon niet als CSV worden gelezen (regel 3 heeft meer velden dan de kopregel)."
    assert info.value.field == "upload"
    with pytest.raises(InputError) as info:
        read(b"\n\n", "w.csv")  # only empty lines: nothing pandas can read
    assert info.value.message == "'w.csv' kon niet als CSV worden gelezen (leeg of onleesbaar)."


def test_cell_text_of_excel_values() -> None:
    import datetime as dt

    import pandas as pd

    from calculators.evaluation.reading import _cell_text

    assert _cell_text(None) == "" and _cell_text(float("nan")) == "" and _cell_text(pd.NaT) == ""
    assert _cell_text(dt.datetime(2020, 1, 6)) == "2020-01-06"
    assert _cell_text(dt.datetime(2020, 1, 6, 13, 45)) == "2020-01-06 13:45:00"
    assert _cell_text(pd.Timestamp(2020, 1, 6)) == "2020-01-06"
    assert _cell_text(dt.date(2020, 1, 6)) == "2020-01-06"
    assert _cell_text(8.0) == "8" and _cell_text(7.5) == "7.5" and _cell_text(8) == "8"
    assert _cell_text(True) == "ja" and _cell_text(False) == "nee"
    assert _cell_text("  Vrouw ") == "Vrouw"


def test_xlsx_values_and_empty_header_columns() -> None:
    import datetime as dt

    from calculators.evaluation.reading import read

    from evaluation_helpers import xlsx_bytes

    content = xlsx_bytes([[8, dt.datetime(2020, 1, 6), None, 2.0], [None, None, None, None],
                          [9.0, "06-01-2020", None, "x"]], headers=["a", "b", None, None])  # type: ignore[list-item]
    raw = read(content, "X.XLSX")
    assert raw.file_type == "xlsx" and raw.separator is None and raw.encoding is None
    # the third column has no header and no value: left out; the fourth has values: kept under 'Unnamed: 3'
    assert list(raw.frame.columns) == ["a", "b", "Unnamed: 3"]
    assert raw.frame.values.tolist() == [["8", "2020-01-06", "2"], ["9", "06-01-2020", "x"]]
    assert list(raw.rows) == [2, 4]


def test_reading_refusals() -> None:
    from calculators.errors import InputError
    from calculators.evaluation.reading import read

    from evaluation_helpers import xlsx_bytes

    for content, name, message in [
        (b"", "leeg.csv", "'leeg.csv' is leeg."),
        (b"a;b\n;\n", "kop.csv", "'kop.csv' bevat geen trajecten: alleen kopregel of lege rijen."),
        (b"a;a\n1;2\n", "dubbel.csv", "'dubbel.csv' heeft de kolom 'a' meer dan eens."),
        (xlsx_bytes([], headers=["a", "b"]), "kop.xlsx", "'kop.xlsx' bevat geen trajecten: alleen kopregel of lege "
                                                         "rijen."),
        (b"a", "x.ods", "'x.ods': alleen .xlsx- en .csv-bestanden kunnen worden gelezen."),
        (xlsx_bytes([], headers=[]), "leeg.xlsx", "'leeg.xlsx' bevat geen trajecten: alleen kopregel of lege "
                                                  "rijen."),
    ]:
        with pytest.raises(InputError) as info:
            read(content, name)
        assert info.value.message == message
        assert info.value.field == "upload"
    assert read(b"a;b\n1;2\n", "x.TXT").frame.values.tolist() == [["1", "2"]]
    # 0x81 is neither UTF-8 nor a Windows-1252 character
    with pytest.raises(InputError) as info:
        read(b"a;b\n\x81;1\n", "bin.csv")
    assert (info.value.message, info.value.field) == ("'bin.csv' is geen tekstbestand in UTF-8 of Windows-1252.",
                                                      "upload")


# ------------------------------------------------------------------ the practice table, counted by hand


def _practice_rows() -> list[list[str]]:
    closed, open_ = ("06-01-2020", "06-02-2020"), ("06-01-2020", "")
    jgt, bridge = "verwijzing JGT inzet", "overbruggingshulp"
    spec = ([("Praktijk A", closed, TALK)] * 6 + [("Praktijk A", closed, bridge)] + [("Praktijk A", closed, jgt)] * 3
            + [("Praktijk B", closed, TALK)] * 5 + [("Praktijk B", closed, jgt)] * 5 + [("Praktijk B", open_, "")] * 2
            + [("Praktijk C", closed, bridge)] * 9  # nine closed: not enough for a row of its own
            + [("", closed, TALK)] * 10)  # no practice filled in: never a row of its own
    return [[*row(start=s, end=e, intervention=i), p] for p, (s, e), i in spec]


def test_practice_table_by_hand() -> None:
    ev = run(csv_bytes(_practice_rows(), [*HEADERS, "Praktijk"]), "p.csv", min_cell=3, rounding="exact")
    table = ev.table("practices")
    assert table.title == "Inzet per praktijk (praktijken met minstens 10 afgesloten trajecten)"
    assert (table.base, table.share_along) == ("trajecten van de praktijk", "row")
    assert table.rows == ["Praktijk A", "Praktijk B", "Overige praktijken"]
    assert table.cols == [SELF, BRIDGING, REFERRED, fmt.UNKNOWN]
    expected = {  # self, bridging, referred, unknown, total
        "Praktijk A": [6, 1, 3, 0, 10],
        "Praktijk B": [5, 0, 5, 2, 12],
        "Overige praktijken": [10, 9, 0, 0, 19],  # C (9) and the 10 without a practice
        TOTAL: [21, 10, 8, 2, 41],
    }
    for r, counts in expected.items():
        assert [ev.values[table.cells[(r, c)]] for c in [*table.cols, TOTAL]] == counts, r
    groups = ev.table("groups")
    # the total row is the groups table's total column, and the corner the number of trajectories
    assert [table.cells[(TOTAL, c)] for c in table.cols] == [groups.cells[(g, TOTAL)] for g in groups.rows]
    assert table.cells[(TOTAL, TOTAL)] == ev.table("trajectories").cells[(TOTAL, TOTAL)]
    assert len({table.cells[(r, TOTAL)] for r in table.rows}) == 3  # a variable of its own per row total
    # every row and every column adds up, as equations of the suppression step
    from calculators.evaluation.suppression import Equation

    for r in [*table.rows, TOTAL]:
        assert Equation(table.cells[(r, TOTAL)], tuple(table.cells[(r, c)] for c in table.cols)) in ev.equations
    for c in [*table.cols, TOTAL]:
        assert Equation(table.cells[(TOTAL, c)], tuple(table.cells[(r, c)] for r in table.rows)) in ev.equations
    ev.hidden = set()
    assert ev.cell(table, "Praktijk B", REFERRED).share == 5 / 12  # a share of the practice's own trajectories


def test_no_practice_table_when_no_practice_has_ten_closed() -> None:
    # B keeps 9 of its 10 closed trajectories (and its 2 open ones), C has 9, the 10 without a practice never count
    rows = [r for r in _practice_rows() if r[-1] != "Praktijk A"]
    rows.remove(next(r for r in rows if r[-1] == "Praktijk B" and r[6]))
    ev = run(csv_bytes(rows, [*HEADERS, "Praktijk"]), "p.csv", min_cell=3)
    assert "practices" not in [t.key for t in ev.tables]


def test_practice_table_with_an_empty_group_and_no_other_practice() -> None:
    # all ten trajectories closed in Praktijk A: 7 talks, 3 referrals; no bridging, nobody else
    spec = [TALK] * 7 + ["verwijzing JGT inzet"] * 3
    rows = [[*row(start="06-01-2020", end="06-02-2020", intervention=i), "Praktijk A"] for i in spec]
    ev = run(csv_bytes(rows, [*HEADERS, "Praktijk"]), "p.csv", min_cell=3)
    table = ev.table("practices")
    assert table.rows == ["Praktijk A", "Overige praktijken"] and table.cols == [SELF, BRIDGING, REFERRED]
    expected = {"Praktijk A": [7, 0, 3, 10], "Overige praktijken": [0, 0, 0, 0], TOTAL: [7, 0, 3, 10]}
    for r, counts in expected.items():
        assert [ev.values[table.cells[(r, c)]] for c in [*table.cols, TOTAL]] == counts, r


# ------------------------------------------------------------------ the advice: which settings would show more


def test_advice_is_computed_once_per_report(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators.evaluation import indicators

    calls: list[Evaluation] = []
    advice = indicators.Advice("jaar", 3, 0.1)
    monkeypatch.setattr(indicators, "_advise", lambda ev: calls.append(ev) or advice)
    ev = _twelve()
    assert advise(ev) is advice and advise(ev) is advice and len(calls) == 1


def test_advice_tries_longer_periods_then_the_lowest_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators.evaluation import indicators

    ev = _twelve(min_cell=5)
    heads = headline_vars(ev)
    ev.hidden = {heads[f"de groep '{SELF}'"]}  # 7 >= 5: a headline figure hidden although at the minimum
    tried: list[tuple[str, int]] = []

    def fake_evaluate(reg: object, period: str, min_cell: int, rounding: str) -> Evaluation:
        tried.append((period, min_cell))
        hidden = set() if (period, min_cell) == ("jaar", 3) else set(ev.hidden)
        return dataclasses.replace(ev, period=period, min_cell=min_cell, hidden=hidden, cache={})

    monkeypatch.setattr(indicators, "evaluate", fake_evaluate)
    assert advise(ev) == indicators.Advice("jaar", 3, 0.0)
    # minimum 5 first (the user's), from the user's period on, then the floor of 3; the user's own setting is skipped
    assert tried == [("halfjaar", 5), ("jaar", 5), ("kwartaal", 3), ("halfjaar", 3), ("jaar", 3)]


def test_advice_for_a_hidden_headline_even_when_few_cells_are_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators.evaluation import indicators

    ev = _twelve(min_cell=3)
    heads = headline_vars(ev)
    ev.hidden = {heads[f"de groep '{REFERRED}'"]}  # 3 of 3: hidden although at the minimum
    assert 0 < hidden_share(ev) < MOSTLY_HIDDEN

    def fake_evaluate(reg: object, period: str, min_cell: int, rounding: str) -> Evaluation:
        return dataclasses.replace(ev, period=period, min_cell=min_cell, hidden=set(), cache={})

    monkeypatch.setattr(indicators, "evaluate", fake_evaluate)
    assert advise(ev) == indicators.Advice("halfjaar", 3, 0.0)


def test_no_advice_when_no_setting_shows_more(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators.evaluation import indicators

    ev = _twelve(min_cell=3)
    heads = headline_vars(ev)
    ev.hidden = {heads[f"de groep '{REFERRED}'"]}

    def same(reg: object, period: str, min_cell: int, rounding: str) -> Evaluation:
        more = set(ev.hidden) | {heads["het aantal open trajecten"]}  # more hidden, not fewer
        return dataclasses.replace(ev, period=period, min_cell=min_cell, hidden=more, cache={})

    monkeypatch.setattr(indicators, "evaluate", same)
    assert advise(ev) is None


def test_goal_table_counts_closed_trajectories_only_even_in_a_period_without_any() -> None:
    # three times: 2020 K1: three closed (goal ja, ja, empty) and one open (goal nee); 2020 K2: two open
    rows = [row(start="06-01-2020", end="06-02-2020", goal="3 (ja)"), row(start="07-01-2020", end="07-02-2020",
            goal="3 (ja)"), row(start="08-01-2020", end="08-02-2020"), row(start="09-01-2020", goal="1 (nee)"),
            row(start="06-04-2020"), row(start="07-04-2020")] * 3
    ev = run(csv_bytes(rows), "g.csv", min_cell=3)
    goal = ev.table("goal")
    assert (goal.title, goal.base) == ("Doelbereik (afgesloten trajecten)", "afgesloten trajecten")
    assert goal.cols == ["2020 K1", "2020 K2"]
    # 'nee' has no closed trajectory, so it joins the unknown goals in 'overig / onbekend' (3, not 6: the
    # open trajectories' goals do not count)
    assert goal.rows == ["3 (ja)", OTHER_UNKNOWN]
    assert raw_count(ev, "goal", "3 (ja)", "2020 K1") == 6 and raw_count(ev, "goal", OTHER_UNKNOWN, "2020 K1") == 3
    assert [raw_count(ev, "goal", r, "2020 K2") for r in [*goal.rows, TOTAL]] == [0] * (len(goal.rows) + 1)
    # the goal table's totals are the closed trajectories of the trajectories table
    assert goal.cells[(TOTAL, "2020 K1")] == ev.table("trajectories").cells[("Afgesloten", "2020 K1")]
    assert ev.table("age").base == "alle trajecten"


# ------------------------------------------------------------------ every table of a full registration

FULL_HEADERS = [*HEADERS, "Klacht of hulpvraag", "Hulpverleningsgeschiedenis", "Duur van de POH-inzet",
                "Locatie hulp", "Datum aanmelding", "Overleg", "Aantal contacten"]


def _full_rows() -> list[list[str]]:
    first = {code: fmt.column(code).categories[0] for code in ("n7a", "n8a", "n11", "n12")}
    # three trajectories with every optional column filled, one with them empty and no intervention
    filled = [first["n7a"], first["n8a"], first["n11"], first["n12"], "01-01-2020", "ja", "2"]
    return [[*row(start="06-01-2020", end="06-02-2020", goal="3 (ja)"), *filled]] * 3 + [
        [*row(start="06-01-2020", intervention=""), "", "", "", "", "", "", ""]]


def test_every_table_with_its_title_base_note_and_shared_totals() -> None:
    ev = run(csv_bytes(_full_rows(), FULL_HEADERS), "f.csv", min_cell=3, rounding="exact")
    everyone, closed = "alle trajecten", "afgesloten trajecten"
    assert [(t.key, t.title, t.base) for t in ev.tables] == [
        ("trajectories", "Trajecten", everyone),
        ("age", "Leeftijd bij aanvang", everyone),
        ("sex", "Geslacht", everyone),
        ("referrer", "Verwijzer", everyone),
        ("help_question", "Klacht of hulpvraag", everyone),
        ("history", "Hulpverleningsgeschiedenis", everyone),
        ("interventions", "Welke interventie is ingezet", everyone),
        ("groups", "Inzet volgens de indeling van Rebel", everyone),
        ("intensity", "Intensiteit POH-inzet", everyone),
        ("duration", "Duur van de POH-inzet", everyone),
        ("location", "Locatie hulp", everyone),
        ("goal", "Doelbereik (afgesloten trajecten)", closed),
        ("waiting", "Wachttijd van aanmelding tot eerste consult", everyone),
        ("consultation", "Overleg met huisarts, wijkteam of school", everyone),
    ]
    notes = {t.key: t.note for t in ev.tables if t.note}
    assert notes == {
        "trajectories": "Een traject zonder datum einde zorg telt als open.",
        "groups": "Zelf geholpen = 1 gesprek of kortdurende begeleiding/behandeling door de POH-J; verwezen = alle "
                  "verwijzingen, crisishulp inbegrepen.",
    }
    assert ev.notes == [
        "Categorieën met minder dan 3 trajecten in het hele bestand staan samen onder 'overig / onbekend'. "
        "Aantallen onder 3 zijn niet getoond (•), en ook niet de aandelen die erop berusten. Waar nodig is ook een "
        "ander aantal verborgen, het kleinste dat volstaat, zodat geen verborgen aantal uit de andere cellen en de "
        "totalen is terug te rekenen. "
        "Aandelen zijn afgerond op hele procenten; bij elk aandeel staat het 95%-interval (Wilson-methode): met 95% "
        "zekerheid ligt het aandeel tussen die twee grenzen."]
    # every table of all trajectories has the same total variables: the number of trajectories per period
    for t in ev.tables:
        if t.base == everyone:
            assert [t.cells[(TOTAL, c)] for c in [*t.cols, TOTAL]] == ["base|all|2020 K1", "base|all|Totaal"], t.key
    # the optional category tables count by hand: 3 in the first category, 1 not filled in. The empty
    # categories and the 1 form 'overig / onbekend', still below the minimum of 3, so it joins the smallest
    # other category: one row of 4
    for key, code in (("help_question", "n7a"), ("history", "n8a"), ("duration", "n11"), ("location", "n12"),
                      ("consultation", "overleg")):
        table = ev.table(key)
        merged = f"{fmt.column(code).categories[0]} of {OTHER_UNKNOWN}"
        assert table.rows == [merged], key
        assert raw_count(ev, key, merged) == 4
    # the unknown intervention and the unknown group are one and the same cell
    groups, interventions = ev.table("groups"), ev.table("interventions")
    for col in ["2020 K1", TOTAL]:
        assert groups.cells[(fmt.UNKNOWN, col)] == interventions.cells[(fmt.UNKNOWN, col)]
    assert raw_count(ev, "groups", fmt.UNKNOWN) == 1


def test_a_postcode_without_a_house_number_is_no_address() -> None:
    rows = [[*r, "2311 AB" if i % 2 else "2312 CD"] for i, r in enumerate(TWELVE)]
    assert load(csv_bytes(rows, [*HEADERS, "Wijk"]), "w.csv").foreign == ["Wijk"]


def test_columns_without_a_header_are_dropped_only_when_empty() -> None:
    from calculators.evaluation.reading import read

    # the second column has no header and no value: dropped; the third has a header but no value: kept
    raw = read(b"a;;c\n1;;\n2;;\n", "h.csv")
    assert list(raw.frame.columns) == ["a", "c"] and raw.frame.values.tolist() == [["1", ""], ["2", ""]]


def test_the_sheet_registratie_is_read_wherever_it_is_and_errors_name_the_file() -> None:
    import io

    import openpyxl

    from calculators.errors import InputError
    from calculators.evaluation.reading import read

    book = openpyxl.Workbook()
    book.active.title = "Toelichting"
    book.active.append(["uitleg", "bij", "het", "sjabloon"])
    sheet = book.create_sheet("Registratie")
    sheet.append(["a", "b"])
    sheet.append(["1", "2"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read(buffer.getvalue(), "s.xlsx").frame.values.tolist() == [["1", "2"]]
    with pytest.raises(InputError) as info:
        read(b"not a zip", "kapot.xlsx")
    assert "'kapot.xlsx'" in info.value.message
