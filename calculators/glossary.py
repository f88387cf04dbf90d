"""The glossary's definitions (``book/appendices/begrippenlijst.md``), for surfaces outside the book.

The council annex names risks in the glossary's terms; reading the definition from the glossary
itself means a term cannot mean one thing in the book and another in the annex.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[1] / "book" / "appendices" / "begrippenlijst.md"

_ROLE = re.compile(r"\{[a-z]+\}`([^`<]*?)(?:\s*<[^>]*>)?`")  # {term}`tekst <doel>` -> tekst
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")                 # [tekst](adres) -> tekst


def _plain(text: str) -> str:
    """MyST markup of a definition as plain text (roles and links keep their words)."""
    return re.sub(r"\s+", " ", _LINK.sub(r"\1", _ROLE.sub(r"\1", text))).replace("**", "").strip()


@cache
def definitions() -> dict[str, str]:
    """Term (lower case) -> its definition as plain Dutch text."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    out: dict[str, str] = {}
    term: str | None = None
    lines: list[str] = []
    for line in block.splitlines():
        if not line.strip() or line.startswith(":"):
            continue
        if line.startswith((" ", "\t")):
            lines.append(line.strip())
            continue
        if term is not None:
            out[term.lower()] = _plain(" ".join(lines))
        term, lines = line.strip(), []
    if term is not None:
        out[term.lower()] = _plain(" ".join(lines))
    return out


def definition(term: str) -> str:
    return definitions()[term.lower()]
