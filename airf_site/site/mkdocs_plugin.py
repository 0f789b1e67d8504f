"""The `airf` MkDocs plugin: the site's pages come from the ContentIndex, not from docs files.

MkDocs is one consumer of the content model. Pages listed in the nav (home, listings, themes,
projects, static pages) are handed to MkDocs as generated files whose HTML we render ourselves
(no second Markdown pass). Everything else — thousands of articles, pagination, archives — is
written after the build into a Material shell rendered once per folder (see site/shell.py),
which keeps the build linear in the number of pages. Feeds, the agenda (.ics), the sitemap and
the search index (Pagefind, site/search_index.py, fed with each page's record while the
articles render) are written in `on_post_build`.

The seam is explicit (docs/site.md lists which pages pass through which event):
- data comes in through `preload()`, called by site/build.py on `config.plugins["airf"]`;
- every handler declares its priority (`event_priority`), so the order of `plugins:` in
  mkdocs.yml changes nothing: ours run first where other plugins must see our pages (files,
  Markdown, content);
- plugins the toolkit is not built and tested with are refused (`SUPPORTED_PLUGINS`): most
  pages never pass through MkDocs' page events, so such a plugin would silently skip them.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import html
import io
import logging
import time
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from airf_site.content.index import ContentIndex
from airf_site.errors import AirfError
from airf_site.paths import is_safe_file
from airf_site.project import Project
from airf_site.site import assets
from airf_site.site.model import Site
from airf_site.site.pages import PendingPage, all_pages, site_nav
from airf_site.site.prerender import run_jobs
from airf_site.site.search_index import SearchIndexer, write_index
from airf_site.site.shell import parent_of, render_shell
from airf_site.sitepage import SitePage
from airf_site.templating import configure_env
from airf_site.write import write_text

SKIPPED_SOURCES = ("donnees/", "admin/")
# Plugins the site is built and tested with, by the name MkDocs gives them once loaded → the name
# written in mkdocs.yml. Not Material's search: the site's search is Pagefind (site/search.py).
SUPPORTED_PLUGINS = {"airf": "airf"}
FIRST, LAST = 100, -100
log = logging.getLogger("airf_site.site.search")
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'


def _under(path: str | None, folder: Path) -> bool:
    """Whether `path` lies (lexically) under `folder`: a content file, not one of the theme's."""
    return path is not None and Path(path).is_relative_to(folder)


def unsupported_plugins(config: Any) -> list[str]:
    """Plugins of a loaded MkDocs config that the toolkit does not support, in mkdocs.yml order."""
    return [name for name in config.plugins if name not in SUPPORTED_PLUGINS]


class AirfPluginConfig(Config):
    news_per_page = config_options.Type(int, default=20)
    # `recherche: false` builds the site without its search index and without the header's
    # search button (the benchmark measures the index's cost this way).
    recherche = config_options.Type(bool, default=True)


class AirfPlugin(BasePlugin[AirfPluginConfig]):
    """Generate every page of the site from the content model."""

    _loaded: tuple[Project, ContentIndex, dict[str, list[SitePage]]] | None = None

    def preload(self, project: Project, index: ContentIndex, extra: dict[str, list[SitePage]]) -> None:
        """Hand the plugin the validated model and other outputs' pages (called by site/build.py
        through `config.plugins["airf"]` before MkDocs runs its events)."""
        self._loaded = (project, index, extra)

    @event_priority(FIRST)  # other plugins see our nav
    def on_config(self, config: Any) -> Any:
        if self._loaded is None:
            # `mkdocs build` / `mkdocs serve` alone would skip validation and the other outputs'
            # pages: the site is built by the toolkit, which validates everything first.
            raise PluginError("le site se construit avec « airf build --site » (ou « make site »), "
                              "qui vérifie le contenu d'abord ; « mkdocs build » seul n'est pas pris en charge")
        project, index, extra = self._loaded
        self.project, self.index = project, index
        self.site = Site(project, index, extra, indexed=self.config.recherche)
        try:
            self.pages: list[Any] = all_pages(self.site, self.config.news_per_page)
        except AirfError as exc:
            raise PluginError(str(exc)) from None
        self.nav_pages = {p.url + "index.md": p for p in self.pages if p.nav and not p.standalone}
        config.nav = site_nav(self.pages)
        return config

    @event_priority(FIRST)  # other plugins see the generated pages, not content/*.md
    def on_files(self, files: Files, config: Any) -> Files:
        # A symbolic link under content/ (refused by the checks) is never copied into the site.
        content = self.project.content_dir
        kept = [f for f in files if not (f.src_uri.endswith(".md") or f.src_uri.startswith(SKIPPED_SOURCES))
                and (not _under(f.abs_src_path, content) or is_safe_file(content, Path(f.abs_src_path or "")))]
        out = Files(kept)
        for uri, path in assets.static_files().items():
            out.append(File.generated(config, uri, abs_src_path=str(path)))
        out.append(File.generated(config, "assets/fonts.css", content=assets.render_fonts_css()))
        out.append(File.generated(config, "assets/airf-logo.svg", content=assets.render_logo_svg()))
        out.append(File.generated(config, assets.OG_IMAGE, content=assets.render_share_image()))
        for src in self.nav_pages:
            out.append(File.generated(config, src, content=""))
        return out

    @event_priority(LAST)  # the nav as every plugin left it, for the shells
    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        self.nav, self.files = nav, files
        return nav

    @event_priority(FIRST)
    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        # layouts/ is searched after the theme, so "shared/..." includes resolve as in our own env.
        # (Not added to theme.dirs: MkDocs would copy every file of layouts/ into the site.)
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(self.project.layouts_dir))])
        self.env = configure_env(env, self.project)
        return env

    @event_priority(FIRST)  # title and description set before others read them
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Files) -> str:
        web = self.nav_pages.get(page.file.src_uri)
        if web is None:
            return markdown
        page.meta["title"] = html.escape(web.title, quote=False)
        page.meta["description"] = html.escape(web.description)
        page.meta["airf_head"] = web.head
        return ""  # our HTML replaces the page body in on_page_content: no Markdown pass

    @event_priority(FIRST)  # other plugins see our HTML
    def on_page_content(self, content: str, page: Any, config: Any, files: Files) -> str:
        web = self.nav_pages.get(page.file.src_uri)
        return content if web is None else web.html

    @event_priority(FIRST)  # the whole site (search index included) is there before others' post-build
    def on_post_build(self, config: Any) -> None:
        from airf_site.site.calendar import write_calendar
        from airf_site.site.feeds import feed_documents, write_feeds

        site_dir = Path(config.site_dir)
        shells: dict[str, Any] = {}

        def shell_for(url: str) -> Any:
            parent = parent_of(url)
            if parent not in shells:
                shells[parent] = render_shell(parent, self.env, config, self.nav, self.files)
            return shells[parent]

        with contextlib.ExitStack() as stack:
            indexer = stack.enter_context(SearchIndexer()) if self.config.recherche else None
            # Records go to Pagefind in a fixed order (the index depends on it): the pages
            # written here first, then the articles in page order as the workers finish them.
            if indexer is not None:
                for page in self.pages:
                    if not isinstance(page, PendingPage) and page.search:
                        indexer.add(page.url, page.search)
            for page in self.pages:
                if page.nav or isinstance(page, PendingPage):
                    continue
                self._write_page(page, site_dir, shell_for(page.url))
            # Articles: rendered, filled and written by worker processes on large sites (site/prerender.py).
            pending = [p for p in self.pages if isinstance(p, PendingPage)]
            wanted = {id(d) for d in feed_documents(self.index)}
            jobs = [functools.partial(p.write, shell_for(p.url), site_dir, id(p.doc) in wanted) for p in pending]
            bodies: dict[str, str] = {}  # Markdown HTML the workers converted, reused by the feeds
            # With the index, the pages the main process renders are written once the last page
            # is rendered, while Pagefind builds its files (the index's last step, on one core).
            deferred: list[tuple[Path, str]] = []

            def rendered(i: int, result: tuple[str | None, str | None, tuple[Path, str] | None]) -> None:
                record, body, later = result
                if record and indexer is not None:
                    indexer.add(pending[i].url, record)
                if body is not None:
                    bodies[pending[i].url] = body
                if later is not None:
                    deferred.append(later)

            run_jobs(jobs, self.project.root, on_result=rendered,
                     main_options={"defer": True} if indexer is not None else None)
            if indexer is not None:
                log.debug("index de recherche : %d pages sur %d indexées à la fin du rendu", indexer.indexed, indexer.count)
                indexer.finish()  # Pagefind builds its files while the feeds and agenda are written
            for path in write_feeds(site_dir, self.project, self.index, bodies):
                # Material resolves "sitemap.xml" next to every <link rel="alternate"> (it looks for
                # other-language versions): a tiny empty sitemap avoids a 404 and a large download.
                empty = path.parent / "sitemap.xml"
                if not empty.exists():
                    empty.write_text(EMPTY_SITEMAP, encoding="utf-8")
            write_calendar(site_dir, self.project, self.index)
            write_sitemap(site_dir, self.project, self.pages)
            for target, text in deferred:
                write_text(target, text)
            if indexer is not None:
                waited = time.perf_counter()
                write_index(site_dir, indexer.files(), self.project.build_dir / ".cache" / "pagefind")
                log.info("index de recherche : %d pages ; %.2f s d'attente après le rendu",
                         indexer.count, time.perf_counter() - waited)

    @staticmethod
    def _write_page(page: Any, site_dir: Path, shell: Any) -> None:
        """Write one page rendered in the main process, with its own files (images of a
        newsletter issue...)."""
        target = site_dir / page.url / "index.html"
        for name, data in sorted(page.files.items()):
            path = target.parent / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else Path(data).read_bytes())
        write_text(target, page.html if page.standalone else shell.fill(page))


def render_sitemap(project: Project, pages: list[Any]) -> str:
    """sitemap.xml for every page, in URL order, dated by content (never the wall clock)."""
    rows = []
    for page in sorted(pages, key=lambda p: p.url):
        lastmod = (page.lastmod or project.now.date()).isoformat()
        rows.append(f"  <url>\n    <loc>{html.escape(project.absolute_url(page.url))}</loc>\n"
                    f"    <lastmod>{lastmod}</lastmod>\n  </url>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(rows) + "</urlset>\n")


def write_sitemap(site_dir: Path, project: Project, pages: list[Any]) -> None:
    text = render_sitemap(project, pages).encode("utf-8")
    (site_dir / "sitemap.xml").write_bytes(text)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(text)
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())
