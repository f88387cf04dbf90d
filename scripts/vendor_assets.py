"""Copy the Vega JavaScript the static book needs into book/_extra/lib (no CDN at run time).

The Vega/Vega-Lite/vega-embed bundle comes from the vl-convert-python wheel, so it
matches the installed Altair exactly. It lives in html_extra_path, not _static:
Jupyter Book would put every _static script on every page, while book/_static/handboek.js
loads this one only on pages that have a chart. Git-ignored; rebuilt by setup.sh.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import vl_convert as vlc
from altair.utils._importers import vl_version_for_vl_convert

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "book" / "_extra" / "lib"
OLD = ROOT / "book" / "_static" / "lib"  # earlier location; its scripts would be injected everywhere


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    bundle_path = OUT / "vega-bundle.js"
    shutil.rmtree(OLD, ignore_errors=True)
    # The bundle declares top-level consts that clash with other classic scripts: wrap it.
    bundle = "(function(){\n" + vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()) + "\n})();\n"
    if not bundle_path.exists() or bundle_path.read_text(encoding="utf-8") != bundle:
        bundle_path.write_text(bundle, encoding="utf-8")
    print(f"vendor_assets: {bundle_path.relative_to(ROOT)} ({bundle_path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
