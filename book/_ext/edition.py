"""Edition, licences and house style on every page.

Reads ``calculators.edition`` (edition number, date, licences: set there and nowhere else)
and the house style (``book/huisstijl.yml`` or ``$HANDBOEK_HUISSTIJL``):

- the page footer names the edition, the publisher and both licences;
- MyST substitutions for the pages: ``{{ editie }}``, ``{{ editie_datum }}``, ``{{ uitgever }}``,
  ``{{ licenties }}``, ``{{ citeer_apa }}``, ``{{ colofon }}``, ``{{ pdf_naam }}``, ``{{ pdf_link }}``,
  ``{{ rekentools }}`` / ``{{ rekentools_hoofdstuk }}`` (the apps, from calculators/registry.py),
  ``{{ huisstijl_contact }}``;
- the primary colour as CSS custom properties, the publisher's logo;
- a colour without enough contrast stops the build with a Dutch message.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from calculators import edition, house_style, registry


def footer_html(style: house_style.HouseStyle) -> str:
    e = edition
    return (
        f'<p class="handboek-colofon">{html.escape(e.TITLE)}, editie {e.EDITION} ({e.date_nl()}), '
        f"uitgegeven door {html.escape(style.publisher)}. "
        f'Tekst en data: <a href="{e.TEXT_LICENSE_URL}" rel="license">{e.TEXT_LICENSE}</a>; '
        f'code: <a href="{e.CODE_LICENSE_URL}" rel="license">{e.CODE_LICENSE}</a>. '
        f'Zie <a href="/appendices/wijzigingen.html">wijzigingen en correcties</a>.</p>'
    )


def apply_edition(app: Sphinx, config: Config) -> None:
    try:
        style = house_style.load()
    except house_style.HouseStyleError as exc:
        raise ConfigError(str(exc)) from None
    app.env_house_style = style  # type: ignore[attr-defined]
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = footer_html(style)
    config.html_theme_options = options
    if style.logo is not None:
        config.html_logo = str(style.logo)
        options.setdefault("logo", {})
        options["logo"] = {**options["logo"], "alt_text": style.logo_alt}
    subs = dict(getattr(config, "myst_substitutions", None) or {})
    subs.update({
        "editie": edition.EDITION,
        "editie_datum": edition.date_nl(),
        "uitgever": style.publisher,
        "licenties": edition.licence_line(),
        "colofon": edition.colophon(),
        "citeer_apa": edition.citation_apa(style.publisher, style.website or None),
        "pdf_naam": edition.PDF_NAME,
        # the link names the file it serves: this edition's own PDF
        "pdf_link": f'<a href="_static/{edition.PDF_NAME}">PDF-editie om te printen</a>',
        # the one list of apps (calculators/registry.py), from the root and from a chapter
        "rekentools": registry.apps_markdown(""),
        "rekentools_hoofdstuk": registry.apps_markdown("../"),
        "huisstijl_contact": style.contact_sentence(),
    })
    config.myst_substitutions = subs
    config.copyright = f"{edition.DATE.year}, {style.publisher}"


def add_style(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    style: house_style.HouseStyle = app.env_house_style  # type: ignore[attr-defined]
    context["metatags"] = (context.get("metatags", "")
                           + f'\n<meta name="handboek-editie" content="{edition.EDITION}">'
                           + f"\n<style>{style.css()}</style>")


def fix_footer_links(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """The footer link to the corrections page must be relative (the site may live under a sub-path)."""
    depth = pagename.count("/")
    prefix = "../" * depth
    options = context.get("theme_extra_footer")
    if options:
        context["theme_extra_footer"] = options.replace('href="/appendices/wijzigingen.html"',
                                                        f'href="{prefix}appendices/wijzigingen.html"')


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", apply_edition)
    app.connect("html-page-context", add_style)
    app.connect("html-page-context", fix_footer_links)
    return {"version": edition.EDITION, "parallel_read_safe": True, "parallel_write_safe": True}
