"""Build the PDF edition of the handbook from the built HTML, offline.

Debian's chromium (driven by Playwright) prints every page of the book in table-of-
contents order with the print stylesheet (book/_static/handboek.css hides navigation
and sliders); each chapter therefore starts on a new page. pypdf assembles the publication:

1. a title page (title, edition, date, publisher and logo from the house style, licences)
   and a colophon with the citation ('Zo citeert u dit handboek');
2. a printed table of contents with page numbers, computed after every part is printed;
3. the chapters, with the chapter title at the top and the page number at the bottom of
   every page (one overlay page per sheet, printed by chromium and merged by pypdf);
4. 'Antwoorden': the answers to the exercises (the chapters' dropdown admonitions titled 'Antwoord…'
   or 'Modelantwoord'), taken out from under the questions, each under its chapter and number
   ('3.1'); under the question a short line points to it;
5. a bookmark per chapter and the edition in the document metadata.

The PDF is tagged: chromium prints every part with tags (page.pdf(tagged=True)), and tag_structure
grafts the parts' structure trees into the merged file, which pypdf alone would drop; the running
heads and page numbers are marked as artifacts.

Page calculators print their chart for the default inputs and the address of the live page instead
of the instruction to move the sliders. A short PDF per week of the learning path (chapter 15, data
table ch15_programma) holds that week's chapters and their answers; it reuses the printed chapters.

Output: book/_build/html/_static/handboek-poh-jeugd-<edition>.pdf and the same file under the
stable name handboek-poh-jeugd.pdf (linked from the home page), and handboek-poh-jeugd-week-<n>.pdf
per learning week (linked from chapter 15). With --out: the main PDF there (weekly PDFs beside it).

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
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from playwright.sync_api import Page, sync_playwright
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from calculators import data, edition, house_style  # noqa: E402

PDF_NAME = edition.PDF_STABLE_NAME  # kept for callers of the old constant
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
# room for the running head and the page number (printed by the overlay) above and below the text
MARGIN = {"top": "22mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
FRONT_PAGES_WITHOUT_NUMBER = 2  # title page and colophon
ANSWERS = "Antwoorden"
TAGGED = True  # chromium's tagged PDF for every printed part (see tag_structure for what survives the merge)


@dataclass
class Entry:
    page: str          # e.g. chapters/01-leeswijzer
    title: str         # the chapter's heading, e.g. '1. Leeswijzer'
    part: str          # caption of its part in _toc.yml ('' for the home page)
    number: str = ""   # chapter number as in the web edition's menu ('' for unnumbered pages)
    pages: int = 0     # printed pages
    start: int = 0     # number of its first page in the whole PDF
    answers: list[dict[str, str]] = field(default_factory=list)  # taken out of the page, printed at the back

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


# --------------------------------------------------------------------------- tagged PDF


def _number_tree(node: object) -> list[tuple[int, object]]:
    """The (key, value) pairs of a PDF number tree (/Nums, or /Kids holding /Nums)."""
    node = node.get_object()  # type: ignore[attr-defined]
    pairs = []
    nums = node.get("/Nums", [])
    pairs += [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    for kid in node.get("/Kids", []):
        pairs += _number_tree(kid)
    return pairs


def _set_parents(elem_ref: IndirectObject) -> None:
    """Point every structure element under ``elem_ref`` at its parent (/P was left out when cloning)."""
    elem = elem_ref.get_object()
    kids = elem.get("/K")
    if kids is None:
        return
    for kid in (kids if isinstance(kids, list) else [kids]):
        if isinstance(kid, IndirectObject) and isinstance(kid.get_object(), DictionaryObject) \
                and kid.get_object().get("/Type", "/StructElem") == "/StructElem" and "/S" in kid.get_object():
            kid.get_object()[NameObject("/P")] = elem_ref
            _set_parents(kid)


def tag_structure(writer: PdfWriter, parts: list[tuple[PdfReader, list[PageObject]]]) -> int:
    """Keep chromium's tags (page.pdf(tagged=True)) through the merge: pypdf copies pages, not the
    structure tree, so graft each printed part's tree under one /Document element, renumber the parent
    tree (pages' /StructParents, links' /StructParent) and mark the document as tagged. Returns the
    number of structure elements grafted (0 when chromium wrote no tags)."""
    root_elem = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"),
                                  NameObject("/S"): NameObject("/Document"),
                                  NameObject("/Lang"): TextStringObject("nl")})
    doc_ref = writer._add_object(root_elem)
    tree_root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    root_ref = writer._add_object(tree_root)
    root_elem[NameObject("/P")] = root_ref
    kids, nums, offset = ArrayObject(), ArrayObject(), 0
    for reader, pages in parts:
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            continue
        tree = tree.get_object()
        top = tree["/K"]
        for kid in (top if isinstance(top.get_object(), list) else [top]):
            ref = kid if isinstance(kid, IndirectObject) else None
            clone = (kid.get_object() if ref is None else kid).clone(writer, ignore_fields=("/P", "/ID"))
            clone_ref = clone if isinstance(clone, IndirectObject) else writer._add_object(clone)
            clone_ref.get_object()[NameObject("/P")] = doc_ref
            if clone_ref.get_object().get("/S") == "/Document":  # one document; each printed page is a part
                clone_ref.get_object()[NameObject("/S")] = NameObject("/Part")
            _set_parents(clone_ref)
            kids.append(clone_ref)
        entries = _number_tree(tree["/ParentTree"])
        for key, value in entries:
            nums += [NumberObject(key + offset), value.clone(writer, ignore_fields=("/P", "/ID"))]
        for source, page in zip(reader.pages, pages, strict=True):  # pypdf's add_page drops /StructParents
            if "/StructParents" in source:
                page[NameObject("/StructParents")] = NumberObject(int(source["/StructParents"]) + offset)
            for annot in page.get("/Annots", []) or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(int(annot["/StructParent"]) + offset)
        offset += int(tree.get("/ParentTreeNextKey", max([k for k, _ in entries], default=-1) + 1))
    if not kids:
        return 0
    root_elem[NameObject("/K")] = kids
    tree_root[NameObject("/K")] = doc_ref
    tree_root[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): nums}))
    tree_root[NameObject("/ParentTreeNextKey")] = NumberObject(offset)
    catalog = writer._root_object
    catalog[NameObject("/StructTreeRoot")] = root_ref
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
        {NameObject("/DisplayDocTitle"): BooleanObject(True)})
    return len(kids)


def as_artifact(page: PageObject) -> PageObject:
    """Mark a page's whole content as an artifact (the running head and page number: not read aloud).
    The page must belong to a PdfWriter (pypdf changes contents only there)."""
    content = DecodedStreamObject()
    content.set_data(b"/Artifact BMC\nq\n" + page.get_contents().get_data() + b"\nQ\nEMC\n")
    page.replace_contents(ContentStream(content, None))
    return page


def append_parts(writer: PdfWriter, paths: list[Path]) -> list[tuple[PdfReader, list[PageObject]]]:
    """Add every page of each PDF in order; returns each reader with its pages as added (for the tags)."""
    parts = []
    for path in paths:
        reader = PdfReader(path)
        parts.append((reader, [writer.add_page(p) for p in reader.pages]))
    return parts


# --------------------------------------------------------------------------- printing


def print_html(page: Page, markup: str, path: Path, margin: dict[str, str] | None = None, tagged: bool = TAGGED) -> int:
    page.set_content(markup, wait_until="load")
    page.pdf(path=str(path), format="A4", print_background=True, prefer_css_page_size=margin is None,
             margin=margin or {"top": "0", "bottom": "0", "left": "0", "right": "0"}, tagged=tagged)
    return len(PdfReader(path).pages)


# Exercise answers: the dropdown admonitions titled 'Antwoord…' or 'Modelantwoord' (book/README.md).
# Each is replaced by a line that points to the back; returns them in page order.
TAKE_ANSWERS = """(prefix) => {
  const out = [];
  const all = Array.from(document.querySelectorAll('.bd-article .admonition.dropdown'));
  for (const box of all) {
    const head = box.querySelector('.admonition-title');
    const title = head ? head.textContent.replace(/\\s+/g, ' ').trim() : '';
    if (!/^(model)?antwoord/i.test(title)) continue;
    const number = prefix + (out.length + 1);
    let section = box.closest('section');
    const h = section ? section.querySelector('h2, h3') : null;
    const copy = box.cloneNode(true);
    copy.querySelectorAll('.admonition-title, button, .toggle-button, .headerlink').forEach(e => e.remove());
    copy.querySelectorAll('[id]').forEach(e => e.removeAttribute('id'));
    out.push({number: number, title: title, section: h ? h.textContent.replace(/#/g, '').replace(/^\\s*[\\d.]+\\s+/, '').trim() : '',
              html: copy.innerHTML});
    const note = document.createElement('p');
    note.className = 'antwoord-achterin';
    note.textContent = title + ': achterin, onder \u2018Antwoorden\u2019, bij ' + number + '.';
    box.replaceWith(note);
  }
  return out;
}"""

# A page calculator on paper: its chart shows the result for the default inputs; the line telling
# readers to move the sliders is hidden by the print stylesheet, this line gives the live page instead.
LIVE_ADDRESS = """(address) => {
  for (const calc of document.querySelectorAll('.statische-rekentool')) {
    const p = document.createElement('p');
    p.className = 'rekentool-online';
    p.textContent = 'Uitkomst bij de standaardwaarden. Rekenen met eigen getallen kan in de online versie: ' + address;
    calc.appendChild(p);
  }
}"""


def live_address(style: house_style.HouseStyle, name: str) -> str:
    """Where a reader finds the live page: the publisher's website when the house style names it."""
    return f"{style.website.rstrip('/')}/{name}.html" if style.website else f"deze pagina op de website van het handboek ({name}.html)"


def print_book_page(page: Page, url: str, path: Path, prefix: str = "", address: str = "") -> tuple[str, int, list[dict[str, str]]]:
    page.goto(url, wait_until="load")
    # charts and calculators are drawn by the self-hosted Vega bundle: draw all, wait for their SVG
    page.evaluate("window.handboekRenderAll && window.handboekRenderAll()")
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.vega-grafiek')).every(d => d.querySelector('svg'))",
        timeout=30_000)
    title = " ".join(page.locator("h1").first.inner_text().replace("#", "").split())
    answers = page.evaluate(TAKE_ANSWERS, prefix)
    if address:
        page.evaluate(LIVE_ADDRESS, address)
    page.pdf(path=str(path), format="A4", print_background=True, margin=MARGIN, tagged=TAGGED)
    return title, len(PdfReader(path).pages), answers


def answers_markup(entries: list[Entry]) -> str:
    """The 'Antwoorden' section: per chapter its answers, each under its number."""
    parts = ['<section id="antwoorden"><h1>Antwoorden</h1>',
             '<p>Hier staan de antwoorden op de oefeningen, per hoofdstuk en genummerd zoals de verwijzing onder '
             'de oefening.</p>']
    for entry in entries:
        if not entry.answers:
            continue
        parts.append(f"<section><h2>{html.escape(entry.numbered_title)}</h2>")
        for answer in entry.answers:
            label = f"{answer['number']} {answer['title']}"
            if answer["section"]:
                label += f" ({answer['section']})"
            parts.append(f'<section class="antwoord"><h3>{html.escape(label)}</h3>{answer["html"]}</section>')
        parts.append("</section>")
    parts.append("</section>")
    return "".join(parts)


def print_answers(page: Page, shell_url: str, entries: list[Entry], path: Path) -> int:
    """Print the answers with the book's own stylesheet: a book page with its article replaced."""
    page.goto(shell_url, wait_until="load")
    # the theme prints a page's title and contents from #jb-print-docs-body (the article's own h1 is
    # hidden in print): give it this section's title and no contents list
    page.evaluate("(markup) => { document.querySelector('.bd-article').innerHTML = markup;"
                  " document.title = 'Antwoorden';"
                  " const head = document.querySelector('#jb-print-docs-body');"
                  " if (head) head.innerHTML = '<h1>Antwoorden</h1>'; }", answers_markup(entries))
    page.pdf(path=str(path), format="A4", print_background=True, margin=MARGIN, tagged=TAGGED)
    return len(PdfReader(path).pages)


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
                prefix = f"{number}." if number else f"{name.rsplit('/', 1)[-1]} "
                title, pages, answers = print_book_page(page, f"{base}/{name}.html", tmp / f"{name.replace('/', '_')}.pdf",
                                                        prefix, live_address(style, name))
                entries.append(Entry(name, "Inleiding" if name == structure[0][0] else title, part, number, pages,
                                     answers=answers))
            shell = f"{base}/{structure[-1][0]}.html"
            answer_pages = print_answers(page, shell, entries, tmp / "_answers.pdf")
            book_entries = list(entries)
            entries.append(Entry("_answers", ANSWERS, "", "", answer_pages))
            weeks = print_weeks(page, shell, book_entries, tmp, style)
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
            print_html(page, overlay_html(heads, numbers, style), tmp / "_overlay.pdf", tagged=False)
            browser.close()
    finally:
        server.shutdown()

    writer = PdfWriter()
    parts = append_parts(writer, [tmp / f"{name}.pdf" for name in
                                  ["_front", "_toc", *[e.page.replace("/", "_") for e in entries]]])
    overlay = PdfWriter(clone_from=tmp / "_overlay.pdf")  # its pages are changed (as_artifact): a writer's
    assert len(overlay.pages) == len(writer.pages) == total, (len(overlay.pages), len(writer.pages), total)
    for i, pdf_page in enumerate(writer.pages):
        if numbers[i]:
            pdf_page.merge_page(as_artifact(overlay.pages[i]))
    tag_structure(writer, parts)
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
    for week, parts in weeks.items():
        week_writer = PdfWriter()
        tag_structure(week_writer, append_parts(week_writer, parts))
        week_writer.add_metadata({"/Title": f"{edition.TITLE}, editie {edition.EDITION}: leerpad week {week}",
                                  "/Author": edition.AUTHOR, "/Creator": style.publisher})
        week_writer._root_object[NameObject("/Lang")] = TextStringObject("nl")
        with (out.parent / edition.week_pdf_name(week)).open("wb") as handle:
            week_writer.write(handle)
    shutil.rmtree(tmp, ignore_errors=True)
    return total, time.monotonic() - start


def chapter_labels() -> dict[str, str]:
    """The label a chapter opens with ('(capaciteit)=' -> 'capaciteit') -> its page (chapters/09-…)."""
    out = {}
    for name in (page for page, _, _ in toc_structure()):
        source = ROOT / "book" / f"{name}.md"
        if source.is_file():
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.startswith("(") and line.rstrip().endswith(")="):
                    out[line.strip()[1:-2]] = name
                    break
    return out


def week_cover_html(week: str, theme: str, titles: list[str], style: house_style.HouseStyle) -> str:
    items = "".join(f"<li>{html.escape(t)}</li>" for t in titles)
    return f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Week {week}</title>
<style>{BASE_CSS}
.cover {{ padding: 40mm 25mm 0 25mm; font-size: 12pt; line-height: 1.45; }}
.cover .band {{ height: 5mm; background: {style.colour}; margin-bottom: 12mm; }}
.cover h1 {{ font-size: 24pt; color: {style.colour}; margin: 0 0 4mm 0; }}
.cover .sub {{ font-size: 14pt; margin: 0 0 12mm 0; }}
</style></head><body><section class="sheet cover"><div class="band"></div>
<h1>Leerpad week {week}: {html.escape(theme)}</h1>
<p class="sub">Uit het {html.escape(edition.TITLE)}, editie {edition.EDITION} ({edition.date_nl()})</p>
<p>Deze week leest u:</p><ol>{items}</ol>
<p>De antwoorden op de oefeningen staan achterin. Het leerpad met de leerdoelen en de praktijkopdracht van
   deze week staat in het hoofdstuk 'Leerpad voor opleiders'.</p></section></body></html>"""


def print_weeks(page: Page, shell_url: str, entries: list[Entry], tmp: Path,
                style: house_style.HouseStyle) -> dict[str, list[Path]]:
    """Per learning week: a cover, the week's chapters (already printed) and their answers."""
    labels, by_page = chapter_labels(), {e.page: e for e in entries}
    weeks: dict[str, list[Path]] = {}
    for row in data.rows("ch15_programma"):
        week = str(row["week"])
        chosen = [by_page[labels[x.strip()]] for x in row["hoofdstukken"].split(";") if x.strip()]
        cover = tmp / f"_week{week}_cover.pdf"
        print_html(page, week_cover_html(week, row["thema_nl"], [e.numbered_title for e in chosen], style), cover)
        parts = [cover, *[tmp / f"{e.page.replace('/', '_')}.pdf" for e in chosen]]
        if any(e.answers for e in chosen):
            answers = tmp / f"_week{week}_answers.pdf"
            print_answers(page, shell_url, chosen, answers)
            parts.append(answers)
        weeks[week] = parts
    return weeks


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
