"""Logs without kernel ids, not readable by everyone (issue 22, item 4): nginx's access log and
Voila's log keep the first 8 digits of a kernel id only; nginx's log files are mode 0640."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from calculators.serving.logs import RedactKernelIds, redact

from conftest import ROOT, VENV_BIN, free_port, nginx_serving, run_async, wait_for

sys.path.insert(0, str(ROOT / "benchmarks"))
from voila_client import close, open_session  # noqa: E402

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_redact_keeps_eight_digits() -> None:
    assert redact("Kernel started: 26f6f613-944a-4c39-94d5-a8750974e2c6, again 26F6F613-944A-4C39-94D5-A8750974E2C6") \
        == "Kernel started: 26f6f613…, again 26F6F613…"
    assert redact("no id: 26f6f613-944a") == "no id: 26f6f613-944a"


def test_the_filter_rewrites_the_record_and_keeps_it() -> None:
    import logging

    record = logging.LogRecord(
        "Voila", logging.INFO, __file__, 1, "Kernel started: %s", ("0" * 8 + "-1111-2222-3333-" + "4" * 12,), None
    )
    assert RedactKernelIds().filter(record) is True
    assert record.getMessage() == "Kernel started: 00000000…"


@pytest.mark.slow
def test_nginx_access_log_has_no_kernel_ids_and_is_not_world_readable(voila_port: int, tmp_path: Path) -> None:
    root = tmp_path / "html"
    root.mkdir()
    (root / "index.html").write_text("<!doctype html><title>x</title>\n", encoding="utf-8")
    state = tmp_path / "nginx"

    async def visit(url: str) -> str:
        session, _, _ = await open_session(url, "formatie", timeout=120)
        await close(session)  # the websocket and the shutdown beacon, both with the id in the path
        return session.kernel_id

    with nginx_serving(root, state, voila_port) as url:
        kernel_id = run_async(visit(url))
    log = (state / "nginx-access.log").read_text(encoding="utf-8")
    assert f'/apps/api/kernels/{kernel_id[:8]}.../channels HTTP/1.1" 101' in log, log[-2000:]
    assert f"/apps/voila/api/shutdown/{kernel_id[:8]}... " in log, log[-2000:]
    assert kernel_id not in log and "session_id" not in log
    for name in ("nginx-access.log", "nginx-error.log"):
        assert (state / name).stat().st_mode & 0o777 == 0o640, name


@pytest.mark.slow
def test_voila_logs_kernel_ids_cut_short(tmp_path: Path) -> None:
    """A Voila with the repository's voila.json: 'Kernel started: 1234abcd…', never the whole id."""
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
        "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter"),
    }
    log = tmp_path / "voila.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                str(VENV_BIN / "voila"),
                "calculators/",
                "--no-browser",
                f"--port={port}",
                "--Voila.base_url=/apps/",
                "--VoilaConfiguration.preheat_kernel=False",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/apps/voila/static/voila.js", proc)
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/apps/voila/render/formatie.ipynb", timeout=120
            ) as page:
                kernel_id = UUID.search(page.read().decode("utf-8")).group(0)  # type: ignore[union-attr]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert f"Kernel started: {kernel_id[:8]}…" in text, text[-2000:]
    assert not UUID.search(text), UUID.findall(text)
