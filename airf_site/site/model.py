"""The site as data: one `WebPage` per output page, plus lookups shared by the page renderers.

Pure: nothing here touches MkDocs or the disk (except checking which fact-sheet PDFs exist),
so every page can be rendered and tested without running a build.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from airf_site.content.index import ContentIndex
from airf_site.content.models import Document
from airf_site.programme import render_programme_html
from airf_site.project import Project
from airf_site.site.assets import OG_IMAGE
from airf_site.site.colours import text_safe
from airf_site.site.thumbnails import Thumb, card_image, plan_thumbnails
from airf_site.sitepage import SitePage
from airf_site.templating import create_env, date_fr
from airf_site.typography import fix_text


@dataclass
class WebPage:
    """One page of the site. `nav` pages go through MkDocs; the others use a pre-rendered shell."""

    url: str
    title: str
    html: str = ""
    description: str = ""
    head: str = ""
    nav: bool = False
    standalone: bool = False
    lastmod: dt.date | None = None
    search: str | None = None  # the page's Pagefind record (site/search.py); None: not indexed
    files: dict[str, Any] = field(default_factory=dict)  # name → bytes or Path, written beside the page

    def __post_init__(self) -> None:
        # Title and description reach Material's chrome (tab title, header, nav) and the meta tags
        # outside our Jinja environment: typeset them here, once.
        self.title = fix_text(self.title)
        self.description = fix_text(self.description)


FEED_DIR = "flux/"


def feed_paths(scope: str | None = None, ident: str | None = None) -> tuple[str, str]:
    """Site paths of the (RSS, Atom) feeds: all news, or one project's / one theme's."""
    name = "actualites" if scope is None else f"{scope}/{ident}"
    return f"{FEED_DIR}{name}.xml", f"{FEED_DIR}{name}-atom.xml"


_IMAGES = re.compile(r'(src|href)="(?:\.\./|/)*images/')
_ROOTED = re.compile(r'(src|href)="/(?!/)')


def depth_base(url: str) -> str:
    """Relative prefix from the page at `url` to the site root ("actualites/x/" → "../../")."""
    return "../" * url.count("/")


def site_documents(index: ContentIndex) -> list[Any]:
    """The documents whose cards may show an illustration (for the thumbnail plan)."""
    return [*index.news, *index.fiches, *index.events, *index.projects]


@dataclass(frozen=True)
class Download:
    """A PDF offered on /rapport/: its site path and the words a reader sees on the link."""

    url: str
    label: str


_REPORT_PDF = re.compile(r"^rapport-annuel-(\d{4})(-impression)?$")


def report_downloads(paths: list[Any]) -> list[Download]:
    """The annual report's PDFs as readers want them: newest year first, the screen version
    before the printer's (bleed and crop area are of no use on screen), named in words."""
    rows = []
    for path in paths:
        match = _REPORT_PDF.match(path.stem)
        size = f"{path.stat().st_size / 1_000_000:.1f}".replace(".", ",")
        if match is None:
            rows.append(((0, 2, path.name), Download(f"rapport/{path.name}", f"{path.stem} (PDF, {size} Mo)")))
            continue
        year, printer = match.group(1), bool(match.group(2))
        label = (f"Rapport d'activité {year} — version pour l'imprimeur, avec fonds perdus (PDF, {size} Mo)" if printer
                 else f"Rapport d'activité {year} — à lire à l'écran (PDF, {size} Mo)")
        rows.append(((-int(year), int(printer), path.name), Download(f"rapport/{path.name}", label)))
    return [download for _key, download in sorted(rows, key=lambda r: r[0])]


class Site:
    """Lookups shared by all renderers: themes, projects, members, related items, PDFs."""

    def __init__(self, project: Project, index: ContentIndex, extra_pages: dict[str, list[SitePage]] | None = None,
                 indexed: bool = True):
        self.project = project
        self.index = index
        self.indexed = indexed  # False: the site is built without its search index (no records)
        self.extra_pages = extra_pages or {}
        self.env = self._create_env()
        self.themes = {t.id: t for t in index.themes}
        self.projects = {p.id: p for p in index.projects}
        self.members = {m.id: m for m in index.members}
        self.thumbs = plan_thumbnails(site_documents(index), project.content_dir)
        self.fiche_pdfs = self._existing_pdfs()
        report = project.build_dir / "report"
        self.report_pdfs = report_downloads(sorted(report.glob("*.pdf")) if report.is_dir() else [])
        self._by_tag: dict[tuple[str, str], list[Document]] = {}
        for doc in index.news:
            for key in self._keys(doc):
                self._by_tag.setdefault(key, []).append(doc)

    def _create_env(self) -> jinja2.Environment:
        env = create_env(self.project)
        # Templates do not change during a build: skip the per-render mtime check (thousands of pages).
        env.auto_reload = False
        # Babel's date formatting dominates listing pages; the same dates recur thousands of times.
        env.filters["date_fr"] = functools.lru_cache(maxsize=8192)(date_fr)
        env.globals.update(site=self, index=self.index, feed_paths=feed_paths)
        return env

    # Pickled for the site's worker processes (site/prerender.py): the Jinja environment is
    # not picklable, so each worker creates its own from the same project.
    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "env"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.env = self._create_env()

    def programme_html(self, event) -> Markup:
        """The event's programme grouped by day: the very fragment the printed booklet uses."""
        return Markup(render_programme_html(self.project, event))

    def _existing_pdfs(self) -> set[str]:
        folder = self.project.build_dir / "fiches"
        return {p.stem for p in folder.glob("*.pdf")} if folder.is_dir() else set()

    @staticmethod
    def _keys(doc: Any) -> list[tuple[str, str]]:
        keys = [("theme", t) for t in getattr(doc, "themes", [])]
        if getattr(doc, "projet", None):
            keys.insert(0, ("projet", doc.projet))
        return keys

    # --- helpers used in templates ---

    def chips(self, doc: Any) -> list[tuple[str, str, str]]:
        """(label, url, colour) of the project and themes of `doc`; the colour carries white text."""
        out = []
        project = self.projects.get(getattr(doc, "projet", None) or "")
        if project is not None:
            out.append((project.titre, project.url, text_safe(project.couleur)))
        for theme_id in getattr(doc, "themes", []):
            theme = self.themes.get(theme_id)
            if theme is not None:
                out.append((theme.titre, theme.url, text_safe(theme.couleur)))
        return out

    def related(self, doc: Any, limit: int = 3) -> list[Document]:
        """Up to `limit` most recent news sharing the project, then a theme, with `doc`."""
        found: list[Document] = []
        for key in self._keys(doc):
            for other in self._by_tag.get(key, []):
                if other is doc or other in found:
                    continue
                found.append(other)
                if len(found) >= limit:
                    return found
        return found

    def thumb(self, doc: Any) -> Thumb | None:
        """The card thumbnail of `doc` (None without an illustration)."""
        source = card_image(doc)
        return self.thumbs.get(source) if source else None

    def pdf_url(self, fiche: Any) -> str | None:
        return f"{fiche.url}{fiche.id}.pdf" if fiche.id in self.fiche_pdfs else None

    def image_url(self, doc: Any) -> str:
        """Absolute URL of the page's share image (its own, else the AIRF card)."""
        image = getattr(doc, "image", None) if doc is not None else None
        return self.project.absolute_url(image or OG_IMAGE)

    def date_label(self, value: dt.date | None) -> str:
        return date_fr(value)

    def localize(self, fragment: str, base: str) -> str:
        """Make rendered Markdown's links relative to the page: `/agenda/x/` (the editors' way,
        see the authoring guide) and `images/...` become `../../agenda/x/`, `../../images/...`,
        so the site also works from a sub-folder or a preview server."""
        fragment = _IMAGES.sub(lambda m: f'{m.group(1)}="{base}images/', fragment)
        return _ROOTED.sub(lambda m: f'{m.group(1)}="{base}', fragment)

    # --- page assembly ---

    def render(self, template: str, url: str, **context: Any) -> str:
        return self.env.get_template(f"web/airf/{template}").render(
            base=depth_base(url), page_url=url, **context)

    def head(self, url: str, title: str, description: str, doc: Any = None,
             feeds: list[tuple[str, str]] | None = None, kind: str = "website") -> str:
        """Open Graph, Twitter and feed autodiscovery tags for one page."""
        return self.render("head.html", url, title=title, description=description, doc=doc,
                           canonical=self.project.absolute_url(url), image=self.image_url(doc),
                           feeds=self.feeds_for(doc, feeds), og_type=kind)

    def feeds_for(self, doc: Any, extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str, str]]:
        """(title, path, mime) of the feeds a page advertises, most specific first."""
        scopes: list[tuple[str, str]] = list(extra or [])
        if doc is not None:
            if getattr(doc, "projet", None) in self.projects:
                scopes.append(("projets", doc.projet))
            scopes += [("themes", t) for t in getattr(doc, "themes", []) if t in self.themes]
        out = []
        for scope, ident in dict.fromkeys(scopes):
            name = (self.projects.get(ident) if scope == "projets" else self.themes.get(ident))
            label = name.titre if name is not None else ident
            rss, atom = feed_paths(scope, ident)
            out += [(f"Actualités — {label} (RSS)", rss, "application/rss+xml"),
                    (f"Actualités — {label} (Atom)", atom, "application/atom+xml")]
        rss, atom = feed_paths()
        out += [("Actualités de l'AIRF (RSS)", rss, "application/rss+xml"),
                ("Actualités de l'AIRF (Atom)", atom, "application/atom+xml")]
        return out
