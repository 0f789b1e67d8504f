"""One Markdown configuration for every output (site, e-mail, print).

Every Markdown text of every output goes through `render_markdown` (the site renders pages
itself and hands MkDocs empty bodies), so a page renders the same on the web, in a newsletter
and in a PDF. Fenced code is highlighted by Pygments into CSS classes — always escaped, so HTML
written inside a code block stays text — and `code_css()` gives the matching styles for the
e-mail and the PDFs (the site uses Material's own). Emoji shortcodes (`:penguin:`) become the
Unicode character: no image is fetched from an emoji CDN. French typography (`typography.fix_html`)
is applied here, once per document, to the text of the result (never to code).
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import markdown
from pygments.formatters import HtmlFormatter
from pymdownx import emoji

from airf_site.typography import fix_html

EXTENSIONS = [
    "abbr",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "admonition",
    "sane_lists",
    "smarty",
    "pymdownx.superfences",  # fenced code, also nested in lists and admonitions
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.emoji",
]
# A light Pygments style whose token colours keep ≥ 4.5:1 on a light background (print, e-mail).
CODE_STYLE = "xcode"
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    "toc": {"permalink": False},
    "pymdownx.highlight": {"use_pygments": True, "guess_lang": False, "css_class": "highlight"},
    "pymdownx.emoji": {"emoji_index": emoji.gemoji, "emoji_generator": emoji.to_alt},
    # French quotes and apostrophes are typed by the editors; only turn -- and ... into dashes.
    "smarty": {"smart_quotes": False, "smart_angled_quotes": False},
}

_local = threading.local()


def _converter() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a short page: reuse one per thread.
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
        _local.md = md
    return md


def render_markdown(text: str) -> str:
    """Markdown text → HTML fragment, in French typography."""
    md = _converter()
    try:
        return fix_html(md.convert(text))
    finally:
        md.reset()


@functools.cache
def code_css() -> str:
    """CSS of highlighted code for outputs without Material's stylesheet (e-mail, PDF)."""
    rules = HtmlFormatter(style=CODE_STYLE).get_style_defs(".highlight")
    return (".highlight pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f7f9; "
            "padding: 8px 10px; font-size: 0.85em; line-height: 1.4; }\n" + rules + "\n")
