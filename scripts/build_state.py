"""Decide how much of the handbook a start of serve.sh must rebuild, and remember what was built.

    python scripts/build_state.py decide [--clean]   prints full | incremental | none
    python scripts/build_state.py record             after a successful build

- full: no finished build yet, --clean, or anything the pages are computed from changed (data/,
  calculators/, the book's configuration, extensions, static files, bibliography, pinned packages,
  the PDF script). Sphinx does not know that a chapter depends on data/, so only a clean build with
  execution is safe then.
- incremental: only chapter or appendix text (book/**/*.md) changed; Sphinx rebuilds those pages.
- none: nothing changed since the last finished build; serve it as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "book" / "_build"
STAMP = BUILD / ".build-inputs.json"
# Inputs that change what every page computes or how it looks.
GLOBAL = [ROOT / "data", ROOT / "calculators", ROOT / "requirements.txt", ROOT / "scripts" / "build_pdf.py"]
SKIP_PARTS = {"_build", "__pycache__", ".ipynb_checkpoints", "_extra"}


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and not SKIP_PARTS.intersection(p.relative_to(ROOT).parts))


def fingerprint() -> dict[str, str]:
    """sha256 of every input file, by path relative to the repository."""
    files = [f for p in [*GLOBAL, ROOT / "book"] for f in _files(p)]
    return {str(f.relative_to(ROOT)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def is_text(path: str) -> bool:
    """A page's own text: changing it needs only that page rebuilt."""
    return path.startswith("book/") and path.endswith(".md") and not path.startswith("book/_")


def decide(current: dict[str, str], previous: dict[str, str] | None, clean: bool = False, built: bool = True) -> str:
    if clean or previous is None or not built:
        return "full"
    changed = {p for p in current.keys() | previous.keys() if current.get(p) != previous.get(p)}
    if not changed:
        return "none"
    return "incremental" if all(is_text(p) for p in changed) else "full"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["decide", "record"])
    parser.add_argument("--clean", action="store_true")
    args = parser.parse_args(argv)
    if args.action == "record":
        BUILD.mkdir(parents=True, exist_ok=True)
        STAMP.write_text(json.dumps(fingerprint(), indent=0, sort_keys=True), encoding="utf-8")
        return 0
    previous = json.loads(STAMP.read_text(encoding="utf-8")) if STAMP.exists() else None
    print(decide(fingerprint(), previous, clean=args.clean, built=(BUILD / "html" / "index.html").exists()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
