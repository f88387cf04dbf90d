"""Burst benchmark: N visitors open the same Voila app within T seconds, each changes an input once.

A load generator, not browsers: every visitor is a :mod:`voila_client` session that speaks what a
browser speaks (the page request, the kernel websocket, the widget messages), so 25 visitors cost
the machine almost nothing besides the server's own work. Visitor i arrives at i*T/N seconds,
opens the app (page, websocket, widget states), types its own value in the first field and waits
for the result sentence to change (an answer later than --timeout seconds after its arrival is an
error). Every page stays open until all visitors are done; then all close as a closed tab does
(Voila's shutdown beacon). Kernels and their memory are sampled every half second; the report has
the peak.

By default it starts its own stack as scripts/serve.sh does (Voila with the repository's
voila.json behind nginx with deploy/nginx.conf.template, an empty book root); --url targets a
running stack instead (give --voila-pid to have its kernels measured). --assets: every visitor
also fetches the front end's static files (about 100, recorded from one chromium visit first), as
a browser with an empty cache does; without it, as browsers that have them cached. Each visitor
connects from its own loopback address (127.0.0.2, ...), as 25 users at home do, so nginx's limits
per address apply to each; --one-address: all from one, as a class behind a school's router.

Usage: python benchmarks/burst.py [--sessions 25] [--spread 10] [--app formatie] [--timeout 120]
       [--processes 1] [--assets] [--one-address] [--pool 25] [--url http://127.0.0.1:8000 --voila-pid PID]
       [--out benchmarks/results/burst.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil
from tornado.httpclient import AsyncHTTPClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))
from apps import FIRST_FIELD, percentile  # noqa: E402
from conftest import VENV_BIN, free_port, stop_all, wait_for  # noqa: E402
from voila_client import VisitError, change_input, close, open_session  # noqa: E402

# What visitor i types in the first field, and a piece of the sentence that shows it got its own
# answer (the sentence repeats the number in Dutch format). Other apps: any changed sentence that
# is not an input or calculation message counts as an answer.
VALUES = {"formatie": lambda i: str(10_000 + 1_000 * i), "terugverdienen": lambda i: str(80_000 + 1_000 * i),
          "verwijsaandeel": lambda i: str(1_500 + 10 * i)}
ECHO = {"formatie": lambda v: f"met {int(v):,} jeugdigen".replace(",", ".")}
NOT_AN_ANSWER = ("Controleer de invoer", "Er ging iets mis")


def is_kernel(proc: psutil.Process) -> bool:
    try:
        return "ipykernel" in " ".join(proc.cmdline())
    except psutil.Error:
        return False


def kernels(voila_pids: list[int]) -> list[psutil.Process]:
    """The ipykernel processes started by the given Voila processes."""
    out = []
    for pid in voila_pids:
        try:
            out += [c for c in psutil.Process(pid).children(recursive=True) if is_kernel(c)]
        except psutil.Error:
            pass
    return out


def rss_mib(procs: list[psutil.Process]) -> list[float]:
    out = []
    for p in procs:
        try:
            out.append(p.memory_info().rss / 2**20)
        except psutil.Error:
            pass
    return out


@dataclass
class Stack:
    url: str                    # where a visitor's browser goes (nginx)
    voila_pids: list[int]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)


def wait_for_pool(voila_pids: list[int], settle: float = 10.0, timeout: float = 180.0) -> int:
    """Wait until the preheated kernels are started and idle (their number has not changed for
    ``settle`` seconds and they use little CPU); the number of kernels."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        procs = kernels(voila_pids)
        if len(procs) != last:
            last, since = len(procs), time.monotonic()
        elif last > 0 and time.monotonic() - since >= settle:
            busy = sum(p.cpu_percent(interval=None) for p in procs)
            time.sleep(1.0)
            busy = sum(p.cpu_percent(interval=None) for p in procs)
            if busy < 20:
                return last
        time.sleep(1.0)
    return last


def voila_command(port: int, k: int, processes: int, extra: tuple[str, ...] = ()) -> list[str]:
    """Voila process ``k`` of ``processes``, as scripts/serve.sh starts it: with several processes,
    process k names its kernels with the hex prefix k, which nginx routes on (deploy/README.md).
    ``extra``: further command-line options (e.g. a setting to compare against)."""
    prefix = [f"--ClassroomKernelManager.kernel_id_prefix={k:x}"] if processes > 1 else []
    return [str(VENV_BIN / "voila"), "calculators/", "--no-browser", f"--port={port}", "--Voila.base_url=/apps/",
            *prefix, *extra]


@contextmanager
def started_stack(processes: int = 1, extra: tuple[str, ...] = (), ws_per_address: int = 10) -> Iterator[Stack]:
    """Voila (as scripts/serve.sh starts it, with the repository's voila.json) behind nginx
    (deploy/nginx.conf.template), on loopback ports, with an empty book root; ``processes`` Voila
    processes behind one nginx, each page's kernel routed to its own process; ``extra``: further
    Voila options; ``ws_per_address``: nginx's limit of open kernel websockets per address (a
    burst from one address is a class behind a school's router, set up as for a training).
    """
    sys.path.insert(0, str(ROOT / "deploy"))
    from render_nginx import render

    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
           "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter")}
    procs: list[subprocess.Popen[bytes]] = []
    with tempfile.TemporaryDirectory(prefix="burst-") as tmp:
        try:
            voila_ports = [free_port() for _ in range(processes)]
            for k, port in enumerate(voila_ports):
                with open(Path(tmp) / f"voila-{k}.log", "wb") as log:
                    procs.append(subprocess.Popen(voila_command(port, k, processes, extra), cwd=ROOT, env=env,
                                                  stdout=log, stderr=subprocess.STDOUT))
            for port, proc in zip(voila_ports, procs, strict=True):
                wait_for(f"http://127.0.0.1:{port}/apps/", proc)
            root = Path(tmp) / "html"
            root.mkdir()
            (root / "index.html").write_text("<!doctype html><title>burst</title>\n", encoding="utf-8")
            port = free_port()
            conf = render(root, Path(tmp) / "nginx", port, voila_ports, ws_per_address=ws_per_address)
            procs.append(subprocess.Popen(["/usr/sbin/nginx", "-c", str(conf), "-p", str(Path(tmp) / "nginx"),
                                           "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            url = f"http://127.0.0.1:{port}"
            wait_for(f"{url}/apps/voila/static/voila.js", procs[-1])
            yield Stack(url, [p.pid for p in procs[:processes]], procs)
        finally:
            stop_all(procs)


class Sampler:
    """Kernels and their memory every ``interval`` seconds; keeps the sample with the most kernels
    (the largest total RSS among those) and the machine's highest CPU use and load."""

    def __init__(self, voila_pids: list[int], interval: float = 0.5) -> None:
        self.voila_pids, self.interval = voila_pids, interval
        self.peak: list[float] = []
        self.cpu: dict[int, list[float]] = {}  # pid -> [CPU seconds at its first sample, at its last]
        self.cpu_max = 0.0
        self.load_max = 0.0

    def sample_cpu(self, first: bool = False) -> None:
        """CPU time of the Voila processes and their kernels; a kernel started during the burst
        counts from zero, one that existed before from its first sample."""
        procs = [psutil.Process(pid) for pid in self.voila_pids if psutil.pid_exists(pid)]
        for proc in procs + kernels(self.voila_pids):
            try:
                t = proc.cpu_times()
            except psutil.Error:
                continue
            used = t.user + t.system  # not children_*: a reaped kernel would count twice
            self.cpu.setdefault(proc.pid, [used if first else 0.0, used])[1] = used

    def server_cpu_s(self) -> float:
        return sum(last - first for first, last in self.cpu.values())

    async def run(self) -> None:
        psutil.cpu_percent(interval=None)
        self.sample_cpu(first=True)
        while True:
            await asyncio.sleep(self.interval)
            self.sample_cpu()
            rss = rss_mib(kernels(self.voila_pids))
            if (len(rss), sum(rss)) > (len(self.peak), sum(self.peak)):
                self.peak = rss
            self.cpu_max = max(self.cpu_max, psutil.cpu_percent(interval=None))
            self.load_max = max(self.load_max, os.getloadavg()[0])


async def record_assets(url: str, app: str) -> list[str]:
    """The static files one chromium visit of ``app`` loads from the apps (paths, in order), for
    visitors with an empty cache; the visit's kernel is shut down afterwards."""
    from playwright.async_api import async_playwright

    from conftest import CHROMIUM_ARGS
    from voila_client import KERNEL_ID, _shutdown

    paths: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = await browser.new_page()
        page.on("requestfinished", lambda r: paths.append(r.url[len(url):])
                if r.method == "GET" and r.url.startswith(f"{url}/apps/voila/") and "/render/" not in r.url else None)
        response = await page.goto(f"{url}/apps/voila/render/{app}.ipynb", timeout=180_000)
        await page.get_by_role("status").wait_for(timeout=180_000)
        kernel = KERNEL_ID.search(await response.text()) if response else None
        await browser.close()
    if kernel:
        await _shutdown(url, "/apps/", kernel.group(1))
    return list(dict.fromkeys(paths))


def visitor_address(url: str, i: int, one_address: bool) -> str | None:
    """Visitor i's own loopback address (127.0.0.2, 127.0.0.3, ...), so that nginx's per-address
    limits see 25 users, not one; None (the system's choice) for one shared address or a remote URL."""
    host = urlsplit(url).hostname or ""
    if one_address or not host.startswith("127."):
        return None
    return f"127.0.{(i + 2) // 256}.{(i + 2) % 256}"


def reason(exc: VisitError, start: float, timeout: float) -> str:
    """The error's reason; a visit that ran out of its time (a step with no budget left, or an HTTP
    request tornado gave up on: 599) is reported as a timeout in the step it had reached."""
    text = str(exc)
    step = text.split(":")[0]
    if time.perf_counter() - start >= timeout - 1 or text.endswith("HTTP 599"):
        return f"timeout: no answer within {timeout:.0f} s of arrival (during {step})"
    return text


async def visit(i: int, arrival: float, url: str, app: str, timeout: float,
                assets: list[str] | None = None, source: str | None = None) -> tuple[dict[str, Any], Any]:
    """One visitor: (its record, its open session or None)."""
    await asyncio.sleep(arrival)
    start = time.perf_counter()
    value = VALUES[app](i)
    record: dict[str, Any] = {"visitor": i, "arrival_s": round(arrival, 2), "value": value}
    try:
        session, t_page, t_usable = await open_session(url, app, timeout=timeout, assets=assets, source=source)
    except VisitError as exc:
        record["error"] = reason(exc, start, timeout)
        return record, None
    record.update(page_s=t_page, usable_s=t_usable, kernel_id=session.kernel_id)
    try:
        record["round_trip_s"] = await change_input(session, FIRST_FIELD[app], value,
                                                    timeout=timeout - (time.perf_counter() - start))
        record["answer_s"] = time.perf_counter() - start
        sentence = session.status_text()
        record["sentence"] = sentence[:200]  # up to the formation in fte
        if sentence.startswith(NOT_AN_ANSWER):
            record["error"] = f"answer: a message instead of a result ({sentence[:60]})"
        elif app in ECHO and ECHO[app](value) not in sentence:
            record["error"] = f"answer: not this visitor's value {value}"
    except VisitError as exc:
        record["error"] = reason(exc, start, timeout)
    return record, session


async def kernels_alive(url: str, kernel_ids: list[str]) -> list[str]:
    """Which of these kernels the server still has (GET <prefix>api/kernels/<id>: 200 or 404)."""
    client = AsyncHTTPClient()
    codes = await asyncio.gather(*(client.fetch(f"{url}/apps/api/kernels/{k}", raise_error=False) for k in kernel_ids))
    return [k for k, r in zip(kernel_ids, codes, strict=True) if r.code != 404]


async def burst(url: str, app: str, sessions: int, spread: float, timeout: float,
                voila_pids: list[int], with_assets: bool = False, one_address: bool = False) -> dict[str, Any]:
    """Run the burst against ``url``; the report (without machine details). ``with_assets``: every
    visitor also loads the front end's static files, as a browser with an empty cache does.
    ``one_address``: all visitors come from one address (a class behind a school's router)."""
    assets = await record_assets(url, app) if with_assets else None
    if assets and voila_pids:  # the recording visit took a preheated kernel: let the pool refill
        await asyncio.to_thread(wait_for_pool, voila_pids)
    before = len(kernels(voila_pids))
    sampler = Sampler(voila_pids)
    sampling = asyncio.create_task(sampler.run())
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    results = await asyncio.gather(*(visit(i, i * spread / sessions, url, app, timeout, assets,
                                                visitor_address(url, i, one_address)) for i in range(sessions)))
    all_answered = time.perf_counter() - started
    await asyncio.gather(*(close(s) for _, s in results if s is not None))
    ids = [r["kernel_id"] for r, _ in results if "kernel_id" in r]
    alive = ids
    for _ in range(20):  # the server shuts a kernel down within a second or two of the beacon
        alive = await kernels_alive(url, ids)
        if not alive:
            break
        await asyncio.sleep(1.0)
    sampling.cancel()
    sampler.sample_cpu()
    records = [r for r, _ in results]
    errors = [r["error"] for r in records if "error" in r]

    def stats(key: str) -> dict[str, float | None]:
        values = [r[key] for r in records if key in r and "error" not in r]
        return {"p50_s": round(statistics.median(values), 2) if values else None,
                "p95_s": round(percentile(values, 0.95), 2) if values else None,
                "max_s": round(max(values), 2) if values else None}

    peak = sampler.peak
    return {
        "app": app, "sessions": sessions, "spread_s": spread, "timeout_s": timeout, "url": url,
        "assets_per_visitor": len(assets or []), "one_address": one_address,
        "errors": len(errors), "error_reasons": {e: errors.count(e) for e in sorted(set(errors))},
        "answered": sum(1 for r in records if "answer_s" in r and "error" not in r),
        "time_to_page": stats("page_s"), "time_to_usable": stats("usable_s"),
        "time_to_answer": stats("answer_s"), "round_trip": stats("round_trip_s"),
        "burst_wall_s": round(all_answered, 1),
        "kernels_before": before, "kernels_peak": len(peak) if voila_pids else None,
        "kernel_rss_mib_total_peak": round(sum(peak)) if peak else None,
        "kernel_rss_mib_median_peak": round(statistics.median(peak)) if peak else None,
        "session_kernels_left_after_close": len(alive),
        "kernels_after_close": len(kernels(voila_pids)) if voila_pids else None,
        "load_average_1min_before": round(load_before, 2), "load_average_1min_max": round(sampler.load_max, 2),
        "cpu_percent_max": round(sampler.cpu_max),
        # CPU seconds the Voila process(es) and kernels used from the first arrival until all closed:
        # the burst's work, whatever else ran on the machine (None without Voila pids)
        "server_cpu_s": round(sampler.server_cpu_s(), 1) if voila_pids else None,
        "visitors": [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()} for r in records],
    }


def machine(voila_pids: list[int], processes: int) -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "voila_processes": processes, "measured_voila_pids": len(voila_pids)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--spread", type=float, default=10.0, help="arrivals spread evenly over this many seconds")
    parser.add_argument("--app", default="formatie", choices=sorted(VALUES))
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds from arrival to the answer")
    parser.add_argument("--processes", type=int, default=1, help="Voila processes behind nginx (own stack)")
    parser.add_argument("--url", help="a running stack's base URL (nginx), instead of starting one")
    parser.add_argument("--voila-pid", type=int, action="append", default=[],
                        help="with --url: a Voila process whose kernels to measure (repeatable)")
    parser.add_argument("--assets", action="store_true",
                        help="every visitor also fetches the page's static files (recorded from one chromium visit)")
    parser.add_argument("--one-address", action="store_true",
                        help="all visitors from one address (a class behind one router), not one each")
    parser.add_argument("--pool", type=int, default=0,
                        help="own stack: keep this many kernels of --app ready (ClassroomKernelManager.app_pool)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "burst.json")
    args = parser.parse_args()

    def run(url: str, pids: list[int], processes: int) -> dict[str, Any]:
        report = asyncio.run(burst(url, args.app, args.sessions, args.spread, args.timeout, pids, args.assets,
                                   args.one_address))
        return {**report, "machine": machine(pids, processes), "command": " ".join(["python", *sys.argv])}

    processes = (len(args.voila_pid) or args.processes) if args.url else args.processes
    if args.url:
        report = run(args.url.rstrip("/"), args.voila_pid, processes)
    else:
        pool = (f"--ClassroomKernelManager.app_pool={args.pool}",
                f"--ClassroomKernelManager.pool_apps={args.app}") if args.pool else ()
        # one address for all: a training behind one router, served with WS_PER_ADDRESS=30
        with started_stack(processes, extra=pool, ws_per_address=30 if args.one_address else 10) as stack:
            # measure the preheated pool of voila.json (or --pool), as in production
            wait_for_pool(stack.voila_pids, timeout=180.0 + 15.0 * args.pool)
            report = run(stack.url, stack.voila_pids, processes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    # one entry per set-up: one or two Voila processes, with or without the static files, one
    # address for all or one each
    key = f"{processes}-process" + ("-assets" if args.assets else "") + ("-one-address" if args.one_address else "") \
        + (f"-pool-{args.pool}" if args.pool else "")
    existing[key] = report
    args.out.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {k: v for k, v in report.items() if k != "visitors"}
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
