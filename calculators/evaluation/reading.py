"""Read a registration file (XLSX or CSV) into a table of strings, in memory.

CSV may be comma- or semicolon-separated, UTF-8 (with or without BOM) or Windows-1252. XLSX
is read from the sheet ``Registratie`` when there is one, else the first sheet; real Excel dates
become ISO text (``2020-01-31``), whole numbers lose Excel's ``.0``. Every later step works on
the same strings, so a CSV and an XLSX with the same content give the same result.

Nothing is written to disk: the content arrives as bytes and stays in memory.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from openpyxl.utils import get_column_letter

from .. import uploads
from ..errors import InputError

HEADER_ROW = 1  # the spreadsheet row that holds the headers; data start on the next row
TEMPLATE_SHEET = "Registratie"


@dataclass
class RawTable:
    """The file's cells as stripped strings ('' when empty); ``rows`` are spreadsheet row numbers."""

    frame: pd.DataFrame
    rows: pd.Series  # spreadsheet row number of each frame row
    filename: str
    file_type: str  # "csv" or "xlsx"
    separator: str | None = None
    encoding: str | None = None
    #: the spreadsheet column (A, B, ...) of each header: messages name a header that may identify by it
    letters: dict[str, str] = field(default_factory=dict)


def map_unique(values: pd.Series, fn: Callable[[str], object]) -> pd.Series:
    """``fn`` over each distinct value once (registration columns repeat a few values)."""
    uniques = values.unique()
    return values.map(dict(zip(uniques, map(fn, uniques), strict=True)))


def _decode(content: bytes, filename: str) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(f"'{filename}' is geen tekstbestand in UTF-8 of Windows-1252.", field="upload")


def _separator(text: str) -> str:
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return ""
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value).strip()


def _finish(df: pd.DataFrame, filename: str, file_type: str, **extra: str | None) -> RawTable:
    df.columns = [_cell_text(c) for c in df.columns]
    headers = list(df.columns)
    if any(c == "" or c.startswith("Unnamed:") for c in df.columns):
        df = df.loc[:, [not (c == "" or c.startswith("Unnamed:")) or df[c].ne("").any() for c in df.columns]]
    if df.columns.duplicated().any():
        from .privacy import looks_identifying

        dup = df.columns[df.columns.duplicated()][0]
        if looks_identifying(dup):  # a file without a header row: its first trajectory is taken for the headers
            where = " en ".join(get_column_letter(i + 1) for i, h in enumerate(headers) if h == dup)
            raise InputError(f"'{filename}' heeft dezelfde kolomkop in de kolommen {where} (kop niet getoond: lijkt "
                             "op een persoonsgegeven). Staat de kopregel bovenaan?", field="upload")
        raise InputError(f"'{filename}' heeft de kolom '{dup}' meer dan eens.", field="upload")
    letters = {h: get_column_letter(i + 1) for i, h in enumerate(headers) if h in df.columns}
    rows = pd.Series(range(HEADER_ROW + 1, HEADER_ROW + 1 + len(df)), index=df.index)
    filled = df.ne("").any(axis=1)
    df, rows = df[filled].reset_index(drop=True), rows[filled].reset_index(drop=True)
    if df.empty:
        raise InputError(f"'{filename}' bevat geen trajecten: alleen kopregel of lege rijen.", field="upload")
    return RawTable(df, rows, filename, file_type, letters=letters, **extra)


def read_csv(content: bytes, filename: str) -> RawTable:
    text, encoding = _decode(content, filename)
    sep = _separator(text)
    uploads.check_csv(text, filename, sep)
    try:
        # header=None: pandas would rename a repeated header ('Geslacht.1'); the check in _finish must see it
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, skip_blank_lines=False,
                         header=None)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(
            f"'{filename}' kon niet als CSV worden gelezen ({_csv_reason(exc)}).", field="upload"
        ) from None
    header = [str(h) for h in df.iloc[0]]
    df = df.iloc[1:].reset_index(drop=True)
    df.columns = header
    df = df.apply(lambda col: map_unique(col, str.strip))
    return _finish(df, filename, "csv", separator=sep, encoding="utf-8" if encoding == "utf-8-sig" else "windows-1252")


def _csv_reason(exc: Exception) -> str:
    text = str(exc)
    if "Expected" in text and "fields in line" in text:
        line = text.split("line ")[1].split(",")[0]
        return f"regel {line} heeft meer velden dan de kopregel"
    return "leeg of onleesbaar"


def read_xlsx(content: bytes, filename: str) -> RawTable:
    # bounded: archive, dimensions and rows are checked before and while reading (calculators/uploads.py)
    _sheet, rows = uploads.xlsx_rows(content, filename, TEMPLATE_SHEET)
    if not rows:
        raise InputError(f"'{filename}' bevat geen trajecten: alleen kopregel of lege rijen.", field="upload")
    width = len(rows[0])
    header = [_cell_text(v) or f"Unnamed: {i}" for i, v in enumerate(rows[0])]
    body = [[_cell_text(v) for v in r] if r else [""] * width for r in rows[1:]]
    df = pd.DataFrame(body, columns=header, dtype=object) if body else pd.DataFrame(columns=header, dtype=object)
    return _finish(df, filename, "xlsx")


def read(content: bytes, filename: str) -> RawTable:
    """Read ``content`` by the file's extension; InputError (Dutch) when it cannot be read."""
    if not content:
        raise InputError(f"'{filename}' is leeg.", field="upload")
    uploads.check_size(content, filename)  # the bytes received, whatever size the browser reported
    name = filename.lower()
    if name.endswith(".xlsx"):
        return read_xlsx(content, filename)
    if name.endswith(".csv") or name.endswith(".txt"):
        return read_csv(content, filename)
    raise InputError(f"'{filename}': alleen .xlsx- en .csv-bestanden kunnen worden gelezen.", field="upload")
