"""Site build on small trees: deterministic bytes, atomic replacement, French errors, plugin units."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from test_site_helpers import build_tree, pinned_date, read_page

from airf_site.errors import BuildError
from airf_site.site.pages import WebPage, site_nav
from airf_site.site.shell import Shell, parent_of

NEWS = """\
---
titre: "Actualité {i} : l'efficacité & les régions"
date: 2026-0{m}-0{d}
resume: Résumé de l'actualité {i}.
themes: [francophonie-des-territoires]
projet: coopr
---
Texte de l'actualité {i} avec un [lien](https://example.org/{i}) et [l'agenda](/agenda/#a-venir).
"""


def small_tree(builder, count: int = 25):
    for name in ("layouts", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, builder.root / name)
    for i in range(count):
        builder.write(f"content/actualites/2026-01-01-actu-{i}.md",
                      NEWS.format(i=i, m=1 + i % 9, d=1 + i % 9))
    return builder.root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


EVENT = """\
---
titre: Bureau {i}
type: bureau
debut: 2027-0{i}-10 09:00
fin: 2027-0{i}-10 17:00
fuseau: {zone}
resume: Réunion du Bureau.
lieu: Hôtel de région
---
Ordre du jour.
"""


def test_same_sources_same_bytes(make_project):
    """Two builds in separate processes (different hash seeds), same SOURCE_DATE_EPOCH → same bytes."""
    import subprocess
    import sys

    root = small_tree(make_project)
    for i, zone in enumerate(["Africa/Casablanca", "Africa/Tunis", "Europe/Paris", "America/Montreal"], start=1):
        make_project.write(f"content/evenements/bureau-{i}.md", EVENT.format(i=i, zone=zone))
    site = root / "build" / "site"
    snapshots = []
    for seed in ("1", "2"):
        env = dict(__import__("os").environ, SOURCE_DATE_EPOCH="1764331200", PYTHONHASHSEED=seed)
        env.pop("AIRF_BUILD_DATE", None)
        done = subprocess.run([sys.executable, "-m", "airf_site.cli", "--root", str(root), "build", "--site"],
                              env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        snapshots.append(snapshot(site))
        shutil.rmtree(root / "build")
    first, second = snapshots
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert "actualites/page/2/index.html" in first  # 25 news, 20 per page


def test_failed_build_leaves_previous_site(make_project):
    root = small_tree(make_project, count=3)
    _, _, site = build_tree(root)
    before = snapshot(site)
    template = root / "layouts/web/airf/article.html"
    template.write_text(template.read_text(encoding="utf-8") + "{{ faute_de_frappe }}\n", encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build_tree(root)
    assert "erreur de gabarit" in str(info.value) and "article.html" in str(info.value)
    assert snapshot(site) == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".site")]  # no temp left


def test_cli_content_error_is_french_and_keeps_site(make_project):
    from airf_site.cli import cli

    root = small_tree(make_project, count=2)
    _, _, site = build_tree(root)
    before = snapshot(site)
    make_project.write("content/actualites/2026-02-02-cassee.md", "---\ntitre: X\ndate: 2026-13-01\nresume: r\n---\n")
    with pinned_date():
        result = CliRunner().invoke(cli, ["--root", str(root), "build", "--site"])
    assert result.exit_code == 1
    assert "content/actualites/2026-02-02-cassee.md:3:" in result.output
    assert "Traceback" not in result.output
    assert snapshot(site) == before


def test_escaped_titles_and_feeds_in_shell_pages(make_project):
    root = small_tree(make_project, count=2)
    _, index, site = build_tree(root)
    doc = index.news[0]
    raw = (site / doc.url / "index.html").read_text(encoding="utf-8")
    assert read_page(site, doc.url).find("title") == [{}]
    assert "<title>Actualité 1\xa0: l’efficacité &amp; les régions - AIRF</title>" in raw
    page = read_page(site, doc.url)
    assert [t for t, a in page.tags if t == "h1"] == ["h1"]  # ours only, Material adds none
    assert "@@AIRF" not in raw and "airfslugmarker" not in raw
    assert "../../agenda/#a-venir" in page.links()  # root links made relative
    first = next(n for n in index.news if n.date.day == 1)
    assert "1er janvier 2026" in read_page(site, first.url).text


def test_shell_fill_and_helpers():
    shell = Shell("<title>@@AIRF-TITLE@@</title><link href='x/airfslugmarker/'>@@AIRF-HEAD@@"
                  "<main>@@AIRF-CONTENT@@<!--<h1>--></main><meta content=\"@@AIRF-DESCRIPTION@@\">")
    page = WebPage(url="actualites/mon-article/", title="A & B", html="<h1>A</h1>", description='dit "oui"', head="<meta>")
    assert shell.fill(page) == ("<title>A &amp; B</title><link href='x/mon-article/'><meta>"
                                "<main><h1>A</h1></main><meta content=\"dit &quot;oui&quot;\">")
    assert parent_of("actualites/x/") == "actualites/" and parent_of("mentions/") == ""


def test_nav_has_sections_not_articles():
    pages = [WebPage(url=u, title=t, nav=True) for u, t in [
        ("", "Accueil"), ("actualites/", "Actualités"), ("themes/", "Priorités stratégiques"),
        ("themes/eau/", "Eau"), ("membres/", "Membres"), ("a-propos/", "À propos")]]
    pages.append(WebPage(url="actualites/x/", title="X"))
    assert site_nav(pages) == [
        {"Accueil": "index.md"}, {"Actualités": "actualites/index.md"},
        {"Priorités": ["themes/index.md", {"Eau": "themes/eau/index.md"}]},
        {"L’AIRF": [{"À propos": "a-propos/index.md"}, {"Membres": "membres/index.md"}]},
    ]


def test_pages_from_other_outputs(make_project, monkeypatch):
    import datetime as dt

    import airf_site.build as orchestration
    from airf_site.sitepage import SitePage

    standalone = "<!doctype html><html lang=\"fr\"><title>Lettre</title><img src=\"images/a.png\"></html>"
    offered = [
        SitePage("lettres", "lettres/2026-10/", "Lettre d'octobre", dt.date(2026, 10, 5), "Octobre.",
                 "<p>Contenu d'octobre</p>"),
        SitePage("lettres", "lettres/2026-11/", "Lettre de novembre", dt.date(2026, 11, 5), "Novembre.",
                 standalone, standalone=True, files={"images/a.png": b"PNG"}),
    ]
    monkeypatch.setattr(orchestration, "site_pages", lambda project, index: offered)
    root = small_tree(make_project, count=1)
    _, _, site = build_tree(root)
    listing = read_page(site, "lettres/")
    order = [h for h in listing.links() if "2026-" in h]
    assert order.index("../lettres/2026-11/") < order.index("../lettres/2026-10/")  # newest first
    assert (site / "lettres/2026-11/index.html").read_text(encoding="utf-8") == standalone
    assert (site / "lettres/2026-11/images/a.png").read_bytes() == b"PNG"
    october = read_page(site, "lettres/2026-10/")
    assert "Contenu d'octobre" in october.text and october.find("link", rel="canonical")
    assert "Lettres d’information" in read_page(site, "").text  # in the nav (typeset)


def test_empty_project_builds(make_project):
    """A fresh project (themes, members, one project, no article yet) still gets a complete site."""
    root = small_tree(make_project, count=0)
    _, index, site = build_tree(root)
    assert not index.news and not index.events
    for url in ("", "actualites/", "agenda/", "appels/", "fiches/", "membres/"):
        assert (site / url / "index.html").exists(), url
    assert "Aucun événement programmé" in read_page(site, "agenda/").text
    assert (site / "flux/actualites.xml").exists() and (site / "agenda.ics").exists()
