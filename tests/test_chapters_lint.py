"""Rules every chapter of the handbook follows (checked without building the book):

- it is a MyST Markdown notebook with a jupytext header and the python3 kernel;
- prose types no figures: numbers come from data/ via {eval} or from code cells
  (allowed: calendar years, the contact-band labels, "per 10.000", list numbering,
  references to weeks/steps/chapters/tables of a source);
- no sentence is copied from the sources: no run of 10 words of prose appears in a seed file
  or in an external excerpt (../shared/sources/external/*.txt);
- the chapter has substance: citations, reflection questions, an exercise with a hidden answer;
- citations point a reader to the place in the original document, never to a line of our text
  extraction (``r. 123``); only the data dictionary shows lines, for audit.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
CHAPTERS = sorted((BOOK / "chapters").glob("*.md"))
SUMMARY = BOOK / "oogopslag.md"  # 'In één oogopslag': a MyST notebook page like the chapters
NOTEBOOK_PAGES = [*CHAPTERS, SUMMARY]
PAGES = CHAPTERS + sorted((BOOK / "appendices").glob("*.md")) + [BOOK / "intro.md", SUMMARY]
SEEDS = sorted((ROOT.parent / "shared" / "sources" / "seeds").glob("*.txt"))
# excerpts of further public sources; their README describes them and is no source
EXTERNAL = sorted((ROOT.parent / "shared" / "sources" / "external").glob("*.txt"))
SHINGLE = 10

ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`")
ALLOWED_NUMBERS = re.compile(
    r"""(?x)
    \b(19[89]\d|20[0-3]\d)\b                  # calendar years
    | \b(2[–-]5|6[–-]10)\b | >\s?10\b         # contact-band labels
    | \bmeer\ dan\ 10\ contacten
    | per\ 10\.000\b | 10\.000\ jeugdigen     # the unit of the staffing norm
    | \b0[–-]17\ jaar | \b18\ jaar            # age limits of the Jeugdwet
    | \b([Ww]eek|[Ss]tap|[Hh]oofdstuk|[Tt]abel|[Bb]ijlage|[Ff]iguur|[Ss]essie
         |[Mm]odule|[Vv]ariant|[Ff]ase|[Dd]ag)\ \d+([–-]\d+)?
    | ^\s*\d+\.\s                             # numbered list items
    | \bn\d+[a-z]?\b                          # indicator codes of the monitoring format (n10)
    | \b[A-E]-\d{3}\b                         # CAP-J codes
    | \bWCAG\ 2\.1\b
    """,
    re.MULTILINE,
)


def prose(path: Path) -> str:
    """The chapter's Markdown without front matter, code, roles, links and comments."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    # code cells and non-prose directives, matched on the fence line itself (never across lines)
    text = re.sub(r"^(`{3,}|:{3,})[^\n]*?\{(code-cell|glossary|bibliography|toctree|raw|tableofcontents)\}.*?^\1\s*$",
                  "", text, flags=re.S | re.M)
    text = re.sub(r"^```.*?^```\s*$", "", text, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = ROLE.sub(" ", text)
    text = re.sub(r"`[^`\n]*`", " ", text)          # inline code (CLI examples)
    text = re.sub(r"\]\([^)]*\)", "]", text)          # link targets
    text = re.sub(r"^\(.*\)=\s*$", "", text, flags=re.M)  # labels
    text = re.sub(r"^:[a-z-]+:.*$", "", text, flags=re.M)  # directive options
    return text


def words(text: str) -> list[str]:
    return re.findall(r"[a-zà-ÿ0-9]+", text.lower())


@cache
def seed_shingles() -> frozenset[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for seed in [*SEEDS, *EXTERNAL]:
        w = words(seed.read_text(encoding="utf-8"))
        out.update(tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1))
    return frozenset(out)


def test_there_are_seventeen_chapters() -> None:
    assert len(CHAPTERS) >= 17, [p.name for p in CHAPTERS]


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=lambda p: p.name)
def test_chapter_is_a_myst_notebook(path: Path) -> None:
    head = path.read_text(encoding="utf-8").split("---")[1]
    assert "format_name: myst" in head and "name: python3" in head


@pytest.mark.parametrize("path", NOTEBOOK_PAGES, ids=lambda p: p.name)
def test_prose_types_no_figures(path: Path) -> None:
    offenders = []
    for line in prose(path).splitlines():
        cleaned = ALLOWED_NUMBERS.sub(" ", line)
        if re.search(r"\d|%|€", cleaned):
            offenders.append(line.strip())
    assert not offenders, "figures typed in prose (use {eval}`F.key` or a code cell):\n" + "\n".join(offenders[:15])


@pytest.mark.skipif(not SEEDS, reason="source documents not available")
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_no_sentence_is_copied_from_the_sources(path: Path) -> None:
    w = words(prose(path))
    copied = {" ".join(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)
              if tuple(w[i:i + SHINGLE]) in seed_shingles()}
    assert not copied, "runs of 10 words found in the sources:\n" + "\n".join(sorted(copied)[:10])


# a line of our text extraction of a source: 'r. 1317', 'r.1317'
LINE_REF = re.compile(r"(?<![\w.])r\.\s*\d")
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]*)`")
# the data dictionary shows the line next to the locator, so an auditor can check both ways
AUDIT_PAGES = {"datawoordenboek.md"}


def line_references(path: Path) -> list[str]:
    """Citations, code and prose that point a reader at a line of the seed text."""
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for m in CITE.finditer(line):
            if LINE_REF.search(m.group(1)):
                found.append(f"{number}: {m.group(0)}")
        # code cells that print seed lines for readers: ref_text() or a literal 'key r. 123'
        if "ref_text(" in line or re.search(r"[\"'][a-z]+\d{4},? r\.\s*\d", line):
            found.append(f"{number}: {line.strip()}")
    found += [f"prose: {line.strip()}" for line in prose(path).splitlines() if LINE_REF.search(line)]
    return found


@pytest.mark.parametrize("path", [p for p in PAGES if p.name not in AUDIT_PAGES], ids=lambda p: p.name)
def test_citations_point_to_the_original_document_not_to_a_line(path: Path) -> None:
    bad = line_references(path)
    assert not bad, ("line references of the text extraction (run scripts/convert_citations.py):\n"
                     + "\n".join(bad[:15]))


def test_the_line_reference_check_catches_every_form(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("---\nx: 1\n---\n# T\n\nZie {cite:p}`rebel2021{r. 1317}` en {cite:t}`nji2019{§ 3.1 Toegang},"
                    "accare2019{r.12}`.\nEen verwijzing als *Rebel, 2021, r. 1317* noemt een regel.\n\n"
                    "```{code-cell} ipython3\nx = ref_text(f.ref)\ny = {\"ref\": \"rebel2021 r. 267\"}\n```\n"
                    "Goed: {cite:p}`rotterdam2021{hfst. 3 Conclusies, p. 9}`, nr. 5 en dr. 2.\n", encoding="utf-8")
    bad = line_references(page)
    assert len(bad) == 5, bad
    assert not any("rotterdam2021" in b or "nr. 5" in b for b in bad)


SUBSTANTIVE = [p for p in CHAPTERS if not p.name.startswith("01-")]


@pytest.mark.parametrize("path", SUBSTANTIVE, ids=lambda p: p.name)
def test_chapter_has_substance(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(words(prose(path))) >= 900, "fewer than 900 words of prose"
    assert len(re.findall(r"\{cite:[pt]\}", text)) >= 4, "fewer than four citations"
    assert re.search(r"^#+ .*Reflectievragen", text, flags=re.M), "no section 'Reflectievragen'"
    assert re.search(r":class: dropdown", text), "no exercise with a hidden (dropdown) answer"


@pytest.mark.skipif(not EXTERNAL, reason="external excerpts not available")
def test_the_copy_check_covers_the_external_excerpts(tmp_path: Path) -> None:
    """A run of ten words from an external excerpt is caught; the README of that folder is no source."""
    assert all(p.suffix == ".txt" for p in EXTERNAL)
    excerpt = words(EXTERNAL[0].read_text(encoding="utf-8"))
    run = excerpt[-SHINGLE:]
    assert tuple(run) in seed_shingles()
    page = tmp_path / "x.md"
    page.write_text("# T\n\n" + " ".join(run) + "\n", encoding="utf-8")
    w = words(prose(page))
    assert any(tuple(w[i:i + SHINGLE]) in seed_shingles() for i in range(len(w) - SHINGLE + 1))


def test_the_lint_keeps_prose_between_a_box_and_a_code_cell(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text(":::{note}\nEen kader.\n:::\n\nDeze zin telt mee: 37%.\n\n```{code-cell} ipython3\nx = 1\n```\n",
                    encoding="utf-8")
    text = prose(page)
    assert "Deze zin telt mee" in text and "x = 1" not in text


def test_the_lint_itself_catches_typed_figures(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("---\nx: 1\n---\n# T\n\nDe pilot kostte 40.167 euro en 37% werd verwezen in 2020.\n"
                    "Zie {eval}`F.bggz_price` en de band 2–5.\n", encoding="utf-8")
    lines = [ALLOWED_NUMBERS.sub(" ", line) for line in prose(page).splitlines()]
    flagged = [line for line in lines if re.search(r"\d|%|€", line)]
    assert len(flagged) == 1 and "40.167" in flagged[0]


def test_the_summary_page_is_in_the_toc_linked_from_home_and_links_every_line() -> None:
    toc = (BOOK / "_toc.yml").read_text(encoding="utf-8")
    files = re.findall(r"file: (\S+)", toc)
    assert files[0] == "oogopslag", "the summary comes right after the home page"
    assert "{ref}`oogopslag`" in (BOOK / "intro.md").read_text(encoding="utf-8")
    text = SUMMARY.read_text(encoding="utf-8")
    assert text.split("---\n", 2)[2].lstrip().startswith("(oogopslag)=")
    items = [line for line in prose(SUMMARY).splitlines() if line.startswith("- ")]
    body = SUMMARY.read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=- )", body.split("## Wat kost het?", 1)[1])
    assert items and all("{ref}`" in b for b in blocks if b.startswith("- ")), "every line links a chapter"
