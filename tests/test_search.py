"""Site search (Pagefind) in Chromium against the sample site served on loopback.

One build and one browser for the module. The queries of issue 16 must put first a page whose
title or main text contains the word (elisions, accents, curly apostrophes); the first search
downloads at most 300 KB; filters, date sort, keyboard, 375 px phones, no third-party request.
Also the other browser checks of the site (home, navigation, 375 px, catalogue filters).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import socketserver
import threading
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from test_site_helpers import build_tree, sample_tree

pytestmark = pytest.mark.browser

EXTRA_NEWS = """\
---
titre: Chauffer mieux avec moins
date: 2026-11-20
resume: Retour d'expérience sur les réseaux de chaleur urbains des régions membres.
themes: [environnement-eau-energies-climat]
---
Les régions mesurent l'efficacité des réseaux de chaleur. L'École régionale des métiers forme les techniciens des Écoquartiers.
"""
EXTRA_URL = "actualites/chauffer-mieux-avec-moins/"
# Issue 16's queries and the word the first result must contain (accents and case aside).
QUERIES = {"l'efficacité": "efficacité", "efficacite": "efficacité", "l’impression": "impression",
           "d'irrigation": "irrigation", "Côte d'Ivoire": "côte d'ivoire", "société": "société",
           "Saint-Louis": "saint-louis", "biodiversité": "biodiversité"}
FIRST_SEARCH_BUDGET = 300 * 1024
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def folded(text: str) -> str:
    """Lower case, no accents, straight apostrophes, one space between words."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


class MainText(HTMLParser):
    """Text of the page's <article>, without the blocks marked data-pagefind-ignore."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.ignored_at: int | None = None
        self.chunks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if tag == "article" or self.depth:
            self.depth += 1
            if self.ignored_at is None and "data-pagefind-ignore" in dict(attrs):
                self.ignored_at = self.depth

    def handle_endtag(self, tag):
        if tag in VOID or not self.depth:
            return
        if self.ignored_at == self.depth:
            self.ignored_at = None
        self.depth -= 1

    def handle_data(self, data):
        if self.depth and self.ignored_at is None:
            self.chunks.append(data)


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and records (path, bytes) of every response body."""

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        # Also what a static host that compresses text (gzip) would send; Pagefind's own files
        # (.pf_*, wasm) are compressed already.
        text = self.path.split("?")[0].endswith((".js", ".css", ".json", ".html", "/"))
        self.server.sent.append((self.path, len(data), len(gzip.compress(data)) if text else len(data)))


@contextlib.contextmanager
def serve_counting(folder):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Counting, directory=str(folder)))
    server.daemon_threads = True
    server.sent = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    root = sample_tree(tmp_path_factory.mktemp("browser"),
                       {"content/actualites/2026-11-20-chauffer-mieux-avec-moins.md": EXTRA_NEWS})
    _project, index, site = build_tree(root)
    with serve_counting(site) as (server, url):
        yield site, index, server, url


@pytest.fixture(scope="module")
def site_url(built_site):
    return built_site[3]


@pytest.fixture(scope="module")
def browser(chromium_path):
    from airf_site.print.browser import launch

    with launch() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def open_search(page, site_url: str, path: str = "actualites/") -> None:
    page.goto(site_url + path)
    page.click("button.airf-search-open")
    page.wait_for_selector("dialog.airf-search[open] input[type=search]")


def results(page, query: str) -> list[dict]:
    """Type `query` in the search dialog; the results shown (path, title, kind, excerpt)."""
    page.fill("dialog.airf-search input[type=search]", "")
    page.type("dialog.airf-search input[type=search]", query, delay=15)
    page.wait_for_function("q => document.querySelector('#airf-search-status').textContent.includes(q)",
                           arg=query.strip(), timeout=15000)
    page.wait_for_timeout(50)
    return page.eval_on_selector_all(".airf-search__result", """items => items.map(li => ({
        path: new URL(li.querySelector('a').href).pathname, title: li.querySelector('a').textContent,
        kind: li.querySelector('.airf-search__meta').textContent,
        excerpt: li.querySelector('.airf-search__excerpt').textContent,
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))""")


@pytest.mark.parametrize("query", list(QUERIES))
def test_first_result_contains_the_word(page, built_site, query):
    site, _index, _server, url = built_site
    open_search(page, url)
    found = results(page, query)
    assert found, query
    first = found[0]
    word = folded(QUERIES[query])
    html = (site / first["path"].lstrip("/") / "index.html").read_text(encoding="utf-8")
    main = folded(" ".join(MainText(html).chunks))
    assert word in folded(first["title"]) or word in main, (query, first)


@pytest.mark.parametrize("query", ["efficacité", "efficacite", "Efficacité", "l’efficacité", "ecoquartiers", "Écoquartiers"])
def test_elisions_accents_and_capitals_do_not_matter(page, site_url, query):
    open_search(page, site_url)
    assert "/" + EXTRA_URL in [r["path"] for r in results(page, query)]


def test_listings_are_not_results(page, site_url):
    open_search(page, site_url)
    paths = [r["path"] for r in results(page, "actualités")]
    assert paths and not {"/", "/actualites/", "/agenda/", "/fiches/", "/appels/", "/themes/", "/membres/"} & set(paths)
    assert not any(p.startswith(("/actualites/page/", "/actualites/archives/")) for p in paths)


def test_first_search_downloads_at_most_300_kb_and_stays_on_loopback(browser, built_site):
    _site, _index, server, url = built_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url + "actualites/")
    page.wait_for_load_state("networkidle")
    before = len(server.sent)
    page.click("button.airf-search-open")
    found = results(page, "biodiversité")
    page.wait_for_load_state("networkidle")
    fetched = server.sent[before:]
    context.close()
    assert found and outside == [] and errors == []
    paths = [p for p, _, _ in fetched]
    assert any(p.endswith("pagefind.js") for p in paths) and any(".pf_fragment" in p for p in paths)
    total = sum(n for _, n, _ in fetched)  # as sent by this server, which compresses nothing
    assert total <= FIRST_SEARCH_BUDGET, (total, fetched)


def test_filter_by_kind_and_sort_by_date(page, built_site):
    _site, index, _server, url = built_site
    open_search(page, url)
    everything = results(page, "biodiversité")
    assert {"Appel à projets", "Actualité"} <= {r["kind"].split(" · ")[0] for r in everything}
    assert page.locator("select[data-filter=type] option").count() == 1  # "Tous": loaded when reached
    page.focus("select[data-filter=type]")  # as a reader does, by Tab or by clicking
    page.select_option("select[data-filter=type]", "Appel à projets")
    calls = results(page, "biodiversité")
    assert calls and all(r["kind"].startswith("Appel à projets") for r in calls)
    assert {r["path"] for r in calls} <= {"/" + c.url for c in index.calls}
    page.select_option("select[data-filter=type]", "Actualité")
    page.select_option("select[data-sort]", "desc")
    news = results(page, "biodiversité")
    dates = {"/" + n.url: n.date for n in index.news}
    shown = [dates[r["path"]] for r in news]
    assert len(shown) >= 2 and shown == sorted(shown, reverse=True)


def test_keyboard_slash_opens_arrows_move_escape_closes(page, site_url):
    page.goto(site_url)
    page.keyboard.press("/")
    page.wait_for_selector("dialog.airf-search[open]")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.type("Saint-Louis", delay=15)
    # Wait for the last keystroke's results (earlier ones are replaced as they arrive).
    page.wait_for_function("document.querySelector('#airf-search-status').textContent.includes('Saint-Louis')")
    page.keyboard.press("ArrowDown")
    first = page.eval_on_selector(".airf-search__result a", "a => a.href")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.type") == "search"
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    page.keyboard.press("/")
    page.wait_for_selector("dialog.airf-search[open]")
    page.keyboard.press("Escape")
    assert page.evaluate("document.querySelector('dialog.airf-search').open") is False


def test_search_at_375px(browser, site_url, tmp_path_factory):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)
    page = context.new_page()
    open_search(page, site_url, "")
    found = results(page, "société")
    assert found
    box = page.locator("dialog.airf-search").bounding_box()
    assert box["x"] >= 0 and box["width"] <= 375
    assert page.evaluate("document.querySelector('dialog.airf-search').scrollWidth") <= 375
    assert page.locator(".airf-search__result a").first.is_visible()
    shot = tmp_path_factory.mktemp("shots") / "recherche-375.png"
    page.screenshot(path=str(shot))
    if os.environ.get("AIRF_KEEP_SCREENSHOTS"):
        import shutil

        shutil.copy(shot, os.environ["AIRF_KEEP_SCREENSHOTS"])
    context.close()


def test_home_no_console_error_no_third_party_request(page, site_url):
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" else None)
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("Association internationale")
    assert errors == [] and outside == []
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Lato"') or family.startswith("Lato")
    assert page.evaluate("document.fonts.check('16px Lato')")
    assert page.locator("button.airf-search-open").is_visible()


def test_navigation_home_to_article_and_theme(page, site_url):
    page.goto(site_url)
    card = page.locator(".airf-card h3 a").first
    title = card.inner_text()
    card.click()
    page.wait_for_load_state()
    assert "/actualites/" in page.url
    assert page.locator("article h1").first.inner_text() == title
    chip = page.locator("a.airf-tag[href*='themes/']").first
    theme = chip.inner_text()
    chip.click()
    page.wait_for_load_state()
    assert "/themes/" in page.url and page.locator("article h1").first.inner_text() == theme


def test_usable_at_375px(browser, site_url, tmp_path_factory):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=1)
    page = context.new_page()
    for path in ("", EXTRA_URL, "agenda/", "fiches/"):
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.goto(site_url)
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)
    assert page.locator("nav.md-nav--primary").first.is_visible()
    shot = tmp_path_factory.mktemp("shots") / "accueil-375.png"
    page.screenshot(path=str(shot))
    if os.environ.get("AIRF_KEEP_SCREENSHOTS"):
        import shutil

        shutil.copy(shot, os.environ["AIRF_KEEP_SCREENSHOTS"])
    context.close()


def test_catalogue_filter_hides_other_countries(page, site_url):
    page.goto(site_url + "fiches/")
    cards = page.locator("[data-pays]")
    total = cards.count()
    country = cards.first.get_attribute("data-pays")
    page.select_option("select[data-filter=pays]", country)
    visible = [c for c in cards.all() if c.is_visible()]
    assert 0 < len(visible) < total or total == 1
    assert all(c.get_attribute("data-pays") == country for c in visible)


def test_pagefind_loads_when_the_mouse_reaches_the_button_not_on_focus(page, built_site):
    """The ~150 KB of Pagefind load before the click (mouse over the button), not for a
    keyboard user passing over it, and never on a plain page view."""
    _site, _index, server, url = built_site
    page.goto(url + "actualites/")
    page.wait_for_load_state("networkidle")
    before = len(server.sent)
    page.focus("button.airf-search-open")
    page.keyboard.press("Tab")
    page.wait_for_timeout(300)
    assert not any("pagefind" in p for p, _, _ in server.sent[before:])
    page.hover("button.airf-search-open")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => /[.]pf_meta$|wasm[.]fr/.test(e.name))"
                           " && performance.getEntriesByType('resource').filter(e => /[.]pf_meta$|wasm[.]fr/.test(e.name))"
                           ".every(e => e.responseEnd > 0)")
    page.wait_for_timeout(100)
    loaded = [p for p, _, _ in server.sent[before:]]
    assert any(p.endswith("pagefind.js") for p in loaded) and any(".pf_meta" in p for p in loaded), loaded
    assert page.evaluate("!document.querySelector('dialog.airf-search')")  # nothing opened


def test_search_loads_again_after_a_failed_download(page, site_url):
    """A connection lost while Pagefind loads gives the French message; the next search retries."""
    failures = []

    def flaky(route):
        if not failures:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/pagefind/pagefind.js", flaky)
    open_search(page, site_url)
    page.wait_for_function("document.querySelector('#airf-search-status').textContent.includes('pas pu se charger')")
    assert failures
    found = results(page, "biodiversité")
    assert found and found[0]["path"].startswith("/")


SPLIT_WORDS = ["économie", "économique", "élus", "écoles", "efficacité", "éducation", "égalité", "énergie",
               "eau", "entreprises", "région", "Côte d'Ivoire", "Nguyễn", "Ọ̀yọ́", "Oyo", "الرباط", "Ţara", "Țara"]


def test_split_index_chunks_give_the_same_results(browser, tmp_path, monkeypatch):
    """The same pages indexed with Pagefind's chunks and with the oversized ones split
    (site/search_bundle.py): every query, whole word or prefix, accented or not, gives the same
    results; the split index has smaller chunks."""
    import random

    from airf_site.site import search_bundle, search_index

    rng = random.Random(7)
    records = []
    for i in range(120):
        text = " ".join(rng.choice(SPLIT_WORDS) for _ in range(60))
        records.append((f"p{i}/", f'<html lang="fr"><body><main data-pagefind-body><h1>Page {i}</h1>'
                                  f"<p>{text}</p></main></body></html>"))
    sites = {}
    for name, limit in (("whole", 10 ** 9), ("split", 2048)):
        monkeypatch.setattr(search_bundle, "SPLIT_ABOVE", limit)
        search_index.write_index(tmp_path / name, search_index.index_records(records))
        sites[name] = sorted(p.stat().st_size for p in (tmp_path / name / "pagefind" / "index").iterdir())
    assert len(sites["split"]) > len(sites["whole"]) and max(sites["split"]) < max(sites["whole"])
    queries = [w for word in SPLIT_WORDS for w in (word, word[:3], word[:5], folded(word))] + ["l'économie", "d'égalité"]
    found = {}
    for name in ("whole", "split"):
        with serve_counting(tmp_path / name) as (_server, url):
            page = browser.new_page()
            page.goto(url + "pagefind/pagefind-entry.json")
            found[name] = page.evaluate("""async queries => {
                const pf = await import('/pagefind/pagefind.js');
                await pf.options({ baseUrl: '/', noWorker: true });
                const out = {};
                for (const q of queries) {
                    const r = await pf.search(q);
                    out[q] = await Promise.all(r.results.map(async x => { const d = await x.data(); return [d.url, d.excerpt]; }));
                }
                return out; }""", queries)
            page.close()
    assert found["split"] == found["whole"]
    assert all(found["whole"][word] for word in SPLIT_WORDS)


def test_short_unfinished_word_waits_for_a_pause(page, built_site):
    """A one- or two-letter last word is searched only after a pause in the typing: typed on
    the way to a longer word, it downloads no index chunk; typed alone, it is still searched."""
    _site, _index, server, url = built_site
    open_search(page, url)
    page.wait_for_function("performance.getEntriesByType('resource').some(e => /wasm[.]fr/.test(e.name))")
    page.wait_for_timeout(200)
    before = len(server.sent)
    page.type("dialog.airf-search input[type=search]", "de", delay=30)
    page.wait_for_timeout(150)
    assert not any(".pf_index" in p for p, _, _ in server.sent[before:])
    assert "« de »" not in page.text_content("#airf-search-status")
    page.wait_for_function("document.querySelector('#airf-search-status').textContent.includes('« de »')")
    assert any(".pf_index" in p for p, _, _ in server.sent[before:])
    assert page.eval_on_selector_all(".airf-search__result", "items => items.length") > 0


CARD_ROWS = """() => [...document.querySelectorAll('.airf-cards')].filter(g => g.querySelector(':scope > .airf-card--image'))
  .flatMap(grid => {
    const rows = {};
    for (const card of grid.querySelectorAll(':scope > .airf-card')) {
      const top = Math.round(card.getBoundingClientRect().top);
      (rows[top] = rows[top] || []).push({ image: card.classList.contains('airf-card--image'),
        text: Math.round(card.querySelector('p, h2, h3').getBoundingClientRect().top),
        band: getComputedStyle(card, '::before').content });
    }
    return Object.values(rows);
  })"""


def test_cards_without_a_picture_line_up_with_their_row(browser, site_url):
    """Beside pictured cards, a card without a picture gets a coloured band of the same size:
    the first lines of text of a row start at the same height (wide screens only)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url)
    rows = page.evaluate(CARD_ROWS)
    mixed = [row for row in rows if {c["image"] for c in row} == {True, False}]
    assert mixed, rows
    for row in mixed:
        assert max(c["text"] for c in row) - min(c["text"] for c in row) <= 2, row
    context.close()
    phone = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    phone.goto(site_url)
    assert {c["band"] for row in phone.evaluate(CARD_ROWS) for c in row if not c["image"]} == {"none"}
    phone.context.close()
