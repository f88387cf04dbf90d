"""Rewrite line citations in the book into locators a reader can follow.

Chapters used to cite a line of our text extraction of a source, ``{cite:p}`rebel2021{r. 1317}```.
No reader has that extraction. This script replaces each such post-text with the place in the
original document, from ``data/source_sections.csv`` (see ``calculators/locators.py``):

    {cite:p}`rebel2021{r. 1316–1325}`
    -> {cite:p}`rebel2021{dia ‘Financieel effect: …’, ‘Conservatief scenario’, p. 42}`

It handles every form the chapters use:

- cite roles (``{cite:p}``, ``{cite:t}``, …) with one or more keys, ``r. 12``, ``r. 12–14``,
  ``r. 12–14; 40–41`` and ``r. 12; r. 40``;
- code cells that build a citation from a data row, ``{{cite:p}}`{r['source']}{{{ref_text(r['ref'])}}}```
  (becomes ``{source_cite(r['source'], r['ref'])}``), and ``ref_text(x.ref)`` / ``ref_text(r['ref'])``
  shown to readers (becomes ``source_place(...)``);
- string literals in code cells such as ``"rebel2021 r. 267–269; 572–573"`` (table cells), which become
  ``"Rebel (2021), <locator>"``.

It is idempotent: a second run changes nothing. It prints a summary and exits 1 when a line reference
could not be mapped or is left in a file (fix ``data/source_sections.csv`` or the citation), 0 otherwise.

    python scripts/convert_citations.py            # rewrite book/chapters, book/appendices, book/intro.md
    python scripts/convert_citations.py --check    # change nothing; exit 1 if a file would change
    python scripts/convert_citations.py FILE...    # only these files
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculators import data, locators  # noqa: E402

BOOK = ROOT / "book"
# the data dictionary shows line references on purpose (audit); it has no line citations to convert
DEFAULT = [*sorted((BOOK / "chapters").glob("*.md")),
           *sorted(p for p in (BOOK / "appendices").glob("*.md") if p.name != "datawoordenboek.md"),
           BOOK / "intro.md"]

ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
# the citation-target grammar of sphinxcontrib-bibtex: {pre}key{post}, separated by commas
TARGET = re.compile(r"\s*(?:\{(?P<pre>[^{}]+)\})?\s*(?P<key>[^{}\s,]+)\s*(?:\{(?P<post>[^{}]+)\})?\s*")
_NUM = r"(?:r\.\s*)?\d+(?:\s*[–-]\s*\d+)?"
PURE_LINES = re.compile(rf"^\s*r\.\s*\d+(?:\s*[–-]\s*\d+)?(?:\s*[;,]\s*{_NUM})*\s*$")
BARE_LINE = re.compile(r"(?<![\w])r\.\s*\d")
# code: a citation built from a data row, and a data reference shown to readers
ROW_CITE = re.compile(
    r"\{\{cite:p\}\}`\{(?P<row>\w+)\[(?P<q>['\"])source(?P=q)\]\}\{\{\{ref_text\((?P=row)\[(?P=q)ref(?P=q)\]\)\}\}\}`"
)
ROW_REF = re.compile(r"ref_text\((?P<row>\w+)\[(?P<q>['\"])ref(?P=q)\]\)")
ATTR_REF = re.compile(r"ref_text\((?P<obj>\w+)\.ref\)")
LITERAL = re.compile(r"(?P<q>[\"'])(?P<key>[a-z]+\d{4}) (?P<ref>r\.\s*\d[\d\s–;,r.-]*?)(?P=q)")


class Result:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.failed: list[str] = []
        self.rekeyed: list[str] = []


def owner(key: str, post: str) -> str | None:
    """The one other source of the same seed document whose lines hold all of ``post``, if any.

    Document 001 holds three parts (letter, Rebel report, annex) under two keys; a citation whose
    lines lie in the other part cites the wrong document, and the lines say which one is meant."""
    sources = data.sources()
    doc = sources.get(key, {}).get("doc")
    ranges = locators.parse_lines(post)
    found = []
    for other, row in sources.items():
        if other == key or not doc or row.get("doc") != doc:
            continue
        own = locators.parse_lines(row["lines"])
        if all(any(a <= lo and hi <= b for a, b in own) for lo, hi in ranges):
            found.append(other)
    return found[0] if len(found) == 1 else None


def _convert_role(match: re.Match[str], where: str, result: Result) -> str:
    body = match.group(1)
    pos, targets, changed = 0, [], False
    while pos < len(body):
        m = TARGET.match(body, pos)
        if m is None or m.end() == pos:
            result.failed.append(f"{where}: cannot parse citation {match.group(0)}")
            return match.group(0)
        pre, key, post = m.group("pre"), m.group("key"), m.group("post")
        if post and BARE_LINE.search(post):
            if not PURE_LINES.match(post):
                result.failed.append(f"{where}: mixed post-text, convert by hand: {match.group(0)}")
            else:
                try:
                    post = locators.locate(key, post)
                    changed = True
                except locators.LocatorError as exc:
                    other = owner(key, post)
                    if other is None:
                        result.failed.append(f"{where}: {match.group(0)}: {exc}")
                    else:
                        result.rekeyed.append(f"{where}: {key}{{{post}}} -> {other} (those lines are {other})")
                        key, post, changed = other, locators.locate(other, post), True
        targets.append((f"{{{pre}}}" if pre else "") + key + (f"{{{post}}}" if post else ""))
        pos = m.end()
        if pos < len(body):
            if body[pos] != ",":
                result.failed.append(f"{where}: cannot parse citation {match.group(0)}")
                return match.group(0)
            pos += 1
    if not changed:
        return match.group(0)
    result.counts["citations"] += 1
    role = match.group(0)[: match.group(0).index("`")]
    return f"{role}`{','.join(targets)}`"


def _convert_literal(match: re.Match[str], where: str, result: Result) -> str:
    key, ref, q = match.group("key"), match.group("ref"), match.group("q")
    try:
        text = f"{locators.author_year(key)}, {locators.locate(key, ref)}"
    except locators.LocatorError as exc:
        result.failed.append(f"{where}: {match.group(0)}: {exc}")
        return match.group(0)
    result.counts["table cells"] += 1
    return f"{q}{text}{q}"


def convert_text(text: str, name: str, result: Result) -> str:
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        where = f"{name}:{number}"
        new = ROLE.sub(lambda m, where=where: _convert_role(m, where, result), line)
        new, n = ROW_CITE.subn(r"{source_cite(\g<row>[\g<q>source\g<q>], \g<row>[\g<q>ref\g<q>])}", new)
        result.counts["citations built in code"] += n
        new, n = ROW_REF.subn(r"source_place(\g<row>[\g<q>source\g<q>], \g<row>[\g<q>ref\g<q>])", new)
        result.counts["references shown from a data row"] += n
        new, n = ATTR_REF.subn(r"source_place(\g<obj>.source, \g<obj>.ref)", new)
        result.counts["references shown from a fact"] += n
        new = LITERAL.sub(lambda m, where=where: _convert_literal(m, where, result), new)
        out.append(new)
    return "\n".join(out)


def leftovers(text: str, name: str) -> list[str]:
    """Lines that still carry a bare line reference inside a citation or a code reference."""
    bad = []
    for number, line in enumerate(text.split("\n"), start=1):
        for m in ROLE.finditer(line):
            if BARE_LINE.search(m.group(1)):
                bad.append(f"{name}:{number}: {m.group(0)}")
        if ROW_REF.search(line) or ATTR_REF.search(line) or LITERAL.search(line):
            bad.append(f"{name}:{number}: {line.strip()}")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: the whole book)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    args = parser.parse_args(argv)
    files = args.files or DEFAULT
    result = Result()
    changed_files = []
    remaining: list[str] = []
    for path in files:
        name = str(path.resolve().relative_to(ROOT)) if path.resolve().is_relative_to(ROOT) else str(path)
        old = path.read_text(encoding="utf-8")
        new = convert_text(old, name, result)
        if new != old:
            changed_files.append(name)
            if not args.check:
                path.write_text(new, encoding="utf-8")
        remaining += leftovers(new, name)
    print(f"files read: {len(files)}; files {'to change' if args.check else 'changed'}: {len(changed_files)}")
    for kind, n in sorted(result.counts.items()):
        if n:
            print(f"  {kind}: {n}")
    total = sum(result.counts.values())
    print(f"converted: {total}; could not map: {len(result.failed)}; cited the wrong part of a document: "
          f"{len(result.rekeyed)}")
    for r in result.rekeyed:
        print("  RE-KEYED", r)
    for f in result.failed:
        print("  NOT MAPPED", f)
    for r in remaining if not result.failed else []:
        print("  LEFT", r)
    if args.check and changed_files:
        for name in changed_files:
            print("  would change", name)
        return 1
    return 1 if result.failed or (remaining and not args.check) else 0


if __name__ == "__main__":
    sys.exit(main())
