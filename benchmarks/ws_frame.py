"""One malformed websocket frame against the apps: how long until it is refused, and what it costs.

Issue 22: a 16-byte frame (an 8-byte offset count of 30 million and one offset) on a page's own
kernel websocket made jupyter_server build two lists of 30 million entries in Voila's only event
loop. This probe opens two pages of an app through nginx (a bystander and the sender), sends the
frame on the sender's websocket and measures

- ``seconds_to_close``: from sending the frame to the server closing the sender's websocket (the
  guard, calculators/serving/websocket.py, closes it with 1008); without the guard the connection
  stays open and this is the time until the 2-second wait ends (``closed: false``);
- ``bystander_seconds``: how long the bystander's next input change takes to be answered, started
  right after the frame (the event loop is shared by every page);
- ``voila_peak_growth_mib``: Voila's highest resident memory (sampled every 20 ms from a thread)
  from sending the frame until the bystander's answer, minus its memory before.

Usage: python benchmarks/ws_frame.py [--count 30000000] [--unguarded]  (--unguarded: Voila with
jupyter_server's own connection class, to measure the behaviour before the guard)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from apps import FIRST_FIELD  # noqa: E402
from voila_client import change_input, close, open_session  # noqa: E402

COUNT = 30_000_000
UNGUARDED = "--Voila.kernel_websocket_connection_class=jupyter_server.services.kernels.connection.channels." \
            "ZMQChannelsWebsocketConnection"


def frame_with_count(count: int) -> bytes:
    """16 bytes: an offset count and a single offset, both little-endian 64-bit."""
    return count.to_bytes(8, "little") + (16).to_bytes(8, "little")


def rss_mib(pid: int) -> float:
    return float(psutil.Process(pid).memory_info().rss) / 2**20


class PeakSampler:
    """A process's highest resident memory while running, sampled from a thread of its own (the
    event loop of this client may wait on the server meanwhile)."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        import threading

        self.pid, self.interval, self.peak = pid, interval, rss_mib(pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_mib(self.pid))

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


async def probe(url: str, voila_pid: int, count: int = COUNT, app: str = "formatie",
                wait: float = 2.0) -> dict[str, Any]:
    bystander, _, _ = await open_session(url, app, timeout=120)
    sender, _, _ = await open_session(url, app, timeout=120)
    try:
        await asyncio.sleep(1)
        before = rss_mib(voila_pid)
        sampler = PeakSampler(voila_pid)
        start = time.perf_counter()
        await sender.ws.write_message(frame_with_count(count), binary=True)
        answer = asyncio.ensure_future(change_input(bystander, FIRST_FIELD[app], "12345", timeout=120))
        assert sender.reader is not None
        done, _ = await asyncio.wait([sender.reader], timeout=wait)
        closed = bool(done)
        seconds_to_close = time.perf_counter() - start
        await answer
        bystander_seconds = time.perf_counter() - start
        peak = sampler.stop()
        return {"count": count, "frame_bytes": 16, "closed": closed, "close_code": sender.ws.close_code,
                "seconds_to_close": round(seconds_to_close, 4), "bystander_seconds": round(bystander_seconds, 3),
                "bystander_sentence": bystander.status_text(), "voila_rss_before_mib": round(before, 1),
                "voila_peak_growth_mib": round(peak - before, 1)}
    finally:
        await close(bystander)
        await close(sender)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--unguarded", action="store_true")
    args = parser.parse_args()
    from burst import started_stack

    with started_stack(extra=(UNGUARDED,) if args.unguarded else ()) as stack:
        result = asyncio.run(probe(stack.url, stack.voila_pids[0], args.count))
    result["guarded"] = not args.unguarded
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
