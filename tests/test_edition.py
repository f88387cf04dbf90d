"""The edition (one number, one place) shows in the CLI, every export, the apps and the corrections
page; the house style refuses a colour without enough contrast, with a Dutch message."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from calculators import edition, export, house_style
from calculators.book import corrections_tables
from calculators.ui import APPS

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_COLOPHON = "Handboek POH-Jeugd, editie 2026.3 — tekst en data CC BY 4.0, code EUPL-1.2"


def test_the_edition_number_is_set_once() -> None:
    assert edition.EDITION == "2026.3"
    assert edition.colophon() == EXPECTED_COLOPHON
    # nowhere else in the code is the edition number typed (book pages use {{ editie }})
    typed = [p for p in [*ROOT.glob("calculators/**/*.py"), *ROOT.glob("scripts/*.py"), *ROOT.glob("book/**/*.md"),
                         *ROOT.glob("book/_ext/*.py")]
             if "2026.3" in p.read_text(encoding="utf-8") and p.name != "edition.py"]
    assert typed == []


def test_cli_version_prints_edition_and_licences() -> None:
    proc = subprocess.run([sys.executable, "-m", "calculators", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ("Handboek POH-Jeugd editie 2026.3 (2026-12-07); "
                                   "code EUPL-1.2, tekst en data CC BY 4.0")


@pytest.fixture(scope="module")
def record() -> export.Record:
    app = APPS["formatie"]()
    assert app.last_record is not None
    return app.last_record


def test_csv_export_names_the_edition_and_still_loads(record: export.Record) -> None:
    content = export.to_csv_bytes(record)
    df = pd.read_csv(io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig", dtype={"sleutel": str})
    row = df[(df["sectie"] == "toelichting") & (df["sleutel"] == "colofon")]
    assert row["omschrijving"].tolist() == [EXPECTED_COLOPHON]
    assert export.read_inputs(content, "formatie.csv", "formatie")  # the extra row does not disturb re-import


def test_xlsx_export_names_the_edition_in_sheet_and_properties(record: export.Record) -> None:
    content = export.to_xlsx_bytes(record)
    book = openpyxl.load_workbook(io.BytesIO(content))
    values = [c.value for row in book["Toelichting"].iter_rows() for c in row]
    assert EXPECTED_COLOPHON in values
    assert book.properties.version == "2026.3"
    assert book.properties.description == EXPECTED_COLOPHON
    assert export.read_inputs(content, "formatie.xlsx", "formatie")


def test_every_app_shows_the_edition_and_the_house_colour() -> None:
    for cls in APPS.values():
        app = cls()
        markup = " ".join(getattr(child, "value", "") for child in app.widget.children)
        assert "editie 2026.3" in markup and "EUPL-1.2" in markup and "CC BY 4.0" in markup
        assert "#1f5c99" in app.widget.children[0].value  # book/huisstijl.yml's colour in the app CSS


# --------------------------------------------------------------------------- house style


@pytest.mark.parametrize(("colour", "ratio"), [
    ("#000000", 21.0),     # black on white: (1 + 0.05) / (0 + 0.05)
    ("#ffffff", 1.0),
    ("#767676", 4.54),     # the well-known lightest grey that passes AA on white
    ("#777777", 4.48),     # one step lighter: fails
    ("#0000ff", 8.59),     # pure blue: L = 0.0722 -> 1.05 / 0.1222
])
def test_contrast_ratio_matches_hand_computation(colour: str, ratio: float) -> None:
    assert house_style.contrast_ratio(colour, "#ffffff") == pytest.approx(ratio, abs=0.005)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "huisstijl.yml"
    path.write_text(body, encoding="utf-8")
    return path


def test_a_colour_without_enough_contrast_is_refused_in_dutch(tmp_path: Path) -> None:
    path = _write(tmp_path, 'uitgever: "Gemeente Geel"\nkleur: "#ffcc00"\n')
    with pytest.raises(house_style.HouseStyleError) as exc:
        house_style.load(path)
    message = str(exc.value)
    assert "te weinig contrast" in message and "#ffcc00" in message and "4,5:1" in message
    assert re.search(r"\(1,\d\d:1", message)  # yellow #ffcc00 on white is about 1.4:1


@pytest.mark.parametrize(("body", "fragment"), [
    ('uitgever: "X"\nkleur: "blauw"\n', "geen kleur"),
    ('kleur: "#1f5c99"\n', "naam van de uitgever"),
    ('uitgever: "X"\n', "hoofdkleur"),
    ('uitgever: "X"\nkleur: "#1f5c99"\nlogo: "bestaat-niet.svg"\nlogo_alt: "Logo"\n', "bestaat niet"),
    ('uitgever: "X"\nkleur: "#1f5c99"\nkleurtje: 1\n', "onbekende sleutel"),
])
def test_bad_house_style_files_get_a_dutch_message(tmp_path: Path, body: str, fragment: str) -> None:
    with pytest.raises(house_style.HouseStyleError, match=fragment):
        house_style.load(_write(tmp_path, body))


def test_the_default_house_style_is_neutral_and_valid() -> None:
    style = house_style.load(house_style.DEFAULT_PATH)
    assert style.publisher == edition.AUTHOR and style.logo is None
    assert house_style.contrast_ratio(style.colour, "#ffffff") >= 4.5
    assert style.contact_sentence() == "Meld het bij de organisatie die dit handboek publiceert."


def test_the_example_municipal_style_loads_with_logo_and_contact() -> None:
    style = house_style.load(ROOT / "tests" / "fixtures" / "huisstijl-voorbeeld.yml")
    assert style.publisher == "Gemeente Voorbeeldstad"
    assert style.logo is not None and style.logo.is_file()
    assert "toegankelijkheid@voorbeeldstad.example" in style.contact_sentence()
    assert f"--pst-color-link: {style.colour}" in style.css()


def test_the_book_extension_refuses_a_bad_colour_at_build_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import edition as ext  # book/_ext/edition.py
    from sphinx.errors import ConfigError

    monkeypatch.setenv(house_style.ENV_VAR, str(_write(tmp_path, 'uitgever: "Gemeente Geel"\nkleur: "#ffdd55"\n')))

    class Config:
        html_theme_options: dict = {}
        myst_substitutions: dict = {}

    with pytest.raises(ConfigError, match="te weinig contrast"):
        ext.apply_edition(object(), Config())  # type: ignore[arg-type]


# --------------------------------------------------------------------------- corrections page


def test_corrections_are_grouped_per_edition_from_every_file(tmp_path: Path) -> None:
    header = "id,chapter,before,after,source,ref\n"
    (tmp_path / "corrections_2026_2.csv").write_text(header + "a,9,oud,nieuw,rebel2021,L1\n", encoding="utf-8")
    (tmp_path / "corrections_legal_2026_2.csv").write_text(header + "b,8,fout,goed,accare2019,L2\n", encoding="utf-8")
    (tmp_path / "corrections_2027_1.csv").write_text(header + "c,10,x,y,afgeleid,\n", encoding="utf-8")
    grouped = edition.corrections(tmp_path)
    assert list(grouped) == ["2027.1", "2026.2"]
    assert [c.id for c in grouped["2026.2"]] == ["a", "b"]


def test_the_corrections_page_lists_this_editions_corrections() -> None:
    markup = corrections_tables()._repr_html_()
    grouped = edition.corrections()
    assert list(grouped)[:2] == ["2026.3", "2026.2"]  # newest edition first
    assert "Correcties in editie 2026.3" in markup and "Correcties in editie 2026.2" in markup
    n = sum(len(v) for v in grouped.values())
    assert n >= 10 and markup.count("<tr>") == n + len(grouped)  # a header row per edition + one per correction
