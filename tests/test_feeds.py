"""RSS 2.0 and Atom feeds: parsed as XML and with feedparser, checked item by item."""

from __future__ import annotations

import datetime as dt
import email.utils
import xml.etree.ElementTree as ET

import feedparser
import pytest

from airf_site.site.feeds import FEED_SIZE, render_feeds
from airf_site.site.model import feed_paths
from airf_site.typography import fix_text

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


@pytest.fixture(scope="module")
def feeds(sample_project, sample_index):
    return render_feeds(sample_project, sample_index)


def test_every_feed_exists(feeds, sample_index):
    expected = {feed_paths()[0], feed_paths()[1]}
    for proj in sample_index.projects:
        expected |= set(feed_paths("projets", proj.id))
    for theme in sample_index.themes:
        expected |= set(feed_paths("themes", theme.id))
    assert set(feeds) == expected


def test_rss_items_match_news(feeds, sample_project, sample_index):
    channel = ET.fromstring(feeds[feed_paths()[0]]).find("channel")
    assert channel.findtext("language") == "fr"
    assert channel.findtext("generator") == "airf-site"
    items = channel.findall("item")
    news = sample_index.news[:FEED_SIZE]
    assert [i.findtext("title") for i in items] == [fix_text(n.titre) for n in news]  # titles are published typeset
    for item, doc in zip(items, news):
        url = sample_project.absolute_url(doc.url)
        assert item.findtext("link") == url
        guid = item.find("guid")
        assert guid.text == url and guid.get("isPermaLink") == "true"
        published = email.utils.parsedate_to_datetime(item.findtext("pubDate"))
        assert published.tzinfo is not None and published.date() == doc.date
        html = item.findtext(CONTENT)
        assert 'src="images/' not in html and 'href="../' not in html
        for ref in ('src="', 'href="'):
            for part in html.split(ref)[1:]:
                assert part.startswith(("https://", "http://", "mailto:")), part[:60]


def test_atom_entries_full_html_and_dates(feeds, sample_project, sample_index):
    root = ET.fromstring(feeds[feed_paths()[1]])
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_SIZE, len(sample_index.news))
    newest = dt.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    assert newest.date() == sample_index.news[0].date  # pinned to content, not the wall clock
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == sample_project.absolute_url(sample_index.news[0].url)
    assert first.find(f"{ATOM}content").get("type") == "html"
    self_link = [l.get("href") for l in root.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert self_link == [sample_project.absolute_url(feed_paths()[1])]


def test_project_and_theme_feeds_are_filtered(feeds, sample_index):
    for proj in sample_index.projects:
        parsed = feedparser.parse(feeds[feed_paths("projets", proj.id)[0]])
        titles = [e.title for e in parsed.entries]
        assert titles == [fix_text(n.titre) for n in sample_index.with_project(proj.id, sample_index.news)][:FEED_SIZE]
    for theme in sample_index.themes:
        parsed = feedparser.parse(feeds[feed_paths("themes", theme.id)[1]])
        assert len(parsed.entries) == min(FEED_SIZE, len(sample_index.with_theme(theme.id, sample_index.news)))


def test_real_feed_parser_reads_both_formats(feeds, sample_index):
    for path in feed_paths():
        parsed = feedparser.parse(feeds[path])
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.language.startswith("fr") if "language" in parsed.feed else True
        entry = parsed.entries[0]
        assert entry.title == sample_index.news[0].titre
        assert entry.content[0].value.strip()
        assert entry.published_parsed is not None


def test_feeds_are_deterministic(sample_project, sample_index, feeds):
    assert render_feeds(sample_project, sample_index) == feeds


def test_channel_links_to_the_news_page_not_the_feed(feeds, sample_project, sample_index):
    rss_path, atom_path = feed_paths()
    channel = ET.fromstring(feeds[rss_path]).find("channel")
    assert channel.findtext("link") == sample_project.absolute_url("actualites/")
    self_links = [link.get("href") for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_links == [sample_project.absolute_url(rss_path)]
    parsed = feedparser.parse(feeds[rss_path])
    assert parsed.feed.link == sample_project.absolute_url("actualites/")
    proj = sample_index.projects[0]
    channel = ET.fromstring(feeds[feed_paths("projets", proj.id)[0]]).find("channel")
    assert channel.findtext("link") == sample_project.absolute_url(proj.url)


def test_plain_text_summary_stays_text(make_project):
    make_project.write("content/images/test.png", b"\x89PNG\r\n\x1a\n")
    make_project.write("content/actualites/2026-01-05-a.md",
                       '---\ntitre: "A <b>gras</b>"\ndate: 2026-01-05\n'
                       'resume: "Voir <img src=x onerror=alert(1)> & « la suite »"\n'
                       'image: images/test.png\nimage_alt: \'Photo "entre guillemets" <x>\'\n---\nTexte.\n')
    index, diags = make_project.load()
    feeds = render_feeds(make_project.project(), index)
    rss_path, atom_path = feed_paths()
    item = ET.fromstring(feeds[rss_path]).find("channel/item")
    # RSS <description> is read as HTML: the text must arrive escaped
    assert item.findtext("description") == "Voir &lt;img src=x onerror=alert(1)&gt; &amp; «\u202fla suite\u202f»"
    assert item.findtext("title") == "A <b>gras</b>"
    parsed = feedparser.parse(feeds[rss_path]).entries[0]
    assert "<img" not in parsed.summary
    atom = ET.fromstring(feeds[atom_path]).find(f"{ATOM}entry/{ATOM}summary")
    assert atom.text == "Voir <img src=x onerror=alert(1)> & «\u202fla suite\u202f»" and atom.get("type", "text") == "text"
    content = item.findtext(CONTENT)
    assert 'alt="Photo &quot;entre guillemets&quot; &lt;x&gt;"' in content
