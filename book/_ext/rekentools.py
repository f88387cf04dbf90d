"""The page calculators' ES modules and style sheet (calculators/rekentools/) go to ``_static/rekentools/``.

Each page calculator's form (calculators/static_calculators.py) loads ``rekentool.js`` as a module,
which imports the formula of that calculator. They live outside ``book/_static`` because Jupyter Book
adds every ``.js`` and ``.css`` file there to every page as a classic script, where ``export`` is a
syntax error; here they are copied once the HTML is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def copy_modules(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from calculators.static_calculators import MODULE_DIR

    target = Path(app.outdir) / "_static" / "rekentools"
    shutil.copytree(MODULE_DIR, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", copy_modules)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
