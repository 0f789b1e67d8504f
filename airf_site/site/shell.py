"""Pre-rendered Material page shells: MkDocs' chrome rendered once per folder, filled per page.

MkDocs renders the whole theme (header, nav, footer) for every page; for thousands of articles
that costs far more than their Markdown. Every page in a folder (e.g. ``actualites/<slug>/``)
has the same relative links to assets and nav, so we render Material's ``main.html`` once for a
placeholder page in that folder and substitute title, description, head tags, slug and content.
"""

from __future__ import annotations

import html
import re
from typing import Any

from airf_site.site.model import WebPage

SLUG = "airfslugmarker"
MARKS = {"title": "@@AIRF-TITLE@@", "description": "@@AIRF-DESCRIPTION@@", "head": "@@AIRF-HEAD@@",
         "content": "@@AIRF-CONTENT@@<!--<h1>-->", "slug": SLUG}
_SPLIT = re.compile("(" + "|".join(re.escape(m) for m in MARKS.values()) + ")")
_NAME = {v: k for k, v in MARKS.items()}


class Shell:
    """A rendered page split at its placeholders; `fill` joins the parts with one page's values."""

    def __init__(self, rendered: str):
        self.parts: list[str | tuple[str]] = []
        for piece in _SPLIT.split(rendered):
            self.parts.append((_NAME[piece],) if piece in _NAME else piece)

    def fill(self, page: WebPage) -> str:
        slug = page.url.rstrip("/").rsplit("/", 1)[-1]
        values = {"title": html.escape(page.title, quote=False), "description": html.escape(page.description),
                  "head": page.head, "content": page.html, "slug": slug}
        return "".join(values[p[0]] if isinstance(p, tuple) else p for p in self.parts)


def parent_of(url: str) -> str:
    """'actualites/x/' → 'actualites/'; 'mentions/' → ''."""
    stripped = url.rstrip("/")
    return stripped.rsplit("/", 1)[0] + "/" if "/" in stripped else ""


def render_shell(parent: str, env: Any, config: Any, nav: Any, files: Any) -> Shell:
    """Render Material's main.html for a placeholder page in folder `parent`."""
    from mkdocs.commands.build import get_context
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    file = File.generated(config, f"{parent}{SLUG}.md", content="")
    page = Page(None, file, config)
    page.markdown = ""
    page.meta = {"title": MARKS["title"], "description": MARKS["description"], "airf_head": MARKS["head"]}
    # The "<h1" in the marker stops Material from adding its own title: our HTML has one.
    page.content = MARKS["content"]
    page.toc = get_toc([])
    context = get_context(nav, files, config, page)
    # Highlight the tab of the listing the page belongs to (articles → "Actualités"...).
    owner = max((p for p in nav.pages if p.url and parent.startswith(p.url)), key=lambda p: len(p.url), default=None)
    if owner is not None:
        owner.active = True
    try:
        return Shell(env.get_template("main.html").render(context))
    finally:
        if owner is not None:
            owner.active = False
