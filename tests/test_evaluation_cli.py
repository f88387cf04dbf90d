"""The evaluate/template CLI contract (issue 10 §8): exit codes, JSON keys, Dutch stderr, no traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli
from evaluation_helpers import HEADERS, TWELVE, csv_bytes

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo" / "registratie_fictief.csv"


def cli(*args: str, process: bool = False) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, process=process)


def test_evaluate_json_contract(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(TWELVE * 3))  # 36 trajectories: 24 closed, 12 open (counted by hand x 3)
    proc = cli("evaluate", str(path), "--json", "--min-cell", "3", process=True)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["trajectories"], out["closed"], out["open"]) == (36, 24, 12)
    for key in ("interventions", "intensity"):
        for cell in out[key].values():
            assert set(cell) >= {"count", "share", "ci_low", "ci_high"}
    band = out["intensity"]["2 tot 5 contacten"]
    assert band["count"] == 18 and band["share"] == 0.5
    assert isinstance(out["suppressed"], list)


def test_evaluate_text_is_dutch() -> None:
    proc = cli("evaluate", str(DEMO))
    assert proc.returncode == 0, proc.stderr
    assert "Trajecten:" in proc.stdout and "Aandeel (95%-interval)" in proc.stdout


def test_suppressed_cells_are_null_and_listed(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(TWELVE))
    out = json.loads(cli("evaluate", str(path), "--json").stdout)  # default minimum 5
    # the referrals of TWELVE (JGT, GGZ licht, GGZ hoog: 1 each; crisis help 0) are all below 5: merged
    # into one row of 3, still below 5, so hidden
    assert "crisishulp" in out["tables"]["interventions"]["merged"]["overig (Verwezen)"]
    crisis = out["interventions"]["overig (Verwezen)"]
    assert crisis == {"count": None, "share": None, "ci_low": None, "ci_high": None, "base": crisis["base"]}
    assert {"table": "Welke interventie is ingezet", "row": "overig (Verwezen)", "column": "Totaal"} in \
        out["suppressed"]


@pytest.mark.parametrize(("args", "message"), [
    (("evaluate", "bestaat-niet.csv"), "bestaat niet"),
    (("evaluate", "{csv}", "--min-cell", "2"), "niet lager zijn dan 3"),
    (("evaluate", "{csv}", "--min-cell", "vijf"), "moet een getal zijn"),
    (("evaluate", "{csv}", "--period", "maand"), "Onbekende keuze 'maand'"),
    (("evaluate", "{csv}", "--rounding", "tientallen"), "Onbekende keuze 'tientallen'"),
    (("evaluate", "{bsn}"), "kolom 'BSN' bevat een burgerservicenummer"),
    (("evaluate", "{bad}"), "rij 2, kolom 'Leeftijd bij aanvang'"),
    (("template", "-o", "/nonexistent-dir/x.xlsx"), "niet schrijven"),
    (("template", "-o", "{tmp}/x.pdf"), ".xlsx of .csv"),
])
def test_refusals_exit_2_with_one_dutch_line(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    (tmp_path / "ok.csv").write_bytes(csv_bytes(TWELVE))
    (tmp_path / "bsn.csv").write_bytes(csv_bytes([[*r, "111222333"] for r in TWELVE], [*HEADERS, "BSN"]))
    (tmp_path / "bad.csv").write_bytes(csv_bytes([["99", *TWELVE[0][1:]]]))
    paths = {"csv": tmp_path / "ok.csv", "bsn": tmp_path / "bsn.csv", "bad": tmp_path / "bad.csv", "tmp": tmp_path}
    # two refusals as a real process: its exit status and a stderr of exactly one line
    proc = cli(*(a.format(**paths) for a in args), process=message in {"bestaat niet", "Onbekende keuze 'maand'"})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("fout: ") and proc.stderr.count("\n") == 1
    assert "111222333" not in proc.stderr


# ------------------------------------------------------------------ template (§2)


def test_template_xlsx_has_drop_downs_instructions_and_definitions(tmp_path: Path) -> None:
    import openpyxl

    from calculators.evaluation import format as fmt

    path = tmp_path / "sjabloon.xlsx"
    proc = cli("template", "-o", str(path))
    assert proc.returncode == 0, proc.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Registratie", "Keuzelijsten", "Uitleg", "Definities"]
    ws = book["Registratie"]
    headers = [c.value for c in ws[1]]
    assert "Toelichting klacht of hulpvraag" not in headers and "Toelichting doelbereik" not in headers  # open text
    assert {"Geslacht", "Welke interventie is ingezet", "Datum aanmelding", "Aantal contacten"} <= set(headers)
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    category_columns = [h for h in headers if fmt.match_header(h).categories]
    # n3 n5 n7a n8a n9 n10 n11 n12 n14a and 'Overleg': ten columns, ten drop-down lists
    assert len(lists) == len(category_columns) == 10
    choices = book["Keuzelijsten"]
    sex = headers.index("Geslacht") + 1
    assert [choices.cell(row=r, column=sex).value for r in (2, 3)] == ["Man", "Vrouw"]
    terms = [row[0].value for row in book["Definities"].iter_rows(min_row=2)]
    assert {"Contact", "Traject afgesloten", "Overbrugging"} <= set(terms)


def test_filled_template_reads_like_csv(tmp_path: Path) -> None:
    import openpyxl

    from calculators.evaluation import run
    from calculators.evaluation.summary import to_json
    from calculators.evaluation.template import xlsx_bytes

    book = openpyxl.load_workbook(__import__("io").BytesIO(xlsx_bytes()))
    ws = book["Registratie"]
    headers = [c.value for c in ws[1]]
    for r, row in enumerate(TWELVE, start=2):
        for header, value in zip(HEADERS, row, strict=True):
            ws.cell(row=r, column=headers.index(header) + 1, value=value or None)
    path = tmp_path / "ingevuld.xlsx"
    book.save(path)
    a = to_json(run(path.read_bytes(), "ingevuld.xlsx", min_cell=3))
    b = to_json(run(csv_bytes(TWELVE), "x.csv", min_cell=3))
    assert a["tables"] == b["tables"]


def test_template_csv_is_a_header_row(tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.csv"
    assert cli("template", "-o", str(path)).returncode == 0
    text = path.read_bytes().decode("utf-8-sig")
    assert text.count("\n") == 1 and text.startswith("Patiëntnummer;Leeftijd bij aanvang;Geslacht;Verwijzer")


def test_book_download_templates_are_current() -> None:
    """book/downloads holds the template the book links to: regenerate with `python -m calculators template -o`."""
    import io

    import openpyxl

    from calculators.evaluation.template import csv_bytes as template_csv
    from calculators.evaluation.template import xlsx_bytes

    folder = ROOT / "book" / "downloads"
    assert (folder / "registratiesjabloon-poh-jeugd.csv").read_bytes() == template_csv()
    committed = openpyxl.load_workbook(folder / "registratiesjabloon-poh-jeugd.xlsx")
    fresh = openpyxl.load_workbook(io.BytesIO(xlsx_bytes()))
    for name in fresh.sheetnames:
        assert [[c.value for c in r] for r in committed[name].iter_rows()] == \
               [[c.value for c in r] for r in fresh[name].iter_rows()], name


# ------------------------------------------------------------------ in-process (same contract, counted by coverage)


def test_main_in_process_writes_report_and_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from calculators.cli import main

    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(TWELVE * 3))
    report, tables = tmp_path / "rapport.html", tmp_path / "tabellen.xlsx"
    assert main(["evaluate", str(path), "--min-cell", "3", "--period", "halfjaar", "--report", str(report),
                 "--xlsx", str(tables)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Trajecten: 36 (afgesloten 24, open 12)") and "Rapport geschreven naar" in text
    assert "Trajecten: 36" in report.read_text(encoding="utf-8") and tables.read_bytes()[:2] == b"PK"
    assert main(["evaluate", str(path), "--min-cell", "3,5"]) == 2
    assert "heel getal" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path)]) == 2
    assert "is een map" in capsys.readouterr().err
    assert main(["template", "-o", str(tmp_path / "s.csv"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"file": str(tmp_path / "s.csv")}


def test_unreadable_csv_and_xlsx(tmp_path: Path) -> None:
    from calculators.errors import InputError
    from calculators.evaluation import load

    with pytest.raises(InputError, match="meer velden dan de kopregel"):
        load(b"a;b\n1;2\n1;2;3;4\n", "x.csv")
    with pytest.raises(InputError, match="kon niet worden gelezen"):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("x.txt", "geen werkmap")
        load(buffer.getvalue(), "x.xlsx")
    with pytest.raises(InputError, match="meer dan eens"):
        load(csv_bytes(TWELVE, [*HEADERS[:-1], HEADERS[0]]), "d.csv")


@pytest.mark.parametrize(("column", "value"), [(1, "bsn 123456782"), (0, "12-03-2010"), (8, "BSN: 123456782"),
                                               (8, "12345672"), (8, "moeder: 06 1234 5678")])
def test_an_identifier_is_never_repeated_on_the_command_line(tmp_path: Path, column: int, value: str) -> None:
    rows = [[*r, "geen"] for r in TWELVE]
    rows[2][column] = value
    (tmp_path / "p.csv").write_bytes(csv_bytes(rows, [*HEADERS, "Notitie"]))
    proc = cli("evaluate", str(tmp_path / "p.csv"), "--report", str(tmp_path / "r.html"), process=column == 1)
    assert proc.returncode == 2 and "persoonsgegevens" in proc.stderr, proc.stderr
    digits = "".join(ch for ch in value if ch.isdigit())
    assert value not in proc.stderr + proc.stdout and digits[-6:] not in proc.stderr + proc.stdout
    assert not (tmp_path / "r.html").exists()  # nothing written
