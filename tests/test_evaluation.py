"""Evaluation kit: reading (§1), privacy (§3), validation (§4), indicators (§5) against hand counts.

Expected values are counted by hand from the rows in ``evaluation_helpers.TWELVE`` (the counts are
written out there) or computed step by step in the test; none comes from the kit.
"""

from __future__ import annotations

import math
import random

import pytest

from calculators.errors import InputError
from calculators.evaluation import PrivacyRefusal, ValidationRefusal, load, run
from calculators.evaluation import format as fmt
from calculators.evaluation.privacy import is_address, is_bsn, is_email, is_phone, looks_like_name, passes_eleven_test
from calculators.evaluation.summary import to_json

from evaluation_helpers import HEADERS, TWELVE, as_excel_values, csv_bytes, xlsx_bytes


def counts(content: bytes, filename: str, **kw: object) -> dict:
    kw.setdefault("rounding", "exact")  # hand counts: exact (rounding has tests of its own)
    out = to_json(run(content, filename, min_cell=3, **kw))  # type: ignore[arg-type]
    return {k: out[k] for k in ("trajectories", "closed", "open", "interventions", "groups", "intensity", "tables")}


# ------------------------------------------------------------------ §1 format and reading


def test_format_comes_from_the_rebel_table() -> None:
    # codes as printed in data/tables/monitoring_indicators_rebel.csv; the legend has no n4
    codes = [c.code for c in fmt.columns()][:16]
    assert codes == ["n1", "n2", "n3", "n5", "n6", "n7a", "n7b", "n8a", "n8b", "n9", "n10", "n11", "n12", "n13",
                     "n14a", "n14b", "n15"][:16]
    assert fmt.column("n3").categories == ("Man", "Vrouw")
    # every intervention of n9 is in exactly one of Rebel's three groups
    members = [m for g in fmt.GROUPS.values() for m in g]
    assert sorted(members) == sorted(fmt.column("n9").categories)


def test_headers_by_name_or_code_and_values_ignore_case_and_spaces() -> None:
    codes = ["n2", "n3", "n5", "n6", "n9", "n10", "n15", "n14a"]
    rows = [[" 8 ", " vrouw ", "HUISARTS", "06-01-2020", "  Overbruggingshulp", "1 CONTACT", "", ""]]
    reg = load(csv_bytes(rows * 3, headers=codes), "codes.csv")
    assert reg.frame[["age", "sex", "referrer", "intervention", "intensity"]].drop_duplicates().values.tolist() == [
        [8, "Vrouw", "Huisarts", "overbruggingshulp", "1 contact"]]


@pytest.mark.parametrize(("sep", "encoding"), [(";", "utf-8"), (",", "utf-8"), (";", "cp1252"), (",", "cp1252"),
                                               (";", "utf-8-sig")])
def test_separators_and_encodings_read_alike(sep: str, encoding: str) -> None:
    # a foreign column with an accented header and value: read in both encodings, then ignored
    headers = [*HEADERS, "Opmerking geëvalueerd"]
    rows = [[*r, "geëvalueerd"] for r in TWELVE]
    reference = counts(csv_bytes(TWELVE), "ref.csv")
    assert counts(csv_bytes(rows, headers, sep, encoding), "x.csv") == reference


def test_xlsx_with_real_numbers_and_dates_equals_csv() -> None:
    reference = counts(csv_bytes(TWELVE), "ref.csv")
    assert counts(xlsx_bytes(as_excel_values(TWELVE)), "x.xlsx") == reference
    assert counts(xlsx_bytes(TWELVE, sheet="Blad1"), "text.xlsx") == reference  # first sheet, dates as text


@pytest.mark.parametrize("date", ["06-01-2020", "6-1-2020", "06/01/2020", "6.1.2020", "2020-01-06",
                                  "2020-01-06 00:00:00"])
def test_date_forms(date: str) -> None:
    reg = load(csv_bytes([["8", "Man", "Huisarts", date, "", "", "", ""]]), "d.csv")
    assert str(reg.frame["start"][0].date()) == "2020-01-06"


def test_row_order_does_not_change_counts() -> None:
    shuffled = TWELVE[:]
    random.Random(3).shuffle(shuffled)
    assert counts(csv_bytes(shuffled), "s.csv") == counts(csv_bytes(TWELVE), "ref.csv")


def test_unreadable_files_get_dutch_messages() -> None:
    with pytest.raises(InputError, match="leeg"):
        load(b"", "x.csv")
    with pytest.raises(InputError, match="geen geldig Excel"):
        load(b"not a zip", "x.xlsx")
    with pytest.raises(InputError, match="alleen .xlsx- en .csv"):
        load(b"abc", "x.pdf")
    with pytest.raises(InputError, match="geen trajecten"):
        load(csv_bytes([]), "x.csv")


# ------------------------------------------------------------------ §5 indicators, counted by hand


def test_counts_of_the_twelve_rows() -> None:
    out = counts(csv_bytes(TWELVE), "t.csv")
    assert (out["trajectories"], out["closed"], out["open"]) == (12, 8, 4)
    assert out["groups"]["Zelf geholpen door de POH-J"]["count"] == 7
    assert out["intensity"]["2 tot 5 contacten"]["count"] == 6
    # Wilson interval for 7 of 12 (z = 1.959964): centre (7/12 + z²/24) / (1 + z²/12) = 0.5702,
    # half-width z·sqrt(7/12·5/12/12 + z²/576) / (1 + z²/12) = 0.2466 -> 0.3195 … 0.8067
    self_ = out["groups"]["Zelf geholpen door de POH-J"]
    assert self_["share"] == pytest.approx(7 / 12)
    assert self_["ci_low"] == pytest.approx(0.3195, abs=5e-4) and self_["ci_high"] == pytest.approx(0.8067, abs=5e-4)
    by_period = out["tables"]["trajectories"]["rows"]["Totaal"]
    assert by_period["2020 K1"]["count"] == 7 and by_period["2020 K2"]["count"] == 5


def test_open_trajectories_are_counted_not_dropped() -> None:
    rows = [r[:6] + ["", ""] if i < 3 else r for i, r in enumerate(TWELVE)]  # rows 1-3 lose their end date
    out = counts(csv_bytes(rows * 3), "o.csv")  # three times over, so that no count is below 3
    assert (out["trajectories"], out["closed"], out["open"]) == (36, 3 * (8 - 3), 3 * (4 + 3))


def test_periods_half_year_and_year() -> None:
    out = to_json(run(csv_bytes(TWELVE), "t.csv", "halfjaar", min_cell=3, rounding="exact"))
    assert out["periods"] == ["2020 H1"]
    out = to_json(run(csv_bytes(TWELVE), "t.csv", "jaar", min_cell=3, rounding="exact"))
    assert out["periods"] == ["2020"]
    # inflow per week in 2020: 12 trajectories over 366 days = 52.29 weeks -> 0.2295 per week
    assert out["inflow_per_week"]["2020"] == pytest.approx(12 / (366 / 7))
    assert out["statistics"]["Nieuwe trajecten per week"]["2020"] == pytest.approx(0.2295, abs=1e-4)


def test_waiting_time_and_contacts_when_present() -> None:
    headers = [*HEADERS, "Datum aanmelding", "Aantal contacten"]
    # waits 0, 7, 14, 21, 28, 35 days (twice); contacts 1..6 -> median wait 17.5 days, mean contacts 3.5
    rows = [[*TWELVE[0][:3], "01-02-2020", *TWELVE[0][4:6], "", "", d, str(c)]
            for d, c in zip(["01-02-2020", "25-01-2020", "18-01-2020", "11-01-2020", "04-01-2020", "28-12-2019"],
                            range(1, 7), strict=True)] * 2
    out = to_json(run(csv_bytes(rows, headers), "w.csv", min_cell=3, rounding="exact"))
    assert out["statistics"]["Mediane wachttijd (dagen)"]["Totaal"] == 17.5
    assert out["statistics"]["Gemiddeld aantal contacten"]["Totaal"] == 3.5
    waiting = out["tables"]["waiting"]["rows"]
    assert waiting["0–14 dagen"]["Totaal"]["count"] == 2 * 3  # 0, 7 and 14 days, twice


def test_practice_breakdown_only_from_ten_closed_trajectories() -> None:
    headers = [*HEADERS, "Praktijk"]
    closed = [r for r in TWELVE if r[6]]  # 8 closed rows
    rows = [[*r, "Praktijk De Linde"] for r in closed + closed[:2]]  # 10 closed -> shown
    rows += [[*r, "Praktijk Oost"] for r in closed]  # 8 closed -> only within 'overige praktijken'
    out = to_json(run(csv_bytes(rows, headers), "p.csv", min_cell=3))
    assert list(out["tables"]["practices"]["rows"]) == ["Praktijk De Linde", "Overige praktijken", "Totaal"]


# ------------------------------------------------------------------ §3 privacy


def test_eleven_test_by_hand() -> None:
    # 111222333: 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66 = 6 × 11 -> passes
    assert passes_eleven_test("111222333")
    # 123456789: 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 − 9 = 147, not a multiple of 11
    assert not passes_eleven_test("123456789")
    assert not passes_eleven_test("000000000")  # sum 0
    assert is_bsn("111.222.333") and is_bsn("111 222 333") and not is_bsn("11122233")


def test_identifier_value_rules() -> None:
    assert is_email("sanne@example.nl") and not is_email("geen mail")
    assert is_phone("06-12345678") and is_phone("+31 6 1234 5678") and is_phone("071-5123456")
    assert not is_phone("06-01-2020") and not is_phone("12")
    assert is_address("2311 AB 12") and is_address("Breestraat 12, 2311AB Leiden") and not is_address("2311 AB")
    assert looks_like_name("Sanne de Vries") and looks_like_name("Jan Jansen")
    assert not looks_like_name("Praktijk De Linde") and not looks_like_name("Man") and not looks_like_name("2 tot 5")


SECRET = {
    "BSN": ("111222333", "burgerservicenummer"),
    "Kolom X": ("sanne@example.nl", "e-mailadres"),
    "Contact": ("06-12345678", "telefoonnummer"),
    "Woonplaats": ("2311 AB 12", "postcode met huisnummer"),
    "Extra datum": ("12-03-2010", "geboortedatum"),
    "Cliënt": ("Sanne de Vries", "naam van een persoon"),
}


@pytest.mark.parametrize("header", list(SECRET))
def test_identifier_column_refused_naming_column_and_rule_never_the_value(header: str) -> None:
    value, rule = SECRET[header]
    rows = [[*r, value if i == 0 or header == "Cliënt" else ""] for i, r in enumerate(TWELVE)]
    if header == "Cliënt":  # a column of names: different names in every row
        rows = [[*r, f"{first} de Vries"] for r, first in zip(TWELVE, ["Sanne", "Daan", "Emma", "Lucas", "Julia",
                                                                       "Sem", "Tess", "Finn", "Noor", "Levi",
                                                                       "Mila", "Bram"], strict=True)]
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, [*HEADERS, header]), "p.csv")
    message = info.value.message
    assert f"'{header}'" in message and rule in message
    assert value not in message and "Sanne" not in message and "Vries" not in message


def test_identifier_under_a_format_header_is_refused_too() -> None:
    rows = [r[:] for r in TWELVE]
    rows[3][1] = "111222333"  # a BSN typed in the sex column
    with pytest.raises(PrivacyRefusal, match="'Geslacht' bevat een burgerservicenummer"):
        load(csv_bytes(rows), "p.csv")


@pytest.mark.parametrize("header", ["Geboortedatum", "BSN", "E-mail", "Telefoon", "Adres", "Naam"])
def test_identifying_header_is_refused(header: str) -> None:
    rows = [[*r, "x"] for r in TWELVE]
    with pytest.raises(PrivacyRefusal, match=f"'{header}'"):
        load(csv_bytes(rows, [*HEADERS, header]), "p.csv")


def test_open_text_and_patient_number_dropped_unread() -> None:
    # identifiers inside the dropped columns are never looked at, so the file is not refused
    headers = [*HEADERS, "Patiëntnummer", "n7b", "Toelichting hulpverleningsgeschiedenis", "n13", "n14b"]
    rows = [[*r, "111222333", "Sanne de Vries", "06-12345678", "sanne@example.nl", "2311 AB 12"] for r in TWELVE]
    reg = load(csv_bytes(rows, headers), "o.csv")
    assert reg.dropped == ["Patiëntnummer", "n7b", "Toelichting hulpverleningsgeschiedenis", "n13", "n14b"]
    assert not any(c in reg.frame.columns for c in reg.dropped)


def test_repeated_practice_names_are_not_personal_names() -> None:
    rows = [[*r, "Huisartsenpraktijk Jansen" if i % 2 else "Praktijk De Linde"] for i, r in enumerate(TWELVE)]
    reg = load(csv_bytes(rows, [*HEADERS, "Praktijk"]), "p.csv")
    assert reg.frame["practice"].nunique() == 2


# ------------------------------------------------------------------ §4 validation


def _problems(rows: list[list[str]], headers: list[str] = HEADERS) -> list[str]:
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows, headers), "v.csv")
    return [p.text() for p in info.value.problems]


def test_every_problem_with_spreadsheet_row_and_column() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][0] = "24"  # spreadsheet row 2 (row 1 holds the headers)
    rows[1][0] = "acht"  # row 3
    rows[2][1] = "X"  # row 4
    rows[3][6] = "01-01-2020"  # row 5: end 01-01 before start 03-02
    rows[4][3] = ""  # row 6: no first consult
    rows[5][0] = "-1"  # row 7
    rows[6][0] = "7,5"  # row 8
    rows[7][3] = "31-02-2020"  # row 9: no such date
    assert _problems(rows) == [
        "rij 2, kolom 'Leeftijd bij aanvang': '24' ligt buiten 0–23 (leeftijd in jaren)",
        "rij 3, kolom 'Leeftijd bij aanvang': 'acht' is geen getal (leeftijd in jaren)",
        "rij 4, kolom 'Geslacht': onbekende categorie 'X' (kies uit: Man; Vrouw)",
        "rij 5, kolom 'Datum einde zorg': de einddatum ligt vóór de datum van het eerste consult",
        "rij 6, kolom 'Datum eerste consult': de datum van het eerste consult ontbreekt (verplicht)",
        "rij 7, kolom 'Leeftijd bij aanvang': '-1' ligt buiten 0–23 (leeftijd in jaren)",
        "rij 8, kolom 'Leeftijd bij aanvang': '7,5' is geen heel getal (leeftijd in jaren)",
        "rij 9, kolom 'Datum eerste consult': (waarde niet getoond: lijkt op een persoonsgegeven) is geen datum "
        "(gebruik dd-mm-jjjj, jjjj-mm-dd of een Excel-datum)",  # a full date is never repeated: it may be a birth date
    ]


def test_ages_0_and_23_are_valid() -> None:
    rows = [r[:] for r in TWELVE]
    rows[0][0], rows[1][0] = "0", "23"
    assert len(load(csv_bytes(rows), "a.csv").frame) == 12


def test_blank_lines_keep_spreadsheet_row_numbers() -> None:
    text = csv_bytes(TWELVE[:2]).decode() + "\n" + ";".join(["99", *TWELVE[0][1:]]) + "\n"
    assert _problems_from_text(text) == [
        "rij 5, kolom 'Leeftijd bij aanvang': '99' ligt buiten 0–23 (leeftijd in jaren)"]


def _problems_from_text(text: str) -> list[str]:
    with pytest.raises(ValidationRefusal) as info:
        load(text.encode(), "v.csv")
    return [p.text() for p in info.value.problems]


def test_a_repeated_problem_is_one_message_per_column_with_its_count() -> None:
    rows = [["99", *TWELVE[0][1:]] for _ in range(60)]  # 60 ages out of range, spreadsheet rows 2-61
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows), "v.csv")
    refusal = info.value
    assert refusal.total == 60 and len(refusal.problems) == 1
    assert refusal.message == ("Het bestand is niet verwerkt: 60 problemen in 60 rijen. Herstel ze en laad het bestand "
                               "opnieuw. kolom 'Leeftijd bij aanvang': 60 waarden buiten 0–23, bijvoorbeeld rij 2: "
                               "'99'; controleer de leeftijd in jaren.")
    rows = [["99", *TWELVE[0][1:]] for _ in range(3)]  # three: below the grouping, one line each
    assert len(_problems(rows)) == 3


def test_two_digit_years_one_message() -> None:
    rows = [[*r[:3], r[3][:6] + r[3][8:], *r[4:]] for r in TWELVE * 29][:347]  # '06-01-20': 347 rows
    problems = _problems(rows)
    assert problems == ["kolom 'Datum eerste consult': 347 datums met een jaartal van twee cijfers, bijvoorbeeld "
                        "rij 2: 06-01-20; schrijf het jaar voluit (dd-mm-jjjj, bijvoorbeeld 03-01-2023)"]


def test_at_most_a_hundred_listed_with_the_total() -> None:
    from calculators.evaluation.validation import Problem

    refusal = ValidationRefusal([Problem(r, "Geslacht", "fout") for r in range(2, 152)])  # 150 rows, 2-151
    assert refusal.total == 150 and len(refusal.shown) == 100 and refusal.not_shown == 50
    assert refusal.message.startswith("Het bestand is niet verwerkt: 150 problemen in 150 rijen.")
    assert refusal.message.endswith("en nog 50 andere meldingen.")
    assert "rij 101," in refusal.message and "rij 102," not in refusal.message  # rows 2..101 are the first hundred


def test_missing_required_column_is_named() -> None:
    headers = [h for h in HEADERS if h != "Verwijzer"]
    rows = [[v for h, v in zip(HEADERS, r, strict=True) if h != "Verwijzer"] for r in TWELVE]
    with pytest.raises(ValidationRefusal) as info:
        load(csv_bytes(rows, headers), "v.csv")
    assert info.value.message == ("Het bestand is niet verwerkt: 1 probleem. Herstel het en laad het bestand opnieuw. "
                                  "kolom 'Verwijzer': deze verplichte kolom ontbreekt. Zet de kop 'Verwijzer' (of de "
                                  "code n5) boven de kolom.")


def test_renamed_header_is_unknown_with_the_nearest_not_a_privacy_refusal() -> None:
    headers = ["Datum 1e consult" if h == "Datum eerste consult" else h for h in HEADERS]
    assert _problems(TWELVE, headers) == [
        "kolom 'Datum eerste consult': deze verplichte kolom ontbreekt. Zet de kop 'Datum eerste consult' (of de code "
        "n6) boven de kolom. De kolom 'Datum 1e consult' kent de rekentool niet; bedoelt u 'Datum eerste consult'? "
        "Hernoem die kop dan."]


def test_application_after_first_consult_is_a_problem() -> None:
    rows = [[*TWELVE[0], "07-01-2020"]]
    assert _problems(rows, [*HEADERS, "Datum aanmelding"]) == [
        "rij 2, kolom 'Datum aanmelding': de aanmelddatum ligt na de datum van het eerste consult"]


def test_share_is_never_nan() -> None:
    out = to_json(run(csv_bytes(TWELVE), "t.csv", min_cell=3))
    for table in out["tables"].values():
        for row in table["rows"].values():
            for cell in row.values():
                assert cell["share"] is None or not math.isnan(cell["share"])


def test_the_same_column_twice_is_refused() -> None:
    rows = [[*r, r[0]] for r in TWELVE]
    assert _problems(rows, [*HEADERS, "n2"]) == [
        "rij 1, kolom 'n2': deze kolom betekent hetzelfde als 'Leeftijd bij aanvang'; laat er één staan"]


# 123456782: 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 - 2 = 154 = 14 x 11, a valid BSN
# 012345672 (Excel drops the zero: 12345672): 0 + 8 + 14 + 18 + 20 + 20 + 18 + 14 - 2 = 110 = 10 x 11
IDENTIFIER_FORMS = {
    "moeder gebeld, bsn 123456782": ("burgerservicenummer", "123456782"),
    "BSN: 123456782": ("burgerservicenummer", "123456782"),
    "123-456-782": ("burgerservicenummer", "456"),
    "12345672": ("burgerservicenummer", "12345672"),
    "mail ouder: sanne@example.nl": ("e-mailadres", "example"),
    "bellen via 06 1234 5678 na 17:00": ("telefoonnummer", "5678"),
    "geboren 12-03-2010": ("geboortedatum", "2010"),
}


@pytest.mark.parametrize("value", list(IDENTIFIER_FORMS))
def test_identifiers_inside_free_text_of_an_extra_column_are_refused_never_repeated(value: str) -> None:
    rule, secret = IDENTIFIER_FORMS[value]
    rows = [[*r, value if i == 4 else "geen bijzonderheden"] for i, r in enumerate(TWELVE)]
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, [*HEADERS, "Notitie"]), "p.csv")
    assert "'Notitie'" in info.value.message and rule in info.value.message
    assert secret not in info.value.message and value not in info.value.message


@pytest.mark.parametrize(("column", "value", "rule"), [
    (1, "bsn 123456782", "burgerservicenummer"),  # in the sex column, the example
    (2, "BSN: 123456782", "burgerservicenummer"),
    (0, "12-03-2010", "geboortedatum"),  # a full date typed in the age column
    (0, "2010-03-12", "geboortedatum"),  # the same from an Excel date
])
def test_identifiers_in_the_formats_own_columns_are_refused_never_repeated(column: int, value: str, rule: str) -> None:
    rows = [r[:] for r in TWELVE]
    rows[3][column] = value
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows), "p.csv")
    assert f"'{HEADERS[column]}'" in info.value.message and rule in info.value.message
    message = info.value.message
    assert value not in message and "123456782" not in message and "2010" not in message


@pytest.mark.parametrize(
    ("header", "row"),
    [
        # row 1 of TWELVE: age 9, first consult 13-01-2020; the date of birth 13-01-2011 lies 9 years before
        (
            "Datum einde zorg",
            ["9", "Vrouw", "Huisarts", "13-01-2020", "1 gesprek geen verdere hulpvraag", "1 contact", "13-01-2011", ""],
        ),
        (
            "Datum eerste consult",
            ["9", "Vrouw", "Huisarts", "13-01-2011", "1 gesprek geen verdere hulpvraag", "1 contact", "13-01-2020", ""],
        ),
    ],
)
def test_a_date_of_birth_in_a_date_column_is_detected(header: str, row: list[str]) -> None:
    rows = [r[:] for r in TWELVE]
    rows[1] = row
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows), "p.csv")
    assert f"'{header}' bevat een volledige geboortedatum" in info.value.message
    assert "2011" not in info.value.message


def test_a_date_of_birth_as_application_date_is_detected_and_a_real_one_is_not() -> None:
    rows = [[*r, "01-12-2019"] for r in TWELVE]  # application a few weeks before the first consult: fine
    assert len(load(csv_bytes(rows, [*HEADERS, "Datum aanmelding"]), "a.csv").frame) == 12
    rows[1][-1] = "13-01-2011"  # age 9, first consult 13-01-2020
    with pytest.raises(PrivacyRefusal, match="'Datum aanmelding' bevat een volledige geboortedatum"):
        load(csv_bytes(rows, [*HEADERS, "Datum aanmelding"]), "a.csv")


def test_long_free_text_is_screened_in_linear_time() -> None:
    import time

    rows = [[*r, "x" * 20_000 + str(i)] for i, r in enumerate(TWELVE * 20)]  # no '@': the old pattern was quadratic
    start = time.process_time()
    load(csv_bytes(rows, [*HEADERS, "Notitie"]), "lang.csv")
    assert time.process_time() - start < 2


def test_a_refusal_says_what_to_do_per_kind_of_column() -> None:
    rows = [[*r, "sanne@example.nl" if i == 0 else ""] for i, r in enumerate(TWELVE)]
    rows[3][1] = "bsn 123456782"
    with pytest.raises(PrivacyRefusal) as info:
        load(csv_bytes(rows, [*HEADERS, "Contact"]), "p.csv")
    assert (
        "Wat u kunt doen: verwijder de kolom 'Contact' of vervang de inhoud door een pseudoniem; haal het "
        "persoonsgegeven uit 'Geslacht' (die kolom hoort bij het format: laat de cel leeg of vul een geldige "
        "waarde in), en laad het bestand opnieuw."
    ) in info.value.message


def test_an_unknown_header_is_named_with_the_nearest_in_the_report() -> None:
    from calculators.evaluation.report import foreign_with_nearest

    assert foreign_with_nearest(["Doel bereik", "Opmerking"]) == [
        "Doel bereik (onbekende kop; bedoelt u 'Doelbereik'?)",
        "Opmerking",
    ]
    reg = load(csv_bytes([[*r, "3 (ja)"] for r in TWELVE], [*HEADERS, "Doel bereik"]), "d.csv")
    assert reg.foreign == ["Doel bereik"]  # checked, then ignored: not a privacy refusal
