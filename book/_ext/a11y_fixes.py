"""Accessibility fixes applied to every built page (WCAG 2.1 A/AA, checked with axe-core).

docutils renders a bibliography as <div role="list"> with <div role="doc-biblioentry">
children; that role is deprecated and not a list item, so screen readers get a list
without items. Use role="listitem" instead.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def fix_roles(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", fix_roles)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
