"""The identity's font composition (airf_site/fonts.py): static TrueType files only, coverage of
the francophone world's names, fallback order in the CSS, and on the site a fallback file that
a browser downloads only for the pages that need it.
"""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from airf_site import fonts

NAMES = "Ọ̀ṣun Adébáyọ̀ Nguyễn Thị Ánh Ștefan Țărănescu محمد العلوي N'Diaye Aïssata Iași ⵜⴰⵎⴰⵣⵉⵖⵜ"


def test_every_file_is_installed_static_truetype():
    assert fonts.missing_files() == []
    for name, path in fonts.font_files().items():
        with TTFont(path, lazy=True) as font:
            # Variable (fvar) or CFF outlines embed as Type 3 in Chromium's PDFs.
            assert "glyf" in font and "fvar" not in font and "CFF " not in font, name


def test_the_names_of_the_association_are_covered_at_every_weight():
    assert fonts.uncovered(NAMES, weights=(300, 400, 700, 900)) == []
    # French typography's narrow no-break space is not in Lato: the composition draws it.
    assert fonts.uncovered("14\u202fh\u00a030 ; « oui »") == []
    assert fonts.uncovered("王 😀") == ["王", "😀"]


def test_clusters_go_whole_to_one_file():
    runs = fonts.runs("Adébáyọ̀ محمد", 900)
    files = [(path.stem, text) for path, text in runs]
    # ọ + combining grave: one cluster, one file that has both (Noto Sans), never split.
    assert ("NotoSans-Bold", "ọ̀") in files
    assert ("NotoSansArabic-Bold", "محمد") in files
    assert files[0] == ("Lato-Black", "Adébáy")


def test_print_css_declares_fallbacks_before_lato():
    css = fonts.font_face_css()
    regular = [rule for rule in css.splitlines() if "font-weight: 400; font-style: normal" in rule]
    files = [re.search(r"/([^/]+)\.ttf", rule).group(1) for rule in regular]
    # CSS tries same-family faces in reverse order: Source Sans Pro (Latin Extended), Lato, Noto.
    assert files[-2:] == ["Lato-Regular", "SourceSansPro-Regular"]
    assert files.index("NotoSans-Regular") < files.index("Lato-Regular")
    assert files.index("NotoSansArabic-Regular") < files.index("Lato-Regular")
    noto = next(rule for rule in regular if "NotoSans-Regular" in rule)
    assert "unicode-range" not in noto  # in print every local file may serve
    assert all(rule.startswith("@font-face { font-family: 'Lato';") for rule in css.splitlines())


def test_site_css_limits_every_fallback_with_a_unicode_range():
    css = fonts.font_face_css(lambda name, _path: f"fonts/{name}", display="swap")
    for rule in css.splitlines():
        if "Lato-" not in rule:
            assert "unicode-range:" in rule, rule
        assert "url('fonts/" in rule and "file:" not in rule
        # The site's own subsets, never the installed TrueType files.
        name = re.search(r"url\('fonts/([^']+)'\) format\('woff2'\)", rule).group(1)
        assert name in fonts.site_font_ranges()


@pytest.mark.browser
def test_a_browser_downloads_the_fallback_only_when_a_page_needs_it(tmp_path, chromium_path):
    from airf_site.print.browser import launch

    # The files the site serves: the WOFF2 subsets.
    css = fonts.font_face_css(lambda name, _path: fonts.site_font(name).as_uri(), display="block")
    loaded = {}
    with launch() as browser:
        # French typography's U+202F (before ; ! ? and inside « ») is not in Lato: measured, it
        # does not make Chromium fetch a fallback (a French page would load Noto Sans otherwise).
        french = "Assemblée générale à Lyon\u00a0: l’AIRF, 14\u202fh\u00a000\u202f! «\u202fOui\u202f»"
        for label, text in (("fr", french), ("noms", NAMES)):
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url.rsplit("/", 1)[-1]))
            html = tmp_path / f"{label}.html"
            html.write_text(f"<!doctype html><meta charset=utf-8><style>{css} body {{ font-family: Lato }}</style>"
                            f"<p>{text}</p>", encoding="utf-8")
            page.goto(html.as_uri())
            page.evaluate("document.fonts.ready")
            page.wait_for_timeout(200)
            loaded[label] = {r for r in requests if r.endswith((".ttf", ".woff2"))}
            # "Lato is ready" as pages and tests ask it: no unloaded fallback claims the space.
            assert page.evaluate("document.fonts.check('16px Lato')"), label
            page.close()
    assert loaded["fr"] == {"Lato-Regular.woff2"}
    assert {"NotoSans-Regular.woff2", "NotoSansArabic-Regular.woff2", "SourceSansPro-Regular.woff2",
            "NotoSansTifinagh-Regular.woff2"} <= loaded["noms"]


def test_the_emails_web_version_uses_the_identity_fonts_and_the_email_does_not(tmp_path):
    from conftest import FIXED_NOW, copy_repo_sources

    from airf_site.content.loader import load_project
    from airf_site.newsletter.build import build_newsletters, web_pages
    from airf_site.project import Project

    project = Project.load(copy_repo_sources(tmp_path / "projet"), now=FIXED_NOW)
    index, _ = load_project(project)
    (page, *_rest) = web_pages(project, index)
    urls = re.findall(r"@font-face \{ font-family: 'Lato'; src: url\('([^']+)'\)", page.html)
    # The page is published at lettres/<id>/: the site's self-hosted copies, every name covered.
    assert urls and all(u.startswith("../../assets/fonts/") for u in urls)
    assert {u.rsplit("/", 1)[1] for u in urls} >= {"Lato-Regular.woff2", "NotoSans-Regular.woff2",
                                                   "NotoSansArabic-Bold.woff2"}
    assert {u.rsplit("/", 1)[1] for u in urls} <= set(fonts.site_font_ranges())
    assert "font-family:Lato, Arial" in page.html
    (folder, *_others) = build_newsletters(project, index)
    email = (folder / "brevo.html").read_text(encoding="utf-8")
    assert "@font-face" not in email and "Lato" not in email  # mail clients get Arial
