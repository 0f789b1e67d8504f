"""Link check of the built site: broken links, anchors and images found, good ones accepted."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from airf_site.cli import cli
from airf_site.site.links import check_links, parse_page

GOOD_INDEX = """<!doctype html><html lang="fr"><head>
<link rel="stylesheet" href="assets/site.css"><link rel="preconnect" href="https://example.org">
<link rel="canonical" href="https://www.regions-francophones.org/">
</head><body>
<a href="actualites/atelier/">ok</a>
<a href="actualites/atelier/#programme">ok anchor</a>
<a href="/actualites/atelier/index.html">ok absolute</a>
<a href="https://www.regions-francophones.org/actualites/atelier/">ok site url</a>
<a href="#haut" id="haut">self</a>
<a href="https://www.francophonie.org/">external</a><a href="mailto:contact@example.org">mail</a>
<img src="images/logo.png" alt="Logo" srcset="images/logo.png 1x, images/logo.png 2x">
</body></html>"""
ARTICLE = """<!doctype html><html><body><h2 id="programme">Programme</h2>
<a href="../../">accueil</a>
<a href="../autre/">cassé</a>
<p>texte</p><a href="../../#inexistante">ancre cassée</a>
<img src="../../images/manquante.jpg" alt="">
<a href="../../fichiers/rapport.pdf">pdf</a>
</body></html>"""


def _site(root: Path) -> Path:
    site = root / "build" / "site"
    (site / "actualites" / "atelier").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "images").mkdir()
    (site / "fichiers").mkdir()
    (site / "index.html").write_text(GOOD_INDEX, encoding="utf-8")
    (site / "actualites" / "atelier" / "index.html").write_text(ARTICLE, encoding="utf-8")
    (site / "assets" / "site.css").write_text("body{}", encoding="utf-8")
    (site / "images" / "logo.png").write_bytes(b"png")
    (site / "fichiers" / "rapport.pdf").write_bytes(b"%PDF")
    return site


def test_finds_broken_links_anchors_and_images(tmp_path):
    site = _site(tmp_path)
    diags = check_links(site, "https://www.regions-francophones.org/")
    found = {(d.path, d.line, d.message.split(" :")[0]) for d in diags}
    assert found == {
        ("site/actualites/atelier/index.html", 3, "lien cassé"),
        ("site/actualites/atelier/index.html", 4, "ancre introuvable"),
        ("site/actualites/atelier/index.html", 5, "image introuvable"),
    }
    assert all(d.is_error and d.hint for d in diags)


def test_clean_site_has_no_diagnostic(tmp_path):
    site = _site(tmp_path)
    (site / "actualites" / "atelier" / "index.html").write_text(
        '<html><body><h2 id="programme">P</h2><a href="../../">accueil</a></body></html>', encoding="utf-8")
    assert check_links(site, "https://www.regions-francophones.org/") == []


def test_subfolder_publication(tmp_path):
    """On a GitHub Pages project site, absolute links carry the repository's path."""
    site = _site(tmp_path)
    (site / "actualites" / "atelier" / "index.html").write_text(
        '<html><body><h2 id="programme">P</h2><a href="/airf-site/actualites/atelier/">ok</a><a href="/airf-site/nulle-part/">ko</a></body></html>',
        encoding="utf-8")
    diags = check_links(site, "https://airf.github.io/airf-site/")
    assert [d.message.split(" :")[0] for d in diags] == ["lien cassé"]
    assert "nulle-part" in diags[0].message


def test_parse_page_collects_ids_and_names():
    page = parse_page('<h2 id="a">A</h2><a name="b"></a><a href="x/">x</a>')
    assert page.ids == {"a", "b"}
    assert page.refs == [(1, "a", "x/")]


def test_cli_reports_in_french_and_fails(tmp_path):
    _site(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(tmp_path), "liens", "--format", "github"])
    assert result.exit_code == 1
    assert "build/site/actualites/atelier/index.html:3: erreur : lien cassé" in result.output
    assert "::error file=build/site/actualites/atelier/index.html,line=5::image introuvable" in result.output
    missing = runner.invoke(cli, ["--root", str(tmp_path / "vide"), "liens"])
    assert missing.exit_code == 1 and "airf build --site" in missing.output


def test_full_address_on_own_domain_is_a_warning(tmp_path):
    """Another system may serve it (videos, forms): reported, but it does not block publication."""
    site = _site(tmp_path)
    (site / "actualites" / "atelier" / "index.html").write_text(
        '<html><body><h2 id="programme">P</h2>'
        '<a href="https://www.regions-francophones.org/videos/webinaire">vidéo</a></body></html>', encoding="utf-8")
    [diag] = check_links(site, "https://www.regions-francophones.org/")
    assert not diag.is_error and "videos/webinaire" in diag.message
    runner = CliRunner()
    assert runner.invoke(cli, ["--root", str(tmp_path), "liens"]).exit_code == 0
    assert runner.invoke(cli, ["--root", str(tmp_path), "liens", "--strict"]).exit_code == 1
