"""Slots that free themselves (issue 22, item 3), through nginx with the session's Voila:

- a page whose websocket closed without the shutdown beacon loses its kernel within 150 s, but not
  at once (a reload reconnects within a minute);
- open kernel websockets are limited per kernel, per address and per address block (/24), and the
  app pages' rate per address block: several addresses of one block get what one address gets.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.web import Application
from tornado.websocket import WebSocketClientConnection, WebSocketHandler, websocket_connect

from conftest import ROOT, free_port, nginx_serving, run_async, voila_serving

sys.path.insert(0, str(ROOT / "benchmarks"))
from voila_client import KERNEL_ID, SUBPROTOCOL, _shutdown, open_session  # noqa: E402

pytestmark = pytest.mark.slow


async def kernel_status(url: str, kernel_id: str) -> int:
    response = await AsyncHTTPClient().fetch(f"{url}/apps/api/kernels/{kernel_id}", raise_error=False)
    return int(response.code)


#: this test's own Voila: the cull window it runs with, and how often the manager checks (production's)
WINDOW = 15
CHECK = 5


def test_a_kernel_whose_websocket_closed_without_the_beacon_is_gone_after_the_window(tmp_path: Path) -> None:
    """The cull itself, in a Voila of its own with a 15 s window instead of production's (so the
    suite does not wait 90 s): not at once, and gone within the window and two checks."""
    root = tmp_path / "html"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>x</title>\n", encoding="utf-8")

    async def scenario(url: str) -> tuple[float, int]:
        session, _, _ = await open_session(url, "formatie", timeout=120)
        session.ws.close()  # the tab is gone, no beacon
        closed = time.monotonic()
        status_at_half = 0
        while time.monotonic() - closed < WINDOW + 4 * CHECK:
            await asyncio.sleep(1)
            status = await kernel_status(url, session.kernel_id)
            if time.monotonic() - closed < WINDOW / 2:
                status_at_half = status
            if status == 404:
                return time.monotonic() - closed, status_at_half
        return float("inf"), status_at_half

    with voila_serving(f"--ClassroomKernelManager.disconnected_timeout={WINDOW}",
                       f"--ClassroomKernelManager.unclaimed_check_interval={CHECK}") as port, \
            nginx_serving(root, tmp_path / "nginx", port) as url:
        seconds, status_at_half = run_async(scenario(url))
    assert status_at_half == 200  # still there for a reload
    assert WINDOW <= seconds <= WINDOW + 2 * CHECK + 5, seconds


def test_production_frees_a_closed_page_within_150_s_but_not_within_a_minute() -> None:
    """voila.json's window (the value the test above runs with 15 s): a reload within a minute finds its
    kernel, and the slot is free within 150 s, counting the check interval."""
    import json

    from calculators.serving.kernels import ClassroomKernelManager

    config = json.loads((ROOT / "voila.json").read_text(encoding="utf-8"))["ClassroomKernelManager"]
    window = float(config["disconnected_timeout"])
    check = float(config.get("unclaimed_check_interval", ClassroomKernelManager.unclaimed_check_interval.default()))
    assert 60 <= window and window + check <= 150, (window, check)


async def page(url: str, source: str) -> tuple[int, str | None]:
    """GET formatie from ``source``: (status, kernel id or None)."""
    try:
        response = await AsyncHTTPClient().fetch(f"{url}/apps/voila/render/formatie.ipynb", network_interface=source,
                                                 request_timeout=120)
    except HTTPClientError as exc:
        return exc.code, None
    found = KERNEL_ID.search(response.body.decode("utf-8", "replace"))
    return 200, found.group(1) if found else None


async def websocket(url: str, kernel_id: str, source: str) -> WebSocketClientConnection | int:
    """Open the kernel's websocket from ``source``: the connection, or the HTTP status of the refusal."""
    ws_url = "ws" + url[len("http"):] + f"/apps/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4()}"
    try:
        return await websocket_connect(HTTPRequest(ws_url, network_interface=source), subprotocols=[SUBPROTOCOL])
    except HTTPClientError as exc:
        return int(exc.code)


def test_websockets_are_limited_per_kernel_address_and_block(voila_port: int, tmp_path: Path) -> None:
    root = tmp_path / "html"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>x</title>\n", encoding="utf-8")

    async def scenario(url: str) -> list[object]:
        kernels, sockets, seen = [], [], []
        try:
            for source in ("127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.4"):
                status, kernel = await page(url, source)
                assert status == 200 and kernel, status
                kernels.append(kernel)
            a, b, c, d = kernels

            async def attempt(kernel_id: str, source: str) -> object:
                result = await websocket(url, kernel_id, source)
                if isinstance(result, int):
                    return result
                sockets.append(result)
                return "open"

            seen.append(await attempt(a, "127.0.0.2"))   # open (kernel a: 1, address .2: 1, block: 1)
            seen.append(await attempt(a, "127.0.0.2"))   # 429: a second websocket to kernel a
            seen.append(await attempt(b, "127.0.0.2"))   # open (address .2: 2, block: 2)
            seen.append(await attempt(c, "127.0.0.2"))   # 429: a third from address .2
            seen.append(await attempt(c, "127.0.0.3"))   # open (block 127.0.0: 3)
            seen.append(await attempt(d, "127.0.0.4"))   # 429: a fourth from the block, a new address
            seen.append(await attempt(d, "127.0.1.4"))   # open: another block
        finally:
            for ws in sockets:
                ws.close()
            for kernel in kernels:
                await _shutdown(url, "/apps/", kernel)
        return seen

    with nginx_serving(root, tmp_path / "nginx", voila_port, ws_per_kernel=1, ws_per_address=2, ws_per_block=3) as url:
        seen = run_async(scenario(url))
    assert seen == ["open", 429, "open", 429, "open", 429, "open"]


def test_app_pages_are_limited_per_address_block(voila_port: int, tmp_path: Path) -> None:
    """One page a minute after a burst of two, per /24: the fourth page from a fourth address of the
    same block is refused (429, Dutch page), a page from another block is not."""
    root = tmp_path / "html"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>x</title>\n", encoding="utf-8")

    async def scenario(url: str) -> list[int]:
        statuses, kernels = [], []
        try:
            for source in ("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.2.5"):
                status, kernel = await page(url, source)
                statuses.append(status)
                if kernel:
                    kernels.append(kernel)
        finally:
            for kernel in kernels:
                await _shutdown(url, "/apps/", kernel)
        return statuses

    with nginx_serving(root, tmp_path / "nginx", voila_port, app_rate="1r/m", app_burst=2) as url:
        statuses = run_async(scenario(url))
    assert statuses == [200, 200, 200, 429, 200]


class _Echo(WebSocketHandler):
    """Stands in for a kernel's websocket: accepts and holds every connection."""

    def check_origin(self, origin: str) -> bool:
        return True

    def select_subprotocol(self, subprotocols: list[str]) -> str | None:
        return subprotocols[0] if subprotocols else None


def test_the_eleventh_websocket_from_one_address_is_refused_by_default(tmp_path: Path) -> None:
    """nginx with render()'s default limits in front of a stand-in that holds websockets (no kernels
    needed: nginx counts the open connections): one address gets 10, the 11th is refused with 429,
    another address still gets one; WS_PER_ADDRESS raises it for a class behind one address."""
    root = tmp_path / "html"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>x</title>\n", encoding="utf-8")
    upstream = free_port()

    async def scenario(url: str, attempts: list[str]) -> list[object]:
        server = Application([(r"/apps/api/kernels/[0-9a-f-]+/channels", _Echo)]).listen(upstream, "127.0.0.1")
        sockets, seen = [], []
        try:
            for source in attempts:
                result = await websocket(url, str(uuid.uuid4()), source)  # a kernel of its own each time
                if isinstance(result, int):
                    seen.append(result)
                else:
                    sockets.append(result)
                    seen.append("open")
        finally:
            for ws in sockets:
                ws.close()
            server.stop()
        return seen

    attempts = ["127.0.0.2"] * 11 + ["127.0.0.3"]
    with nginx_serving(root, tmp_path / "nginx", upstream) as url:
        seen = run_async(scenario(url, attempts))
    assert seen == ["open"] * 10 + [429, "open"]

    # the command line (serve.sh) takes WS_PER_ADDRESS
    done = subprocess.run([sys.executable, str(ROOT / "deploy" / "render_nginx.py"), "--root", str(root), "--state",
                           str(tmp_path / "cli"), "--voila-port", str(upstream)], capture_output=True, text=True,
                          env={**os.environ, "WS_PER_ADDRESS": "30"}, check=True, cwd=ROOT)
    assert "limit_conn wsaddress 30;" in Path(done.stdout.strip()).read_text(encoding="utf-8")
    refused = subprocess.run([sys.executable, str(ROOT / "deploy" / "render_nginx.py"), "--root", str(root),
                              "--state", str(tmp_path / "cli"), "--ws-per-address", "0"], capture_output=True,
                             text=True, check=False, cwd=ROOT)
    assert refused.returncode == 2 and "ws_per_address must be" in refused.stderr
