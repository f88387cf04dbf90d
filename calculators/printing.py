"""HTML printed to PDF by Debian's chromium: the one path for the council annex and the evaluation report.

The page lives only in a temporary folder for chromium to read and is gone when this returns. A missing
or failing chromium is an InputError with a Dutch message that says what the reader can do instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import InputError

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--no-pdf-header-footer"]


def html_to_pdf(page_html: str, instead: str, field: str = "output") -> bytes:
    """The PDF of ``page_html``; ``instead`` is the Dutch alternative named when printing fails."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        raise InputError(f"PDF maken lukt niet: chromium is niet geïnstalleerd (scripts/setup.sh). {instead}",
                         field=field)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "pagina.html"
        page.write_text(page_html, encoding="utf-8")
        target = Path(tmp) / "pagina.pdf"
        proc = subprocess.run(
            [exe, *CHROMIUM_ARGS, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={target}", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )
        if proc.returncode != 0 or not target.exists():
            raise InputError(f"PDF maken is mislukt (chromium gaf een fout). {instead}", field=field)
        return target.read_bytes()
