"""The ledger of named figures: every kernel of this build writes the figures it names (``book.named``).

The folder ``_build/figures`` (beside the HTML, not served) is emptied when a build starts and given to
the chapter kernels through an environment variable, which the kernels inherit from this process.
After a full build, ``tests/test_book_figures.py`` checks that each name was printed as one text.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from calculators.book import LEDGER_ENV


def start_ledger(app: Sphinx) -> None:
    folder = Path(app.outdir).parent / "figures"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ[LEDGER_ENV] = str(folder)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", start_ledger)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
