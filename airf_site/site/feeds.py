"""RSS 2.0 and Atom feeds (feedgen): all news, one per project, one per theme.

Each feed carries the most recent `FEED_SIZE` items with their full HTML (absolute URLs), a
stable GUID (the article's absolute URL), timezone-aware dates, and no wall-clock value: the
feed's own date is its newest item's, the generator name is pinned.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from airf_site.content.index import ContentIndex
from airf_site.content.models import Actualite
from airf_site.project import PARIS, Project
from airf_site.sanitize import sanitize_html
from airf_site.site.model import depth_base, feed_paths
from airf_site.typography import fix_text

FEED_SIZE = 50
FEED_BODY_MAX = 100_000  # characters of HTML per entry: a feed stays under about 5 MB
GENERATOR = "airf-site"
_LINK = re.compile(r'(src|href)="([^"]*)"')
_IMAGES = re.compile(r'(src|href)="(?:\.\./|/)*images/')


def absolutize(fragment: str, page_url: str, project: Project) -> str:
    """Make every relative link/image of a rendered article absolute (feeds are read elsewhere)."""
    page_abs = project.absolute_url(page_url)
    fragment = _IMAGES.sub(lambda m: f'{m.group(1)}="{depth_base(page_url)}images/', fragment)

    def fix(match: re.Match) -> str:
        value = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", value):  # already absolute (https:, mailto:)
            return match.group(0)
        return f'{match.group(1)}="{urljoin(page_abs, value)}"'

    return _LINK.sub(fix, fragment)


def published(item: Actualite) -> dt.datetime:
    """Publication instant of a news item: 9:00 in Paris on its date (dates carry no time)."""
    return dt.datetime(item.date.year, item.date.month, item.date.day, 9, 0, tzinfo=PARIS)


def _generator(project: Project, title: str, description: str, page_url: str, feed_url: str,
               items: list[Actualite], index: ContentIndex, content_type: str,
               bodies: Mapping[str, str]) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(project.absolute_url(feed_url))
    fg.title(fix_text(title))
    fg.subtitle(fix_text(description))
    # feedgen writes RSS's one channel <link> from the last link given: "self" first, so that
    # <link> is the web page (/actualites/) and the feed's own address goes to atom:link.
    fg.link(href=project.absolute_url(feed_url), rel="self")
    fg.link(href=project.absolute_url(page_url), rel="alternate")
    fg.language("fr")
    fg.generator(GENERATOR)
    fg.logo(project.absolute_url("assets/airf-partage.png"))
    newest = published(items[0]) if items else project.now
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for item in items:
        url = project.absolute_url(item.url)
        entry = fg.add_entry(order="append")
        # An imported article keeps its old feed identifier: readers do not show it again.
        entry.id(item.guid or url)
        entry.guid(item.guid or url, permalink=item.guid is None)
        entry.title(fix_text(item.titre))
        entry.link(href=url)
        # The summary is plain text: RSS readers take <description> as HTML, so escape it there
        # (an "<img …>" typed in « resume » stays text); Atom marks it type="text" itself.
        resume = fix_text(item.resume)
        entry.summary(html.escape(resume, quote=False) if content_type == "CDATA" else resume)
        converted = bodies[item.url] if item.url in bodies else item.html
        if len(converted) > FEED_BODY_MAX:
            # A very long article is announced, not copied: each feed stays within its budget
            # (FEED_SIZE × FEED_BODY_MAX) whatever the content.
            converted = (f"<p>{html.escape(item.resume, quote=False)}</p>"
                         f'<p><a href="{html.escape(url)}">Lire l\u2019article en entier</a></p>')
        # Feed readers render the body as HTML: only the sanitiser's allow-list gets through.
        body = absolutize(sanitize_html(converted), item.url, project)
        if item.image:
            src, alt = html.escape(project.absolute_url(item.image)), html.escape(item.image_alt or "")
            body = f'<p><img src="{src}" alt="{alt}"></p>' + body
        # RSS: content:encoded in a CDATA section; Atom: escaped HTML (type="html").
        entry.content(body, type=content_type)
        entry.published(published(item))
        entry.updated(published(item))
        for theme_id in item.themes:
            theme = index.theme(theme_id)
            if theme is not None:
                entry.category(term=theme.id, label=fix_text(theme.titre))
        if item.auteur:
            entry.author(name=item.auteur)
    return fg


def feed_specs(index: ContentIndex) -> list[tuple[str | None, str | None, str, str, list[Actualite]]]:
    """(scope, id, title, page url, items) of every feed to publish."""
    specs: list = [(None, None, "Actualités de l'AIRF", "actualites/", index.news)]
    for proj in index.projects:
        specs.append(("projets", proj.id, f"AIRF — {proj.titre}", proj.url, index.with_project(proj.id, index.news)))
    for theme in index.themes:
        specs.append(("themes", theme.id, f"AIRF — {theme.titre}", theme.url, index.with_theme(theme.id, index.news)))
    return specs


def feed_documents(index: ContentIndex) -> list[Actualite]:
    """The news items some feed carries (their full HTML is needed)."""
    return [item for *_rest, items in feed_specs(index) for item in items[:FEED_SIZE]]


def render_feeds(project: Project, index: ContentIndex, bodies: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Site path → bytes of every RSS and Atom feed (pure).

    `bodies`: Markdown HTML already converted elsewhere (by the site's workers), by document
    URL; the other documents are converted here (once, cached by the model).
    """
    bodies = bodies or {}
    out: dict[str, bytes] = {}
    for scope, ident, title, page_url, items in feed_specs(index):
        rss_path, atom_path = feed_paths(scope, ident)
        description = f"{title} : les dernières actualités publiées sur le site de l'AIRF."
        fg = _generator(project, title, description, page_url, rss_path, items[:FEED_SIZE], index, "CDATA", bodies)
        out[rss_path] = fg.rss_str(pretty=True)
        fg = _generator(project, title, description, page_url, atom_path, items[:FEED_SIZE], index, "html", bodies)
        out[atom_path] = fg.atom_str(pretty=True)
    return out


def write_feeds(site_dir: Path, project: Project, index: ContentIndex,
                bodies: Mapping[str, str] | None = None) -> list[Path]:
    """Write every feed under `site_dir` (`bodies` as in `render_feeds`)."""
    written = []
    for rel, data in render_feeds(project, index, bodies).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
