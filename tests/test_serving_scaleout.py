"""Two Voila processes behind nginx on loopback, as deploy/README.md describes the scale-out:
pages go to either process, each page's kernel websocket reaches the process that owns the
kernel, a full process hands the page to the other one, and when both are at their kernel cap
the visitor gets the Dutch 'druk' page at once while the site stays responsive. Kernels whose
page never opened a websocket are culled within a minute (here: a few seconds)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets

from conftest import ROOT, VENV_BIN, free_port, nginx_serving, run_async, stop_all, wait_for

pytestmark = pytest.mark.slow

CAP = 2  # kernels per process
UNCLAIMED_SECONDS = 10
PAGE = "/apps/voila/render/formatie.ipynb"
BUSY = "De rekentools zijn even druk, probeer het over een minuut opnieuw."


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
           "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter")}
    tmp = tmp_path_factory.mktemp("scaleout")
    procs, ports = [], []
    for k in range(2):
        port = free_port()
        # no pool here, so that every page starts (and counts) exactly one kernel
        procs.append(subprocess.Popen(
            [str(VENV_BIN / "voila"), "calculators/", "--no-browser", f"--port={port}", "--Voila.base_url=/apps/",
             "--VoilaConfiguration.preheat_kernel=False", f"--ClassroomKernelManager.kernel_id_prefix={k}",
             f"--ClassroomKernelManager.max_kernels={CAP}",
             f"--ClassroomKernelManager.unclaimed_timeout={UNCLAIMED_SECONDS}",
             "--ClassroomKernelManager.unclaimed_check_interval=1"],
            cwd=ROOT, env=env, stdout=open(tmp / f"voila-{k}.log", "w"), stderr=subprocess.STDOUT))
        ports.append(port)
    html = tmp / "html"
    html.mkdir()
    (html / "index.html").write_text("<!doctype html><title>boek</title>", encoding="utf-8")
    try:
        for port, proc in zip(ports, procs, strict=True):
            wait_for(f"http://127.0.0.1:{port}/apps/voila/static/voila.js", proc)
        with nginx_serving(html, tmp / "nginx", ports) as base:
            yield base
    finally:
        stop_all(procs)


def get(url: str) -> tuple[int, str, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, response.read().decode("utf-8"), time.perf_counter() - start
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), time.perf_counter() - start


def kernel_id(page: str) -> str:
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page)
    assert found, "the app page names its kernel"
    return found.group(1)


async def kernel_info(base: str, kid: str) -> dict:
    """Ask the kernel for its info over its websocket, through nginx, as the page does."""
    url = base.replace("http://", "ws://") + f"/apps/api/kernels/{kid}/channels?session_id={uuid.uuid4()}"
    request = {"header": {"msg_id": str(uuid.uuid4()), "msg_type": "kernel_info_request", "session": str(uuid.uuid4()),
                          "username": "", "version": "5.3", "date": ""},
               "parent_header": {}, "metadata": {}, "content": {}, "channel": "shell", "buffers": []}
    async with websockets.connect(url, open_timeout=30) as ws:
        await ws.send(json.dumps(request))
        while True:
            reply = json.loads(await asyncio.wait_for(ws.recv(), 30))
            if reply["msg_type"] == "kernel_info_reply":
                return reply["content"]


def alive(base: str, kid: str) -> bool:
    status, _, _ = get(f"{base}/apps/api/kernels/{kid}")
    assert status in (200, 404)
    return status == 200


def test_pages_spread_over_both_processes_and_reach_their_own_kernel(two_processes: str) -> None:
    base = two_processes
    kids = []
    for visitor in range(2 * CAP):
        status, page, _ = get(base + PAGE)
        assert status == 200, page[:300]
        kids.append(kernel_id(page))
        if visitor < 2 * CAP - 1:  # the last visitor never opens the websocket (see below)
            # the websocket lands on the process that owns the kernel (elsewhere the id is unknown)
            info = run_async(kernel_info(base, kids[-1]))
            assert info["status"] == "ok" and info["implementation"] == "ipython"
    assert sorted(k[0] for k in kids) == ["0", "0", "1", "1"], kids  # a full process passed pages on

    # both processes at their cap: the Dutch page at once, with 503, and the site stays responsive
    status, page, seconds = get(base + PAGE)
    assert status == 503 and BUSY in page and seconds < 5, (status, page[:300], seconds)
    status, book, seconds = get(base + "/")
    assert status == 200 and "boek" in book and seconds < 2

    # the page that never opened its websocket loses its kernel within UNCLAIMED_SECONDS (+ a check)
    deadline = time.monotonic() + UNCLAIMED_SECONDS + 20
    while alive(base, kids[3]) and time.monotonic() < deadline:
        time.sleep(1)
    assert not alive(base, kids[3]), "an unclaimed kernel was not culled"
    assert all(alive(base, kid) for kid in kids[:3]), "a kernel with a websocket was culled"
    # its place is free again: the next visitor gets a page, from the process that had room
    status, page, _ = get(base + PAGE)
    assert status == 200 and kernel_id(page)[0] == kids[3][0]


def test_the_rendered_configuration_routes_kernels_by_prefix(tmp_path: Path) -> None:
    """The nginx map, as rendered for two processes, one per hex prefix (and one process: no map)."""
    import sys

    sys.path.insert(0, str(ROOT / "deploy"))
    from render_nginx import upstreams

    two = upstreams(["127.0.0.1:9000", "10.0.0.2:9000"])
    assert "server 127.0.0.1:9000 max_fails=0;" in two and "server 10.0.0.2:9000 max_fails=0;" in two
    assert "least_conn;" in two
    assert '"~^/apps/(api/kernels|voila/api/shutdown)/0" voila_0;' in two
    assert '"~^/apps/(api/kernels|voila/api/shutdown)/1" voila_1;' in two
    one = upstreams(["127.0.0.1:9000"])
    assert "default voila_0;" in one and "~^" not in one
    with pytest.raises(ValueError):
        upstreams([f"127.0.0.1:{9000 + k}" for k in range(17)])
