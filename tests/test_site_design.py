"""The association's site (issue #12): footer and skip link on every page, no empty sidebar,
contrast of the derived colours, time zones spelled out, event/pagination/report defects fixed."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_site_helpers import Page, build_tree, read_page, resolve, sample_tree

from airf_site.site.colours import AA_TEXT, contrast, text_safe
from airf_site.site.model import report_downloads
from airf_site.templating import date_range_fr, period_fr, zone_fr

PARIS = ZoneInfo("Europe/Paris")
ONE_PAGE_PER_KIND = ["", "actualites/", "actualites/regroupement-technique-terress-a-bouake/", "agenda/",
                     "agenda/assemblee-generale-2027/", "appels/", "fiches/", "membres/", "projets/coopr/",
                     "mentions-legales/", "rapport/"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = sample_tree(tmp_path_factory.mktemp("design"))

    def drop_report(project, index):
        folder = project.build_dir / "report"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "rapport-annuel-2025-impression.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 2_400_000)
        (folder / "rapport-annuel-2025.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 1_200_000)

    project, index, site = build_tree(root, before=drop_report)
    return project, index, site


# --- footer, skip link, sidebars ---

@pytest.mark.parametrize("url", ONE_PAGE_PER_KIND)
def test_footer_on_every_page_links_legal_pages_feeds_and_signup(built, url):
    project, _index, site = built
    page = read_page(site, url)
    footer = (site / url / "index.html").read_text(encoding="utf-8").split('<footer class="md-footer airf-footer">')[1]
    hrefs = Page(footer).links()
    targets = {resolve(url, h) for h in hrefs if not h.startswith("http")}
    assert {"mentions-legales/", "donnees-personnelles/", "accessibilite/", "contact/",
            "flux/actualites.xml", "lettres/"} <= targets
    signup = project.airf["lettre_inscription"]
    assert signup in hrefs
    for target in targets:  # every footer link leads to a built file
        assert (site / target).is_file() or (site / target / "index.html").is_file(), target
    assert not [a for a in page.find("script") if "sibforms" in a.get("src", "")]  # a link, no Brevo script


def test_footer_on_the_404_page(built):
    _project, _index, site = built
    page = Page((site / "404.html").read_text(encoding="utf-8"))
    assert any(h.endswith("mentions-legales/") for h in page.links())
    assert any(h.endswith("accessibilite/") for h in page.links())


@pytest.mark.parametrize("url", ONE_PAGE_PER_KIND)
def test_skip_link_first_and_its_target_exists(built, url):
    _project, _index, site = built
    page = read_page(site, url)
    first_link = next(a for t, a in page.tags if t == "a")
    assert first_link["href"] == "#contenu" and "md-skip" in first_link["class"]
    assert page.find("div", id="contenu")


@pytest.mark.parametrize("url,solo", [("", True), ("actualites/", True), ("agenda/assemblee-generale-2027/", True),
                                      ("a-propos/", False), ("membres/", False)])
def test_navigation_column_only_where_the_section_has_sub_pages(built, url, solo):
    _project, _index, site = built
    page = read_page(site, url)
    sidebars = [a for t, a in page.tags if t == "div" and "md-sidebar" in a.get("class", "").split()]
    assert len(sidebars) == 1  # no empty table-of-contents column
    assert ("airf-sidebar--solo" in sidebars[0]["class"]) is solo


def test_accessibility_statement_is_french_and_says_its_status(built):
    _project, _index, site = built
    text = read_page(site, "accessibilite/").text
    assert "Déclaration d’accessibilité" in text and "RGAA" in text and "non conforme" in text
    assert "Défenseur des droits" in text


# --- event page, listings, wording ---

def test_event_page_defects(built):
    _project, _index, site = built
    html = (site / "agenda/assemblee-generale-2027/index.html").read_text(encoding="utf-8")
    page = Page(html)
    assert page.text.count("Informations pratiques") == 1
    assert "16 – 17 juin 2027" in page.text and "du 16 juin 2027 au" not in page.text
    assert "Salle : Salle" not in page.text and "Salle Méditerranée" in page.text
    assert "Salle : Auditorium" in page.text


def test_webinar_time_zone_spelled_out(built):
    _project, _index, site = built
    text = read_page(site, "agenda/webinaire-terress-mesurer-l-impact-social/").text
    assert "19 janvier 2027, 14 h 00 – 16 h 00, heure de Paris" in text
    assert "heure de Paris" in read_page(site, "").text


@pytest.mark.parametrize("per_page,pages", [(100, 1), (10, 3)])
def test_pagination_only_with_several_pages(built, per_page, pages):
    from airf_site.site.model import Site
    from airf_site.site.pages import news_pages

    project, index, _site = built
    listing = next(p for p in news_pages(Site(project, index), per_page) if p.url == "actualites/")
    page = Page(listing.html)
    if pages == 1:
        assert "Page 1" not in page.text and not page.find("nav", class_="airf-pager")
    else:
        assert f"Page 1 sur {pages}" in page.text and page.find("nav", class_="airf-pager")


def test_keywords_set_apart_and_cofinancer_wording(built):
    _project, _index, site = built
    article = read_page(site, "actualites/regroupement-technique-terress-a-bouake/")
    assert article.find("p", class_="airf-keywords")
    project = read_page(site, "projets/coopr/").text
    assert "cofinancé par Ministère" not in project
    assert "cofinanceur : Ministère de l’Europe" in project


def test_calls_table_labels_every_cell_for_phones(built):
    _project, _index, site = built
    page = read_page(site, "appels/")
    cells = [a for t, a in page.tags if t == "td"]
    assert cells and {c.get("data-label") for c in cells} == {"Date limite", "Appel", "Bailleur", "Montant"}


def test_report_downloads_named_in_words_screen_first(built):
    _project, _index, site = built
    page = read_page(site, "rapport/")
    downloads = [resolve("rapport/", a["href"]) for a in page.find("a") if a.get("href", "").endswith(".pdf")]
    assert downloads == ["rapport/rapport-annuel-2025.pdf", "rapport/rapport-annuel-2025-impression.pdf"]
    assert "à lire à l’écran (PDF, 1,2 Mo)" in page.text and "pour l’imprimeur" in page.text
    assert "rapport-annuel-2025.pdf" not in page.text  # link text is words, not a file name


def test_report_downloads_order_years_then_screen(tmp_path):
    for name in ["rapport-annuel-2024-impression", "rapport-annuel-2025-impression", "rapport-annuel-2024",
                 "rapport-annuel-2025", "annexe"]:
        (tmp_path / f"{name}.pdf").write_bytes(b"x")
    rows = report_downloads(sorted(tmp_path.glob("*.pdf")))
    assert [r.url for r in rows] == ["rapport/rapport-annuel-2025.pdf", "rapport/rapport-annuel-2025-impression.pdf",
                                     "rapport/rapport-annuel-2024.pdf", "rapport/rapport-annuel-2024-impression.pdf",
                                     "rapport/annexe.pdf"]


# --- colours ---

@given(st.from_regex(re.compile(r"#[0-9a-f]{6}"), fullmatch=True))
def test_text_safe_colour_always_carries_white_text(colour):
    safe = text_safe(colour)
    assert contrast(safe, "#ffffff") >= AA_TEXT
    if contrast(colour, "#ffffff") >= AA_TEXT:
        assert safe == colour  # a colour that passes is left as the editor chose it


def test_identity_orange_is_darkened_for_text_only_as_needed():
    assert contrast("#e67e22", "#ffffff") < 3
    assert 4.5 <= contrast(text_safe("#e67e22"), "#ffffff") < 4.8


def test_theme_chips_use_text_safe_colours(built):
    _project, _index, site = built
    html = (site / "index.html").read_text(encoding="utf-8") + (site / "fiches/index.html").read_text(encoding="utf-8")
    for path in site.rglob("index.html"):
        for colour in re.findall(r'class="airf-tag" style="--airf-color: (#[0-9a-fA-F]{6})"', path.read_text(encoding="utf-8")):
            assert contrast(colour, "#ffffff") >= AA_TEXT, (path, colour)
    assert "#e67e22" not in re.findall(r'airf-tag" style="--airf-color: (#\w+)', html)


# --- dates and time zones ---

@pytest.mark.parametrize("start,end,expected", [
    ((2027, 1, 19, 14), (2027, 1, 19, 16), "19_janvier_2027, 14_h_00 – 16_h_00, heure de Paris"),
    ((2027, 6, 16, 9), (2027, 6, 17, 17), "16 – 17_juin_2027"),
    ((2027, 6, 30, 9), (2027, 7, 1, 17), "30_juin – 1er_juillet_2027"),
    ((2026, 12, 31, 9), (2027, 1, 2, 17), "31_décembre_2026 – 2_janvier_2027"),
    ((2027, 3, 1, 9), (2027, 3, 1, 10, 30), "1er_mars_2027, 9_h_00 – 10_h_30, heure de Paris"),
])
def test_period_fr(start, end, expected):
    expected = expected.replace("_", "\u00a0")  # no-break spaces inside dates and times
    assert period_fr(dt.datetime(*start, tzinfo=PARIS), dt.datetime(*end, tzinfo=PARIS)) == expected


@pytest.mark.parametrize("key,expected", [("Europe/Paris", "heure de Paris"), ("Africa/Tunis", "heure de Tunis"),
                                          ("Africa/Abidjan", "heure d’Abidjan"), ("America/Port-au-Prince",
                                                                                  "heure de Port-au-Prince")])
def test_zone_fr(key, expected):
    assert zone_fr(ZoneInfo(key)) == expected


def test_period_in_the_events_own_zone():
    tunis = ZoneInfo("Africa/Tunis")
    text = period_fr(dt.datetime(2027, 6, 16, 9, tzinfo=tunis), dt.datetime(2027, 6, 16, 12, tzinfo=tunis))
    assert text.endswith("9\xa0h\xa000 – 12\xa0h\xa000, heure de Tunis")
    assert date_range_fr(dt.date(2027, 6, 1), dt.date(2027, 6, 2)) == "1er – 2\xa0juin\xa02027"


# --- one set of figures everywhere (sample data: about 200 members in 15 countries) ---

def _tile(html: str, label: str) -> int:
    match = re.search(r'<div class="airf-figure"><strong>(\d+)</strong><span>' + label + "</span>", html)
    assert match, label
    return int(match.group(1))


def test_member_figures_agree_on_every_page(built):
    _project, index, site = built
    members, countries = len(index.members), len(index.countries())
    assert 180 <= members <= 220 and countries == 15  # "environ 200 collectivités dans 15 pays"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert _tile(home, "collectivités membres") == members and _tile(home, "pays") == countries
    directory = read_page(site, "membres/")
    assert f"{members} collectivités membres dans {countries} pays" in directory.text
    listed = [a for t, a in directory.tags if t == "li"]
    assert len([li for li in listed if not li]) >= members  # one list item per member (plus menus)
    about = read_page(site, "a-propos/")
    assert f"réunit {members} collectivités territoriales de {countries} pays" in about.meta("description")
    assert f"{members} collectivités territoriales membres dans {countries} pays" in about.text
    assert "[[" not in about.text and "environ 200" not in about.text
    report = (site / "rapport/2025/index.html").read_text(encoding="utf-8")
    assert _tile(report, "collectivités membres") == members and _tile(report, "pays représentés") == countries


def test_sample_members_spread_over_the_fifteen_countries(built):
    _project, index, _site = built
    grouped = index.members_by_country()
    assert {"BE", "FR", "RO", "MA", "TN", "CI", "CM", "BJ"} <= set(grouped)
    assert min(len(v) for v in grouped.values()) >= 6
    names = [m.nom for m in index.members]
    assert len(set(names)) >= len(names) - 5  # a few homonyms across countries (Région du Nord…), no copies


def test_unknown_figure_marker_stops_the_build_with_its_file():
    from airf_site.errors import BuildError
    from airf_site.site.pages import fill_figures

    assert fill_figures("réunit [[nombre membres]] et [[ nombre  pays ]]", {"membres": 200, "pays": 15},
                        "content/pages/a.md") == "réunit 200 et 15"
    with pytest.raises(BuildError, match=r"content/pages/a\.md: erreur : « \[\[nombre adherents\]\] ».*membres, pays"):
        fill_figures("[[nombre adherents]]", {"membres": 200, "pays": 15}, "content/pages/a.md")


# --- card thumbnails ---

def test_cards_have_thumbnails_with_srcset_size_and_lazy_loading(built):
    from PIL import Image

    _project, index, site = built
    page = read_page(site, "")
    images = [a for t, a in page.tags if t == "img" and "vignettes/" in a.get("src", "")]
    with_image = [n for n in [*index.news[:6], *index.upcoming_events()[:4]] if n.image]
    assert len(images) == len(with_image) > 0
    for img in images:
        assert img["loading"] == "lazy" and img["alt"] == ""  # decorative: the title says it
        assert (int(img["width"]), int(img["height"])) == (400, 225)
        candidates = [c.strip().split() for c in img["srcset"].split(",")]
        assert [w for _u, w in candidates] == ["400w", "800w"]
        for url, width in candidates:
            with Image.open(site / resolve("", url)) as thumb:
                assert thumb.size == (int(width[:-1]), int(width[:-1]) * 9 // 16) and thumb.format == "JPEG"
    catalogue = read_page(site, "fiches/")
    assert [a for t, a in catalogue.tags if t == "img" and "vignettes/" in a.get("src", "")]


def test_thumbnails_deterministic_and_cached(tmp_path):
    from PIL import Image

    from airf_site.site.thumbnails import plan_thumbnails, render_thumbnail, write_thumbnails

    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    Image.new("RGB", (1200, 900), (200, 80, 30)).save(content / "images/Photo Été.png")

    class Doc:
        image = "/images/Photo Été.png"

    plan = plan_thumbnails([Doc()], content)
    assert [p for _w, p in plan["images/Photo Été.png"].files] == ["images/vignettes/photo-ete-400.jpg",
                                                                    "images/vignettes/photo-ete-800.jpg"]
    data = (content / "images/Photo Été.png").read_bytes()
    assert render_thumbnail(data, 400) == render_thumbnail(data, 400)
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert write_thumbnails(plan, content, site, cache) == 2
    first = (site / plan["images/Photo Été.png"].src).read_bytes()
    assert write_thumbnails(plan, content, tmp_path / "site2", cache) == 0  # from the cache
    assert (tmp_path / "site2" / plan["images/Photo Été.png"].src).read_bytes() == first
    Image.new("RGB", (1200, 900), (20, 80, 200)).save(content / "images/Photo Été.png")
    assert write_thumbnails(plan, content, site, cache) == 2  # changed source: made again
    assert (site / plan["images/Photo Été.png"].src).read_bytes() != first


def test_missing_or_vector_illustration_gets_no_thumbnail(tmp_path):
    from airf_site.site.thumbnails import plan_thumbnails

    (tmp_path / "images").mkdir()
    (tmp_path / "images/logo.svg").write_text("<svg/>")

    class Missing:
        image = "images/absente.jpg"

    class Vector:
        image = "images/logo.svg"

    assert plan_thumbnails([Missing(), Vector()], tmp_path) == {}


def test_report_web_tables_and_charts_scroll_in_focusable_regions(built):
    _project, _index, site = built
    html = (site / "rapport/2025/index.html").read_text(encoding="utf-8")
    page = Page(html)
    regions = [a for t, a in page.tags if t == "div" and "airf-scroll" in a.get("class", "").split()]
    assert len(regions) >= 2
    for region in regions:
        assert region["tabindex"] == "0" and region["role"] == "region" and region["aria-label"]
    assert 'class="airf-scroll airf-scroll--chart"' in html
    assert [a for t, a in page.tags if t == "table" and "events" in a.get("class", "")]


# --- round 2: event illustrations, card rows, fact-sheet contact ---

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """One element of a parsed page: tag, attributes, children (elements) and its text."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node] = []
        self.content: list[str | Node] = []  # text and child elements, in document order

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    @property
    def text(self) -> str:
        return " ".join(" ".join(c if isinstance(c, str) else c.text for c in self.content).split())

    def iter(self):
        yield self
        for child in self.children:
            yield from child.iter()

    def select(self, tag: str, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.classes)]


def parse_tree(html: str) -> Node:
    """The page as a tree of Nodes (stdlib parser; void elements closed at once)."""
    from html.parser import HTMLParser

    root = Node("#root", {}, None)

    class Builder(HTMLParser):
        current = root

        def handle_starttag(self, tag, attrs):
            node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
            self.current.children.append(node)
            self.current.content.append(node)
            if tag not in VOID:
                self.current = node

        def handle_endtag(self, tag):
            node = self.current
            while node is not None and node.tag != tag:
                node = node.parent
            if node is not None and node.parent is not None:
                self.current = node.parent

        def handle_data(self, data):
            self.current.content.append(data)

    Builder(convert_charrefs=True).feed(html)
    return root


def page_tree(site, url: str) -> Node:
    return parse_tree((site / url / "index.html").read_text(encoding="utf-8"))


def card_thumbnails(tree: Node, url: str) -> dict[str, str | None]:
    """Site URL a card links to (from page `url`) → the src of its thumbnail (None without one)."""
    out = {}
    for card in tree.select("article", "airf-card"):
        imgs = card.select("img")
        out[resolve(url, card.select("h3")[0].select("a")[0].attrs["href"])] = imgs[0].attrs["src"] if imgs else None
    return out


def test_agenda_and_home_event_cards_show_the_event_illustration(built):
    from airf_site.site.thumbnails import thumb_for

    _project, index, site = built
    upcoming = index.upcoming_events()
    assert any(e.image for e in upcoming) and any(not e.image for e in upcoming)  # both cases in the sample
    for url, events in (("agenda/", upcoming), ("", upcoming[:4])):
        cards = card_thumbnails(page_tree(site, url), url)
        for event in events:
            src = cards[event.url]
            if event.image:
                assert src and resolve(url, src) == thumb_for(event.image.lstrip("/")).src, (url, event.url)
                assert (site / resolve(url, src)).is_file()
            else:
                assert src is None, (url, event.url)


def test_event_page_shows_its_illustration_with_its_alternative(built):
    _project, index, site = built
    event = next(e for e in index.events if e.url == "agenda/assemblee-generale-2027/")
    tree = page_tree(site, event.url)
    figures = tree.select("figure", "airf-image")
    assert len(figures) == 1
    img = figures[0].select("img")[0]
    assert resolve(event.url, img.attrs["src"]) == event.image.lstrip("/")
    assert img.attrs["alt"] and img.attrs["alt"].split()[:3] == ["Carte", "stylisée", "aux"]
    assert (site / event.image.lstrip("/")).is_file()


def test_home_rows_of_four_for_priorities_and_next_events(built):
    _project, index, site = built
    tree = page_tree(site, "")
    quads = tree.select("div", "airf-cards--four")
    assert len(quads) == 2
    assert len(quads[0].select("article", "airf-card")) == min(4, len(index.upcoming_events()))
    assert len(quads[1].select("article", "airf-card")) == len(index.themes) == 4


def test_fact_sheet_contact_belongs_to_the_sheet_not_after_related_reading(built):
    _project, _index, site = built
    tree = page_tree(site, "fiches/economiser-l-eau-d-irrigation-souss-massa/")
    order = [n for n in tree.iter() if (n.tag == "p" and "airf-contact" in n.classes) or (n.tag == "h2" and n.attrs.get("id") == "a-lire-aussi")]
    assert [n.tag for n in order] == ["p", "h2"]
    assert order[0].text.startswith("Contact")


def test_every_page_one_h1_and_no_skipped_heading_level(built):
    """RGAA 9.1: cards right under a page's h1 (news listing, catalogue, priorities, projects)
    are titled h2, not h3."""
    _project, _index, site = built
    skipped = {}
    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).parts[0] in ("admin", "pagefind")]
    assert len(pages) > 80
    for path in pages:
        tree = parse_tree(path.read_text(encoding="utf-8"))
        main = [n for n in tree.iter() if n.tag == "article" and "md-content__inner" in n.classes] or [tree]
        levels = [int(n.tag[1]) for n in main[0].iter() if n.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        rel = str(path.relative_to(site))
        assert levels.count(1) == 1, rel
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if jumps:
            skipped[rel] = jumps
    assert skipped == {}


def test_pagination_says_which_page_is_current(built):
    from airf_site.site.model import Site
    from airf_site.site.pages import news_pages

    project, index, _site = built
    listing = next(p for p in news_pages(Site(project, index), 10) if p.url == "actualites/page/2/")
    pager = next(n for n in parse_tree(listing.html).iter() if n.tag == "nav" and "airf-pager" in n.classes)
    current = [n for n in pager.iter() if n.attrs.get("aria-current") == "page"]
    assert len(current) == 1 and current[0].tag == "strong" and current[0].text == "Page 2"
    assert [a.text for a in pager.select("a") if a.text.startswith("Page")] == ["Page 1", "Page 3"]


def test_letters_page_offers_the_signup_form(built):
    project, _index, site = built
    tree = page_tree(site, "lettres/")
    buttons = [a for a in tree.select("a", "airf-button") if a.attrs["href"] == project.airf["lettre_inscription"]]
    assert len(buttons) == 1 and buttons[0].text == "S’inscrire à la lettre d’information"
    assert not [a for a in page_tree(site, "rapport/").select("a", "airf-button")
                if a.attrs["href"] == project.airf["lettre_inscription"]]


def test_header_names_the_association_beside_the_logo(built):
    project, _index, site = built
    for url in ONE_PAGE_PER_KIND:
        header = next(n for n in page_tree(site, url).iter() if n.tag == "header" and "md-header" in n.classes)
        assert [n.text for n in header.select("span", "airf-name--long")] == [project.airf["nom"]], url
        assert [n.text for n in header.select("span", "airf-name--short")] == ["AIRF"], url


def test_members_directory_lists_its_countries_first(built):
    _project, index, site = built
    tree = page_tree(site, "membres/")
    nav = next(n for n in tree.iter() if n.tag == "nav" and n.attrs.get("aria-label") == "Pays des membres")
    links = nav.select("a")
    grouped = index.members_by_country()
    assert len(links) == len(grouped) == 15
    ids = {n.attrs["id"] for n in tree.iter() if "id" in n.attrs}
    for link, (code, members) in zip(links, grouped.items(), strict=True):
        assert link.attrs["href"] == f"#pays-{code.lower()}" and link.attrs["href"][1:] in ids
        assert link.text.endswith(f"({len(members)})")
    assert sum(len(ul.select("li")) for ul in tree.select("ul", "airf-members")) == len(index.members)


def test_every_page_has_unique_ids_and_programmes_have_headers(built):
    """RGAA 8.2: no id twice on a page (the report's chapters are rendered apart and each may have
    a « Perspectives » heading or a footnote 1); RGAA 5.6/5.7: each programme table declares
    its columns for screen readers."""
    _project, _index, site = built
    repeated = {}
    pages = [p for p in site.rglob("*.html") if not p.relative_to(site).parts[0] in ("admin", "pagefind")]
    for path in pages:
        ids = [n.attrs["id"] for n in parse_tree(path.read_text(encoding="utf-8")).iter() if n.attrs.get("id")]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            repeated[str(path.relative_to(site))] = twice
    assert repeated == {}
    report = parse_tree((site / "rapport" / "2025" / "index.html").read_text(encoding="utf-8"))
    targets = {n.attrs["id"] for n in report.iter() if n.attrs.get("id")}
    inner = [n.attrs["href"][1:] for n in report.iter() if n.tag == "a" and n.attrs.get("href", "").startswith("#")]
    assert inner and all(target in targets for target in inner)  # links inside a chapter follow its ids
    event = parse_tree((site / "agenda" / "assemblee-generale-2027" / "index.html").read_text(encoding="utf-8"))
    tables = [n for n in event.iter() if n.tag == "section" and "kit-programme" in n.classes][0].select("table")
    assert tables
    for table in tables:
        headers = [(th.attrs.get("scope"), th.text) for th in table.select("th")]
        assert headers == [("col", "Horaire"), ("col", "Séance")]
