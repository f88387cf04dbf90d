"""Copy the JavaScript the static book needs into book/_static/lib (no CDN at run time).

The Vega/Vega-Lite/vega-embed bundle comes from the vl-convert-python wheel, so
it matches the installed Altair exactly. Jupyter Book adds every .js file under
book/_static to each page. The output is git-ignored and rebuilt by setup.sh.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import vl_convert as vlc
from altair.utils._importers import vl_version_for_vl_convert

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "book" / "_static" / "lib"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    bundle_path = OUT / "vega-bundle.js"
    versions = {"vega": alt.VEGA_VERSION, "vegalite": alt.VEGALITE_VERSION, "vegaembed": alt.VEGAEMBED_VERSION}
    preload = (
        "/* Tells Altair's HTML output that vega, vega-lite and vega-embed are already loaded (no CDN). */\n"
        "var VEGA_DEBUG = {vega_version: %r, vegalite_version: %r, vegaembed_version: %r};\n"
        % (versions["vega"], versions["vegalite"], versions["vegaembed"])
    )
    # The bundle declares top-level consts that clash with other classic scripts: wrap it.
    bundle = "(function(){\n" + vlc.javascript_bundle(vl_version=vl_version_for_vl_convert()) + "\n})();\n"
    for path, text in ((bundle_path, bundle), (OUT / "vega-preload.js", preload)):
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    print(f"vendor_assets: {bundle_path.relative_to(ROOT)} ({bundle_path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
