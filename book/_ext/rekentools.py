"""The page calculators' ES modules and style sheet go to ``_static/rekentools/``.

The shared files are in calculators/rekentools/; each page calculator's formula is in its calculator's
folder (e.g. calculators/staffing/formatie.js); all of them land side by side in ``_static/rekentools/``
(``static_calculators.module_files``). Each page calculator's form (calculators/static_calculators.py)
loads ``rekentool.js`` as a module, which imports the formula of that calculator. They live outside
``book/_static`` because Jupyter Book adds every ``.js`` and ``.css`` file there to every page as a
classic script, where ``export`` is a syntax error; here they are copied once the HTML is written.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def copy_modules(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from calculators.static_calculators import module_files

    target = Path(app.outdir) / "_static" / "rekentools"
    target.mkdir(parents=True, exist_ok=True)
    for name, source in module_files().items():
        shutil.copyfile(source, target / name)


def setup(app: Any) -> dict[str, Any]:
    app.connect("build-finished", copy_modules)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
