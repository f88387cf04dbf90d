"""Legal statements and their sources (issue 23, law review F-1 ... F-8, L-1 ... L-3).

- a source document with no public copy is an ``@unpublished`` entry that tells a reader who made
  it, when, for whom, where to ask for it, and that it is not public;
- chapter 8 states the retention rule (twenty years from the last change) with its articles, not
  with a law firm as the authority;
- the section on sharing with the municipality names professional secrecy and its exceptions;
- no page says that professional secrecy applies toward parents whose consent is required;
- every article the book cites has a link to that article (jci1.3 form) on the sources page.

Each rule is a small checker; a test feeds it a bad example to show that it can fail.
"""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import BibliographyData, parse_string

from calculators import data

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BIB = BOOK / "references.bib"
CHAPTER8 = BOOK / "chapters" / "08-privacy-en-dossiervorming.md"
SOURCES_PAGE = BOOK / "appendices" / "bronnen.md"
PAGES = sorted((BOOK / "chapters").glob("*.md")) + sorted((BOOK / "appendices").glob("*.md")) + [BOOK / "oogopslag.md"]

# --------------------------------------------------------------------------- unpublished sources


def unpublished_problems(bib: BibliographyData, without_url: set[str]) -> list[str]:
    """What a reader misses to request an unpublished source; ``without_url``: cited documents with no public copy."""
    problems = []
    for key in sorted(without_url):
        entry = bib.entries.get(key)
        if entry is None or entry.type != "unpublished":
            problems.append(f"{key}: no public copy, so it must be an @unpublished entry")
    for key, entry in bib.entries.items():
        if entry.type != "unpublished":
            continue
        note = entry.fields.get("note", "")
        if not entry.persons.get("author"):
            problems.append(f"{key}: who made it (author)")
        if not re.fullmatch(r"(19|20)\d\d", entry.fields.get("year", "")):
            problems.append(f"{key}: when (year)")
        if not re.search(r"\bniet openbaar\b", note, re.I):
            problems.append(f"{key}: the note must say 'Niet openbaar'")
        if not re.search(r"\b(aan de|in opdracht van|voor de)\b", note):
            problems.append(f"{key}: for whom (addressee or commissioning body) in the note")
        if not re.search(r"\bop te vragen bij\b", note, re.I):
            problems.append(f"{key}: where to ask for it ('Op te vragen bij ...')")
    return problems


def seed_documents_without_url(bib: BibliographyData) -> set[str]:
    """Source documents a reader cannot find: no public address and no ISBN or DOI."""
    seeds = {k for k, r in data.sources().items() if re.fullmatch(r"00\d", r["doc"])}
    return {k for k in seeds if k in bib.entries
            and not any(bib.entries[k].fields.get(f) for f in ("url", "isbn", "doi"))}


def test_unpublished_sources_say_who_when_for_whom_and_not_public() -> None:
    bib = parse_string(BIB.read_text(encoding="utf-8"), "bibtex")
    without_url = seed_documents_without_url(bib)
    assert {"hillegom2021", "rebel2021"} <= without_url
    assert unpublished_problems(bib, without_url) == []


def test_the_unpublished_check_catches_a_bare_entry() -> None:
    bare = parse_string("@misc{x, author = {A}, title = {T}, year = {2021}}\n"
                        "@unpublished{y, author = {B}, title = {T}, note = {Een brief}}\n", "bibtex")
    problems = unpublished_problems(bare, {"x"})
    assert any(p.startswith("x: no public copy") for p in problems)
    assert {"y: when (year)", "y: the note must say 'Niet openbaar'",
            "y: for whom (addressee or commissioning body) in the note",
            "y: where to ask for it ('Op te vragen bij ...')"} <= set(problems)


# --------------------------------------------------------------------------- chapter 8


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]


def retention_problems(text: str) -> list[str]:
    """The retention rule: twenty years from the last change, cited to BW 7:454 lid 3 and Jeugdwet 7.3.8."""
    hits = [p for p in paragraphs(text) if "twintig jaar" in p and "laatste wijziging" in p]
    if not hits:
        return ["no paragraph states 'twintig jaar' from the 'laatste wijziging'"]
    rule = hits[0]
    problems = []
    sentence = next(s for s in re.split(r"(?<=[.])\s+(?=[A-Z])", rule) if "laatste wijziging" in s)
    for cite in ("wgbo{art. 7:454 lid 3}", "jeugdwet{art. 7.3.8}"):
        if cite not in sentence:
            problems.append(f"the sentence with the rule does not cite {cite}")
    if "{cite:p}`dirkzwager2019`" in sentence:
        problems.append("a law firm is cited as the authority for the rule")
    if re.search(r"begin van de termijn.{0,200}toetsen", " ".join(paragraphs(text)), re.S):
        problems.append("the book still says the start of the term is unclear")
    return problems


def test_chapter8_states_twenty_years_from_the_last_change_with_the_articles() -> None:
    assert retention_problems(CHAPTER8.read_text(encoding="utf-8")) == []


def test_the_retention_check_catches_the_old_wording() -> None:
    old = ("Het dossier wordt twintig jaar bewaard {cite:p}`wgbo{art. 7:454 lid 3}`. Sindsdien telt de WGBO "
           "de termijn vanaf de laatste wijziging in het dossier {cite:p}`dirkzwager2019`.\n\nOok over het "
           "begin van de termijn verschillen de toelichtingen; laat het begin toetsen.")
    problems = retention_problems(old)
    assert "the sentence with the rule does not cite jeugdwet{art. 7.3.8}" in problems
    assert "a law firm is cited as the authority for the rule" in problems
    assert "the book still says the start of the term is unclear" in problems


def section(text: str, label: str) -> str:
    """The labelled heading and its text, up to the next heading of the same or a higher level."""
    body = text[text.index(f"({label})="):]
    heading = re.search(r"^(#{1,6}) ", body, re.M)
    assert heading, label
    rest = body[heading.end():]
    end = re.search(rf"^#{{1,{len(heading.group(1))}}} ", rest, re.M)
    return body[: heading.end() + (end.start() if end else len(rest))]


SECRECY = ("beroepsgeheim", "wgbo{art. 7:457 lid 1}", "jeugdwet{art. 7.3.11 lid 1}", "toestemming",
           "wgbo{art. 7:458}", "jeugdwet{art. 7.3.12}")


def test_the_municipality_section_names_professional_secrecy_and_its_exceptions() -> None:
    text = section(CHAPTER8.read_text(encoding="utf-8"), "privacy-gemeente")
    assert "Wat de gemeente nodig heeft" in text
    missing = [s for s in SECRECY if s not in text]
    assert not missing, missing


def test_the_section_reader_stops_at_the_next_heading() -> None:
    text = "(a)=\n### A\nalpha beroepsgeheim\n\n### B\nwgbo{art. 7:458}\n"
    assert "wgbo{art. 7:458}" not in section(text, "a") and "beroepsgeheim" in section(text, "a")


SECRECY_TOWARD_PARENTS = re.compile(r"beroepsgeheim\s+(geldt|telt)\s+ook\s+tegenover\s+(de\s+|haar\s+|zijn\s+)?ouders",
                                    re.I)


def test_no_page_says_secrecy_applies_toward_parents_with_custody() -> None:
    # BW 7:457 lid 3 and Jeugdwet 7.3.11 lid 2 onder b: parents whose consent is required are no 'anderen'
    offenders = [p.name for p in PAGES
                 if SECRECY_TOWARD_PARENTS.search(" ".join(p.read_text(encoding="utf-8").split()))]
    assert not offenders
    assert SECRECY_TOWARD_PARENTS.search("Mila is twaalf, dus haar beroepsgeheim telt ook tegenover haar ouders")


# --------------------------------------------------------------------------- article links (L-1)

BWB = {
    "wgbo": "BWBR0005290",
    "bw1": "BWBR0002656",
    "jeugdwet": "BWBR0034925",
    "wkkgz": "BWBR0037173",
    "uavg": "BWBR0040940",
    "wmo2015": "BWBR0035362",
}
CITE = re.compile(r"\{cite:[pt]\}`(" + "|".join(BWB) + r")\{([^}`]*)\}`")


def cited_articles(text: str) -> set[tuple[str, str]]:
    """(law, article) for every article in a citation's post-text: 'art. 7:450 lid 2; art. 7:465 lid 1'."""
    out = set()
    for law, post in CITE.findall(text):
        post = re.sub(r"\b(lid|punt)\s+\d+|\bonder\s+[a-z]\b|\be\.v\.", " ", post)
        if law in ("wgbo", "bw1"):
            out |= {(law, a) for a in re.findall(r"\b[17]:(\d+[a-z]*)", post)}
        else:
            out |= {(law, a) for a in re.findall(r"(?<![\d.])(\d+(?:\.\d+)*)(?![\d.]*\d)", post)}
    return out


LINK = re.compile(
    r"\(https://wetten\.overheid\.nl/jci1\.3:c:(BWBR\d+)(?:&boek=\d+)?(?:&titeldeel=\d+)?"
    r"(?:&afdeling=\d+)?&artikel=([\w.]+)\)"
)


def linked_articles(text: str) -> set[tuple[str, str]]:
    law_of = {v: k for k, v in BWB.items()}
    return {(law_of[bwb], art) for bwb, art in LINK.findall(text) if bwb in law_of}


def test_every_cited_article_has_a_link_to_its_text_on_the_sources_page() -> None:
    cited = set().union(*(cited_articles(p.read_text(encoding="utf-8")) for p in PAGES))
    assert ("wgbo", "454") in cited and ("jeugdwet", "7.3.8") in cited and ("wkkgz", "18") in cited
    missing = cited - linked_articles(SOURCES_PAGE.read_text(encoding="utf-8"))
    assert not missing, sorted(missing)


def test_the_article_parsers_read_ranges_members_and_links() -> None:
    text = (
        "{cite:p}`wgbo{art. 7:450 lid 2; art. 7:465 lid 1}` {cite:p}`jeugdwet{art. 7.3.4–7.3.11}` "
        "{cite:p}`wkkgz{art. 1 lid 1; art. 13, 15 en 18}` {cite:p}`uavg{art. 30 lid 3 onder a en lid 4}` "
        "{cite:p}`bw1{art. 1:253a}` {cite:p}`jeugdwet{art. 2.6 lid 1 onder g}`"
    )
    assert cited_articles(text) == {
        ("wgbo", "450"),
        ("wgbo", "465"),
        ("jeugdwet", "7.3.4"),
        ("jeugdwet", "7.3.11"),
        ("wkkgz", "1"),
        ("wkkgz", "13"),
        ("wkkgz", "15"),
        ("wkkgz", "18"),
        ("uavg", "30"),
        ("bw1", "253a"),
        ("jeugdwet", "2.6"),
    }
    links = (
        "[a](https://wetten.overheid.nl/jci1.3:c:BWBR0005290&boek=7&titeldeel=7&afdeling=5&artikel=450) "
        "[b](https://wetten.overheid.nl/jci1.3:c:BWBR0034925&artikel=7.3.4) [c](https://wetten.overheid.nl/BWBR0037173/)"
    )
    assert linked_articles(links) == {("wgbo", "450"), ("jeugdwet", "7.3.4")}
