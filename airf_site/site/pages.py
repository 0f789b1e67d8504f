"""Every page of the site as a `WebPage`: articles, fact sheets, events, calls, listings.

Markdown is converted once per document (`doc.html`); listings only use front-matter
summaries. Pages listed in the nav are handed to MkDocs, all others (thousands of articles,
pagination, archives) are rendered into a pre-rendered Material shell by the plugin.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from airf_site.errors import BuildError
from airf_site.site.model import Site, WebPage, depth_base, feed_paths
from airf_site.site.search import KINDS, NEWSLETTER, PAGE, REPORT, render_record
from airf_site.write import write_text

NEWS_PER_PAGE = 20


class PendingPage:
    """An article page rendered later, in a worker process when the site is large.

    Known up front: its address and date (for the sitemap and the duplicate check); rendered
    and written by `write` once the plugin has the Material shell of its folder.
    """

    nav = False
    standalone = False
    files: dict = {}

    def __init__(self, site: Site, doc: Any, template: str, context: dict[str, Any]):
        self.site, self.doc, self.template, self.context = site, doc, template, context
        self.url, self.title, self.lastmod = doc.url, doc.titre, getattr(doc, "date", None)

    def render(self) -> WebPage:
        return render_doc_page(self.site, self.doc, self.template, **self.context)

    def write(self, shell: Any, site_dir: Path, keep_html: bool,
              defer: bool = False) -> tuple[str | None, str | None, tuple[Path, str] | None]:
        """Render, fill the shell, write `index.html`; returns (search record, Markdown HTML or
        None, None), or with `defer` (target, HTML) as the third item instead of writing it.

        Only small results travel back from a worker; the converted Markdown only for the
        documents the feeds need.
        """
        page = self.render()
        target = site_dir / self.url / "index.html"
        text = shell.fill(page)
        if not defer:
            write_text(target, text)
        return page.search, (self.doc.html if keep_html else None), ((target, text) if defer else None)



def _record(site: Site, title: str, html: str, kind: str, doc: Any = None, date: Any = None) -> str | None:
    """The page's search record (site/search.py), or None when the site has no search index."""
    return render_record(site, title, html, kind, doc, date) if site.indexed else None


def doc_page(site: Site, doc: Any, template: str, **context: Any) -> PendingPage:
    return PendingPage(site, doc, template, context)


def render_doc_page(site: Site, doc: Any, template: str, **context: Any) -> WebPage:
    """An article-like page (news, fact sheet, event, call) from its document."""
    url = doc.url
    body = site.localize(doc.html, depth_base(url))
    html = site.render(template, url, doc=doc, body=body, **context)
    description = doc.resume
    return WebPage(url=url, title=doc.titre, html=html, description=description,
                   head=site.head(url, doc.titre, description, doc, kind="article"),
                   lastmod=getattr(doc, "date", None),
                   search=_record(site, doc.titre, html, KINDS[template], doc))


def listing_page(site: Site, url: str, title: str, template: str, description: str, nav: bool = False,
                 feeds: list[tuple[str, str]] | None = None, search: str | None = None, **context: Any) -> WebPage:
    """A page built from a template; indexed for search as `search` (a kind label) if given."""
    html = site.render(template, url, title=title, **context)
    return WebPage(url=url, title=title, html=html, description=description, nav=nav,
                   head=site.head(url, title, description, None, feeds=feeds), lastmod=site.index.today,
                   search=_record(site, title, html, search, context.get("group")) if search else None)


def news_pages(site: Site, per_page: int = NEWS_PER_PAGE) -> Iterator[WebPage | PendingPage]:
    """News articles with previous/next and related items, the paginated listing, year archives."""
    news = site.index.news
    for i, doc in enumerate(news):
        yield doc_page(site, doc, "article.html", newer=news[i - 1] if i else None,
                       older=news[i + 1] if i + 1 < len(news) else None, related=site.related(doc))
    years = sorted({n.date.year for n in news}, reverse=True)
    chunks = [news[i:i + per_page] for i in range(0, len(news), per_page)] or [[]]
    urls = ["actualites/"] + [f"actualites/page/{n}/" for n in range(2, len(chunks) + 1)]
    for number, (url, items) in enumerate(zip(urls, chunks), start=1):
        title = "Actualités" if number == 1 else f"Actualités — page {number}"
        yield listing_page(site, url, title, "news_list.html", "Toutes les actualités de l'AIRF, les plus récentes d'abord.",
                           nav=number == 1, items=items, number=number, urls=urls, years=years)
    for year in years:
        items = [n for n in news if n.date.year == year]
        yield listing_page(site, f"actualites/archives/{year}/", f"Actualités {year}", "news_year.html",
                           f"Les actualités de l'AIRF publiées en {year}.", items=items, year=year, years=years)


def fiche_pages(site: Site) -> Iterator[WebPage | PendingPage]:
    fiches = site.index.fiches
    for doc in fiches:
        yield doc_page(site, doc, "fiche.html", member=site.members.get(doc.collectivite), pdf=site.pdf_url(doc),
                       related=site.related(doc))
    countries = sorted({f.pays for f in fiches})
    yield listing_page(site, "fiches/", "Fiches techniques", "catalogue.html",
                       "Les réalisations des collectivités membres, filtrables par pays, thème et projet.",
                       nav=True, items=fiches, countries=countries)


def event_pages(site: Site) -> Iterator[WebPage | PendingPage]:
    index = site.index
    for doc in index.events:
        registration = bool(doc.inscription) and doc.debut > index.now and (
            doc.date_limite_inscription is None or doc.date_limite_inscription >= index.today)
        yield doc_page(site, doc, "event.html", registration=registration, past=doc.fin < index.now,
                       related=site.related(doc))
    yield listing_page(site, "agenda/", "Agenda", "agenda.html",
                       "Webinaires, comités de pilotage, regroupements techniques et instances de l'AIRF.",
                       nav=True, upcoming=index.upcoming_events(), past=index.past_events())


def call_pages(site: Site) -> Iterator[WebPage | PendingPage]:
    index = site.index
    for doc in index.calls:
        yield doc_page(site, doc, "call.html", closed=doc.date_limite < index.today)
    yield listing_page(site, "appels/", "Appels à projets", "calls.html",
                       "Les opportunités de cofinancement ouvertes aux collectivités membres.",
                       nav=True, items=index.open_calls(), closed_count=len(index.closed_calls()))
    yield listing_page(site, "appels/archives/", "Appels à projets clos", "calls_archive.html",
                       "Les appels à projets dont la date limite est passée.", items=index.closed_calls())


def group_pages(site: Site) -> Iterator[WebPage]:
    """Theme pages, project pages and their section indexes, gathering news, fiches and events."""
    index = site.index
    for theme in index.themes:
        yield listing_page(site, theme.url, theme.titre, "group.html", theme.resume, nav=True,
                           feeds=[("themes", theme.id)], group=theme, kind="theme", body="",
                           news=index.with_theme(theme.id, index.news), fiches=index.with_theme(theme.id, index.fiches),
                           events=index.with_theme(theme.id, index.events))
    yield listing_page(site, "themes/", "Priorités stratégiques", "groups.html",
                       "Les quatre priorités du cadre stratégique 2023-2027 de l'AIRF.", nav=True,
                       groups=index.themes, intro="Le cadre stratégique 2023-2027, adopté par l'Assemblée générale "
                       "du 23 juin 2022, fixe quatre priorités thématiques.")
    for proj in index.projects:
        yield listing_page(site, proj.url, proj.titre, "group.html", proj.resume, nav=True,
                           feeds=[("projets", proj.id)], search=PAGE, group=proj, kind="projet",
                           body=site.localize(proj.html, depth_base(proj.url)),
                           news=index.with_project(proj.id, index.news), fiches=index.with_project(proj.id, index.fiches),
                           events=index.with_project(proj.id, index.events))
    if index.projects:
        yield listing_page(site, "projets/", "Projets de coopération", "groups.html",
                           "Les projets de coopération interrégionale portés par l'AIRF.", nav=True,
                           groups=index.projects, intro="Deux projets cofinancés par le ministère de l'Europe "
                           "et des Affaires étrangères réunissent les collectivités membres.")


def other_pages(site: Site) -> Iterator[WebPage]:
    """Home, member directory, static pages, newsletters and report pages from other outputs."""
    index = site.index
    yield listing_page(site, "", "Accueil", "home.html", site.project.settings.get("site_description", ""),
                       nav=True, news=index.news[:6], events=index.upcoming_events()[:4],
                       calls=index.open_calls()[:3], figures=key_figures(site))
    grouped = index.members_by_country()
    figures = site_figures(site)
    yield listing_page(site, "membres/", "Membres", "members.html",
                       f"Les {figures['membres']} collectivités membres de l'AIRF dans {figures['pays']} pays.",
                       nav=True, grouped=grouped, figures=figures)
    for doc in index.pages:
        body = fill_figures(site.localize(doc.html, depth_base(doc.url)), figures, doc.source)
        summary = fill_figures(doc.resume or "", figures, doc.source)
        html = site.render("page.html", doc.url, doc=doc, body=body, summary=summary)
        yield WebPage(url=doc.url, title=doc.titre, html=html, description=summary,
                      head=site.head(doc.url, doc.titre, summary, None), nav=doc.menu,
                      search=_record(site, doc.titre, html, PAGE, doc))
    labels = {"lettres": ("Lettres d'information", "Les lettres d'information de l'AIRF, les plus récentes d'abord."),
              "rapport": ("Rapport d'activité", "Les rapports d'activité annuels de l'AIRF.")}
    for name, (title, description) in labels.items():
        kind = NEWSLETTER if name == "lettres" else REPORT
        entries = sorted(site.extra_pages.get(name, []), key=lambda e: (e.date or dt.date.min, e.url), reverse=True)
        for entry in entries:
            url = entry.url.lstrip("/")
            if entry.standalone:
                yield WebPage(url=url, title=entry.title, html=entry.html, description=entry.summary,
                              standalone=True, lastmod=entry.date, files=dict(entry.files),
                              search=_record(site, entry.title, entry.html, kind, date=entry.date))
            else:
                html = site.render("page.html", url, doc=None, title=entry.title, body=entry.html)
                yield WebPage(url=url, title=entry.title, html=html, description=entry.summary,
                              head=site.head(url, entry.title, entry.summary, None),
                              lastmod=entry.date, search=_record(site, entry.title, html, kind, date=entry.date),
                              files=dict(entry.files))
        yield listing_page(site, f"{name}/", title, "extra_list.html", description, nav=True, items=entries,
                           pdfs=site.report_pdfs if name == "rapport" else [])


def site_figures(site: Site) -> dict[str, int]:
    """The network's figures computed from the data (never typed in): one source for the home
    tiles, the member directory and the `[[nombre …]]` markers of the editors' pages."""
    index = site.index
    founded = site.project.airf.get("fondation", 2002)
    return {
        "membres": len(index.members),
        "pays": len(index.countries()),
        "fiches": len(index.fiches),
        "evenements": len(index.events),
        "annees": index.today.year - int(founded),
    }


def key_figures(site: Site) -> list[tuple[str, str]]:
    """The home page's tiles: members, countries, fact sheets, events, years of cooperation."""
    figures = site_figures(site)
    labels = [("membres", "collectivités membres"), ("pays", "pays"), ("fiches", "fiches techniques"),
              ("evenements", "événements"), ("annees", "ans de coopération")]
    return [(str(figures[key]), label) for key, label in labels]


_FIGURE = re.compile(r"\[\[\s*nombre\s+([^\]\s]*)\s*\]\]")


def fill_figures(text: str, figures: dict[str, int], source: str) -> str:
    """Replace `[[nombre membres]]`, `[[nombre pays]]`… in an editor's page by the computed
    figure, so "À propos" can never contradict the directory; an unknown name stops the build."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in figures:
            raise BuildError(f"{source}: erreur : « {match.group(0)} » : chiffre inconnu ; "
                             f"valeurs possibles : {', '.join(sorted(figures))}")
        return str(figures[name])

    return _FIGURE.sub(replace, text)


def all_pages(site: Site, per_page: int = NEWS_PER_PAGE) -> list[Any]:
    """Every page of the site; two pages with the same address are refused."""
    pages: list[Any] = []
    for generator in (other_pages(site), news_pages(site, per_page), fiche_pages(site), event_pages(site),
                      call_pages(site), group_pages(site)):
        pages.extend(generator)
    seen: dict[str, WebPage] = {}
    for page in pages:
        if page.url in seen:
            raise BuildError(f"deux pages produisent la même adresse « /{page.url} » : "
                             f"« {seen[page.url].title} » et « {page.title} »")
        seen[page.url] = page
    return pages


def _nav_title(title: str) -> str:
    """Material prints nav titles as HTML: an editor's « < » or « & » must stay text (#18, row 5)."""
    return html.escape(title, quote=False)


def site_nav(pages: list[WebPage]) -> list[Any]:
    """MkDocs `nav` for the pages that go through MkDocs: 8 tabs at most, sections for the rest.

    Themes and projects get a section each; the member directory, newsletters, report and the
    editors' static pages (in their `ordre`) go under "L'AIRF" so the tab bar fits a screen.
    """
    nav_pages = {p.url: p for p in pages if p.nav}
    nav: list[Any] = []
    for url in ("", "actualites/", "agenda/", "fiches/", "appels/"):
        if url in nav_pages:
            nav.append({_nav_title(nav_pages.pop(url).title): url + "index.md"})
    for url, label in (("themes/", "Priorités"), ("projets/", "Projets")):
        if url not in nav_pages:
            continue
        children: list[Any] = [url + "index.md"]
        nav_pages.pop(url)
        for child in [u for u in nav_pages if u.startswith(url)]:
            children.append({_nav_title(nav_pages.pop(child).title): child + "index.md"})
        nav.append({label: children})
    about: list[Any] = []
    static = [u for u in nav_pages if u not in ("membres/", "lettres/", "rapport/")]
    for url in static[:1] + [u for u in ("membres/", "lettres/", "rapport/") if u in nav_pages] + static[1:]:
        about.append({_nav_title(nav_pages[url].title): url + "index.md"})
    if about:
        nav.append({"L’AIRF": about})
    return nav


__all__ = ["all_pages", "site_nav", "feed_paths", "WebPage"]
