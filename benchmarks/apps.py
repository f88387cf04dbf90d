"""Benchmark the Voila calculator apps on loopback (measured, not a pass/fail test).

Measures, per app, with Debian's chromium via Playwright:
  - time from request to usable inputs (the result sentence is shown), cold (no kernel
    pool: every visit starts a kernel) and with the preheated pool of voila.json;
  - widget round-trip latency: type a value, press Enter, until the result changes (p50/p95);
  - 20 concurrent sessions: errors, p95 time to inputs, memory per kernel (RSS).

Sequential pooled visits are --gap seconds apart: the pool holds two kernels per app and
needs a few seconds to refill one. The 20 concurrent sessions arrive --arrival-gap seconds
apart (far more than the pool), stay open together, then all change an input at once.

Usage: python benchmarks/apps.py [--sessions 20] [--samples 30] [--visits 5] [--gap 10]
       [--out benchmarks/results/apps.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, free_port, wait_for  # noqa: E402

TIMEOUT_MS = 180_000  # a slow start counts in the times; only a page that never gets there is an error
APPS = ["formatie", "terugverdienen", "verwijsaandeel"]
FIRST_FIELD = {"formatie": "Aantal jeugdigen (0–17 jaar)", "terugverdienen": "Jaarkosten POH-J (optioneel)",
               "verwijsaandeel": "Jeugdhulpvragen via de huisarts per jaar"}
VALUES = {"formatie": ["20000", "5000"], "terugverdienen": ["100000", "50000"], "verwijsaandeel": ["2000", "1739"]}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def start_voila(preheat: bool) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter"),
           "JUPYTER_CONFIG_PATH": str(ROOT / "etc" / "jupyter")}
    cmd = [str(Path(sys.executable).parent / "voila"), "calculators/", "--no-browser", f"--port={port}"]
    if not preheat:
        cmd.append("--VoilaConfiguration.preheat_kernel=False")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/", proc)
    if preheat:
        time.sleep(float(os.environ.get("POOL_WARMUP_SECONDS", "45")))  # let every pool fill
    return proc, port


async def open_app(browser, url: str):  # type: ignore[no-untyped-def]
    """Open an app in a fresh browser context; (seconds to usable inputs, page)."""
    context = await browser.new_context()
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.get_by_role("status").wait_for(timeout=TIMEOUT_MS)
    return time.perf_counter() - start, page


async def close_app(page) -> None:  # type: ignore[no-untyped-def]
    await page.close(run_before_unload=True)  # as a closed tab: Voila shuts the kernel down
    await page.context.close()


async def time_to_inputs(browser, url: str) -> float:  # type: ignore[no-untyped-def]
    elapsed, page = await open_app(browser, url)
    await close_app(page)
    return elapsed


def reason(exc: Exception) -> str:
    """An error as one short line for the report."""
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"


async def change_input(page, app: str, value: str, timeout_ms: int) -> float:  # type: ignore[no-untyped-def]
    """Type ``value`` into the app's first field, press Enter; seconds until the sentence changes."""
    status = page.get_by_role("status")
    before = await status.inner_text()
    field = page.get_by_label(FIRST_FIELD[app], exact=True)
    await field.fill(value)
    start = time.perf_counter()
    await field.press("Enter")
    await page.wait_for_function("([t]) => document.querySelector('[role=status]').innerText !== t",
                                 arg=[before], timeout=timeout_ms)
    return time.perf_counter() - start


async def round_trips(browser, url: str, app: str, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    _, page = await open_app(browser, url)
    out = [await change_input(page, app, VALUES[app][i % 2], 30_000) for i in range(samples)]
    await close_app(page)
    return out


def kernel_memory(voila: subprocess.Popen[bytes]) -> list[float]:
    """RSS in MiB of every kernel started by this Voila server."""
    return [c.memory_info().rss / 2**20 for c in psutil.Process(voila.pid).children(recursive=True)
            if "ipykernel" in " ".join(c.cmdline())]


async def concurrent(browser, url: str, app: str, sessions: int, arrival_gap: float,  # type: ignore[no-untyped-def]
                     voila: subprocess.Popen[bytes]):
    """``sessions`` visitors arrive ``arrival_gap`` s apart and all keep the app open; then every
    one of them changes an input at the same moment. Kernel memory is read while all are open."""
    async def visit(delay: float):  # type: ignore[no-untyped-def]
        await asyncio.sleep(delay)
        try:
            return await open_app(browser, url)
        except Exception as exc:  # counted as an error, with its reason
            return reason(exc)

    async def change(page) -> float | str:  # type: ignore[no-untyped-def]
        try:
            return await change_input(page, app, VALUES[app][0], 60_000)
        except Exception as exc:
            return reason(exc)

    results = await asyncio.gather(*(visit(i * arrival_gap) for i in range(sessions)))
    opened = [r for r in results if not isinstance(r, str)]
    memory = kernel_memory(voila)
    changes = await asyncio.gather(*(change(page) for _, page in opened))
    await asyncio.gather(*(close_app(page) for _, page in opened))
    errors = [r for r in list(results) + list(changes) if isinstance(r, str)]
    return [t for t, _ in opened], [c for c in changes if isinstance(c, float)], errors, memory


async def main_async(args: argparse.Namespace) -> dict:
    from playwright.async_api import async_playwright  # here, not at the top: tests/test_burst.py imports this module

    memory_gib = round(psutil.virtual_memory().total / 2**30, 1)
    report: dict = {"apps": {}, "machine": {"cpus": os.cpu_count(), "memory_gib": memory_gib}}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        if args.concurrent_only:  # keep the per-app figures of the last full run
            report["apps"] = json.loads(args.out.read_text(encoding="utf-8"))["apps"]
        for preheat in ((True,) if args.concurrent_only else (False, True)):
            voila, port = start_voila(preheat)
            try:
                for app in ([] if args.concurrent_only else APPS):
                    url = f"http://127.0.0.1:{port}/voila/render/{app}.ipynb"
                    times = []
                    for _ in range(args.visits):
                        times.append(await time_to_inputs(browser, url))
                        if preheat:  # a visitor every few seconds: the pool refills in between
                            await asyncio.sleep(args.gap)
                    entry = report["apps"].setdefault(app, {})
                    entry["pooled" if preheat else "cold"] = {"p50_s": round(statistics.median(times), 2),
                                                             "p95_s": round(percentile(times, 0.95), 2)}
                    if preheat:
                        rt = await round_trips(browser, url, app, args.samples)
                        entry["round_trip"] = {"p50_ms": round(statistics.median(rt) * 1000),
                                               "p95_ms": round(percentile(rt, 0.95) * 1000)}
                    await asyncio.sleep(2)
                if preheat:
                    url = f"http://127.0.0.1:{port}/voila/render/formatie.ipynb"
                    ok, changes, errors, memory = await concurrent(browser, url, "formatie", args.sessions,
                                                                   args.arrival_gap, voila)
                    report["concurrent"] = {
                        "sessions": args.sessions, "arrival_gap_s": args.arrival_gap,
                        "errors": len(errors), "error_reasons": sorted(set(errors)),
                        "simultaneous_change_p95_ms": round(percentile(changes, 0.95) * 1000) if changes else None,
                        "p50_time_to_inputs_s": round(statistics.median(ok), 2) if ok else None,
                        "p95_time_to_inputs_s": round(percentile(ok, 0.95), 2) if ok else None,
                        "kernel_rss_mib_median": round(statistics.median(memory)) if memory else None,
                        "kernels": len(memory),
                    }
            finally:
                voila.terminate()
                voila.wait(timeout=30)
        await browser.close()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--concurrent-only", action="store_true",
                        help="measure only the concurrent sessions; keep the per-app figures in --out")
    parser.add_argument("--arrival-gap", type=float, default=3.0,
                        help="seconds between the concurrent sessions' arrivals (0: all at once)")
    parser.add_argument("--gap", type=float, default=10.0,
                        help="seconds between pooled visits (the pool refills a kernel in ~5 s)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "apps.json")
    args = parser.parse_args()
    report = asyncio.run(main_async(args))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
