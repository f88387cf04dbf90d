"""Small registration files for the evaluation tests, written out by hand (no kit code involved)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

HEADERS = ["Leeftijd bij aanvang", "Geslacht", "Verwijzer", "Datum eerste consult", "Welke interventie is ingezet",
           "Intensiteit POH-inzet", "Datum einde zorg", "Doelbereik"]

# Twelve trajectories. Counted by hand:
#   first consult in 2020 K1: rows 1-7 (7), in 2020 K2: rows 8-12 (5)
#   closed (end date filled): rows 1-5, 8-10 = 8; open: rows 6, 7, 11, 12 = 4
#   self (1 gesprek / kortdurende): rows 1-6, 8 = 7; bridging: rows 7, 9 = 2; referred: rows 10-12 = 3
#   intensity: 1 contact: rows 1, 2, 10 = 3; 2 tot 5: rows 3-7, 11 = 6; 6 tot 10: rows 8, 9, 12 = 3
#   sex: Vrouw rows 1-4, 8-10 = 7; Man rows 5-7, 11, 12 = 5
TWELVE = [
    ["8", "Vrouw", "Huisarts", "06-01-2020", "1 gesprek geen verdere hulpvraag", "1 contact", "06-01-2020", "3 (ja)"],
    ["9", "Vrouw", "Huisarts", "13-01-2020", "1 gesprek geen verdere hulpvraag", "1 contact", "13-01-2020", "3 (ja)"],
    ["10", "Vrouw", "School", "20-01-2020", "kortdurende begeleiding/behandeling door POH jeugd", "2 tot 5 contacten",
     "20-03-2020", "2 (deels)"],
    ["11", "Vrouw", "Huisarts", "03-02-2020", "kortdurende begeleiding/behandeling door POH jeugd", "2 tot 5 contacten",
     "30-03-2020", "3 (ja)"],
    ["12", "Man", "Ouders", "10-02-2020", "kortdurende begeleiding/behandeling door POH jeugd", "2 tot 5 contacten",
     "10-04-2020", ""],
    ["13", "Man", "Huisarts", "02-03-2020", "kortdurende begeleiding/behandeling door POH jeugd", "2 tot 5 contacten",
     "", ""],
    ["14", "Man", "Huisarts", "16-03-2020", "overbruggingshulp", "2 tot 5 contacten", "", ""],
    ["15", "Vrouw", "Huisarts", "06-04-2020", "kortdurende begeleiding/behandeling door POH jeugd",
     "6 tot 10 contacten", "30-06-2020", "3 (ja)"],
    ["16", "Vrouw", "Huisarts", "04-05-2020", "overbruggingshulp", "6 tot 10 contacten", "30-06-2020", "1 (nee)"],
    ["17", "Vrouw", "Jeugdarts", "11-05-2020", "verwijzing JGT inzet", "1 contact", "11-05-2020", "3 (ja)"],
    ["5", "Man", "Huisarts", "01-06-2020", "verwijzing Basis GGZ (licht)", "2 tot 5 contacten", "", ""],
    ["6", "Man", "Huisarts", "15-06-2020", "verwijzing Spec. GGZ (hoog)", "6 tot 10 contacten", "", ""],
]


def csv_bytes(rows: list[list[str]], headers: list[str] = HEADERS, sep: str = ";", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], headers: list[str] = HEADERS, sheet: str = "Registratie") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_excel_values(rows: list[list[str]]) -> list[list[object]]:
    """The same rows as an Excel user would type them: numbers as numbers, dates as real dates."""
    out: list[list[object]] = []
    for row in rows:
        cells: list[object] = []
        for value in row:
            if value.isdigit():
                cells.append(int(value))
            elif len(value) == 10 and value[2] == "-" and value[5] == "-":
                day, month, year = value.split("-")
                cells.append(dt.datetime(int(year), int(month), int(day)))
            else:
                cells.append(value or None)
        out.append(cells)
    return out


def column_letter(n: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def raw_xlsx(rows: list[list[str]] | None = None, dimension: str | None = None, sheet_xml: bytes | None = None,
             extra_cells: dict[int, int] | None = None, compresslevel: int = 6, sheet: str = "Registratie") -> bytes:
    """A minimal XLSX written directly with zipfile (fast for large or hostile test files).

    ``rows``: text cells (inline strings), row 1 = headers; ``dimension``: the declared ``<dimension ref>``
    (None: none declared); ``extra_cells``: {row number: column number} of one more cell 'x' in that row;
    ``sheet_xml``: the whole sheet instead.
    """
    import zipfile
    from xml.sax.saxutils import escape

    if sheet_xml is None:
        parts = [b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                 b'spreadsheetml/2006/main">']
        if dimension:
            parts.append(f'<dimension ref="{dimension}"/>'.encode())
        parts.append(b"<sheetData>")
        for r, row in enumerate(rows or [], start=1):
            cells = "".join(f'<c r="{column_letter(c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>'
                            for c, v in enumerate(row, start=1) if v != "")
            if extra_cells and r in extra_cells:
                cells += f'<c r="{column_letter(extra_cells[r])}{r}" t="inlineStr"><is><t>x</t></is></c>'
            parts.append(f'<row r="{r}">{cells}</row>'.encode())
        parts.append(b"</sheetData></worksheet>")
        sheet_xml = b"".join(parts)
    ns = "http://schemas.openxmlformats.org"
    files = {
        "[Content_Types].xml": f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="{sheet}" sheetId="1" '
        'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()
