"""Benchmark the Voila calculator apps on loopback (measured, not a pass/fail test).

Measures, per app, with Debian's chromium via Playwright:
  - time from request to usable inputs (the result sentence is shown), cold (no kernel
    pool: every visit starts a kernel) and with the preheated pool of voila.json;
  - widget round-trip latency: type a value, press Enter, until the result changes (p50/p95);
  - 20 concurrent sessions: errors, p95 time to inputs, memory per kernel (RSS).

Sequential pooled visits are --gap seconds apart: the pool holds two kernels per app and
needs a few seconds to refill one. The 20 concurrent sessions exceed the pool on purpose.

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
from playwright.async_api import async_playwright

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


async def round_trips(browser, url: str, app: str, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    page = await browser.new_page()
    await page.goto(url)
    status = page.get_by_role("status")
    await status.wait_for(timeout=120_000)
    field = page.get_by_label(FIRST_FIELD[app], exact=True)
    out = []
    for i in range(samples):
        before = await status.inner_text()
        await field.fill(VALUES[app][i % 2])
        start = time.perf_counter()
        await field.press("Enter")
        await page.wait_for_function("([t]) => document.querySelector('[role=status]').innerText !== t", arg=[before],
                                     timeout=30_000)
        out.append(time.perf_counter() - start)
    await page.close(run_before_unload=True)
    return out


def kernel_memory(voila: subprocess.Popen[bytes]) -> list[float]:
    """RSS in MiB of every kernel started by this Voila server."""
    return [c.memory_info().rss / 2**20 for c in psutil.Process(voila.pid).children(recursive=True)
            if "ipykernel" in " ".join(c.cmdline())]


async def concurrent(browser, url: str, sessions: int, voila: subprocess.Popen[bytes]):  # type: ignore[no-untyped-def]
    """Open ``sessions`` app pages at once; measure kernel memory while all are open, then close them."""
    async def one():  # type: ignore[no-untyped-def]
        try:
            return await open_app(browser, url)
        except Exception as exc:  # counted as an error, with its reason
            return f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"

    results = await asyncio.gather(*(one() for _ in range(sessions)))
    opened = [r for r in results if not isinstance(r, str)]
    memory = kernel_memory(voila)
    await asyncio.gather(*(close_app(page) for _, page in opened))
    return [t for t, _ in opened], [r for r in results if isinstance(r, str)], memory


async def main_async(args: argparse.Namespace) -> dict:
    report: dict = {"apps": {}, "machine": {"cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1)}}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for preheat in (False, True):
            voila, port = start_voila(preheat)
            try:
                for app in APPS:
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
                    ok, errors, memory = await concurrent(browser, url, args.sessions, voila)
                    report["concurrent"] = {
                        "sessions": args.sessions, "errors": len(errors), "error_reasons": sorted(set(errors)),
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
