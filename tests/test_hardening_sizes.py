"""Issue #18, row 15: heavy bodies and images are French warnings; feeds stay within a budget."""

from __future__ import annotations

import feedparser
from test_site_build import small_tree
from test_site_helpers import build_tree

from airf_site.site.feeds import FEED_BODY_MAX, FEED_SIZE

HEAVY = "---\ntitre: Un très long rapport\ndate: 2026-03-01\nresume: Le résumé court.\n{extra}---\n{body}"


def test_heavy_body_and_image_are_warnings(make_project):
    paragraph = "Un paragraphe de compte rendu assez long pour peser. " * 20 + "\n\n"
    image = make_project.root / "content/images/lourde.jpg"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\xff\xd8" + b"0" * 5_100_000)
    make_project.write("content/actualites/2026-03-01-long.md",
                       HEAVY.format(extra="image: images/lourde.jpg\nimage_alt: Une photo\n",
                                    body=paragraph * 250), dedent=False)
    index, diags = make_project.load()
    assert index.news  # warnings only: the article is published
    found = {(d.line, d.message.split(" (")[0]) for d in diags if not d.is_error}
    assert (8, "texte très long") in found
    assert (5, "image très lourde « images/lourde.jpg »") in found
    assert not [d for d in diags if d.is_error]


def test_feed_announces_a_huge_article_instead_of_copying_it(make_project):
    root = small_tree(make_project, count=2)
    body = ("Texte répété pour peser plusieurs centaines de kilo-octets. " * 40 + "\n\n") * 150
    make_project.write("content/actualites/2026-03-01-long.md", HEAVY.format(extra="", body=body), dedent=False)
    _, _, site = build_tree(root)
    feed_path = site / "flux/actualites.xml"
    assert feed_path.stat().st_size < FEED_SIZE * FEED_BODY_MAX
    feed = feedparser.parse(feed_path.read_bytes())
    entry = next(e for e in feed.entries if e.title == "Un très long rapport")
    content = entry.content[0].value
    assert len(content) < 1000 and "Le résumé court." in content and "Lire l’article en entier" in content
    short = next(e for e in feed.entries if e.title != "Un très long rapport")
    assert "Texte de l" in short.content[0].value  # ordinary articles are still copied whole
