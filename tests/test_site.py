"""The sample site, built once for the module, checked structurally (stdlib HTML parser)."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET

import pytest
from test_site_helpers import build_tree, read_page, resolve, sample_tree
from typography_checks import html_faults

from airf_site.site.calendar import CALENDAR_PATH
from airf_site.templating import date_fr
from airf_site.typography import fix_text

PDF = b"%PDF-1.4\n%fake fact sheet for the copy test\n%%EOF\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = sample_tree(tmp_path_factory.mktemp("sample"))

    def drop_pdf(project, index):
        (project.build_dir / "fiches").mkdir(parents=True, exist_ok=True)
        (project.build_dir / "fiches" / f"{index.fiches[0].id}.pdf").write_bytes(PDF)
        (project.build_dir / "report").mkdir(parents=True, exist_ok=True)
        (project.build_dir / "report" / "rapport-2025.pdf").write_bytes(PDF)

    return build_tree(root, before=drop_pdf)


def test_news_listing_links_every_news_item(built):
    project, index, site = built
    seen, url, pages = set(), "actualites/", 0
    while url:
        page = read_page(site, url)
        pages += 1
        seen |= {resolve(url, h) for h in page.links()}
        nxt = [a["href"] for t, a in page.tags if t == "a" and a.get("rel") == "next"]
        url = resolve(url, nxt[0]) if nxt else None
    assert {n.url for n in index.news} <= seen
    assert pages == -(-len(index.news) // 20)


def test_year_archives_hold_each_year(built):
    project, index, site = built
    for year in {n.date.year for n in index.news}:
        page = read_page(site, f"actualites/archives/{year}/")
        links = {resolve(f"actualites/archives/{year}/", h) for h in page.links()}
        assert {n.url for n in index.news if n.date.year == year} <= links


def test_article_page_meta_dates_and_neighbours(built):
    project, index, site = built
    doc = index.news[1]
    page = read_page(site, doc.url)
    assert page.find("link", rel="canonical")[0]["href"] == project.absolute_url(doc.url)
    assert page.meta("og:title") == fix_text(doc.titre)  # titles are published typeset
    assert page.meta("og:description") == fix_text(doc.resume)
    assert page.meta("og:image").startswith("https://")
    assert page.meta("twitter:card") == "summary_large_image"
    assert " ".join(date_fr(doc.date).split()) in page.text  # page.text folds every space
    links = {resolve(doc.url, h) for h in page.links()}
    assert index.news[0].url in links and index.news[2].url in links  # newer and older
    feeds = [a["href"] for a in page.find("link", rel="alternate")]
    assert any(h.endswith("flux/actualites.xml") for h in feeds)
    if doc.projet:
        assert any(f"flux/projets/{doc.projet}.xml" in h for h in feeds)
    for theme in doc.themes:
        assert theme and f"themes/{theme}/" in links


def test_closed_calls_are_archived(built):
    project, index, site = built
    open_links = {resolve("appels/", h) for h in read_page(site, "appels/").links()}
    archive = {resolve("appels/archives/", h) for h in read_page(site, "appels/archives/").links()}
    assert index.open_calls() and index.closed_calls()
    for call in index.open_calls():
        assert call.url in open_links and call.url not in archive
    for call in index.closed_calls():
        assert call.url in archive and call.url not in open_links
    # open calls sorted by deadline
    order = [resolve("appels/", h) for h in read_page(site, "appels/").links()]
    positions = [order.index(c.url) for c in index.open_calls()]
    assert positions == sorted(positions)


def test_agenda_upcoming_first_past_with_replay_and_ics(built):
    project, index, site = built
    page = read_page(site, "agenda/")
    links = [resolve("agenda/", h) for h in page.links()]
    upcoming, past = index.upcoming_events(), index.past_events()
    assert upcoming and past
    assert max(links.index(e.url) for e in upcoming) < min(links.index(e.url) for e in past)
    replays = {a["href"] for t, a in page.tags if t == "a"}
    assert all(e.replay in replays for e in past if e.replay)
    assert any(h.endswith(CALENDAR_PATH) for h in page.links())
    assert (site / CALENDAR_PATH).read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_event_page_programme_and_registration(built):
    project, index, site = built
    with_programme = next(e for e in index.events if e.programme)
    page = read_page(site, with_programme.url)
    assert "Programme" in page.text and with_programme.programme[0].titre in page.text
    for event in index.events:
        page = read_page(site, event.url)
        hrefs = {a["href"] for t, a in page.tags if t == "a"}
        open_ = event.inscription and event.debut > index.now and (
            event.date_limite_inscription is None or event.date_limite_inscription >= index.today)
        assert (event.inscription in hrefs) == bool(open_), event.id


def test_fact_sheet_pdf_copied_and_linked(built):
    project, index, site = built
    fiche = index.fiches[0]
    assert (site / "fiches" / fiche.id / f"{fiche.id}.pdf").read_bytes() == PDF
    page = read_page(site, fiche.url)
    link = [h for h in page.links() if resolve(fiche.url, h) == f"fiches/{fiche.id}/{fiche.id}.pdf"]
    assert link and "Télécharger la fiche (PDF)" in page.text
    related = {resolve(fiche.url, h) for h in page.links()}
    site_obj_related = [n.url for n in index.news if (fiche.projet and n.projet == fiche.projet)][:1]
    assert set(site_obj_related) <= related  # "À lire aussi": news of the same project
    other = read_page(site, index.fiches[1].url)
    assert "Télécharger la fiche (PDF)" not in other.text
    assert (site / "rapport" / "rapport-2025.pdf").exists()


def test_catalogue_filters_by_country_theme_project(built):
    project, index, site = built
    page = read_page(site, "fiches/")
    cards = [a for t, a in page.tags if t == "article" and "data-pays" in a]
    assert len(cards) == len(index.fiches)
    assert {c["data-pays"] for c in cards} == {f.pays for f in index.fiches}
    assert {a["data-filter"] for t, a in page.tags if t == "select"} == {"pays", "themes", "projet"}


def test_members_grouped_by_country_with_counts(built):
    project, index, site = built
    page = read_page(site, "membres/")
    for _code, members in index.members_by_country().items():
        assert f"({len(members)})" in page.text
    assert len(page.find("h2")) == len(index.countries())


def test_home_figures_computed_from_data(built):
    project, index, site = built
    page = read_page(site, "")
    assert f"{len(index.members)} collectivités membres" in page.text
    assert f"{len(index.countries())} pays" in page.text
    links = {resolve("", h) for h in page.links()}
    assert index.news[0].url in links
    assert all(e.url in links for e in index.upcoming_events()[:4])


def test_theme_and_project_pages_gather_content(built):
    project, index, site = built
    for theme in index.themes:
        page = read_page(site, theme.url)
        links = {resolve(theme.url, h) for h in page.links()}
        assert {n.url for n in index.with_theme(theme.id, index.news)} <= links
        feeds = [resolve(theme.url, a["href"]) for a in page.find("link", rel="alternate")]
        assert feeds[:2] == [f"flux/themes/{theme.id}.xml", f"flux/themes/{theme.id}-atom.xml"]
    home_feeds = [a["href"] for a in read_page(site, "").find("link", rel="alternate")]
    assert home_feeds == ["flux/actualites.xml", "flux/actualites-atom.xml"]
    for proj in index.projects:
        links = {resolve(proj.url, h) for h in read_page(site, proj.url).links()}
        assert {f.url for f in index.with_project(proj.id, index.fiches)} <= links


def test_sitemap_lists_every_page(built):
    project, index, site = built
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    for doc in index.documents():
        if getattr(doc, "menu", True) or doc.kind == "page":
            assert project.absolute_url(doc.url) in locs
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_french_404_and_ui_language(built):
    project, index, site = built
    text = (site / "404.html").read_text(encoding="utf-8")
    assert "Page introuvable" in text and "Not found" not in text
    assert '<html lang="fr"' in (site / "index.html").read_text(encoding="utf-8")


def test_no_third_party_resources(built):
    project, index, site = built
    remote = re.compile(r"^(https?:)?//")
    for url in ("", index.news[0].url, index.fiches[0].url, "agenda/", "fiches/"):
        page = read_page(site, url)
        for tag, attrs in page.tags:
            if tag in ("script", "img", "iframe", "source", "video") and attrs.get("src"):
                assert not remote.match(attrs["src"]), (url, attrs["src"])
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload", "icon", "modulepreload"):
                assert not remote.match(attrs["href"]), (url, attrs["href"])
    css = (site / "assets/airf.css").read_text(encoding="utf-8")
    assert "url(http" not in css and "@import" not in css
    assert (site / "assets/fonts/Lato-Regular.woff2").exists()
    # Romanian ș/ț/ă (Iași, Timiș) come from the self-hosted Latin Extended face, not the system.
    fonts_css = (site / "assets/fonts.css").read_text(encoding="utf-8")
    extended = re.findall(r"url\('(fonts/SourceSansPro-[^']+)'\)[^}]*unicode-range: U\+0100-024F", fonts_css)
    assert extended and all((site / "assets" / f).exists() for f in extended)
    assert "url(http" not in fonts_css
    bundle = "".join(p.read_text(encoding="utf-8") for p in site.glob("assets/stylesheets/*.css"))
    assert "fonts.googleapis.com" not in bundle


def test_search_index_content_pages_once_listings_excluded(built):
    """Pagefind's bundle replaces lunr's search_index.json; its fragments name the indexed pages."""
    import gzip
    import json

    project, index, site = built
    assert not (site / "search").exists()
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["fr"]
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):])
                 for p in sorted((site / "pagefind/fragment").glob("*.pf_fragment"))]
    urls = [f["url"].lstrip("/") for f in fragments]
    assert len(urls) == len(set(urls)) == entry["languages"]["fr"]["page_count"]
    expected = {d.url for d in [*index.news, *index.fiches, *index.events, *index.calls, *index.pages, *index.projects]}
    assert expected <= set(urls)
    assert any(u.startswith("lettres/") for u in urls)
    listings = {"", "actualites/", "agenda/", "fiches/", "appels/", "appels/archives/", "themes/", "projets/", "membres/"}
    assert not listings & set(urls) and not [u for u in urls if u.startswith(("actualites/page/", "actualites/archives/"))]
    assert not [u for u in urls if u.startswith("themes/")]
    by_url = {f["url"].lstrip("/"): f for f in fragments}
    call = index.calls[0]
    assert by_url[call.url]["filters"]["type"] == ["Appel à projets"]
    assert by_url[call.url]["meta"]["title"] == call.titre
    assert call.eligibles.split()[0] in by_url[call.url]["content"]  # « Qui peut candidater » is indexed
    news = index.news[0]
    from airf_site.templating import date_fr

    assert by_url[news.url]["meta"]["date"] == date_fr(news.date)  # the sort key is tested in Chromium
    # Navigation blocks (related cards, previous/next) are not part of the page's text.
    assert "À lire aussi" not in by_url[news.url]["content"] and "Plus ancien" not in by_url[news.url]["content"]
    # Elisions are gone from the indexed text: "l’efficacité" is indexed as "efficacité".
    assert not re.search(r"(?<!\w)(?:l|d|qu|jusqu)['’]\w", " ".join(f["content"] for f in fragments), re.IGNORECASE)


def test_event_programme_grouped_by_day_like_the_booklet(built):
    project, index, site = built
    event = next(e for e in index.events if e.programme and e.debut.date() != e.fin.date())
    page = read_page(site, event.url)
    days = [a.get("datetime") for t, a in page.tags if t == "time" and a.get("datetime")]
    expected_days = sorted({(s.jour or event.debut.date()).isoformat() for s in event.programme})
    assert [d for d in days if d in expected_days] == expected_days
    assert any(t == "section" and a.get("class") == "kit-programme" for t, a in page.tags)
    for seance in event.programme:
        assert fix_text(seance.titre) in page.text


def test_reader_text_in_french_typography(built):
    """Every page of the built sample site: no ordinary space before « : ; ! ? » or inside « »,
    no breakable date or time, no straight apostrophe in reader text (~700 " :" before)."""
    _project, _index, site = built
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    assert html_faults(pages) == []
