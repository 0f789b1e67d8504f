"""One Markdown configuration for every output (site, e-mail, print).

The site's MkDocs `markdown_extensions` and this list must agree so a page renders the same
on the web, in a newsletter and in the PDF report.
"""

from __future__ import annotations

import threading

import markdown

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
]
EXTENSION_CONFIGS = {
    "toc": {"permalink": False},
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
    """Markdown text → HTML fragment."""
    md = _converter()
    try:
        return md.convert(text)
    finally:
        md.reset()
