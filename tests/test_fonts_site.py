"""The site's fonts: WOFF2 subsets of the print files, self-hosted, that still draw every name.

Parsed outputs only: the subsets are read back with fontTools (flavour, cmap, OpenType tables),
the ranges come from the site's fonts.css, and a built site with names in Yoruba, Vietnamese,
Romanian, Arabic and Tifinagh is opened in Chromium, which reports through the DevTools protocol
the font that drew each element's text (`CSS.getPlatformFontsForNode`).
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import copy_repo_sources
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_site_helpers import build_tree, serve

from airf_site import fonts
from airf_site.site import assets

NAMES = ("Ọ̀ṣun Adébáyọ̀", "Nguyễn Thị Ánh", "Ștefan Țărănescu", "محمد العلوي (Mohamed El Alaoui)", "N’Diaye",
         "ⵜⴰⵎⴰⵣⵉⵖⵜ", "m̀ ǹ ẹ̀ Ẹ̀kọ́", "Ǹjídéká Ọlọ́rúnfẹ́mi-Adéṣínà Nguyễn Thị Ánh Phượng de Țărănescu")


def _site_faces() -> dict[tuple[str, str], list[tuple[frozenset[int], str]]]:
    """(weight, style) → [(characters drawn, file)] in the order a browser tries them, from the
    site's fonts.css and the cmaps of the WOFF2 files it names."""
    faces: dict[tuple[str, str], list[tuple[frozenset[int], str]]] = {}
    rule = re.compile(r"url\('fonts/([^']+)'\).*font-weight: (\d+); font-style: (\w+);[^}]*?(?:unicode-range: ([^;]+);)?")
    for line in assets.render_fonts_css().splitlines():
        name, weight, style, unicode_range = rule.search(line).groups()
        cmap = _cmap(name)
        drawn = cmap & fonts._parse_range(unicode_range) if unicode_range else cmap
        # Same family, weight and style: the face declared last is tried first (CSS Fonts 4).
        faces.setdefault((weight, style), []).insert(0, (frozenset(drawn), name))
    return faces


_CMAPS: dict[str, frozenset[int]] = {}


def _cmap(name: str) -> frozenset[int]:
    if name not in _CMAPS:
        with TTFont(fonts.site_font(name)) as font:
            _CMAPS[name] = frozenset(font.getBestCmap())
    return _CMAPS[name]


def _undrawn_on_site(text: str) -> list[tuple[str, str, str]]:
    """(weight, style, cluster) that no site file draws whole."""
    missing = []
    for (weight, style), layers in _site_faces().items():
        for cluster in fonts._clusters(text):
            points = {ord(c) for c in cluster} - fonts._INVISIBLE
            if cluster[0].isspace() or not points:
                continue
            if not any(points <= drawn for drawn, _name in layers):
                missing.append((weight, style, cluster))
    return missing


def test_every_site_file_is_a_woff2_subset_of_its_print_file():
    total = 0
    for name, (source, unicode_range) in fonts.site_font_ranges().items():
        path = fonts.site_font(name)
        total += path.stat().st_size
        with TTFont(path) as font, TTFont(source, lazy=True) as original:
            assert font.flavor == "woff2" and "glyf" in font, name
            full = set(original.getBestCmap())
            # Exactly the characters its unicode-range serves, all of them.
            wanted = full & fonts._parse_range(unicode_range) if unicode_range else full
            assert set(font.getBestCmap()) == wanted, name
            # Arabic joining and stacked marks (ọ̀, ễ) live in GSUB/GPOS: kept.
            assert {t for t in ("GSUB", "GPOS") if t in original} <= set(font.keys()), name
    # Measured: 4.7 MB of TrueType before, about 750 KB of WOFF2 now.
    assert total < 900_000
    assert fonts.site_font("NotoSans-Regular.woff2").stat().st_size < 110_000


def test_site_subsets_are_deterministic():
    _installed, unicode_range = fonts.site_font_ranges()["NotoSansTifinagh-Regular.woff2"]
    source = fonts.font_files()["NotoSansTifinagh-Regular.ttf"]  # the print copy it is made from
    first = fonts.render_site_font(source, unicode_range)
    assert first == fonts.render_site_font(source, unicode_range)
    assert first == fonts.site_font("NotoSansTifinagh-Regular.woff2").read_bytes()


def test_a_changed_cache_entry_is_not_the_one_served(tmp_path, monkeypatch):
    monkeypatch.setenv("AIRF_CACHE_DIR", str(tmp_path))
    path = fonts.site_font("NotoSansNKo-Regular.woff2")
    assert path.is_relative_to(tmp_path) and path.read_bytes()[:4] == b"wOF2"
    assert [p.name for p in path.parent.iterdir()] == ["NotoSansNKo-Regular.woff2"]  # no temporary left


def test_the_site_draws_the_names_of_the_association_at_every_weight():
    for name in NAMES:
        assert _undrawn_on_site(name) == [], name
    # The arrows of "Tout l’agenda →" were drawn by a system font (measured in Chromium).
    assert _undrawn_on_site("← → ↑ ↓ ✓ ■ ▶") == []


_MARKS = "\u0300\u0301\u0303\u0304\u0306\u0309\u0323\u0326\u0327\u0331"
_LATIN = st.sampled_from("aeioumnAEIOUMNọẹṣỌẸṢăâđêôơưĂÂĐÊÔƠƯșțȘȚ'’- ")
_ARABIC = st.sampled_from("محمدالعلويفاطمةزهراءبنسعيدﻻ \u064e\u064f\u0650\u0651\u0652")
_OTHER = st.sampled_from("ⵜⴰⵎⴰⵣⵉⵖⵜ ߒߞߏ 𞤀𞤣𞤤𞤢𞤥")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LATIN, st.sampled_from(_MARKS), _ARABIC, _OTHER), min_size=1, max_size=60))
def test_whatever_print_draws_the_site_draws(chars):
    """Hypothesis names: when the print composition draws a name, the site's subsets draw each of
    its clusters whole too (a cluster split between files, or missing, is a system font)."""
    text = unicodedata.normalize("NFC", "".join(chars))
    if fonts.uncovered(text, weights=(300, 400, 700, 900)):
        return  # a mark on a letter no file has: the kit warns; not a site question
    assert _undrawn_on_site(text) == []


HOSTILE_NEWS = """\
---
titre: "Rencontre avec Adébáyọ̀ et Nguyễn Thị Ánh"
date: 2026-10-01
resume: "Ștefan Țărănescu et محمد العلوي à Iași."
themes: [francophonie-des-territoires]
---
Texte : {names}.

**{names}**

*{names}*

## {names}

| Nom | Ville |
| --- | --- |
| محمد العلوي | الرباط |
| Ọ̀ṣun Adébáyọ̀ | Ọ̀yọ́ |
"""
HOSTILE_EVENT = """\
---
titre: Assemblée générale à Ọ̀yọ́
type: assemblee-generale
debut: 2027-03-10 09:00
fin: 2027-03-10 17:00
fuseau: Africa/Lagos
resume: "Avec Nguyễn Thị Ánh et محمد العلوي."
lieu: "Hôtel de région, Ọ̀yọ́ — الرباط"
---
Ordre du jour : Ștefan Țărănescu, ⵜⴰⵎⴰⵣⵉⵖⵜ.
"""


@pytest.mark.browser
def test_names_on_site_pages_are_drawn_by_the_sites_own_fonts(tmp_path, chromium_path):
    """Names in every script on a news page, an event, the agenda, the home page and the e-mail's
    web version (lettres/2026-11/): Chromium draws every element's text with the site's fonts
    (no system font) and asks nothing of any other host."""
    from airf_site.print.browser import launch

    root = copy_repo_sources(tmp_path / "projet")
    names = ", ".join(NAMES)
    (root / "content/actualites/2026-10-01-noms.md").write_text(HOSTILE_NEWS.format(names=names), encoding="utf-8")
    (root / "content/evenements/2027-03-10-ag-oyo.md").write_text(HOSTILE_EVENT, encoding="utf-8")
    letter = root / "newsletters/2026-11.md"
    text = letter.read_text(encoding="utf-8").replace("Bonne lecture,", f"Avec {names}.\n\n**{names}**\n\nBonne lecture,")
    letter.write_text(text, encoding="utf-8")
    _project, _index, site = build_tree(root)
    served = {p.name for p in (site / "assets/fonts").iterdir()}
    assert served == set(fonts.site_font_ranges())
    with serve(site) as base, launch() as browser:
        for url in ("actualites/noms/", "agenda/ag-oyo/", "agenda/", "", "lettres/2026-11/"):
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            assert page.goto(f"{base}/{url}").status == 200, url
            page.evaluate("document.fonts.ready")
            page.wait_for_timeout(200)
            # Code (the agenda's .ics address) is in the system's monospace: not a name; left out.
            page.evaluate("document.querySelectorAll('code, pre, kbd').forEach(e => e.remove())")
            used = _fonts_of_page(page)
            assert {(family, text) for family, custom, text in used if not custom} == set(), url
            families = {family for family, custom, _text in used if custom}
            assert {"Lato", "Noto Sans Arabic"} <= families, url
            assert all(r.startswith(base) for r in requests), url
            fetched = {r.rsplit("/", 1)[1] for r in requests if "/assets/fonts/" in r}
            assert fetched and all(f.endswith(".woff2") for f in fetched)
            if url == "lettres/2026-11/":
                # Its own <style> names the site's copies: Noto Sans for the stacked Yoruba accents.
                assert {"NotoSans-Regular.woff2", "NotoSansArabic-Regular.woff2"} <= fetched
            page.close()


def _fonts_of_page(page) -> list[tuple[str, bool, str]]:
    """(font family, self-hosted?, element's HTML start) of every font Chromium used on the page."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    used = []
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.get("children", []))
        if node.get("nodeType") != 1 or node.get("nodeName") in ("SCRIPT", "STYLE", "HEAD", "svg"):
            continue
        found = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        if found:
            start = cdp.send("DOM.getOuterHTML", {"nodeId": node["nodeId"]})["outerHTML"][:120]
            used += [(f["familyName"], f["isCustomFont"], start) for f in found]
    return used
