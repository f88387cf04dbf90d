"""More slips of the evaluation kit's reading, privacy screen and validation (issue 21 items 3, 6 and 7).

Written from the survivors of fresh mutation samples (``benchmarks/mutation_sample.py``, seeds 22 to
24) and from slips found by reading the code: a file that is no text in either encoding, two-digit
years reported alike in one row or many (a date of birth in neither), identifiers in a header, a date
of birth with a two-digit year in text. Expected messages are written out by hand; none comes from
the kit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calculators.errors import InputError
from calculators.evaluation import PrivacyRefusal, ValidationRefusal, load
from calculators.evaluation.reading import read

from conftest import run_cli
from evaluation_helpers import HEADERS, TWELVE, csv_bytes, xlsx_bytes

# ------------------------------------------------------------------ reading


#: 0x81 has no character in Windows-1252 (Python's codec leaves it undefined) and cannot start a UTF-8 sequence
NOT_TEXT = "'bin.csv' is geen tekstbestand in UTF-8 of Windows-1252."


def test_bytes_in_neither_encoding_are_refused_in_dutch() -> None:
    content = csv_bytes(TWELVE).replace(b"Vrouw", b"Vr\x81uw", 1)
    with pytest.raises(InputError) as info:
        read(content, "bin.csv")
    assert (info.value.message, info.value.field) == (NOT_TEXT, "upload")
    with pytest.raises(InputError) as info:
        load(content, "bin.csv")
    assert info.value.message == NOT_TEXT
    # the same byte in a file that is otherwise Windows-1252 ('ë' is 0xEB there): still no text
    with pytest.raises(InputError, match="geen tekstbestand"):
        read("a;b\ngeëvalueerd;\x81\n".encode("latin-1"), "bin.csv")


def test_bytes_in_neither_encoding_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(csv_bytes(TWELVE).replace(b"Vrouw", b"Vr\x81uw", 1))
    proc = run_cli("evaluate", str(path), process=True)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr == f"fout: {NOT_TEXT}\n" and proc.stdout == ""


def test_a_header_only_workbook_with_a_repeated_header_names_the_header() -> None:
    # the duplicate check comes before the check for an empty sheet, for a workbook as for a CSV
    with pytest.raises(InputError) as info:
        read(xlsx_bytes([], headers=["a", "b", "a"]), "k.xlsx")
    assert info.value.message == "'k.xlsx' heeft de kolom 'a' meer dan eens."
    with pytest.raises(InputError) as info:
        read(b"a;b;a\n", "k.csv")
    assert info.value.message == "'k.csv' heeft de kolom 'a' meer dan eens."


def test_a_csv_over_the_column_limit_names_the_file() -> None:
    from calculators import data

    limit = int(data.value("evaluation_upload_max_columns"))
    content = (";".join(f"k{i}" for i in range(limit + 1)) + "\n" + ";" * limit + "\n").encode()
    with pytest.raises(InputError) as info:
        read(content, "breed.csv")
    assert info.value.message.startswith(f"'breed.csv' heeft {limit + 1} kolommen in de kopregel; de grens is {limit} ")


# ------------------------------------------------------------------ privacy screen


def test_valid_categories_in_title_case_are_not_taken_for_names() -> None:
    # 'Sociale Interactie' is the category 'Sociale interactie' (case does not matter); four such
    # categories twice each would pass as a column of names (8 of 12 cells, 4 distinct) if screened
    titled = ["Sociale Interactie", "Lichamelijke Klachten", "Trauma Of Rouwverwerking",
              "Onzekerheid En Zelfvertrouwen"]
    rows = [[*r, titled[i % 4] if i < 8 else "Aandacht"] for i, r in enumerate(TWELVE)]
    reg = load(csv_bytes(rows, [*HEADERS, "Klacht of hulpvraag"]), "c.csv")
    assert list(reg.frame["help_question"][:5]) == ["Sociale interactie", "Lichamelijke klachten",
                                                    "Trauma of rouwverwerking", "Onzekerheid en zelfvertrouwen",
                                                    "Sociale interactie"]
    # the same words in a column that is no category column are a column of names
    with pytest.raises(PrivacyRefusal, match="kolom 'Begeleider' bevat een naam van een persoon"):
        load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "c.csv")


def test_a_column_of_a_few_repeated_names_is_no_column_of_names() -> None:
    # 10 of 12 cells a name (at least half), but only 4 different names: 4 x 2 = 8 < 10, so they repeat
    # like a practice's or a municipality's name, not like the names of youths
    names = ["Sanne de Vries", "Daan Bakker", "Emma Visser", "Lucas Smit"]
    counts = [3, 3, 2, 2]
    cells = [n for n, c in zip(names, counts, strict=True) for _ in range(c)] + ["x", "x"]
    rows = [[*r, cells[i]] for i, r in enumerate(TWELVE)]
    assert load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "n.csv").foreign == ["Begeleider"]
    cells[9] = "Julia Mulder"  # 5 different names in 10 cells: 5 x 2 = 10, refused
    rows = [[*r, cells[i]] for i, r in enumerate(TWELVE)]
    with pytest.raises(PrivacyRefusal, match="kolom 'Begeleider' bevat een naam van een persoon"):
        load(csv_bytes(rows, [*HEADERS, "Begeleider"]), "n.csv")


def test_a_date_a_year_and_a_half_off_the_age_is_no_date_of_birth() -> None:
    from calculators.evaluation.privacy import birth_date_rows

    rows = [r[:] for r in TWELVE]
    rows[1][0], rows[1][3], rows[1][6] = "7", "13-01-2020", "13-07-2011"  # 8.50 years before at age 7: 1.5 off
    rows[2][0], rows[2][3], rows[2][6] = "7", "20-01-2020", "20-01-2012"  # 2922 days = 8.00 years: 1 off
    found = birth_date_rows(read(csv_bytes(rows), "b.csv").frame)
    assert list(found) == ["Datum einde zorg", "Datum eerste consult"]
    assert list(found["Datum einde zorg"][:4]) == [False, False, True, False]
    assert not found["Datum eerste consult"].any()


def test_digit_snippets_stop_at_the_nearest_line_break_before_the_digits() -> None:
    from calculators.evaluation.privacy import digit_snippets

    # three short lines: the snippet of '5' starts after the second line break, not the first
    assert digit_snippets("ab\ncd\nef 5") == "ef 5"
    assert digit_snippets("ab\ncd\nef 5\ngh") == "ef 5"


def test_a_date_or_a_time_taken_out_of_a_text_leaves_one_space() -> None:
    from calculators.evaluation.privacy import is_phone

    # '9:45' is taken out as one space: '0- 612345678' is then 0, separators and nine digits, a phone number
    # (digits around a time or a date are contrived, but show that what is left around one is still read)
    assert is_phone("0-9:45612345678")
    assert not is_phone("0-9:4561234567")  # eight digits after the time: none
    # the date '01-02-2020' as one space: '0- -612345678' (any separators may follow the leading 0)
    assert is_phone("0-01-02-2020-612345678")
    assert not is_phone("01-02-2020")
    assert not is_phone("om 9:45 bellen")


def test_identifiers_in_two_of_the_formats_own_columns_are_listed_in_what_to_do() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][2], rows[1][7] = "sanne@example.nl", "bel 06-12345678"  # Verwijzer, Doelbereik
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows), "p.csv")
    assert info.value.message.endswith(
        "Wat u kunt doen: haal het persoonsgegeven uit 'Verwijzer', 'Doelbereik' (die kolom hoort bij het format: "
        "laat de cel leeg of vul een geldige waarde in), en laad het bestand opnieuw.")


# ------------------------------------------------------------------ two-digit years: one behaviour in one row and many

TWO_DIGIT_FIX = "schrijf het jaar voluit (dd-mm-jjjj, bijvoorbeeld 03-01-2023)"


def _problems(rows: list[list[str]]) -> list[str]:
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows), "j.csv")
    return [p.text() for p in info.value.problems]


@pytest.mark.parametrize(("text", "expected"), [
    ("03-01-23", "2023-01-03"), ("3/1/23", "2023-01-03"), ("3.1.68", "2068-01-03"), ("03-01-69", "1969-01-03"),
    (" 31-12-00 ", "2000-12-31"), ("31-02-20", None), ("03-13-20", None), ("03-01-2023", None), ("2023-01-03", None),
    ("03-01-2", None), ("", None),
])
def test_parse_two_digit_year(text: str, expected: str | None) -> None:
    from calculators.evaluation.validation import parse_two_digit_year

    parsed = parse_two_digit_year(text)
    assert (None if parsed is None else str(parsed.date())) == expected


def test_one_two_digit_year_shows_its_date_as_the_message_for_many_does() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][3] = "06-01-20"  # age 8, end 06-01-2020: the same day, no date of birth
    assert _problems(rows) == ["rij 2, kolom 'Datum eerste consult': 06-01-20 heeft een jaartal van twee cijfers; "
                               "schrijf het jaar voluit (dd-mm-jjjj)"]
    for i in range(1, 4):
        rows[i][3] = rows[i][3][:6] + rows[i][3][8:]  # 13-01-20, 20-01-20, 03-02-20
    assert _problems(rows) == ["kolom 'Datum eerste consult': 4 datums met een jaartal van twee cijfers, bijvoorbeeld "
                               f"rij 2: 06-01-20; {TWO_DIGIT_FIX}"]


def test_a_date_of_birth_with_a_two_digit_year_is_refused_by_the_screen_without_its_value() -> None:
    # row 2: age 8, first consult 06-01-2020; an end date 06-01-12 lies 8 years before it: a date of birth
    rows = [r[:] for r in TWELVE]
    rows[0][6] = "06-01-12"
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows), "j.csv")
    assert [(f.column, f.rule) for f in info.value.findings] == [
        ("Datum einde zorg", "volledige geboortedatum (de datum ligt de leeftijd bij aanvang in jaren van de andere "
                             "datums van het traject af)")]
    assert "06-01-12" not in info.value.message
    # 06-01-14 lies 6 years before: no date of birth at age 8 (2 years off), so the validation reports it,
    # with its value
    rows[0][6] = "06-01-14"
    assert _problems(rows)[0] == ("rij 2, kolom 'Datum einde zorg': 06-01-14 heeft een jaartal van twee cijfers; "
                                  "schrijf het jaar voluit (dd-mm-jjjj)")
    # the first consult itself, written 06-01-12, lies 8 years before the end 06-01-2020 at age 8
    rows = [r[:] for r in TWELVE]
    rows[0][3] = "06-01-12"
    rows[0][6] = "06-01-2020"
    with pytest.raises(PrivacyRefusal, match="kolom 'Datum eerste consult' bevat een volledige geboortedatum"):
        load(csv_bytes(rows), "j.csv")
    # a year of the 1900s (%y: 69-99): born 31-12-99, first consult 02-01-2020 at age 20
    rows = [r[:] for r in TWELVE]
    rows[0][0], rows[0][3], rows[0][6] = "20", "02-01-2020", "31-12-99"
    with pytest.raises(PrivacyRefusal, match="kolom 'Datum einde zorg' bevat een volledige geboortedatum"):
        load(csv_bytes(rows), "j.csv")


def test_a_two_digit_date_of_birth_is_never_shown_by_the_validation_either() -> None:
    from calculators.evaluation.validation import validate

    def problems(rows: list[list[str]]) -> list[str]:
        raw = read(csv_bytes(rows), "j.csv")  # validated without the screen, which would refuse it first
        with pytest.raises(ValidationRefusal) as info:
            validate(raw.frame, raw.rows)
        return [p.text() for p in info.value.problems]

    rows = [r[:] for r in TWELVE]
    rows[0][6] = "06-01-12"  # 8 years before the first consult at age 8
    rows[1][6] = "13-01-20"  # the same day as the first consult: shown
    assert problems(rows) == [
        "rij 2, kolom 'Datum einde zorg': (waarde niet getoond: lijkt op een geboortedatum) heeft een jaartal van "
        "twee cijfers; schrijf het jaar voluit (dd-mm-jjjj)",
        "rij 3, kolom 'Datum einde zorg': 13-01-20 heeft een jaartal van twee cijfers; schrijf het jaar voluit "
        "(dd-mm-jjjj)",
    ]
    rows[2][6], rows[3][6] = "20-03-20", "30-03-20"
    assert problems(rows) == [
        "kolom 'Datum einde zorg': 4 datums met een jaartal van twee cijfers, bijvoorbeeld rij 2: (waarde niet "
        f"getoond: lijkt op een geboortedatum); {TWO_DIGIT_FIX}"]
    rows[0][6] = "06-01-20"
    assert problems(rows) == [
        f"kolom 'Datum einde zorg': 4 datums met een jaartal van twee cijfers, bijvoorbeeld rij 2: 06-01-20; "
        f"{TWO_DIGIT_FIX}"]


# ------------------------------------------------------------------ an identifier in a header (item 6: no echo)

NOT_SHOWN = "(kop niet getoond: lijkt op een persoonsgegeven)"


@pytest.mark.parametrize(("header", "rule"), [
    ("123456782", "burgerservicenummer (9 cijfers die de elfproef doorstaan)"), ("sanne@example.nl", "e-mailadres"),
    ("06-12345678", "telefoonnummer"), ("Dorpsstraat 1, 1234 AB", "postcode met huisnummer"),
    ("12-03-2010", "volledige geboortedatum"),
])
def test_an_identifier_as_a_header_is_refused_by_its_column_letter(header: str, rule: str) -> None:
    rows = [[*r, ""] for r in TWELVE]  # an empty column: only its header is refused
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, [*HEADERS, header]), "h.csv")
    assert info.value.message == (
        f"Het bestand is niet verwerkt omdat het persoonsgegevens lijkt te bevatten: kolom I {NOT_SHOWN} bevat een "
        f"{rule}. Wat u kunt doen: verwijder de kolom I {NOT_SHOWN} of vervang de inhoud door een pseudoniem, en "
        "laad het bestand opnieuw.")
    assert [(f.column, f.letter) for f in info.value.findings] == [(header, "I")]


def test_a_header_like_a_name_is_not_refused_and_never_listed() -> None:
    rows = [[*r, "ja"] for r in TWELVE]
    reg = load(csv_bytes(rows, [*HEADERS, "Sanne de Vries"]), "h.csv")
    assert reg.foreign == [f"kolom I {NOT_SHOWN}"]
    # a BSN below such a header: refused, the column named by its letter in the finding and in what to do
    rows = [[*r, "111222333" if i == 0 else ""] for i, r in enumerate(TWELVE)]
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, [*HEADERS, "Sanne de Vries"]), "h.csv")
    assert "Sanne" not in info.value.message and "111222333" not in info.value.message
    assert info.value.message.count(f"kolom I {NOT_SHOWN}") == 2
    # an empty column before it moves it to J: the letter is the spreadsheet's, before empty columns are left out
    rows = [[*r, "", "ja"] for r in TWELVE]
    assert load(csv_bytes(rows, [*HEADERS, "", "Sanne de Vries"]), "h.csv").foreign == [f"kolom J {NOT_SHOWN}"]


def test_a_file_without_its_header_row_never_repeats_its_first_trajectory() -> None:
    first, rest = TWELVE[0], TWELVE[1:]  # the first trajectory is read as the headers
    # its first consult and end date are the same date: two headers alike, named by their columns
    with pytest.raises(InputError) as info:
        load(csv_bytes(rest, first), "z.csv")
    assert (info.value.message, info.value.field) == (
        f"'z.csv' heeft dezelfde kolomkop in de kolommen D en G {NOT_SHOWN}. Staat de kopregel bovenaan?", "upload")
    # without the end date: a column of dates under a date as header, refused by its letter
    headers, rows = [*first[:6], first[7]], [[*r[:6], r[7]] for r in rest]
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, headers), "z.csv")
    assert [f.message() for f in info.value.findings] == [f"kolom D {NOT_SHOWN} bevat een volledige geboortedatum"]
    assert "06-01-2020" not in info.value.message
    # a repeated header that identifies nothing is still named
    with pytest.raises(InputError, match="'z.csv' heeft de kolom 'Geslacht' meer dan eens."):
        load(csv_bytes(TWELVE, [*HEADERS[:-1], "Geslacht"]), "z.csv")


# ------------------------------------------------------------------ validation: the order of the problems


def test_problems_in_one_row_follow_the_files_column_order_not_the_formats() -> None:
    # Geslacht before Leeftijd in the file: in row 2 the problem with Geslacht is listed first
    order = [1, 0, *range(2, len(HEADERS))]
    rows = [[r[i] for i in order] for r in TWELVE]
    rows[0][0], rows[0][1] = "X", "99"
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows, [HEADERS[i] for i in order]), "o.csv")
    assert [p.text() for p in info.value.problems] == [
        "rij 2, kolom 'Geslacht': onbekende categorie 'X' (kies uit: Man; Vrouw)",
        "rij 2, kolom 'Leeftijd bij aanvang': '99' ligt buiten 0–23 (leeftijd in jaren)",
    ]



# ------------------------------------------------------------------ a date of birth with a two-digit year in text


@pytest.mark.parametrize("value", ["geboren 12-03-10", "geb. 12/3/10", "moeder gebeld, geboren op 1-2-09.",
                                   "Geboortedatum: 01.02.09", "DOB 1-2-09"])
def test_a_two_digit_date_after_a_word_for_birth_is_refused_in_any_column(value: str) -> None:
    for header in ("Notitie", "Verwijzer"):  # a foreign column, a category column of the format
        headers = HEADERS + ([] if header in HEADERS else [header])
        rows = [[*r, *([] if header in HEADERS else ["x"])] for r in TWELVE]
        rows[2][headers.index(header)] = value
        with pytest.raises(PrivacyRefusal) as info:
            load(csv_bytes(rows, headers), "g.csv")
        assert [f.message() for f in info.value.findings] == [f"kolom '{header}' bevat een volledige geboortedatum"]
        assert value not in info.value.message


@pytest.mark.parametrize("value", ["versie 1.2.10", "score 3-4-12", "gebeld 12-03-10", "geboren 12-03-10-5",
                                   "geboren in 2010"])
def test_a_two_digit_date_without_a_word_for_birth_is_no_date_of_birth(value: str) -> None:
    rows = [[*r, "x"] for r in TWELVE]
    rows[2][8] = value
    assert load(csv_bytes(rows, [*HEADERS, "Notitie"]), "g.csv").foreign == ["Notitie"]
