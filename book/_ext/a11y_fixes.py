"""Page fixes applied to every built page.

1. Accessibility (WCAG 2.1 A/AA, checked with axe-core):
docutils renders a bibliography as <div role="list"> with <div role="doc-biblioentry">
children; that role is deprecated and not a list item, so screen readers get a list
without items. Use role="listitem" instead.

2. Performance: Jupyter Book adds every script in _static to <head> without ``defer``.
The chart loader only matters after the page is parsed, so it is deferred; it fetches the
Vega bundle only on pages that have a chart (book/_static/handboek.js).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config


def fix_roles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


DEFERRED = {"handboek.js"}


def defer_scripts(app: Sphinx, config: Config) -> None:
    """Jupyter Book lists our scripts in html_js_files as bare names; give them defer."""
    config.html_js_files = [(f, {"defer": "defer"}) if isinstance(f, str) and f in DEFERRED else f
                            for f in config.html_js_files]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", fix_roles)
    app.connect("config-inited", defer_scripts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
