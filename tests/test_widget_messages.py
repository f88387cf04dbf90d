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

from conftest import ROOT, run_async

sys.path.insert(0, str(ROOT / "benchmarks"))
from voila_client import change_input, close, open_session  # noqa: E402

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


@pytest.mark.parametrize("malformed", ["text value set to a list", "dropdown index 99", "comm without a version"])
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
    log = ROOT / "build" / "voila-test.log"
    if not log.exists():
        pytest.skip("the session's Voila logs to build/voila-test.log only when build/ exists")
    content = log.read_text(encoding="utf-8", errors="replace")
    assert "[kernel] ERROR calculators.kernel: TraitError: Invalid selection: index out of bounds" in content
    assert "Traceback (most recent call last)" in content
