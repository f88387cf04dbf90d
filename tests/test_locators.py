"""The section map (data/source_sections.csv) and the locators the book cites with.

Expected locators are written out from the seed texts (the heading, caption or page number printed
on the cited line, quoted in each test), not computed by the code under test.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from calculators import book, data, locators

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "sources" / "seeds"


def test_the_map_covers_every_line_of_every_source_once() -> None:
    # the five seed documents; statutes ('wet') and external excerpts ('ext') are cited by article or page
    docs = {row["doc"] for row in data.sources().values() if re.fullmatch(r"00\d", row["doc"])}
    for doc in sorted(docs):
        sections = [s for s in locators.sections() if s.doc == doc and not s.table]
        assert sections[0].line_from == 1, doc
        for a, b in itertools.pairwise(sections):
            assert b.line_from == a.line_to + 1, f"{doc}: gap or overlap at line {a.line_to}"
        last = max(b for row in data.sources().values() if row["doc"] == doc
                   for _, b in locators.parse_lines(row["lines"]))
        assert sections[-1].line_to >= last, doc
        for s in sections:
            assert s.section and s.line_from <= s.line_to


def test_tables_lie_inside_one_section_and_pages_are_numbers() -> None:
    rows = locators.sections()
    for t in (s for s in rows if s.table):
        owners = [s for s in rows if s.doc == t.doc and not s.table and s.line_from <= t.line_from <= s.line_to]
        assert len(owners) == 1 and t.line_to <= owners[0].line_to and t.section == owners[0].section, t
    assert all(re.fullmatch(r"\d*", s.page) for s in rows)


@pytest.mark.parametrize(("source", "ref", "expected"), [
    # 004 L459 reads '3.1 Toegang', L460 'Lokale teams' (a heading without number)
    ("nji2019", "L459", "§ 3.1 Toegang"),
    ("nji2019", "L459–470", "§ 3.1 Toegang, ‘Lokale teams’"),
    # 004 L5007 '3.1 De huisarts' in the national study (annex B, whose title page the extraction lost)
    ("nji2019", "L5010", "bijlage B, § 3.1 De huisarts"),
    # 004 L2945 'POH Jeugd-GGZ', a heading in part 2 of case study 5 (annex A, 'Casestudie Steenwijkerland')
    ("nji2019", "L2946–2960",
     "bijlage A, hfst. 5 Casestudie Steenwijkerland, 2. Toegang en triage, ‘POH Jeugd-GGZ’"),
    # 002 L776 'Tabel 7 Verwijzingen (percentages)' under the heading 'Verwijzen' (L734) of 'Resultaten'
    ("accare2019", "L784", "Resultaten, bron 1, ‘Verwijzen’, tabel 7"),
    # 000 L286 ' 9 3 Conclusies': page 9 opens with the first conclusion
    ("rotterdam2021", "L288–290", "hfst. 3 Conclusies, 1. Positieve ervaringen, meerwaarde, p. 9"),
    # 001 L1316 'Conservatief scenario' on the slide the report calls page 42 ('Op de volgende pagina', L1282)
    ("rebel2021", "L1317–1325",
     "dia ‘Financieel effect: substitutie op B-GGZ, mogelijk ook op S-GGZ’, ‘Conservatief scenario’, p. 42"),
    # 001 L1977 'Nivel: Evaluatie pilot ...' in the annex of the council letter
    ("hillegom2021", "L1978",
     "bijlage 2 bij de brief, ‘Nivel: Evaluatie pilot “Huisarts in de praktijk van de jeugdzorg” (2015)’"),
    # two passages in two sections of the letter: the second names only its own heading
    ("hillegom2021", "L5; L162", "‘Aanleiding’; ‘Het vervolg’"),
    # 000 chapter 1 runs over pages 5 (' 5 1 Inleiding', L1) and 6 (running header '1 Inleiding', L48)
    ("rotterdam2021", "L40–60", "hfst. 1 Inleiding, p. 5–6"),
])
def test_locate_names_the_heading_table_and_page_the_document_prints(source: str, ref: str, expected: str) -> None:
    assert locators.locate(source, ref) == expected


def test_line_citations_in_every_form_parse() -> None:
    assert locators.parse_lines("r. 1142–1146; 1200") == [(1142, 1146), (1200, 1200)]
    assert locators.parse_lines("r. 12; r. 40-41") == [(12, 12), (40, 41)]
    assert locators.parse_lines("L536–549 (Tabel 2); L560") == [(536, 549), (560, 560)]
    assert locators.parse_lines("Tabel 2") == [] and locators.parse_lines("L12; tabel 3") == [(12, 12)]


def test_lines_outside_the_cited_document_are_refused() -> None:
    # 001 L148 is in the council letter (hillegom2021), not in the Rebel report
    with pytest.raises(locators.LocatorError):
        locators.locate("rebel2021", "r. 148–150")
    with pytest.raises(locators.LocatorError):
        locators.locate("afgeleid", "L1")
    with pytest.raises(locators.LocatorError):
        locators.locate("nji2019", "Tabel 3")
    with pytest.raises(locators.LocatorError):
        locators.parse_lines("L20–12")


def test_every_sourced_reference_in_data_has_a_locator() -> None:
    refs = [(f.source, f.ref) for f in data.facts().values()]
    for name in [*data.table_names(), "discrepancies"]:
        refs += [(r["source"], r["ref"]) for r in data.rows(name) if "source" in r]
    missing = []
    for source, ref in refs:
        if source in data.PSEUDO_SOURCES or not locators.parse_lines(ref):
            continue
        if not re.fullmatch(r"00\d", data.sources()[source]["doc"]):
            continue  # an external excerpt or a statute: its ref already names the place (§ …, art. …)
        try:
            locators.place(source, ref)
        except locators.LocatorError as exc:
            missing.append(f"{source} {ref}: {exc}")
    assert not missing, "\n".join(missing[:20])


def test_a_reference_naming_two_sources_cites_both() -> None:
    # discrepancy rows may cite the letter and the Rebel report in one ref; 001 L1084 and L1093 are
    # the two box headings on the Rebel slide the range spans
    role = book.source_cite("hillegom2021", "L81–83; rebel2021 L1085–1101")
    assert role == ("{cite:p}`hillegom2021{‘Wat zijn de bevindingen uit het onderzoeksrapport van Rebel?’},"
                    "rebel2021{dia ‘Invloed van de POH-J op totale verwijsstroom huisarts’, "
                    "‘Aantal huisartsverwijzingen gelijk gebleven’; ‘Toename jeugdhulpvragen bij de huisarts’}`")
    assert book.source_cite("aanname", "") == ""
    assert book.source_place("rebel2021", "L1296; hillegom2021 L1990") == (
        "dia ‘Financieel effect: substitutie POH-J vooral voor B-GGZ trajecten’, p. 41; "
        "Raadsinformatiebrief Hillegom (2021), bijlage 2 bij de brief, ‘AEF “Stelsel in de groei” (2020)’")


def test_the_data_dictionary_keeps_the_line_for_audit() -> None:
    assert book.ref_text("L1308–1310; L1346–1351") == "r. 1308–1310; r. 1346–1351"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="source documents not available")
def test_numbered_headings_in_the_map_are_printed_on_their_first_line() -> None:
    """A '§ 3.1 Titel' section starts on the seed line that prints '3.1 Titel' (or on the chapter
    heading right above it)."""
    texts = {p.name[:3]: p.read_text(encoding="utf-8").split("\n") for p in SEEDS.glob("*.txt")}
    checked = 0
    for s in locators.sections():
        m = re.search(r"§ (\d+\.\d+) ([^,;]+)$", s.section)
        if s.table or not m:
            continue
        lines = texts[s.doc][s.line_from - 1:s.line_from + 1]
        assert any(line.split()[:1] == [m.group(1)] and m.group(2).split()[0] in line for line in lines), (s, lines)
        checked += 1
    assert checked >= 30


def _converter():
    import importlib.util
    path = Path(__file__).resolve().parents[1] / "scripts" / "convert_citations.py"
    spec = importlib.util.spec_from_file_location("convert_citations", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_the_converter_handles_every_form_and_is_idempotent() -> None:
    convert = _converter()
    page = "\n".join([
        "Zie {cite:p}`nji2019{r. 459–470}` en {cite:t}`accare2019{r. 784; r. 776}`.",
        "Twee bronnen {cite:p}`rotterdam2021{r. 288–290},nji2019{r. 5010}`; zonder regel {cite:p}`kjp2020`.",
        "Verkeerd deel van het document: {cite:p}`rebel2021{r. 148–150}`.",
        "    basis = f\"{{cite:p}}`{r['source']}{{{ref_text(r['ref'])}}}`\"",
        "    return f\"{name}, {ref_text(f.ref)}\"",
        '    {"ref": "nji2019 r. 459–470"},',
    ])
    result = convert.Result()
    once = convert.convert_text(page, "x.md", result)
    assert once.split("\n") == [
        "Zie {cite:p}`nji2019{§ 3.1 Toegang, ‘Lokale teams’}` en "
        "{cite:t}`accare2019{Resultaten, bron 1, ‘Verwijzen’, tabel 7}`.",
        "Twee bronnen {cite:p}`rotterdam2021{hfst. 3 Conclusies, 1. Positieve ervaringen, meerwaarde, p. 9},"
        "nji2019{bijlage B, § 3.1 De huisarts}`; zonder regel {cite:p}`kjp2020`.",
        # 001 L148 is in the council letter: the citation moves to the letter's key
        "Verkeerd deel van het document: {cite:p}`hillegom2021{‘Conclusies van Rebel’}`.",
        "    basis = f\"{source_cite(r['source'], r['ref'])}\"",
        "    return f\"{name}, {source_place(f.source, f.ref)}\"",
        '    {"ref": "NJi e.a. (2019), § 3.1 Toegang, ‘Lokale teams’"},',
    ]
    assert not result.failed and len(result.rekeyed) == 1
    again = convert.Result()
    assert convert.convert_text(once, "x.md", again) == once and sum(again.counts.values()) == 0
    assert convert.leftovers(once, "x.md") == []


def test_the_converter_reports_what_it_cannot_place() -> None:
    convert = _converter()
    result = convert.Result()
    text = "{cite:p}`nji2019{r. 99999}` en {cite:p}`accare2019{r. 12, zie tabel 3}`"
    assert convert.convert_text(text, "x.md", result) == text
    assert len(result.failed) == 2
