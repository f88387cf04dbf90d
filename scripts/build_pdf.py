"""Build the PDF edition of the handbook from the built HTML, offline.

Debian's chromium (driven by Playwright) prints every page of the book in table-of-
contents order with the print stylesheet (book/_static/handboek.css hides navigation
and sliders); pypdf merges the pages into one file with a bookmark per chapter.
Output: book/_build/html/_static/handboek-poh-jeugd.pdf (linked from the home page).

Usage: python scripts/build_pdf.py [--html book/_build/html] [--out PATH]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import shutil
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader, PdfWriter

ROOT = Path(__file__).resolve().parents[1]
PDF_NAME = "handboek-poh-jeugd.pdf"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def page_order() -> list[str]:
    """intro, then every file of book/_toc.yml in order."""
    toc = (ROOT / "book" / "_toc.yml").read_text(encoding="utf-8")
    return ["intro", *re.findall(r"file: (\S+)", toc)]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the base class
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(html: Path, out: Path) -> tuple[int, float]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise SystemExit("build_pdf: chromium is not installed (run scripts/setup.sh)")
    start = time.monotonic()
    server, base = serve(html)
    writer = PdfWriter()
    tmp = out.parent / ".pdf-parts"
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.emulate_media(media="print")
            for name in page_order():
                page.goto(f"{base}/{name}.html", wait_until="load")
                # charts and calculators are drawn by the self-hosted Vega bundle: wait for their SVG
                page.wait_for_function(
                    "Array.from(document.querySelectorAll('.vega-grafiek')).every(d => d.querySelector('svg'))",
                    timeout=20_000)
                title = page.locator("h1").first.inner_text().replace("#", "").strip()
                part = tmp / (name.replace("/", "_") + ".pdf")
                page.pdf(path=str(part), format="A4", print_background=True,
                         margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
                first = len(writer.pages)
                for pdf_page in PdfReader(part).pages:
                    writer.add_page(pdf_page)
                writer.add_outline_item(title=title, page_number=first)
            browser.close()
    finally:
        server.shutdown()
    writer.add_metadata({"/Title": "Handboek POH-Jeugd", "/Author": "Team Handboek POH-Jeugd", "/Lang": "nl"})
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    shutil.rmtree(tmp, ignore_errors=True)
    return len(writer.pages), time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=Path, default=ROOT / "book" / "_build" / "html")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not (args.html / "intro.html").is_file():
        sys.exit(f"build_pdf: no built book in {args.html} (run jupyter-book build book first)")
    out = args.out or args.html / "_static" / PDF_NAME
    pages, seconds = build(args.html, out)
    print(f"build_pdf: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {pages} pages, "
          f"{out.stat().st_size // 1024} KiB, {seconds:.1f} s")


if __name__ == "__main__":
    main()
