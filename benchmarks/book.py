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
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import CHROMIUM_ARGS, draw_all_charts, free_port, nginx_serving, toc_pages  # noqa: E402

JB = str(Path(sys.executable).parent / "jupyter-book")
HTML = ROOT / "book" / "_build" / "html"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def measure_pages() -> list[dict]:
    state = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    out = []
    try:
        with nginx_serving(HTML, state, free_port()) as site, sync_playwright() as p:  # no Voila needed
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name in toc_pages():
                context = browser.new_context()  # empty cache per page: the worst case
                page = context.new_page()
                page.goto(f"{site}/{name}.html", wait_until="load")
                page.wait_for_timeout(300)  # let late resources (fonts) finish and be counted
                timing = page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    const res = performance.getEntriesByType('resource');
                    return {load: nav.loadEventEnd, bytes: nav.transferSize + res.reduce((a, r) => a + r.transferSize, 0),
                            requests: res.length + 1};
                }""")
                draw_all_charts(page)  # then read the whole page: the Vega bundle fetched where needed
                all_bytes = page.evaluate("""() => performance.getEntriesByType('navigation')[0].transferSize
                    + performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0)""")
                out.append({"page": name, "bytes": timing["bytes"], "bytes_all_charts": all_bytes,
                            "requests": timing["requests"], "load_ms": round(timing["load"])})
                context.close()
            browser.close()
    finally:
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
