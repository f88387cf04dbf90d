"""Convert every MyST chapter (book/chapters/*.md, and the summary page book/oogopslag.md) to an .ipynb
so nbval can execute it.

Usage: python scripts/chapters_to_notebooks.py OUTDIR [CHAPTER.md ...]
The notebooks are build output (git-ignored); the .md files stay the source of truth.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import jupytext

ROOT = Path(__file__).resolve().parents[1]


def convert(sources: list[Path], outdir: Path) -> list[Path]:
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    written = []
    for source in sources:
        notebook = jupytext.read(source)
        target = outdir / (source.stem + ".ipynb")
        jupytext.write(notebook, target, fmt="ipynb")
        written.append(target)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1])
    given = [Path(p) for p in sys.argv[2:]] or [*sorted((ROOT / "book" / "chapters").glob("*.md")),
                                                ROOT / "book" / "oogopslag.md"]
    paths = convert(given, out)
    print(f"chapters_to_notebooks: {len(paths)} notebooks in {out}")
