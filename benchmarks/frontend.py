"""Benchmark what the browser loads and runs before a Voila app's inputs work (measured, not a test).

Serves the apps as in production: Voila (voila.json, preheated kernel pool) behind nginx with
deploy/nginx.conf.template (a tiny folder as the book root: no book build needed), and opens
each app in Debian's chromium via Playwright. Records, per app:
  - every request of one cold-cache visit: URL, resource type, bytes on the wire and decoded,
    served from the browser cache or not, Content-Encoding, Cache-Control; the JavaScript
    chunks and the federated labextensions that were loaded;
  - time to usable inputs (the result sentence, role=status, is visible) from the preheated
    pool with a cold browser cache (a fresh browser context per visit) and with a warm one
    (one context that has seen the page before), p50/p95 over --visits visits each;
  - for the warm visits, where the time goes (median over the visits, ms since navigation
    start): HTML first byte and complete, DOMContentLoaded, last script loaded, kernel
    websocket opened, cells shown, result sentence shown.

Visits are --gap seconds apart and go round the apps in turn, so each app's pool (two
kernels) has refilled before its next visit. With --baseline GIT_REF the same is measured, in
the same run and interleaved visit by visit (so both see the same machine load), for that
commit (its voila.json, template and nginx.conf.template, from `git archive`); the working
tree's figures go under --label, the baseline's under --baseline-label. Other labels already
in --out are kept.

Usage: python benchmarks/frontend.py --baseline 2a74345 [--visits 10] [--gap 6]
       [--label after] [--baseline-label before] [--out benchmarks/results/frontend.json]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, free_port, stop_all, wait_for  # noqa: E402

APPS = ["formatie", "terugverdienen", "verwijsaandeel"]
TIMEOUT_MS = 120_000

# Marks the moments the page itself can see, in performance.now() ms since navigation start.
PROBE = """
(() => {
  const marks = window.__frontendMarks = {};
  const NativeWS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new NativeWS(...args);
    if (marks.ws_created === undefined) marks.ws_created = performance.now();
    ws.addEventListener('open', () => { if (marks.ws_open === undefined) marks.ws_open = performance.now(); });
    return ws;
  };
  window.WebSocket.prototype = NativeWS.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const check = () => {
    const cells = document.getElementById('rendered_cells');
    if (marks.cells_shown === undefined && cells && cells.style.display !== 'none') marks.cells_shown = performance.now();
    const status = document.querySelector('[role=status]');
    if (marks.status_shown === undefined && status && status.offsetParent !== null) marks.status_shown = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def last(times: list[float]) -> str:
    return f"{times[-1]:.2f}" if times else "–"


def summary(times: list[float]) -> dict:
    if not times:
        return {"n": 0, "p50_s": None, "p95_s": None, "max_s": None}
    return {"n": len(times), "p50_s": round(statistics.median(times), 2), "p95_s": round(percentile(times, 0.95), 2),
            "max_s": round(max(times), 2)}


class Recorder:
    """Every network request of one page, from the DevTools protocol (which, unlike Playwright's
    own events, says whether a response came from the browser cache and how many bytes it took)."""

    def __init__(self) -> None:
        self.requests: dict[str, dict] = {}

    async def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        cdp = await page.context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        await cdp.send("Network.enable")

    def _sent(self, e: dict) -> None:
        self.requests[e["requestId"]] = {"url": e["request"]["url"], "type": e.get("type", ""), "transferred": 0,
                                         "decoded": 0, "from_cache": False, "status": None,
                                         "content_encoding": None, "cache_control": None}

    def _response(self, e: dict) -> None:
        r = self.requests.get(e["requestId"])
        if r is None:
            return
        resp = e["response"]
        headers = {k.lower(): v for k, v in resp.get("headers", {}).items()}
        r.update(status=resp.get("status"), type=e.get("type", r["type"]),
                 content_encoding=headers.get("content-encoding"), cache_control=headers.get("cache-control"),
                 from_cache=r["from_cache"] or bool(resp.get("fromDiskCache")) or bool(resp.get("fromPrefetchCache")))

    def _from_cache(self, e: dict) -> None:
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]]["from_cache"] = True

    def _data(self, e: dict) -> None:
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]]["decoded"] += e.get("dataLength", 0)

    def _finished(self, e: dict) -> None:
        if e["requestId"] in self.requests:
            self.requests[e["requestId"]]["transferred"] = int(e.get("encodedDataLength", 0))

    def table(self, base: str) -> list[dict]:
        out = []
        for r in self.requests.values():
            if r["url"].startswith("data:"):
                continue
            out.append({**r, "url": r["url"].removeprefix(base)})
        return out


def digest(requests: list[dict]) -> dict:
    """Totals over one visit's requests, and the JS chunks and labextensions among them."""
    scripts = [r for r in requests if r["type"] == "Script"]
    labext = sorted({"/".join(urlsplit(r["url"]).path.split("/labextensions/")[1].split("/")[:2]).split("/static")[0]
                     for r in requests if "/labextensions/" in r["url"]})
    return {
        "requests": len(requests),
        "transferred_kib": round(sum(r["transferred"] for r in requests) / 1024, 1),
        "decoded_kib": round(sum(r["decoded"] for r in requests) / 1024, 1),
        "from_cache": sum(r["from_cache"] for r in requests),
        "js_chunks": len(scripts),
        "js_transferred_kib": round(sum(r["transferred"] for r in scripts) / 1024, 1),
        "js_decoded_kib": round(sum(r["decoded"] for r in scripts) / 1024, 1),
        "js_gzip": sum(1 for r in scripts if r["content_encoding"] == "gzip"),
        "labextensions": labext,
    }


async def visit(context, url: str, record: bool = False):  # type: ignore[no-untyped-def]
    """One visit in ``context``: (seconds to usable inputs, page marks, recorder or None)."""
    page = await context.new_page()
    await page.add_init_script(PROBE)
    cdp = await context.new_cdp_session(page)
    await cdp.send("Performance.enable")
    recorder = Recorder() if record else None
    if recorder:
        await recorder.attach(page)
    start = time.perf_counter()
    await page.goto(url, timeout=TIMEOUT_MS)
    await page.get_by_role("status").wait_for(timeout=TIMEOUT_MS)
    elapsed = time.perf_counter() - start
    await page.wait_for_timeout(300)  # let the last responses finish for the record
    marks = await page.evaluate("""() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const scripts = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'script');
      return {...window.__frontendMarks, html_first_byte: nav.responseStart, html_done: nav.responseEnd,
              dom_content_loaded: nav.domContentLoadedEventEnd, load_event: nav.loadEventEnd,
              last_script_loaded: scripts.length ? Math.max(...scripts.map(e => e.responseEnd)) : null};
    }""")
    metrics = {m["name"]: m["value"] for m in (await cdp.send("Performance.getMetrics"))["metrics"]}
    for name, key in (("ScriptDuration", "main_thread_script"), ("TaskDuration", "main_thread_busy"),
                      ("RecalcStyleDuration", "main_thread_style"), ("LayoutDuration", "main_thread_layout")):
        marks[key] = metrics.get(name, 0) * 1000  # seconds of main-thread work up to now
    marks["playwright_elapsed"] = elapsed * 1000
    await page.close(run_before_unload=True)  # as a closed tab: Voila shuts the kernel down
    return elapsed, marks, recorder


async def measure(args: argparse.Namespace, bases: dict[str, str]) -> dict[str, dict]:
    """Visits to every variant (label -> base URL), interleaved so that each sees the same load."""
    out: dict[str, dict] = {label: {"apps": {}} for label in bases}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        warm_contexts = {(label, app): await browser.new_context() for label in bases for app in APPS}
        cold = {key: [] for key in warm_contexts}
        warm = {key: [] for key in warm_contexts}
        warm_marks: dict[tuple[str, str], list[dict]] = {key: [] for key in warm_contexts}
        errors = {key: 0 for key in warm_contexts}
        for kind in ("cold_visit", "warm_visit"):  # the first visit fills each warm context's cache
            for app in APPS:
                for label, base in bases.items():
                    _, _, rec = await visit(warm_contexts[label, app], f"{base}/apps/voila/render/{app}.ipynb",
                                            record=True)
                    requests = rec.table(base)
                    entry = out[label]["apps"].setdefault(app, {})
                    entry[kind] = digest(requests)
                    entry[kind.replace("_visit", "_requests")] = requests
                    await asyncio.sleep(args.gap)
        for i in range(args.visits):
            for app in APPS:
                # alternate the order, so that no variant or cache state always comes first
                labels = list(bases) if i % 2 == 0 else list(bases)[::-1]
                kinds = ("cold", "warm") if (i // 2) % 2 == 0 else ("warm", "cold")
                for kind in kinds:
                    for label in labels:
                        url = f"{bases[label]}/apps/voila/render/{app}.ipynb"
                        try:
                            if kind == "cold":
                                context = await browser.new_context()
                                try:
                                    elapsed, _, _ = await visit(context, url)
                                finally:
                                    await context.close()
                                cold[label, app].append(elapsed)
                            else:
                                elapsed, marks, _ = await visit(warm_contexts[label, app], url)
                                warm[label, app].append(elapsed)
                                warm_marks[label, app].append(marks)
                        except PlaywrightTimeoutError:  # never usable within TIMEOUT_MS: counted, not timed
                            errors[label, app] += 1
                            for page in warm_contexts[label, app].pages:
                                await page.close()
                        await asyncio.sleep(args.gap)
            print(f"round {i + 1}/{args.visits}: " + "; ".join(
                f"{label} {app} cold {last(cold[label, app])} warm {last(warm[label, app])}"
                for label in bases for app in APPS), flush=True)
        for label in bases:
            for app in APPS:
                marks = warm_marks[label, app]
                keys = sorted({k for m in marks for k in m})
                out[label]["apps"][app].update(
                    pooled_cold_cache=summary(cold[label, app]), pooled_warm_cache=summary(warm[label, app]),
                    timeouts=errors[label, app],
                    warm_timeline_ms={k: round(statistics.median([m[k] for m in marks if m.get(k) is not None]))
                                      for k in keys if any(m.get(k) is not None for m in marks)})
            out[label]["all_apps"] = {
                "pooled_cold_cache": summary([t for a in APPS for t in cold[label, a]]),
                "pooled_warm_cache": summary([t for a in APPS for t in warm[label, a]])}
        await browser.close()
    return out


def start_voila(tree: Path, extra: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    """Voila for the checkout at ``tree`` (its voila.json, template and calculators)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(tree), "JUPYTER_PATH": str(tree / "share" / "jupyter"),
           "JUPYTER_CONFIG_PATH": str(tree / "etc" / "jupyter")}
    cmd = [str(Path(sys.executable).parent / "voila"), "calculators/", "--no-browser", f"--port={port}",
           "--Voila.base_url=/apps/", *extra]
    proc = subprocess.Popen(cmd, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(f"http://127.0.0.1:{port}/apps/", proc)
    return proc, port


def start_nginx(tree: Path, root: Path, state: Path, voila_port: int) -> tuple[subprocess.Popen[bytes], str]:
    """nginx from ``tree``'s deploy/nginx.conf.template in front of ``voila_port``. The page rate
    limit is raised: the benchmark opens far more pages than one visitor would."""
    spec = importlib.util.spec_from_file_location(f"render_nginx_{abs(hash(tree))}",
                                                  tree / "deploy" / "render_nginx.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    port = free_port()
    conf = module.render(root, state, port, voila_port, app_rate="600r/m", app_burst=200)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(state), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/", proc)
    wait_for(f"{base}/apps/voila/static/voila.js")
    return proc, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--label", default="after", help="key in --out for the working tree's figures")
    parser.add_argument("--baseline", default=None, metavar="GIT_REF",
                        help="also measure this commit (git archive of it), interleaved, under --baseline-label")
    parser.add_argument("--baseline-label", default="before")
    parser.add_argument("--visits", type=int, default=10, help="pooled visits per app and cache state")
    parser.add_argument("--gap", type=float, default=6.0, help="seconds between visits (pool refill)")
    parser.add_argument("--warmup", type=float, default=45.0, help="seconds for the pools to fill at start")
    parser.add_argument("--voila-arg", action="append", default=[], help="extra Voila option for the working tree")
    parser.add_argument("--note", default="", help="what this run measured (kept in --out)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "frontend.json")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            trees = {args.label: ROOT}
            if args.baseline:
                tree = Path(tmp) / "baseline"
                tree.mkdir()
                archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, check=True, capture_output=True)
                subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
                trees = {args.baseline_label: tree, **trees}
            root = Path(tmp) / "html"
            root.mkdir()
            (root / "index.html").write_text("<!doctype html><title>frontend benchmark</title>\n", encoding="utf-8")
            bases = {}
            for label, tree in trees.items():
                voila, voila_port = start_voila(tree, args.voila_arg if tree == ROOT else [])
                procs.append(voila)
                nginx, bases[label] = start_nginx(tree, root, Path(tmp) / f"state-{label}", voila_port)
                procs.append(nginx)
            time.sleep(args.warmup)  # let every pool fill
            reports = asyncio.run(measure(args, bases))
    finally:
        stop_all(procs)
    results = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    for label, report in reports.items():
        report.update(tree=args.baseline if label == args.baseline_label and args.baseline else "working tree",
                      interleaved_with=[other for other in reports if other != label], note=args.note,
                      visits=args.visits, gap_s=args.gap, voila_args=args.voila_arg if label == args.label else [],
                      load_average_before=load_before, load_average_after=os.getloadavg()[0],
                      measured=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), cpus=os.cpu_count())
        results[label] = report
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    for label, report in reports.items():
        brief = {app: {k: v for k, v in entry.items() if not k.endswith("_requests")}
                 for app, entry in report["apps"].items()}
        print(label, json.dumps({"apps": brief, "all_apps": report["all_apps"]}, indent=1))


if __name__ == "__main__":
    main()
