"""Bounded work per uploaded file, checked in the kernel: shared by the evaluation kit and 'Laad export'.

The page's script refuses large files before sending them, but the kernel cannot trust the page:
the size the browser reports may be anything. So every upload is checked here, from the bytes
actually received, before it is parsed:

- the size of the bytes (``evaluation_upload_max_mb``);
- CSV: the number of lines and of header fields (``evaluation_upload_max_rows``, ``…_columns``);
- XLSX: the zip archive's uncompressed size and each member's compression ratio, read from the
  archive's directory (``evaluation_xlsx_max_unpacked_mb``, ``evaluation_xlsx_max_ratio``; the
  zip module never unpacks a member beyond its declared size, so the directory can be trusted),
  then the sheet's declared dimensions, then the rows themselves while they are read (a sheet may
  omit or understate its dimensions);
- the processor time the parsing may take (``upload_parse_max_cpu_seconds``, ``cpu_budget``): the
  bounds above keep an accepted file's work under a few seconds, this catches what they miss (a
  parser's slow path on a strange file) before it holds a kernel and a core for minutes.

All limits live in ``data/parameters.csv`` (one place, each with its reason), not here.
Messages are Dutch and never repeat a cell of the file.
"""

from __future__ import annotations

import io
import signal
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import FrameType

from . import data, formatting
from .errors import InputError

MB = 1024 * 1024
#: Members smaller than this are not held to the compression ratio (a tiny XML file of repeated
#: empty tags compresses very well and costs nothing).
RATIO_FLOOR_BYTES = MB


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_mb: float
    max_rows: int  # data rows, the header row not counted
    max_columns: int
    max_unpacked_bytes: int
    max_ratio: float


@cache
def limits() -> Limits:
    mb = data.value("evaluation_upload_max_mb")
    unpacked = data.value("evaluation_xlsx_max_unpacked_mb")
    return Limits(int(mb * MB), mb, int(data.value("evaluation_upload_max_rows")),
                  int(data.value("evaluation_upload_max_columns")), int(unpacked * MB),
                  data.value("evaluation_xlsx_max_ratio"))


class CpuBudgetExceeded(BaseException):  # noqa: N818 - like KeyboardInterrupt: no parser's 'except Exception' keeps it
    """The parsing of an upload used up its processor time (``cpu_budget``). A BaseException, so
    that the parsers' own ``except Exception`` (which turn a broken file into a Dutch refusal) let
    it through to the app, which shows ``message``."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds
        self.message = (f"Het bestand kostte te veel rekentijd (meer dan {formatting.number(seconds, 1)} seconden) "
                        "en is niet verwerkt. Splits het bestand, bijvoorbeeld per jaar, of sla het opnieuw op "
                        "vanuit Excel. De rekentool werkt verder.")


def default_cpu_seconds() -> float:
    return float(data.value("upload_parse_max_cpu_seconds"))


@contextmanager
def cpu_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise ``CpuBudgetExceeded`` in the block once it has used ``seconds`` of processor time
    (default ``upload_parse_max_cpu_seconds``), counted by ``ITIMER_PROF`` (this process's user and
    system time, so a machine busy with other work does not trip it). The signal is delivered to
    the main thread between two Python instructions: a long step inside C code (one call into
    pandas' parser) ends before the exception is raised. Outside the main thread (where no signal
    handler can be set) the block runs unbounded. The previous handler and timer are restored."""
    limit = default_cpu_seconds() if seconds is None else float(seconds)
    if limit <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise CpuBudgetExceeded(limit)

    previous = signal.signal(signal.SIGPROF, expired)
    old_timer = signal.setitimer(signal.ITIMER_PROF, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if old_timer[0] > 0:  # someone else's timer was running: give it back
            signal.setitimer(signal.ITIMER_PROF, *old_timer)


def _mb(n: float) -> str:
    return formatting.number(n / MB, 1)


def check_size(content: bytes, filename: str) -> None:
    """Refuse more bytes than the limit, counted from the bytes received."""
    lim = limits()
    if len(content) > lim.max_bytes:
        raise InputError(f"'{filename}' is {_mb(len(content))} MB; de grens is {formatting.number(lim.max_mb)} MB. "
                         "Splits het bestand, bijvoorbeeld per jaar.", field="upload")


def _too_many_rows(filename: str, rows: str) -> InputError:
    lim = limits()
    return InputError(f"'{filename}' heeft {rows} rijen; de grens is {formatting.number(lim.max_rows)} rijen per "
                      "bestand. Splits het bestand, bijvoorbeeld per jaar.", field="upload")


def _too_many_columns(filename: str, where: str) -> InputError:
    lim = limits()
    return InputError(f"'{filename}' heeft {where}; de grens is {formatting.number(lim.max_columns)} kolommen. "
                      "Verwijder de lege of overbodige kolommen rechts in het blad en sla het bestand opnieuw op.",
                      field="upload")


def check_csv(text: str, filename: str, separator: str) -> None:
    """Refuse a CSV with more lines or header fields than the limits, before pandas parses it."""
    lim = limits()
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines - 1 > lim.max_rows:  # a quoted line break counts as a line: stricter, never looser
        raise _too_many_rows(filename, f"meer dan {formatting.number(lim.max_rows)}")
    header = text.split("\n", 1)[0]
    if header.count(separator) + 1 > lim.max_columns:
        raise _too_many_columns(filename, f"{formatting.number(header.count(separator) + 1)} kolommen in de kopregel")


def check_xlsx_archive(content: bytes, filename: str) -> zipfile.ZipFile:
    """The open archive when its directory is within the limits; InputError otherwise."""
    unreadable = InputError(f"'{filename}' is geen geldig Excel-bestand (.xlsx).", field="upload")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise unreadable from None
    lim = limits()
    total = sum(i.file_size for i in infos)
    if total > lim.max_unpacked_bytes:
        raise InputError(f"'{filename}' pakt uit tot {_mb(total)} MB; de grens is "
                         f"{formatting.number(lim.max_unpacked_bytes / MB)} MB. Sla het blad op zonder lege "
                         "opgemaakte rijen en kolommen, of splits het bestand.", field="upload")
    for info in infos:
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > lim.max_ratio * max(info.compress_size, 1):
            raise InputError(f"'{filename}' pakt verdacht sterk uit (meer dan {formatting.number(lim.max_ratio)} "
                             "keer zo groot) en wordt niet gelezen. Sla het bestand opnieuw op vanuit Excel.",
                             field="upload")
    return archive


def xlsx_rows(content: bytes, filename: str, sheet: str | None = None,
              required_sheet: bool = False) -> tuple[str, list[tuple[object, ...]]]:
    """The cell values of one sheet, row by row (spreadsheet row 1 first), within the limits.

    ``sheet``: the sheet to read when present (else the first sheet, or InputError when
    ``required_sheet``). Returns the sheet's name and its rows; trailing empty cells are kept
    only up to the widest row. Values are as openpyxl gives them (cached results, not formulas).
    """
    import openpyxl

    check_size(content, filename)
    check_xlsx_archive(content, filename)
    lim = limits()
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any parser failure on a foreign file is the user's file, not a crash
        raise InputError(f"'{filename}' kon niet worden gelezen: het bestand is beschadigd of heeft een "
                         "onbekende opbouw.", field="upload") from None
    try:
        if sheet is not None and sheet in book.sheetnames:
            name = sheet
        elif required_sheet:
            raise InputError(f"'{filename}' heeft geen tabblad '{sheet}'.", field="upload")
        else:
            name = book.sheetnames[0]
        ws = book[name]
        declared_rows, declared_cols = ws.max_row, ws.max_column  # from the sheet's <dimension>, if any
        if declared_cols is not None and declared_cols > lim.max_columns:
            raise _too_many_columns(filename, f"een cel in kolom {formatting.number(declared_cols)}")
        if declared_rows is not None and declared_rows - 1 > lim.max_rows:
            raise _too_many_rows(filename, formatting.number(declared_rows - 1))
        ws.reset_dimensions()  # read what is there, not what the file declares
        rows: list[tuple[object, ...]] = []
        filled = last = 0  # rows with a value (the header row included), and the last of them
        try:
            for row in ws.iter_rows(values_only=True):
                if len(row) > lim.max_columns:
                    if any(v is not None for v in row[lim.max_columns:]):
                        raise _too_many_columns(filename, "een cel buiten kolom "
                                                          f"{formatting.number(lim.max_columns)}")
                    row = row[:lim.max_columns]
                if any(v is not None and v != "" for v in row):
                    filled += 1
                    if filled - 1 > lim.max_rows:  # the header row plus max_rows data rows are allowed
                        raise _too_many_rows(filename, f"meer dan {formatting.number(lim.max_rows)}")
                    rows.append(row)
                    last = len(rows)
                else:  # an empty (perhaps only formatted) row keeps the numbering, costs one slot
                    rows.append(())
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - a broken sheet is the user's file, not a crash
            raise InputError(f"'{filename}' kon niet worden gelezen: het bestand is beschadigd of heeft een "
                             "onbekende opbouw.", field="upload") from None
    finally:
        book.close()
    rows = rows[:last]
    width = max((len(r) for r in rows), default=0)
    return name, [tuple(r) + (None,) * (width - len(r)) for r in rows]
