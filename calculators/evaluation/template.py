"""An empty registration file: XLSX with drop-down lists, instructions and definitions, or CSV.

The columns are the format's (``format.columns()``) without the open-text fields, so that nobody
is invited to type free text about a youth; every category column gets a drop-down list, dates
and numbers get Excel's data validation. The CSV holds the header row only (semicolons, UTF-8
with BOM, so Dutch Excel opens it directly).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import data
from ..edition import colophon
from ..errors import InputError
from . import format as fmt
from .reading import TEMPLATE_SHEET

ROWS = 2000  # rows with validation in the template


def template_columns() -> list[fmt.Column]:
    return [c for c in fmt.columns() if c.kind != "open"]


def _minimal_set(order: int) -> dict[str, str]:
    return next(r for r in data.rows("ch11_minimal_set") if r["order"] == str(order))


def instructions() -> list[str]:
    top = int(data.value("evaluation_max_age"))
    return [
        "Registratiesjabloon POH-Jeugd (Rebel-monitoringsformat, met de aanvullingen uit hoofdstuk 11 van het "
        "Handboek POH-Jeugd)",
        colophon() + ".",
        "",
        "Eén rij per traject. Laat de kopregel staan; kolommen mogen in een andere volgorde en mogen de naam of de "
        "code (n2, n3, …) als kop hebben.",
        "Kies in elke keuzekolom een waarde uit de lijst. Een leeg vak telt als 'onbekend / niet ingevuld'.",
        f"Leeftijd bij aanvang: hele jaren, 0 tot en met {top}. Datums als dd-mm-jjjj of als Excel-datum.",
        "Datum eerste consult is verplicht: daarmee valt een traject in een kwartaal, halfjaar of jaar.",
        "Zet geen namen, burgerservicenummers, geboortedatums, adressen, e-mailadressen of telefoonnummers in dit "
        "bestand: de evaluatiekit weigert een bestand waarin ze staan.",
        "Patiëntnummer: alleen een pseudoniem. De sleutel naar het dossier blijft bij de POH-J; de kit leest deze "
        "kolom niet.",
        "Open-tekstvelden (toelichtingen, doel) zitten bewust niet in dit sjabloon; de kit zou ze ongelezen "
        "verwijderen.",
        "Optioneel: Datum aanmelding (voor de wachttijd), Overleg (ja/nee), Aantal contacten (getal), Praktijk (een "
        "code of naam van de huisartspraktijk; uitsplitsing alleen bij genoeg afgesloten trajecten).",
    ]


def definitions() -> list[tuple[str, str]]:
    contact, bridging, closed = _minimal_set(6), _minimal_set(7), _minimal_set(9)
    return [
        (
            "Contact",
            "Een gesprek of behandelcontact van de POH-J met de jeugdige of ouders (ook telefonisch of per "
            f"beeld). Afspraak in de regio: {contact['note']}",
        ),
        (
            "Traject afgesloten",
            "Een traject is afgesloten zodra de datum einde zorg is ingevuld. "
            f"{closed['why']} Zonder einddatum telt het traject als open.",
        ),
        (
            "Overbrugging",
            "De POH-J helpt een jeugdige die al is verwezen, zolang de wachttijd voor de tweedelijnszorg "
            f"duurt (interventie 'overbruggingshulp'). {bridging['note']}",
        ),
        ("Verwezen", "Alle interventies die met 'verwijzing' beginnen, en crisishulp."),
        (
            "Zelf geholpen",
            "'1 gesprek geen verdere hulpvraag' en 'kortdurende begeleiding/behandeling door POH jeugd'.",
        ),
    ]


def xlsx_bytes() -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = TEMPLATE_SHEET
    lists = book.create_sheet("Keuzelijsten")
    cols = template_columns()
    top = int(data.value("evaluation_max_age"))
    for i, col in enumerate(cols, start=1):
        letter = get_column_letter(i)
        ws.cell(row=1, column=i, value=col.name).font = Font(bold=True)
        ws.column_dimensions[letter].width = max(14, len(col.name) + 2)
        rng = f"{letter}2:{letter}{ROWS + 1}"
        dv: DataValidation | None = None
        categories = col.categories
        if categories:
            lists.cell(row=1, column=i, value=col.name)
            for r, cat in enumerate(categories, start=2):
                lists.cell(row=r, column=i, value=cat).data_type = "s"
            ref = f"Keuzelijsten!${letter}$2:${letter}${len(categories) + 1}"
            dv = DataValidation(
                type="list",
                formula1=ref,
                allow_blank=True,
                error="Kies een waarde uit de lijst.",
                errorTitle="Onbekende waarde",
            )
        elif col.kind == "datum":
            dv = DataValidation(
                type="date",
                operator="greaterThan",
                formula1="36526",
                allow_blank=True,
                error="Vul een datum in (dd-mm-jjjj).",
                errorTitle="Geen datum",
            )
            for r in range(2, ROWS + 2):
                ws.cell(row=r, column=i).number_format = "dd-mm-yyyy"
        elif col.code == "n2":
            dv = DataValidation(
                type="whole",
                operator="between",
                formula1="0",
                formula2=str(top),
                allow_blank=True,
                error=f"Leeftijd in hele jaren, 0 tot en met {top}.",
                errorTitle="Ongeldige leeftijd",
            )
        elif col.code == "contacten":
            dv = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                error="Aantal contacten als heel getal.",
                errorTitle="Geen getal",
            )
        if dv is not None:
            dv.showErrorMessage = True
            ws.add_data_validation(dv)
            dv.add(rng)
    ws.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    info = book.create_sheet("Uitleg")
    for r, line in enumerate(instructions(), start=1):
        info.cell(row=r, column=1, value=line).data_type = "s"
    info.column_dimensions["A"].width = 120
    info["A1"].font = Font(bold=True)
    defs = book.create_sheet("Definities")
    defs.append(["Begrip", "Definitie"])
    for term, text in definitions():
        defs.append([term, text])
    defs.column_dimensions["A"].width = 22
    defs.column_dimensions["B"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes() -> bytes:
    return (";".join(c.name for c in template_columns()) + "\r\n").encode("utf-8-sig")


def template_bytes(filename: str) -> bytes:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return xlsx_bytes()
    if name.endswith(".csv"):
        return csv_bytes()
    raise InputError(f"'{filename}': het sjabloon kan alleen als .xlsx of .csv worden geschreven.", field="output")
