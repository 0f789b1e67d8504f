"""Issue #18, rows 5 and 6: every field escaped in menu, search index, feeds, ICS; e-mail and feed HTML sanitised."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import THEMES, ProjectBuilder
from test_newsletter_support import ISSUE_NOV, Tree, small_project
from test_newsletter_support import check as check_newsletters
from test_site_build import small_tree
from test_site_helpers import build_tree

from airf_site.newsletter import build as newsletter
from airf_site.sanitize import sanitize_html

EVIL = "<img src=x onerror=alert(1)>"
HOSTILE_BODY = ('<p onclick="alert(1)">clic</p>\n\n<img src="images/actualites/atelier.png" alt="a" '
                'onerror="alert(2)">\n\n<svg onload="alert(3)"><circle r="4"/></svg>\n\n'
                '<script>alert(4)</script>\n\n<a href="javascript:alert(5)">lien</a>\n\n'
                '<iframe src="https://example.org/"></iframe>\n')


def handlers(html: str) -> list[tuple[str, str]]:
    """(tag, attribute) of every event handler, script, svg, iframe or javascript: link."""
    found = []
    for tag, attrs in Tree(html).elements:
        if tag in ("script", "svg", "iframe", "object", "embed"):
            found.append((tag, ""))
        for name, value in attrs.items():
            if name.startswith("on") or value.strip().lower().startswith("javascript:"):
                found.append((tag, name))
    return found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    builder = ProjectBuilder(tmp_path_factory.mktemp("echappement"))
    builder.write("content/donnees/themes.yml",
                  THEMES.replace("titre: Francophonie des territoires", f"titre: '{EVIL}'"))
    small_tree(builder, 1)
    builder.write("content/actualites/2026-01-05-piege.md",
                  f"---\ntitre: '{EVIL} & co'\ndate: 2026-01-05\nresume: '{EVIL}'\n"
                  f"themes: [francophonie-des-territoires]\n---\nTexte &lt;b&gt; {HOSTILE_BODY}")
    builder.write("content/pages/piege.md", f"---\ntitre: '{EVIL}'\n---\nTexte.\n")
    builder.write("content/evenements/piege.md",
                  f"---\ntitre: '{EVIL}'\ntype: webinaire\ndebut: 2027-01-10 10:00\nfin: 2027-01-10 11:00\n"
                  f"resume: '{EVIL}'\nen_ligne: true\n---\nTexte.\n")
    _, _, site = build_tree(builder.root)
    return site


def test_titles_are_text_in_every_page_and_menu(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert EVIL not in html, page
        assert [a for a in Tree(html).find("img") if a.get("src") == "x"] == [], page
    home = Tree((hostile_site / "index.html").read_text(encoding="utf-8"))
    assert EVIL in home.text  # shown as text, in the menu and the theme cards


def test_search_index_keeps_titles_as_text(hostile_site):
    """Pagefind stores titles and text as data; the site's search UI only ever inserts text.

    The one `innerHTML` of assets/search.js fills an inert <template> (no load, no handler)
    from which only text and <mark> are copied.
    """
    import gzip

    fragments = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for p in (hostile_site / "pagefind/fragment").iterdir()]
    titles = {f["meta"].get("title") for f in fragments}
    assert EVIL in titles and f"{EVIL} & co" in titles
    script = (Path(__file__).resolve().parent.parent / "airf_site/assets/search.js").read_text(encoding="utf-8")
    assignments = re.findall(r"(\w+)\.(?:innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", script)
    assert assignments == ["tpl"]
    assert 'var tpl = document.createElement("template");' in script
    assert "item.meta.title || item.url);" in script  # passed to el(), which sets textContent
    assert "if (text) node.textContent = text;" in script


def test_feeds_and_calendar_keep_titles_as_text(hostile_site):
    for path in (hostile_site / "flux").glob("*.xml"):
        feed = feedparser.parse(path.read_bytes())
        for entry in feed.entries:
            assert "onerror" not in " ".join(c.value for c in entry.get("content", []))
            if entry.title.startswith("<img"):
                assert entry.title == f"{EVIL} & co"
        assert not feed.bozo, path
    ics = (hostile_site / "agenda.ics").read_text(encoding="utf-8")
    from icalendar import Calendar

    events = [c for c in Calendar.from_ical(ics).walk("VEVENT")]
    assert EVIL in [str(e["SUMMARY"]) for e in events]  # text/calendar has no markup to escape


def test_feed_bodies_are_sanitised(hostile_site):
    text = (hostile_site / "flux/actualites.xml").read_text(encoding="utf-8")
    feed = feedparser.parse(text.encode())
    entry = next(e for e in feed.entries if e.title.endswith("& co"))
    body = entry.content[0].value
    assert "clic" in body and "lien" in body
    assert handlers(body) == []
    assert "alert(4)" not in body


@pytest.mark.parametrize("fragment", [
    '<p onclick="x()">a</p>', '<img src="a.png" onerror="x()">', '<svg onload="x()"></svg>',
    '<script>x()</script>', '<a href="javascript:x()">a</a>', '<iframe src="/"></iframe>',
    '<a href="JaVaScRiPt:x()">a</a>', '<p style="background: url(javascript:x())">a</p>',
    '<object data="x"></object>', '<form action="/"><input></form>',
])
def test_sanitiser_removes_active_content(fragment):
    clean = sanitize_html(fragment)
    assert handlers(clean) == [] and "x()" not in clean


def test_sanitiser_keeps_editorial_markup():
    fragment = ('<h2 id="t">Titre</h2><p>Un <a href="https://example.org/">lien</a>, <strong>gras</strong>, '
                '<img src="images/a.png" alt="b" width="10"></p><table><tr><td style="text-align: center">1</td>'
                '</tr></table>')
    clean = sanitize_html(fragment)
    assert [t for t, _ in Tree(clean).elements] == ["h2", "p", "a", "strong", "img", "table", "tbody", "tr", "td"]
    assert Tree(clean).find("a") == [{"href": "https://example.org/"}]
    assert Tree(clean).find("td") == [{"style": "text-align:center"}]


def test_newsletter_body_is_sanitised_in_email_and_archive(tmp_path):
    builder = small_project(tmp_path)
    builder.write("newsletters/2026-11.md", ISSUE_NOV + "\n" + HOSTILE_BODY)
    project = builder.project()
    index, _ = check_newsletters(project)
    _, issues, _ = newsletter.load(project, index)
    target = newsletter.build_issue(project, index, newsletter.find_issue(issues, "2026-11"))
    for name in ("brevo.html", "web.html"):
        html = (target / name).read_text(encoding="utf-8")
        assert "clic" in html and handlers(html) == [], name
    assert "alert(" not in (target / "brevo.html").read_text(encoding="utf-8")


def test_site_keeps_trusted_raw_html(hostile_site):
    """Documented policy (docs/securite.md): the site's own pages keep the editor's raw HTML."""
    page = (hostile_site / "actualites/piege/index.html").read_text(encoding="utf-8")
    assert "<svg" in page  # trusted, reviewed in pull requests; only other readers get the sanitiser


def test_policy_is_documented():
    text = (Path(__file__).resolve().parent.parent / "docs/securite.md").read_text(encoding="utf-8")
    assert "nh3" in text and "HTML" in text
