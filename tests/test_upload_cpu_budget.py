"""A processor-time budget for parsing an upload (issue 22, item 2): the evaluation app's kit and
'Laad export' of the other apps stop a file that takes longer than the budget, with a Dutch
message, and stay usable; the timer and the signal handler are given back afterwards."""

from __future__ import annotations

import datetime as dt
import signal
import time

import pytest

from calculators import data, export, uploads
from calculators.evaluation import load
from calculators.ui import ReferralApp
from calculators.ui.evaluation import EvaluationApp

from evaluation_helpers import TWELVE, csv_bytes


def spin(seconds: float) -> int:
    """Busy Python work for about ``seconds`` of processor time."""
    start, n = time.process_time(), 0
    while time.process_time() - start < seconds:
        n += 1
    return n


def test_the_default_budget_is_the_parameter() -> None:
    assert uploads.default_cpu_seconds() == data.value("upload_parse_max_cpu_seconds") == 20


def test_work_past_the_budget_is_stopped_and_the_timer_and_handler_are_given_back() -> None:
    before = signal.getsignal(signal.SIGPROF)
    start = time.process_time()
    with pytest.raises(uploads.CpuBudgetExceeded) as stopped:
        with uploads.cpu_budget(0.2):
            spin(5)
    used = time.process_time() - start
    # stopped at the budget, not after the 5 s of work (the timer counts in clock ticks: a little early is possible)
    assert 0.15 <= used < 1.5, used
    assert "meer dan 0,2 seconden" in stopped.value.message and "rekentijd" in stopped.value.message
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) is before


def test_work_within_the_budget_is_not_disturbed_and_leaves_no_timer() -> None:
    with uploads.cpu_budget(2):
        spin(0.1)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    spin(0.1)  # no stray signal afterwards


def test_a_budget_of_zero_means_no_budget() -> None:
    with uploads.cpu_budget(0):
        spin(0.05)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_the_evaluation_app_refuses_a_slow_file_in_dutch_and_reads_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = csv_bytes(TWELVE * 400)  # 4.800 trajectories
    start = time.process_time()
    load(slow, "groot.csv")
    assert time.process_time() - start > 0.03  # the file does take longer than the budget below
    monkeypatch.setattr(uploads, "default_cpu_seconds", lambda: 0.005)
    app = EvaluationApp()
    app.load(slow, "groot.csv")
    assert "Het bestand kostte te veel rekentijd (meer dan " in app.errors.value
    assert "De rekentool werkt verder" in app.errors.value
    assert app.dashboard.value == "" and "Traceback" not in app.errors.value
    monkeypatch.setattr(uploads, "default_cpu_seconds", lambda: 20.0)
    app.load(csv_bytes(TWELVE), "klein.csv")
    assert "is verwerkt" in app.status.value and app.errors.value == ""


def test_laad_export_refuses_a_slow_file_in_dutch_and_loads_the_next(monkeypatch: pytest.MonkeyPatch) -> None:
    app = ReferralApp()
    assert app.last_record is not None
    good = export.to_csv_bytes(app.last_record)
    # the inputs of an export, repeated to the row limit: accepted by the other limits, slower to read
    header, *rows = good.decode("utf-8-sig").splitlines()
    inputs = [r for r in rows if r.startswith("invoer;")]
    big = "\n".join([header, *(inputs * (int(data.value("evaluation_upload_max_rows")) // len(inputs)))]) + "\n"

    def upload(content: bytes, name: str) -> None:
        app.upload.value = ({"name": name, "content": memoryview(content), "size": len(content), "type": "",
                             "last_modified": dt.datetime(2026, 1, 1)},)

    monkeypatch.setattr(uploads, "default_cpu_seconds", lambda: 0.001)
    upload(big.encode("utf-8"), "groot.csv")
    assert "te veel rekentijd" in app.message.value and 'role="alert"' in app.message.value
    assert app.upload.value == ()
    monkeypatch.setattr(uploads, "default_cpu_seconds", lambda: 20.0)
    upload(good, "verwijsaandeel.csv")
    assert app.message.value == "<p>Geladen: verwijsaandeel.csv.</p>"
