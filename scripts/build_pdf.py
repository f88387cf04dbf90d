"""Build the PDF edition of the handbook from the built HTML, offline.

Debian's chromium (driven by Playwright) prints every page of the book in table-of-
contents order with the print stylesheet (book/_static/handboek.css hides navigation
and sliders); each chapter therefore starts on a new page. pypdf assembles the publication:

1. a title page (title, edition, date, publisher and logo from the house style, licences)
   and a colophon with the citation ('Zo citeert u dit handboek');
2. a printed table of contents with page numbers, computed after every part is printed;
3. the chapters, with the chapter title at the top and the page number at the bottom of
   every page (one overlay page per sheet, printed by chromium and merged by pypdf);
4. a bookmark per chapter and the edition in the document metadata.

Output: book/_build/html/_static/handboek-poh-jeugd-<edition>.pdf and the same file under the
stable name handboek-poh-jeugd.pdf (linked from the home page). With --out: that one file.

Usage: python scripts/build_pdf.py [--html book/_build/html] [--out PATH]
"""

from __future__ import annotations

import argparse
import base64
import functools
import html
import http.server
import mimetypes
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from calculators import edition, house_style  # noqa: E402

PDF_NAME = edition.PDF_STABLE_NAME  # kept for callers of the old constant
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
# room for the running head and the page number (printed by the overlay) above and below the text
MARGIN = {"top": "22mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
FRONT_PAGES_WITHOUT_NUMBER = 2  # title page and colophon


@dataclass
class Entry:
    page: str          # e.g. chapters/01-leeswijzer
    title: str         # the chapter's heading, e.g. '1. Leeswijzer'
    part: str          # caption of its part in _toc.yml ('' for the home page)
    number: str = ""   # chapter number as in the web edition's menu ('' for unnumbered pages)
    pages: int = 0     # printed pages
    start: int = 0     # number of its first page in the whole PDF

    @property
    def numbered_title(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


def toc_structure() -> list[tuple[str, str, str]]:
    """(page, part caption, chapter number): intro, then every file of book/_toc.yml in order.
    Numbered parts count on across parts (use_multitoc_numbering), as in the web edition."""
    toc = yaml.safe_load((ROOT / "book" / "_toc.yml").read_text(encoding="utf-8"))
    out, counter = [(toc["root"], "", "")], 0
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            number = ""
            if part.get("numbered"):
                counter += 1
                number = str(counter)
            out.append((chapter["file"], part.get("caption", ""), number))
    out += [(c["file"], "", "") for c in toc.get("chapters", [])]
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the base class
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


# --------------------------------------------------------------------------- generated pages

BASE_CSS = """
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #1a1a1a; }
.sheet { width: 210mm; height: 297mm; position: relative; overflow: hidden; page-break-after: always; }
.sheet:last-child { page-break-after: auto; }
"""


def _logo_html(style: house_style.HouseStyle) -> str:
    if style.logo is None:
        return ""
    mime = mimetypes.guess_type(style.logo.name)[0] or "image/svg+xml"
    data = base64.b64encode(style.logo.read_bytes()).decode("ascii")
    return f'<img class="logo" src="data:{mime};base64,{data}" alt="{html.escape(style.logo_alt)}">'


def front_matter_html(style: house_style.HouseStyle) -> str:
    """Title page and colophon (two A4 sheets)."""
    e = edition
    citation = html.escape(e.citation_apa(style.publisher, style.website or None)).replace(
        f"*{e.TITLE}*", f"<em>{html.escape(e.TITLE)}</em>")
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(e.TITLE)}</title>
<style>{BASE_CSS}
.title {{ padding: 60mm 25mm 0 25mm; }}
.title .band {{ height: 6mm; background: {style.colour}; margin-bottom: 18mm; }}
.title h1 {{ font-size: 34pt; margin: 0 0 6mm 0; color: {style.colour}; }}
.title .sub {{ font-size: 15pt; margin: 0 0 28mm 0; line-height: 1.35; }}
.title .edition {{ font-size: 16pt; font-weight: bold; margin: 0 0 3mm 0; }}
.title .date, .title .publisher {{ font-size: 12pt; margin: 0 0 3mm 0; }}
.title .logo {{ max-height: 22mm; max-width: 70mm; margin-top: 16mm; }}
.title .licence {{ position: absolute; left: 25mm; right: 25mm; bottom: 25mm; font-size: 9.5pt; line-height: 1.4; }}
.colophon {{ padding: 150mm 25mm 0 25mm; font-size: 9.5pt; line-height: 1.45; }}
.colophon h2 {{ font-size: 11pt; margin: 6mm 0 2mm 0; }}
.colophon p {{ margin: 0 0 2.5mm 0; }}
</style></head><body>
<section class="sheet title">
  <div class="band"></div>
  <h1>{html.escape(e.TITLE)}</h1>
  <p class="sub">Praktisch en onderbouwd handboek over de praktijkondersteuner huisarts jeugd,
     met rekentools voor gemeenten</p>
  <p class="edition">Editie {e.EDITION}</p>
  <p class="date">{e.date_nl()}</p>
  <p class="publisher">Uitgegeven door {html.escape(style.publisher)}</p>
  {_logo_html(style)}
  <p class="licence">Tekst en data: Creative Commons Naamsvermelding 4.0 ({e.TEXT_LICENSE}).
     Code van de rekentools: European Union Public Licence 1.2 ({e.CODE_LICENSE}).</p>
</section>
<section class="sheet colophon">
  <h2>Colofon</h2>
  <p>{html.escape(e.colophon())}.</p>
  <p>{html.escape(e.TITLE)}, editie {e.EDITION}, {e.date_nl()}. Auteurs: {html.escape(e.AUTHOR)}.
     Uitgever: {html.escape(style.publisher)}.{(' ' + html.escape(style.website)) if style.website else ''}</p>
  <p>U mag deze tekst en de data delen en bewerken, ook commercieel, als u de bron vermeldt, naar de
     licentie verwijst en aangeeft wat u hebt veranderd: {e.TEXT_LICENSE_URL}. De code valt onder de
     {e.CODE_LICENSE}: {e.CODE_LICENSE_URL}.</p>
  <p>Wat sinds een eerdere editie is verbeterd, staat in de bijlage 'Wijzigingen en correcties'.</p>
  <h2>Zo citeert u dit handboek</h2>
  <p>{citation}</p>
</section>
</body></html>"""


def toc_html(entries: list[Entry], style: house_style.HouseStyle) -> str:
    rows, part = [], None
    for entry in entries:
        if entry.part != part:
            part = entry.part
            if part:
                rows.append(f'<li class="part">{html.escape(part)}</li>')
        rows.append(f'<li><span class="nr">{entry.number}</span><span class="t">{html.escape(entry.title)}</span>'
                    f'<span class="dots"></span>'
                    f'<span class="n">{entry.start or "000"}</span></li>')
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Inhoud</title>
<style>
@page {{ size: A4; margin: {MARGIN['top']} 25mm {MARGIN['bottom']} 25mm; }}
body {{ margin: 0; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; }}
h1 {{ font-size: 20pt; color: {style.colour}; margin: 0 0 8mm 0; }}
ol {{ list-style: none; padding: 0; margin: 0; }}
li {{ display: flex; align-items: baseline; margin: 0 0 1.6mm 0; break-inside: avoid; }}
li.part {{ font-weight: bold; margin-top: 5mm; }}
.nr {{ flex: 0 0 8mm; }}
.t {{ flex: 0 1 auto; }}
.dots {{ flex: 1 1 auto; border-bottom: 1px dotted #777; margin: 0 2mm; transform: translateY(-1mm); }}
.n {{ flex: 0 0 auto; min-width: 8mm; text-align: right; font-variant-numeric: tabular-nums; }}
</style></head><body><h1>Inhoud</h1><ol>{''.join(rows)}</ol></body></html>"""


def overlay_html(heads: list[str], numbers: list[str], style: house_style.HouseStyle) -> str:
    """One A4 sheet per PDF page: running head (chapter title) at the top, page number at the bottom."""
    foot = html.escape(f"{edition.TITLE}, editie {edition.EDITION}")
    sheets = []
    for head, number in zip(heads, numbers, strict=True):
        if not number:
            sheets.append('<section class="sheet"></section>')
            continue
        sheets.append(f'<section class="sheet"><div class="head">{html.escape(head)}</div>'
                      f'<div class="foot"><span>{foot}</span><span class="num">{number}</span></div></section>')
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>{BASE_CSS}
.head {{ position: absolute; top: 9mm; left: 16mm; right: 16mm; font-size: 8.5pt; color: #444;
         border-bottom: 0.4pt solid {style.colour}; padding-bottom: 1.5mm; white-space: nowrap; overflow: hidden;
         text-overflow: ellipsis; }}
.foot {{ position: absolute; bottom: 9mm; left: 16mm; right: 16mm; font-size: 8.5pt; color: #444;
         display: flex; justify-content: space-between; }}
.num {{ font-weight: bold; color: #1a1a1a; }}
</style></head><body>{''.join(sheets)}</body></html>"""


# --------------------------------------------------------------------------- printing


def print_html(page: Page, markup: str, path: Path, margin: dict[str, str] | None = None) -> int:
    page.set_content(markup, wait_until="load")
    page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=margin is None,
             margin=margin or {"top": "0", "bottom": "0", "left": "0", "right": "0"})
    return len(PdfReader(path).pages)


def print_book_page(page: Page, url: str, path: Path) -> tuple[str, int]:
    page.goto(url, wait_until="load")
    # charts and calculators are drawn by the self-hosted Vega bundle: draw all, wait for their SVG
    page.evaluate("window.handboekRenderAll && window.handboekRenderAll()")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.vega-grafiek')).every(d => d.querySelector('svg'))",
        timeout=30_000)
    title = " ".join(page.locator("h1").first.inner_text().replace("#", "").split())
    page.pdf(path=str(path), format="A4", print_background=True, margin=MARGIN)
    return title, len(PdfReader(path).pages)


def build(html_dir: Path, out: Path) -> tuple[int, float]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise SystemExit("build_pdf: chromium is not installed (run scripts/setup.sh)")
    try:
        style = house_style.load()
    except house_style.HouseStyleError as exc:
        raise SystemExit(f"build_pdf: {exc}") from None
    start = time.monotonic()
    server, base = serve(html_dir)
    tmp = out.parent / ".pdf-parts"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True, exist_ok=True)
    entries: list[Entry] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.emulate_media(media="print")
            structure = toc_structure()
            for name, part, number in structure:
                title, pages = print_book_page(page, f"{base}/{name}.html", tmp / f"{name.replace('/', '_')}.pdf")
                entries.append(Entry(name, "Inleiding" if name == structure[0][0] else title, part, number, pages))
            front = print_html(page, front_matter_html(style), tmp / "_front.pdf")
            # the table of contents: print once to count its pages, then with the real numbers
            toc_pages = print_html(page, toc_html(entries, style), tmp / "_toc.pdf", margin=None)
            number = front + toc_pages + 1
            for entry in entries:
                entry.start, number = number, number + entry.pages
            if print_html(page, toc_html(entries, style), tmp / "_toc.pdf", margin=None) != toc_pages:
                raise SystemExit("build_pdf: the table of contents changed length; cannot number the pages")
            total = number - 1
            heads = ["", ""] + ["Inhoud"] * toc_pages
            for entry in entries:
                heads += [entry.numbered_title] * entry.pages
            numbers = ["" if i < FRONT_PAGES_WITHOUT_NUMBER else str(i + 1) for i in range(total)]
            print_html(page, overlay_html(heads, numbers, style), tmp / "_overlay.pdf")
            browser.close()
    finally:
        server.shutdown()

    writer = PdfWriter()
    for name in ["_front", "_toc", *[e.page.replace("/", "_") for e in entries]]:
        for pdf_page in PdfReader(tmp / f"{name}.pdf").pages:
            writer.add_page(pdf_page)
    overlay = PdfReader(tmp / "_overlay.pdf")
    assert len(overlay.pages) == len(writer.pages) == total, (len(overlay.pages), len(writer.pages), total)
    for i, pdf_page in enumerate(writer.pages):
        if numbers[i]:
            pdf_page.merge_page(overlay.pages[i])
    writer.add_outline_item(title="Titelpagina", page_number=0)
    writer.add_outline_item(title="Inhoud", page_number=front)
    for entry in entries:
        writer.add_outline_item(title=entry.title, page_number=entry.start - 1)
    writer.add_metadata({
        "/Title": f"{edition.TITLE}, editie {edition.EDITION}",
        "/Author": edition.AUTHOR,
        "/Subject": edition.colophon(),
        "/Keywords": f"POH-Jeugd; editie {edition.EDITION}; {edition.TEXT_LICENSE}; {edition.CODE_LICENSE}",
        "/Creator": style.publisher,
    })
    writer._root_object[NameObject("/Lang")] = TextStringObject("nl")  # document language for screen readers
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    shutil.rmtree(tmp, ignore_errors=True)
    return total, time.monotonic() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--html", type=Path, default=ROOT / "book" / "_build" / "html")
    parser.add_argument("--out", type=Path, default=None, help="write only this file (default: both names in _static)")
    args = parser.parse_args()
    if not (args.html / "intro.html").is_file():
        sys.exit(f"build_pdf: no built book in {args.html} (run jupyter-book build book first)")
    out = args.out or args.html / "_static" / edition.PDF_NAME
    pages, seconds = build(args.html, out)
    if args.out is None:
        shutil.copyfile(out, out.with_name(edition.PDF_STABLE_NAME))
    print(f"build_pdf: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}: {pages} pages, "
          f"{out.stat().st_size // 1024} KiB, {seconds:.1f} s")


if __name__ == "__main__":
    main()
