"""Find a unit word repeated around an inserted number ('47 weken productieve weken').

A figure quoted with ``{eval}`F.key``` carries its unit ('47 weken', '6 cliënten per dag'). When the
prose around it repeats the unit, the page reads '47 weken productieve weken'. This module finds such
repeats in two places:

- in the built HTML (``check_html_dir``): every number followed by a unit phrase of
  ``calculators.formatting`` whose unit word comes back within a few words, or stood just before it;
- in the chapter sources (``check_markdown``): every ``{eval}`F.key``` whose fact prints a unit,
  against the words written around the role. Cheap, and it names the line to fix.

Usage: python scripts/repeated_units.py [HTML_DIR]   (default: book/_build/html; exit 1 on a hit)
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculators import data  # noqa: E402
from calculators.formatting import _SUFFIX  # noqa: E402

# Words of a unit phrase that carry meaning ('per' and the number in 'per 10.000' do not).
_FILLER = {"per", "10.000"}
# The lookaround: words after the unit phrase that may repeat a unit word; words read before the number
# (the last one may repeat it, the one before that tells whether it belongs to a previous figure).
AFTER, BEFORE = 3, 2
NUMBER = r"(?:-?€\s)?\d[\d.]*(?:,\d+)?(?:\s?[–-]\s?(?:€\s)?\d[\d.]*(?:,\d+)?)?"


# Singular and plural count as the same word ('1 uur directe uren' repeats the unit too).
_FORMS = {"uur": "uren", "week": "weken", "jaar": "jaren", "dag": "dagen", "minuut": "minuten",
          "contact": "contacten", "cliënt": "cliënten", "jeugdige": "jeugdigen"}
_FORMS.update({plural: singular for singular, plural in list(_FORMS.items())})


def unit_words(phrase: str) -> set[str]:
    words = {w for w in phrase.split() if w not in _FILLER}
    return words | {_FORMS[w] for w in words if w in _FORMS}


def _phrases() -> list[str]:
    """Unit phrases as printed after a number, longest first (so 'uur per week' wins over 'uur')."""
    return sorted({s.strip() for s in _SUFFIX.values() if unit_words(s.strip())}, key=len, reverse=True)


@dataclass(frozen=True)
class Hit:
    where: str
    snippet: str

    def __str__(self) -> str:
        return f"{self.where}: …{self.snippet}…"


def _words(text: str) -> list[str]:
    return re.findall(r"[\w€%.,–-]+", text)


def _clean(word: str) -> str:
    return word.strip(".,;:()'\"").lower()


def _repeats(after: list[str], before: list[str], units: set[str]) -> bool:
    """A unit word among the next words (up to the next figure) or as the word just before."""
    for w in after:
        if re.search(r"\d", w):
            break  # the next figure starts its own phrase
        if _clean(w) in units:
            return True
    if not before or _clean(before[-1]) not in units:
        return False
    # '10,4 uur, 1,6 uur': the word before is the unit of the previous figure in a list, no repeat
    listed = before[-1][-1:] in ",;:" or (len(before) > 1 and re.search(r"\d", before[-2]))
    return not listed


def find_in_text(text: str, where: str = "") -> list[Hit]:
    """Every number with a unit phrase whose unit word is repeated just after or just before it."""
    text = re.sub(r"\s+", " ", text)
    hits = []
    for phrase in _phrases():
        units = unit_words(phrase)
        for m in re.finditer(rf"(?<![\w,.]){NUMBER} {re.escape(phrase)}\b", text):
            after = _words(text[m.end():])[:AFTER]
            before = _words(text[:m.start()])[-BEFORE:]
            if _repeats(after, before, units):
                start, end = max(0, m.start() - 40), min(len(text), m.end() + 40)
                hits.append(Hit(where, text[start:end]))
    return hits


class _Prose(HTMLParser):
    """The text of the prose elements of a page (paragraphs, list items, captions, boxes)."""

    BLOCKS = {"p", "li", "dd", "dt", "figcaption", "caption", "h1", "h2", "h3", "h4"}
    SKIP = {"script", "style", "nav", "table", "pre", "code"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._stack: list[str] = []
        self._skip = 0
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag in self.BLOCKS:
            self._flush()
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, d: str) -> None:
        if not self._skip:
            self._buf.append(d)

    def _flush(self) -> None:
        text = "".join(self._buf).strip()
        if text:
            self.blocks.append(text)
        self._buf = []

    def close(self) -> None:
        super().close()
        self._flush()


def check_html(path: Path) -> list[Hit]:
    parser = _Prose()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return [h for block in parser.blocks for h in find_in_text(block, path.name)]


def check_html_dir(html: Path) -> list[Hit]:
    pages = sorted((html / "chapters").glob("*.html")) + sorted((html / "appendices").glob("*.html"))
    return [h for page in pages for h in check_html(page)]


EVAL_FACT = re.compile(r"\{eval\}`F\.(\w+)`")


def check_markdown(path: Path) -> list[Hit]:
    """Source-level variant: ``{eval}`F.key``` prints the fact's unit; the words around it must not repeat it."""
    facts = data.facts()
    source = path.read_text(encoding="utf-8")
    hits = []
    for m in EVAL_FACT.finditer(source):
        fact = facts.get(m.group(1))
        if fact is None or fact.value is None:
            continue
        units = unit_words(_SUFFIX.get(fact.unit, "").strip())
        if not units:
            continue
        # other roles count as a figure (they stop the lookahead); markup is no word
        after = _words(re.sub(r"\{[\w:]+\}`[^`]*`", " 0 ", source[m.end():m.end() + 200]))[:AFTER]
        before = _words(re.sub(r"\{[\w:]+\}`[^`]*`", " 0 ", source[max(0, m.start() - 200):m.start()]))[-BEFORE:]
        if _repeats(after, before, units):
            line = source.count("\n", 0, m.start()) + 1
            hits.append(Hit(f"{path.name}:{line}", re.sub(r"\s+", " ", source[max(0, m.start() - 40):m.end() + 40])))
    return hits


def main(argv: list[str]) -> int:
    html = Path(argv[1]) if len(argv) > 1 else ROOT / "book" / "_build" / "html"
    hits = check_html_dir(html)
    for h in hits:
        print(h)
    print(f"{len(hits)} herhaalde eenheden gevonden in {html}")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
