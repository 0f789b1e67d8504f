"""Browser tests (Playwright on Chromium) against the sample site served on loopback.

One build and one browser for the whole module. Covers French search (apostrophes, accents),
the home page (no console error, no request leaving loopback), navigation, and 375 px phones.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest
from test_site_helpers import build_tree, sample_tree, serve

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


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    root = sample_tree(tmp_path_factory.mktemp("browser"),
                       {"content/actualites/2026-11-20-chauffer-mieux-avec-moins.md": EXTRA_NEWS})
    _project, _index, site = build_tree(root)
    with serve(site) as url:
        yield url


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


def search(page, site_url: str, query: str) -> list[str]:
    """Type `query` in Material's search box; the result paths (without ?h=…)."""
    page.goto(site_url)
    page.click("input.md-search__input")
    page.type("input.md-search__input", query, delay=10)
    page.wait_for_selector(".md-search-result__list li", timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.href)")
    return [urlparse(h).path.lstrip("/") for h in hrefs]


@pytest.mark.parametrize("query", ["efficacité", "efficacite", "Efficacité"])
def test_search_finds_word_after_apostrophe_with_or_without_accent(page, site_url, query):
    assert EXTRA_URL in search(page, site_url, query)


@pytest.mark.parametrize("query", ["ecoquartiers", "Écoquartiers", "écoquartiers"])
def test_search_accents_and_capitals_do_not_matter(page, site_url, query):
    assert EXTRA_URL in search(page, site_url, query)


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
