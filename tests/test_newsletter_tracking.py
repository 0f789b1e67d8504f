"""Brand, calls to action and campaign tracking of the sample letters (parsed, every href)."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FIXED_NOW, copy_repo_sources
from hypothesis import given
from hypothesis import strategies as st
from test_newsletter_support import Tree, check

from airf_site.mail.tracking import render_tracked_html, render_tracked_text, utm_url
from airf_site.newsletter import build as newsletter
from airf_site.project import Project
from airf_site.typography import fix_text

SITE = "https://www.regions-francophones.org/"
UTM_KEYS = {"utm_source", "utm_medium", "utm_campaign"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = copy_repo_sources(tmp_path_factory.mktemp("suivi"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = check(project)
    _config, issues, _ = newsletter.load(project, index)
    return project, {i.id: newsletter.render_issue(project, index, i) for i in issues}


def test_every_link_to_the_site_carries_the_campaign_and_no_other_does(sample):
    project, rendered = sample
    assert project.site_url == SITE
    for issue_id, issue in rendered.items():
        hrefs = [a["href"] for a in Tree(issue.brevo_html).find("a")]
        own = [h for h in hrefs if h.startswith(SITE)]
        assert len(own) >= 10, issue_id
        for href in hrefs:
            query = parse_qs(urlsplit(href).query)
            if href.startswith(SITE):
                assert {k: v for k, v in query.items() if k.startswith("utm_")} == {
                    "utm_source": ["brevo"], "utm_medium": ["email"], "utm_campaign": [issue_id]}, href
            else:
                assert not UTM_KEYS & set(query), href
                # Brevo's tags are written exactly as Brevo expects them.
                assert href.startswith(("https://", "mailto:")) or re.fullmatch(r"\{\{ (unsubscribe|mirror|update_profile) \}\}", href)
        assert {"{{ unsubscribe }}", "{{ mirror }}", "{{ update_profile }}"} <= set(hrefs)
        # The text version's links to the site are tracked too; the web page (on the site) is not.
        site_urls = re.findall(r"https://www\.regions-francophones\.org/\S*", issue.text)
        assert site_urls and all(f"utm_campaign={issue_id}" in u for u in site_urls)
        assert "utm_" not in issue.web_html


def test_header_has_the_logo_and_the_period_in_words(sample):
    _project, rendered = sample
    for issue_id, issue in rendered.items():
        tree = Tree(issue.brevo_html)
        logo = tree.find("img")[0]
        assert logo["src"] == f"{SITE}lettres/{issue_id}/images/airf-logo-192.png"
        assert logo["alt"] == "AIRF" and (logo["width"], logo["height"]) == ("96", "48")
        assert not re.search(r"\b\d{2}/\d{4}\b", tree.text)  # never « 11/2026 »
    assert "La lettre aux membres · novembre 2026" in Tree(rendered["2026-11"].brevo_html).text
    assert "La lettre aux partenaires · second semestre 2026" in Tree(rendered["2026-s2"].brevo_html).text
    assert "La lettre aux membres · novembre\xa02026\n" in rendered["2026-11"].text


@pytest.mark.parametrize("issue_id", ["2026-11", "2026-s2", "2026-10"])
def test_title_is_the_h1(sample, issue_id):
    _project, rendered = sample
    html = rendered[issue_id].brevo_html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    # Typeset like every title (l’AIRF, « novembre 2026 » unbreakable).
    assert unescape(title) == unescape(h1) == fix_text(str(rendered[issue_id].issue.title))


def test_main_links_are_bulletproof_buttons(sample):
    """Calls, registrations and the closing link: a table cell with bgcolor, Outlook padding, white text."""
    _project, rendered = sample
    html = rendered["2026-11"].brevo_html
    buttons = re.findall(r'<td align="center" bgcolor="(#[0-9a-f]{6})" role="presentation"[^>]*'
                         r'mso-padding-alt:10px 18px;[^>]*><a href="([^"]+)"[^>]*color:#ffffff;[^>]*>([^<]+)</a>', html)
    labels = [label for _bg, _href, label in buttons]
    assert labels.count("Consulter l’appel") == 3
    assert sum(label.startswith("S’inscrire") for label in labels) == 2
    assert "Toute l’actualité du réseau" in labels
    assert all(bg == "#1d4e89" for bg, _h, _l in buttons)


def test_dark_styles_target_every_scheme_and_outlook(sample):
    _project, rendered = sample
    html = rendered["2026-11"].brevo_html
    assert "@media (prefers-color-scheme: dark)" in html
    assert "[data-ogsc] .fond .alerte { color: #ff9b94 !important; }" in html
    assert "[data-ogsb] .fond .bouton td" in html
    # Every inline colour that the dark style sheet must override sits on a classed element.
    for tag in re.findall(r'<strong\b[^>]*style="[^"]*color:[^>]*>', html):
        assert re.search(r'class="(titre|alerte)"', tag), tag


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters='"'), max_size=40))
def test_tracking_leaves_other_hosts_and_brevo_tags_alone(path):
    for url in (f"https://www.afd.fr/{path}", "{{ unsubscribe }}", "{{ mirror }}", f"mailto:a@b.org?x={path}",
                f"https://www.regions-francophones.org.evil.example/{path}"):
        assert utm_url(url, SITE, "2026-11") == url
    html = '<a href="{{ update_profile }}">x</a><a href="https://www.afd.fr/">y</a>'
    assert render_tracked_html(html, SITE, "2026-11") == html
    assert render_tracked_text("Se désinscrire : {{ unsubscribe }}", SITE, "2026-11") == "Se désinscrire : {{ unsubscribe }}"


def test_tracking_keeps_query_and_fragment_and_never_doubles():
    once = utm_url(f"{SITE}agenda/?annee=2027#juin", SITE, "2026-11")
    assert once == f"{SITE}agenda/?annee=2027&utm_source=brevo&utm_medium=email&utm_campaign=2026-11#juin"
    assert utm_url(once, SITE, "2026-11") == once
    html = render_tracked_html(f'<a href="{SITE}a/?x=1&amp;y=2">', SITE, "2026-s2")
    assert html == f'<a href="{SITE}a/?x=1&amp;y=2&amp;utm_source=brevo&amp;utm_medium=email&amp;utm_campaign=2026-s2">'


def test_logo_png_follows_the_site_logo_and_is_deterministic():
    """Same drawing as the site's SVG (2:1, white plate, the band's four colours), same bytes twice."""
    import io

    from PIL import Image

    from airf_site.brand import BAND, render_logo_png, render_logo_svg
    from airf_site.site.assets import render_logo_svg as site_logo

    assert site_logo() == render_logo_svg()
    data = render_logo_png(192)
    assert data == render_logo_png(192)
    with Image.open(io.BytesIO(data)) as im:
        assert im.size == (192, 96)
        band_y = round(26.5 * 3)  # the band sits at y = 25…28 of the 64 × 32 drawing
        for i, colour in enumerate(BAND):
            x = round((4 + 14 * i + 7) * 3)
            assert im.getpixel((x, band_y))[:3] == tuple(int(colour[k:k + 2], 16) for k in (1, 3, 5))
        assert im.getpixel((96, 12))[:3] == (255, 255, 255)  # the white plate above the letters
