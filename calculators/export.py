"""Export a calculation with its assumptions and sources (CSV, XLSX), and read one back.

A pilot lead exports inputs, sources and results to paste into a council letter
or to continue later: loading the same file restores the inputs ("never lost
work"). Files from elsewhere that do not fit get a Dutch message, not a crash.

CSV: semicolon-separated with decimal commas, UTF-8 with BOM, so Dutch Excel
opens it directly. XLSX: real numbers in three sheets (Invoer, Uitkomsten, Toelichting).
Every file names the handbook's edition and licences (``edition.colophon()``): a row
``toelichting;colofon`` in both formats, and the XLSX document properties.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from . import data, edition, uploads
from .errors import InputError

COLUMNS = ["sectie", "sleutel", "omschrijving", "waarde", "ondergrens", "bovengrens", "eenheid", "bron", "regel"]
SECTION_APP, SECTION_INPUT, SECTION_RESULT, SECTION_TEXT = "rekentool", "invoer", "uitkomst", "toelichting"


@dataclass
class Record:
    """Everything an export holds: which app, inputs with sources, results, the sentence."""

    app: str
    title: str
    inputs: dict[str, float | str | tuple[float, float]]
    results: dict[str, tuple[str, float, float, str]]  # key -> (label, low, high, unit)
    sentence: str
    notes: list[str] = field(default_factory=list)
    input_facts: dict[str, str] = field(default_factory=dict)  # input key -> parameter in data/ (label, source)


def _input_row(key: str, value: float | str | tuple[float, float], fact_key: str) -> dict[str, Any]:
    try:
        fact = data.fact(fact_key)
        label, unit, source, ref = fact.label, fact.unit, fact.source, fact.ref
    except data.DataError:
        label, unit, source, ref = key, "", "", ""
    low = high = None
    if isinstance(value, tuple):
        low, high = value
        value = None  # type: ignore[assignment]
    return {"sectie": SECTION_INPUT, "sleutel": key, "omschrijving": label, "waarde": value, "ondergrens": low,
            "bovengrens": high, "eenheid": unit, "bron": data.sources().get(source, {}).get("short_nl", source),
            "regel": ref}


def frame(record: Record) -> pd.DataFrame:
    rows: list[dict[str, Any]] = [{"sectie": SECTION_APP, "sleutel": record.app, "omschrijving": record.title}]
    rows += [_input_row(k, v, record.input_facts.get(k, k)) for k, v in record.inputs.items()]
    for key, (label, low, high, unit) in record.results.items():
        rows.append({"sectie": SECTION_RESULT, "sleutel": key, "omschrijving": label,
                     "waarde": low if low == high else None, "ondergrens": low, "bovengrens": high, "eenheid": unit})
    rows.append({"sectie": SECTION_TEXT, "sleutel": "samenvatting", "omschrijving": record.sentence})
    rows += [{"sectie": SECTION_TEXT, "sleutel": f"noot_{i}", "omschrijving": n} for i, n in enumerate(record.notes, 1)]
    rows.append({"sectie": SECTION_TEXT, "sleutel": "colofon", "omschrijving": edition.colophon()})
    return pd.DataFrame(rows, columns=COLUMNS)


#: A text cell starting with one of these could be run as a formula by a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """A text cell for a CSV: a leading apostrophe keeps a formula-like text as text (OWASP); a carriage
    return becomes a line feed, which the CSV writer quotes (a bare one would break the row)."""
    if not isinstance(value, str):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if value.startswith(FORMULA_START) else text


def text_cells(workbook: Any) -> None:
    """Store every formula-like text cell of an openpyxl workbook as text, never as a formula."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                    cell.data_type = "s"


def to_csv_bytes(record: Record) -> bytes:
    df = frame(record)
    for name in df.columns:
        if not pd.api.types.is_numeric_dtype(df[name]):  # text columns only: numbers keep their decimal comma
            df[name] = df[name].map(csv_text)
    return df.to_csv(sep=";", decimal=",", index=False).encode("utf-8-sig")


def to_xlsx_bytes(record: Record) -> bytes:
    df = frame(record)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for sheet, section in (("Invoer", SECTION_INPUT), ("Uitkomsten", SECTION_RESULT)):
            part = df[df["sectie"].isin([SECTION_APP, section])]
            part.to_excel(writer, sheet_name=sheet, index=False)
        df[df["sectie"] == SECTION_TEXT][["sleutel", "omschrijving"]].to_excel(
            writer, sheet_name="Toelichting", index=False)
        for ws in writer.book.worksheets:
            ws.column_dimensions["C"].width = 60
        props = writer.book.properties
        props.title = f"{record.title} — {edition.TITLE}"
        props.creator = edition.AUTHOR
        props.version = edition.EDITION
        props.description = edition.colophon()
        props.keywords = f"editie {edition.EDITION}; {edition.TEXT_LICENSE}; {edition.CODE_LICENSE}"
        text_cells(writer.book)
    return buffer.getvalue()


def _read_frame(content: bytes, filename: str) -> pd.DataFrame:
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            try:
                _sheet, rows = uploads.xlsx_rows(content, filename, "Invoer", required_sheet=True)
            except InputError as exc:
                if "geen tabblad" in exc.message:
                    raise InputError(f"'{filename}' heeft geen tabblad 'Invoer': is het een export van deze "
                                     "rekentool?", field="upload") from None
                raise
            if not rows:
                raise InputError(f"'{filename}' heeft een leeg tabblad 'Invoer'.", field="upload")
            df = pd.DataFrame(rows[1:], columns=[str(h) for h in rows[0]])
            if "sleutel" in df.columns:
                df["sleutel"] = df["sleutel"].map(lambda v: v if v is None else str(v))
            return df
        if name.endswith(".csv"):
            text = content.decode("utf-8-sig")
            uploads.check_csv(text, filename, ";")
            return pd.read_csv(io.StringIO(text), sep=";", decimal=",", dtype={"sleutel": str})
    except InputError:
        raise
    except ValueError as exc:
        if "Worksheet named" in str(exc):
            raise InputError(f"'{filename}' heeft geen tabblad 'Invoer': is het een export van deze rekentool?",
                             field="upload") from None
        raise InputError(f"'{filename}' kon niet worden gelezen: het bestand is beschadigd of heeft een "
                         "onbekende opbouw.", field="upload") from None
    except Exception:  # any parser failure on a foreign file is a user problem, not a crash
        raise InputError(f"'{filename}' kon niet worden gelezen: het bestand is beschadigd of heeft een "
                         "onbekende opbouw.", field="upload") from None
    raise InputError(f"'{filename}': alleen .csv- en .xlsx-bestanden uit deze rekentool kunnen worden geladen.",
                     field="upload")


def read_inputs(content: bytes, filename: str, app: str) -> dict[str, float | tuple[float, float]]:
    """The inputs of an earlier export of ``app``; InputError (Dutch) for anything else."""
    if not content:
        raise InputError(f"'{filename}' is leeg.", field="upload")
    uploads.check_size(content, filename)  # the bytes received, whatever size the browser reported
    df = _read_frame(content, filename)
    missing = [c for c in ("sectie", "sleutel", "waarde") if c not in df.columns]
    if missing:
        raise InputError(f"'{filename}' mist de kolom(men) {', '.join(missing)}: is het een export van deze rekentool?",
                         field="upload")
    apps = df.loc[df["sectie"] == SECTION_APP, "sleutel"].dropna().tolist()
    if apps and apps[0] != app:
        raise InputError(f"'{filename}' is een export van een andere rekentool ({apps[0]}).", field="upload")
    out: dict[str, float | tuple[float, float]] = {}
    for _, row in df[df["sectie"] == SECTION_INPUT].iterrows():
        key = str(row["sleutel"])
        values = [row.get(c) for c in ("waarde", "ondergrens", "bovengrens")]
        try:
            value, low, high = (None if pd.isna(v) else float(v) for v in values)
        except (TypeError, ValueError):
            raise InputError(f"In '{filename}' staat bij '{key}' geen getal.", field="upload") from None
        if value is not None:
            out[key] = value
        elif low is not None and high is not None:
            out[key] = (low, high)
    if not out:
        raise InputError(f"In '{filename}' staan geen invoerwaarden.", field="upload")
    return out
