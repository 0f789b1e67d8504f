"""`SitePage`: a page that another output (newsletter archive, annual report) publishes on the
website. Outputs hand the site these typed, already-rendered pages instead of importing it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class SitePage:
    """One page offered to the site under the listing `section` ("lettres", "rapport").

    `standalone` pages are complete HTML documents published as they are (a newsletter's web
    version); the others are fragments the site wraps in its layout. `files` are written beside
    the page: {path relative to the page: file on disk, or its bytes}.
    """

    section: str
    url: str
    title: str
    date: dt.date | None
    summary: str
    html: str
    standalone: bool = False
    files: dict[str, Path | bytes] = field(default_factory=dict)
    audience: str | None = None
    year: int | None = None
    pdf: str | None = None
    pdf_impression: str | None = None


def group_pages(pages: list[SitePage]) -> dict[str, list[SitePage]]:
    """Pages by section, sections in a stable order."""
    grouped: dict[str, list[SitePage]] = {}
    for page in pages:
        grouped.setdefault(page.section, []).append(page)
    return dict(sorted(grouped.items()))
