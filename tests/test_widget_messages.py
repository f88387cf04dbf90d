"""Malformed widget messages on a page's own kernel websocket, through nginx: the page gets one
Dutch sentence and no traceback, server path or Python detail; the details land in the Voila log;
and the app keeps answering (calculators/serving/kernel_log.py, kernels.py)."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid

import pytest

from calculators.serving.kernel_log import NOTICE

from conftest import ROOT, run_async, voila_test_log

sys.path.insert(0, str(ROOT / "benchmarks"))
from voila_client import change_input, close, load_states, open_session  # noqa: E402

pytestmark = pytest.mark.slow

LEAKS = ["Traceback", 'File "', str(ROOT), "site-packages", "TraitError", "ValueError", ".py"]


def model_of(session, name: str) -> str:  # type: ignore[no-untyped-def]
    return next(comm for comm, state in session.states.items() if state.get("_model_name") == name)


async def probe(apps_url: str, malformed: str) -> tuple[list[dict], str]:
    session, _, _ = await open_session(apps_url, "terugverdienen", keep_messages=True, timeout=90)
    try:
        before = len(session.received)
        if malformed == "text value set to a list":
            await session.send("comm_msg", {"comm_id": model_of(session, "TextModel"), "data": {
                "method": "update", "state": {"value": [1, 2]}, "buffer_paths": []}})
        elif malformed == "NaN value":  # JSON NaN: the kernel's reply would carry a Python warning
            await session.send("comm_msg", {"comm_id": model_of(session, "TextModel"), "data": {
                "method": "update", "state": {"value": float("nan")}, "buffer_paths": []}})
        elif malformed == "dropdown index 99":
            await session.send("comm_msg", {"comm_id": model_of(session, "DropdownModel"), "data": {
                "method": "update", "state": {"index": 99}, "buffer_paths": []}})
        else:  # a control comm opened without the protocol version
            await session.send("comm_open", {"comm_id": str(uuid.uuid4()), "target_name": "jupyter.widget.control",
                                             "data": {}})
        for _ in range(300):  # until the notice arrives (or 30 s)
            await asyncio.sleep(0.1)
            if NOTICE in json.dumps(session.received[before:], ensure_ascii=False):
                break
        # the app still answers a valid change
        await change_input(session, "Jaarkosten POH-J (optioneel)", "100000", timeout=60)
        await asyncio.sleep(1)  # anything the kernel still sends about the refused message
        return session.received[before:], session.status_text()
    finally:
        await close(session)


@pytest.mark.parametrize("malformed", ["text value set to a list", "dropdown index 99", "comm without a version",
                                       "NaN value"])
def test_a_malformed_widget_message_gets_a_dutch_line_and_no_traceback(apps_url: str, malformed: str) -> None:
    received, sentence = run_async(probe(apps_url, malformed))
    text = json.dumps(received, ensure_ascii=False)
    for leak in LEAKS:
        assert leak not in text, (malformed, leak, text[:1500])
    assert not [m for m in received if m["msg_type"] in ("stream", "error")], received
    assert NOTICE in text  # the page's notice slot was updated with the Dutch sentence
    assert "100.000" in sentence  # and the app recomputed with the next valid input


def test_the_details_are_in_the_server_log(apps_url: str) -> None:
    run_async(probe(apps_url, "dropdown index 99"))
    log = voila_test_log()
    if not log.exists():
        pytest.skip(f"the session's Voila logs to build/{log.name} only when build/ exists")
    content = log.read_text(encoding="utf-8", errors="replace")
    assert "[kernel] ERROR calculators.kernel: TraitError: Invalid selection: index out of bounds" in content
    assert "Traceback (most recent call last)" in content


async def create_widgets(apps_url: str, count: int) -> tuple[int, int, int, str]:
    """Open ``count`` widget comms from the page; (widgets before, after, comm_close replies, sentence)."""
    session, _, _ = await open_session(apps_url, "formatie", keep_messages=True, timeout=90)
    try:
        before = len(session.states)
        start = len(session.received)
        for _ in range(count):
            await session.send("comm_open", {"comm_id": str(uuid.uuid4()), "target_name": "jupyter.widget", "data": {
                "state": {"_model_name": "IntSliderModel", "_model_module": "@jupyter-widgets/controls",
                          "_model_module_version": "2.0.0", "_view_name": "IntSliderView",
                          "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0"},
                "buffer_paths": []}},
                metadata={"version": "2.1.0"})
        await asyncio.sleep(2)
        await load_states(session, 60)  # the kernel's widgets, as the page would load them again
        closed = sum(1 for m in session.received[start:] if m["msg_type"] == "comm_close")
        await change_input(session, "Aantal jeugdigen (0–17 jaar)", "12345", timeout=60)
        return before, len(session.states), closed, session.status_text()
    finally:
        await close(session)


def test_the_page_cannot_create_widgets_of_its_own(apps_url: str) -> None:
    before, after, closed, sentence = run_async(create_widgets(apps_url, 50))
    assert after == before, (before, after)  # no widget was made
    assert closed >= 50  # each comm was closed by the kernel
    assert "12.345 jeugdigen" in sentence  # and the app still answers
