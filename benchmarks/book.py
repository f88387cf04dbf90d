"""Performance budget of the handbook (measured, not a pass/fail test).

  - cold strict build with execution (jupyter-book clean --all; build --all -W -n);
  - no-change rebuild (build -W -n, nothing edited);
  - per page, served by nginx with deploy/nginx.conf.template on loopback and loaded with
    an empty browser cache: bytes transferred (compressed, all requests) at the load event and
    after every chart has been drawn (charts and the Vega bundle load when scrolled into view),
    and load time (navigation start to the load event).
Targets on the 2-core machine: cold build <= 120 s, rebuild <= 20 s, heaviest page <= 1.5 MB,
load <= 1 s.

Usage: python benchmarks/book.py [--skip-build] [--out benchmarks/results/book.json]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "deploy"))
from conftest import CHROMIUM_ARGS, free_port, wait_for  # noqa: E402
from render_nginx import render  # noqa: E402

JB = str(Path(sys.executable).parent / "jupyter-book")
HTML = ROOT / "book" / "_build" / "html"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def pages() -> list[str]:
    toc = (ROOT / "book" / "_toc.yml").read_text(encoding="utf-8")
    return ["intro", *re.findall(r"file: (\S+)", toc)]


def measure_pages() -> list[dict]:
    state = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    port = free_port()
    conf = render(HTML, state, port, free_port())
    nginx = subprocess.Popen([shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(state),
                              "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = []
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name in pages():
                context = browser.new_context()  # empty cache per page: the worst case
                page = context.new_page()
                page.goto(f"http://127.0.0.1:{port}/{name}.html", wait_until="load")
                page.wait_for_timeout(300)  # let late resources (fonts) finish and be counted
                timing = page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    const res = performance.getEntriesByType('resource');
                    return {load: nav.loadEventEnd, bytes: nav.transferSize + res.reduce((a, r) => a + r.transferSize, 0),
                            requests: res.length + 1};
                }""")
                # then read the whole page: every chart drawn, the Vega bundle fetched where needed
                page.evaluate("window.handboekRenderAll && window.handboekRenderAll()")
                page.wait_for_function(
                    "Array.from(document.querySelectorAll('.vega-grafiek')).every(d => d.querySelector('svg'))",
                    timeout=30_000)
                all_bytes = page.evaluate("""() => performance.getEntriesByType('navigation')[0].transferSize
                    + performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0)""")
                out.append({"page": name, "bytes": timing["bytes"], "bytes_all_charts": all_bytes,
                            "requests": timing["requests"], "load_ms": round(timing["load"])})
                context.close()
            browser.close()
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        shutil.rmtree(state, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-build", action="store_true", help="measure the pages of the existing build only")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "book.json")
    args = parser.parse_args()
    report: dict = {}
    if not args.skip_build:
        subprocess.run([JB, "clean", "--all", "book"], cwd=ROOT, check=True, capture_output=True)
        report["cold_build_s"] = round(timed([JB, "build", "book", "--all", "-W", "-n", "--keep-going"]), 1)
        report["rebuild_s"] = round(timed([JB, "build", "book", "-W", "-n", "--keep-going"]), 1)
    report["pages"] = measure_pages()
    heaviest = max(report["pages"], key=lambda r: r["bytes_all_charts"])
    slowest = max(report["pages"], key=lambda r: r["load_ms"])
    report["heaviest_page"] = {"page": heaviest["page"], "mb_at_load": round(heaviest["bytes"] / 1e6, 2),
                               "mb_all_charts": round(heaviest["bytes_all_charts"] / 1e6, 2)}
    report["slowest_page"] = {"page": slowest["page"], "load_ms": slowest["load_ms"]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "pages"}, indent=2))


if __name__ == "__main__":
    main()
