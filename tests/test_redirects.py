"""Old addresses kept alive: content/donnees/redirections.yml → redirect pages; feed GUIDs kept."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

from conftest import REPO

from airf_site.content.models import Redirection
from airf_site.site.feeds import render_feeds
from airf_site.site.model import feed_paths
from airf_site.site.redirects import redirect_file, render_redirect

NEWS = "---\ntitre: Mai\ndate: 2024-05-02\nresume: Les nouvelles.\n{extra}---\nTexte.\n"


def test_redirect_page_points_at_the_new_address(make_project):
    project = make_project.project()
    item = Redirection(de="/2019/05/mon-article/", vers="/actualites/mon-article/")
    page = render_redirect(project, item)
    assert redirect_file(item) == "2019/05/mon-article/index.html"
    assert 'content="0; url=../../../actualites/mon-article/"' in page
    assert f'<link rel="canonical" href="{project.absolute_url("actualites/mon-article/")}">' in page
    jekyll = Redirection(de="/2019/05/01/mon-article.html", vers="/actualites/mon-article/")
    assert redirect_file(jekyll) == "2019/05/01/mon-article.html"
    assert 'url=../../../actualites/mon-article/"' in render_redirect(project, jekyll)


def test_redirections_are_checked(make_project):
    make_project.write("content/actualites/2024-05-02-mai.md", NEWS.format(extra=""))
    make_project.write("content/donnees/redirections.yml",
                       "- de: /2019/05/mai/\n  vers: /actualites/mai/\n"
                       "- de: /../etc/passwd\n  vers: /actualites/mai/\n"
                       "- de: /vieux/\n  vers: /actualites/absente/\n"
                       "- de: /actualites/mai/\n  vers: /actualites/mai/\n"
                       "- de: /2019/05/mai/\n  vers: /actualites/mai/\n")
    index, diags = make_project.load()
    found = {(d.line, d.message.split(" « ")[0]) for d in diags if d.path.endswith("redirections.yml")}
    assert found == {(3, "ancienne adresse invalide"), (5, "redirection vers une page inexistante"),
                     (7, "l'ancienne adresse"), (9, "ancienne adresse")}, diags
    assert len(index.redirects) == 5


def test_site_publishes_redirects_and_feeds_keep_old_guids(make_project):
    for name in ("layouts", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, make_project.root / name)
    make_project.write("content/actualites/2024-05-02-mai.md",
                       NEWS.format(extra="guid: \"https://ancien.example.org/?p=123\"\n"))
    make_project.write("content/donnees/redirections.yml",
                       "- de: /2019/05/mai/\n  vers: /actualites/mai/\n- de: /mai.html\n  vers: /actualites/mai/\n")
    index, diags = make_project.load()
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    from airf_site.build import build

    build(make_project.project(), ["site"], log=lambda *a, **k: None)
    site = make_project.root / "build" / "site"
    assert 'url=../../../actualites/mai/"' in (site / "2019/05/mai/index.html").read_text(encoding="utf-8")
    assert 'url=actualites/mai/"' in (site / "mai.html").read_text(encoding="utf-8")
    item = ET.fromstring(render_feeds(make_project.project(), index)[feed_paths()[0]]).find("channel/item")
    guid = item.find("guid")
    assert guid.text == "https://ancien.example.org/?p=123" and guid.get("isPermaLink") == "false"
    assert item.findtext("link") == make_project.project().absolute_url("actualites/mai/")
