"""The guarded kernel websocket (calculators/serving/websocket.py): malformed binary frames are
refused before jupyter_server decodes them, in-process and through nginx (issue 22, item 1)."""

from __future__ import annotations

import json
import struct
import sys
import time

import psutil
import pytest
from jupyter_server.services.kernels.connection.base import serialize_binary_message, serialize_msg_to_ws_v1

from calculators.serving.websocket import GuardedWebsocketConnection, legacy_frame_problem, v1_frame_problem

from conftest import ROOT, run_async

sys.path.insert(0, str(ROOT / "benchmarks"))
from ws_frame import COUNT, frame_with_count, probe  # noqa: E402


def message(buffers: int = 0) -> dict:
    return {"header": {"msg_id": "1", "msg_type": "comm_msg"}, "parent_header": {}, "metadata": {},
            "content": {"data": {}}, "buffers": [b"x" * 10] * buffers}


def v1(buffers: int = 0) -> bytes:
    msg = message(buffers)
    parts = [json.dumps(msg[k]).encode() for k in ("header", "parent_header", "metadata", "content")]
    return serialize_msg_to_ws_v1(parts + msg["buffers"], "shell")


def offsets_of(frame: bytes) -> list[int]:
    count = int.from_bytes(frame[:8], "little")
    return [int.from_bytes(frame[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]


def with_offsets(frame: bytes, offsets: list[int]) -> bytes:
    table = b"".join(o.to_bytes(8, "little") for o in offsets)
    return frame[:8] + table + frame[8 + len(table):]


@pytest.mark.parametrize("buffers", [0, 1, 3, 64])
def test_a_well_formed_frame_passes(buffers: int) -> None:
    assert v1_frame_problem(v1(buffers)) is None


def test_the_16_byte_frame_of_the_issue_is_refused_by_its_count_in_microseconds() -> None:
    frame = frame_with_count(COUNT)
    assert len(frame) == 16
    start = time.perf_counter()
    for _ in range(1000):
        problem = v1_frame_problem(frame)
    per_check = (time.perf_counter() - start) / 1000
    assert problem == f"offset count {COUNT} outside 6..70"
    assert per_check < 0.001, per_check  # measured about 1 µs; the unguarded decoder took seconds


def test_malformed_frames_are_refused() -> None:
    good = v1(1)
    offsets = offsets_of(good)
    assert v1_frame_problem(v1(65)) == "offset count 71 outside 6..70"
    assert v1_frame_problem(good, max_bytes=len(good) - 1) == f"frame of {len(good)} bytes exceeds {len(good) - 1}"
    assert v1_frame_problem(good[:40]) == "frame of 40 bytes shorter than its 7 offsets"
    assert v1_frame_problem(b"\x06") == "frame shorter than its count"
    swapped = offsets[:2] + [offsets[3], offsets[2]] + offsets[4:]
    assert v1_frame_problem(with_offsets(good, swapped)) == "offsets not in ascending order"
    assert v1_frame_problem(with_offsets(good, offsets[:-1] + [offsets[-1] + 1])) == \
        "last offset is not the end of the frame"
    assert v1_frame_problem(with_offsets(good, [offsets[0] - 8] + offsets[1:])) == \
        "first offset does not follow the offset table"
    assert v1_frame_problem(good + b"x") == "last offset is not the end of the frame"


def test_the_legacy_binary_layout_is_checked_too() -> None:
    good = serialize_binary_message(message(2))
    assert legacy_frame_problem(good) is None
    # a count of 2**31-1 would make jupyter_server build a struct format of 2 GB
    assert legacy_frame_problem(struct.pack("!i", 2**31 - 1) + b"\0" * 12) == "buffer count 2147483647 outside 1..65"
    assert legacy_frame_problem(struct.pack("!iII", 2, 12, 10**9) + b"{}") == "offsets not ascending inside the frame"


class FakeHandler:
    def __init__(self) -> None:
        self.closed: tuple[int, str] | None = None
        self.request = type("Request", (), {"remote_ip": "127.0.0.9"})()

    def close(self, code: int, reason: str) -> None:
        self.closed = (code, reason)


def test_the_connection_refuses_logs_and_closes_without_decoding(caplog: pytest.LogCaptureFixture) -> None:
    class Connection(GuardedWebsocketConnection):  # type: ignore[misc]
        # plain attributes instead of the trait and properties that want a real handler and manager
        websocket_handler = None
        kernel_id = "0123456789abcdef"
        subprotocol = "v1.kernel.websocket.jupyter.org"

    handler = FakeHandler()
    connection = Connection()
    connection.websocket_handler = handler
    connection.channels = {"shell": object()}  # would be used (and fail) if the frame got through
    with caplog.at_level("WARNING"):
        connection.handle_incoming_message(frame_with_count(COUNT))
    assert handler.closed == (1008, "malformed frame")
    assert "Refused a websocket frame for kernel 01234567… from 127.0.0.9: offset count" in caplog.text
    assert "0123456789abcdef" not in caplog.text  # no whole kernel id in the log
    handler.closed = None
    connection.handle_incoming_message('{"channel": "shell"}')  # text on the binary protocol
    assert handler.closed == (1008, "malformed frame")


def voila_pid(port: int) -> int:
    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN and conn.pid:
            return int(conn.pid)
    raise RuntimeError(f"no process listens on {port}")


@pytest.mark.slow
def test_the_16_byte_frame_through_nginx_is_refused_at_once_and_costs_voila_no_memory(apps_url: str,
                                                                                       voila_port: int) -> None:
    """The frame of the issue on a page's own websocket, through nginx: the websocket is closed with
    1008 quickly (measured 0.18 s round trip on a loaded machine; bound generous for shared cores),
    Voila's memory does not grow (unguarded: +460 MiB) and another page keeps answering."""
    result = run_async(probe(apps_url, voila_pid(voila_port), wait=10.0))
    assert result["closed"] and result["close_code"] == 1008, result
    assert result["seconds_to_close"] < 3.0, result
    assert result["voila_peak_growth_mib"] < 40, result
    assert "12.345 jeugdigen" in result["bystander_sentence"], result
