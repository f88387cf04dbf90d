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


def fix_roles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


DEFERRED = ("handboek.js",)


def defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    from sphinx.builders.html._assets import _JavaScript

    scripts = context.get("script_files")
    if not scripts:
        return
    context["script_files"] = [
        _JavaScript(s.filename, priority=s.priority, **{**s.attributes, "defer": "defer"})
        if isinstance(s, _JavaScript) and str(s.filename).endswith(DEFERRED) else s
        for s in scripts
    ]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", fix_roles)
    app.connect("html-page-context", defer_scripts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
