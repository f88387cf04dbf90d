"""Bounded work per file: hostile and largest-accepted uploads, measured in a child process.

Each file is run through the kit (read, screen, validate, indicators, HTML and XLSX report) in a
fresh Python process that has imported the kit first, as a kernel has; the child reports the CPU
time of the work itself and its peak resident memory (``ru_maxrss``, imports included). The
bounds of issue 21: an accepted file under 1 GiB and 10 s, a refused one in under 2 s. CPU time,
not wall time, so that the six other workers on the machine do not make the test flaky.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import data, uploads
from calculators.errors import InputError
from calculators.evaluation import load

from evaluation_helpers import HEADERS, TWELVE, csv_bytes, raw_xlsx

GIB_KB = 1024 * 1024  # ru_maxrss is in kB on Linux
MAX_ROWS = int(data.value("evaluation_upload_max_rows"))
MAX_COLUMNS = int(data.value("evaluation_upload_max_columns"))

CHILD = """
import json, resource, sys, time
from calculators.errors import InputError
from calculators.evaluation import run
from calculators.evaluation.report import to_html, to_xlsx
content = open(sys.argv[1], "rb").read()
name = sys.argv[2]
start = time.process_time()
try:
    ev = run(content, name)
    to_html(ev, name)
    to_xlsx(ev, name)
    outcome = "verwerkt"
except InputError as exc:
    outcome = exc.message
print(json.dumps({"cpu": time.process_time() - start, "outcome": outcome,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def measure(tmp_path: Path, content: bytes, name: str) -> dict[str, object]:
    path = tmp_path / name
    path.write_bytes(content)
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), name], capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def assert_refused(result: dict[str, object], words: str) -> None:
    print(words[:30], result["cpu"], result["maxrss_kb"])  # the figures in the README (pytest -s)
    assert words in str(result["outcome"]), result["outcome"]
    assert float(result["cpu"]) < 2, result  # type: ignore[arg-type]
    assert int(result["maxrss_kb"]) < GIB_KB, result  # type: ignore[call-overload]


def wide_rows(rows: int, text_length: int) -> tuple[list[str], list[list[str]]]:
    """The format's eight columns plus foreign columns up to the column limit, every foreign cell different."""
    extra = MAX_COLUMNS - len(HEADERS)
    headers = [*HEADERS, *(f"Opmerking {chr(65 + c // 26)}{chr(65 + c % 26)}" for c in range(extra))]
    pad = "x" * max(0, text_length - 12)
    body = [[*TWELVE[r % 12], *(f"opm {pad}{r:06d}{c:02d}" for c in range(extra))] for r in range(rows)]
    return headers, body


# ------------------------------------------------------------------ refused, fast


def test_zip_bomb_refused_by_unpacked_size(tmp_path: Path) -> None:
    # a sheet of 50 MB of spaces inside a comment: under 0,1 MB packed
    sheet = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
            b"<!--" + b" " * (50 * 1024 * 1024) + b"--><sheetData/></worksheet>"
    content = raw_xlsx(sheet_xml=sheet, compresslevel=9)
    assert len(content) < 200_000
    assert_refused(measure(tmp_path, content, "bom.xlsx"), "pakt uit tot 50,0 MB; de grens is 40 MB")


def test_zip_bomb_refused_by_ratio_under_the_size_limit(tmp_path: Path) -> None:
    sheet = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' \
            b"<!--" + b" " * (20 * 1024 * 1024) + b"--><sheetData/></worksheet>"
    assert_refused(measure(tmp_path, raw_xlsx(sheet_xml=sheet, compresslevel=9), "bom.xlsx"), "pakt verdacht sterk uit")


@pytest.mark.parametrize("dimension", ["A1:XFD301", None])
def test_a_far_cell_is_refused_declared_or_not(tmp_path: Path, dimension: str | None) -> None:
    # 300 trajectories, each with one cell in column XFD (16.384): a few kB that would become 4,9 million cells
    content = raw_xlsx([HEADERS, *TWELVE * 25], dimension=dimension, extra_cells={r: 16384 for r in range(2, 302)})
    assert len(content) < 20_000
    words = "een cel in kolom 16.384" if dimension else f"een cel buiten kolom {MAX_COLUMNS}"
    assert_refused(measure(tmp_path, content, "ver.xlsx"), words)


def test_a_million_row_csv_is_refused(tmp_path: Path) -> None:
    content = csv_bytes([["12", "Man", "", "", "", "", "", ""]] * 1_000_000)
    assert len(content) < data.value("evaluation_upload_max_mb") * 1024 * 1024  # under the byte limit
    assert_refused(measure(tmp_path, content, "miljoen.csv"), f"meer dan {MAX_ROWS:,} rijen".replace(",", "."))


def test_too_many_rows_in_xlsx_counted_while_reading_and_declared() -> None:
    content = raw_xlsx([HEADERS, *[TWELVE[0]] * (MAX_ROWS + 1)])
    with pytest.raises(InputError, match="meer dan 5.000 rijen"):
        load(content, "lang.xlsx")
    content = raw_xlsx([HEADERS, *TWELVE], dimension=f"A1:H{MAX_ROWS + 5}")  # declared, not there
    with pytest.raises(InputError, match="heeft 5.004 rijen"):
        load(content, "lang.xlsx")


def test_exactly_at_the_row_and_column_limits_is_read() -> None:
    headers, body = wide_rows(MAX_ROWS, 12)
    assert len(headers) == MAX_COLUMNS
    reg = load(csv_bytes(body, headers), "rand.csv")
    assert len(reg.frame) == MAX_ROWS
    with pytest.raises(InputError, match="31 kolommen in de kopregel"):
        load(csv_bytes([[*r, "x"] for r in body[:12]], [*headers, "Eén te veel"]), "breed.csv")


def test_limits_come_from_the_parameters() -> None:
    lim = uploads.limits()
    assert (lim.max_rows, lim.max_columns) == (MAX_ROWS, MAX_COLUMNS)
    assert lim.max_unpacked_bytes == data.value("evaluation_xlsx_max_unpacked_mb") * 1024 * 1024


# ------------------------------------------------------------------ the worst accepted files


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_largest_accepted_file_stays_under_1_gib_and_10_s(tmp_path: Path, kind: str) -> None:
    if kind == "csv":  # every cell as long as the byte limit allows
        length = int(data.value("evaluation_upload_max_mb") * 1024 * 1024 * 0.95 / MAX_ROWS / MAX_COLUMNS)
        headers, body = wide_rows(MAX_ROWS, length)
        content = csv_bytes(body, headers)
    else:
        headers, body = wide_rows(MAX_ROWS, 30)
        content = raw_xlsx([headers, *body])
    result = measure(tmp_path, content, f"grootst.{kind}")
    print(kind, len(content), result)  # the figures in the README (pytest -s)
    assert result["outcome"] == "verwerkt", result
    assert float(result["cpu"]) < 10, result  # type: ignore[arg-type]
    assert int(result["maxrss_kb"]) < GIB_KB, result  # type: ignore[call-overload]


@pytest.mark.slow
def test_the_largest_refused_invalid_file_is_quick(tmp_path: Path) -> None:
    body = [["99", "X", "Y", "03-01-23", "Z", "Q", "1-1-1", "W"]] * MAX_ROWS  # every cell wrong
    result = measure(tmp_path, csv_bytes(body), "fout.csv")
    print(result)  # the figures in the README (pytest -s)
    assert "Het bestand is niet verwerkt" in str(result["outcome"])
    assert float(result["cpu"]) < 10 and int(result["maxrss_kb"]) < GIB_KB, result  # type: ignore[call-overload]


# ------------------------------------------------------------------ the same limits for 'Laad export'


def test_laad_export_counts_the_bytes_and_clears_the_widget() -> None:
    import datetime as dt

    from calculators.ui import ReferralApp

    app = ReferralApp()
    content = b"x" * (int(data.value("evaluation_upload_max_mb") * 1024 * 1024) + 1)
    app.upload.value = ({"name": "groot.csv", "content": memoryview(content), "size": 1000, "type": "",
                         "last_modified": dt.datetime(2026, 1, 1)},)  # the browser's word: 1000 bytes
    assert "de grens is 20 MB" in app.message.value
    assert app.upload.value == () and len(app.upload.get_state()["value"]) == 0


@pytest.mark.parametrize(("name", "make", "words"), [
    ("bom.xlsx", lambda: raw_xlsx(sheet_xml=b"<worksheet><!--" + b" " * (50 * 1024 * 1024) + b"--></worksheet>",
                                  compresslevel=9), "pakt uit tot 50,0 MB"),
    ("ver.xlsx", lambda: raw_xlsx([["sectie", "sleutel", "waarde"], ["invoer", "x", "1"]], dimension="A1:XFD2",
                                  extra_cells={2: 16384}, sheet="Invoer"), "een cel in kolom 16.384"),
    ("miljoen.csv", lambda: b"sectie;sleutel;waarde\n" + b"invoer;x;1\n" * 1_000_000, "meer dan 5.000 rijen"),
])
def test_laad_export_refuses_hostile_files_quickly(name: str, make: object, words: str) -> None:
    import time

    from calculators import export

    content = make()  # type: ignore[operator]
    start = time.process_time()
    with pytest.raises(InputError, match=words):
        export.read_inputs(content, name, "verwijsaandeel")
    assert time.process_time() - start < 2
