"""`airf serve`: serves the built site with live reload, shows content errors in the browser and
terminal instead of a stale page, and rebuilds when a watched file changes."""

from __future__ import annotations

import html
import json
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser

import pytest

from airf_site.authoring.preview import Preview
from airf_site.authoring.preview_pages import inject_reload, render_error_page
from airf_site.build import check_project
from airf_site.write import atomic_dir, write_text

NEWS = """\
---
titre: Atelier à Rabat
date: 2026-03-01
resume: Un atelier sur l'eau.
---
Texte.
"""
NEWSLETTER_CONFIG = """\
expediteur:
  nom: AIRF
  email: communication@regions-francophones.org
"""


def fake_site_build(project):
    """Stand-in for the site builder: real validation, then a one-page site listing the news."""
    index, warnings = check_project(project, placeholders=False)
    with atomic_dir(project.build_dir / "site") as out:
        items = "".join(f"<li>{html.escape(n.titre)}</li>" for n in index.news)
        write_text(out / "index.html", f"<!doctype html><html lang=fr><body><ul>{items}</ul></body></html>")
        write_text(out / "assets" / "site.css", "body{}")
    return warnings


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.scripts, self._in_script = [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
            self._in_script = True

    def handle_endtag(self, tag):
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data):
        if not self._in_script:
            self.parts.append(data)


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def _text(page):
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split()), parser.scripts


@pytest.fixture
def preview(make_project):
    make_project.write("content/actualites/2026-03-01-atelier.md", NEWS)
    # the newsletter module's own check wants its settings
    make_project.write("newsletters/config.yml", NEWSLETTER_CONFIG)
    logs = []
    server = Preview(make_project.root, port=0, build_func=fake_site_build, log=logs.append)
    server.logs = logs
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stop()


def test_serves_site_with_live_reload(preview):
    assert preview.rebuild()
    status, page = _get(preview.url)
    assert status == 200
    text, scripts = _text(page)
    assert "Atelier à Rabat" in text and scripts == 1
    version = json.loads(_get(preview.url + "_airf/version")[1])["version"]
    assert version == preview.state.version == 1
    assert _get(preview.url + "assets/site.css") == (200, "body{}")
    assert _get(preview.url + "nulle-part/")[0] == 404
    assert any("Site reconstruit" in line for line in preview.logs)


def test_errors_replace_the_stale_page_then_clear(preview, make_project):
    assert preview.rebuild()
    news = make_project.root / "content/actualites/2026-03-01-atelier.md"
    news.write_text(NEWS.replace("date: 2026-03-01", "date: 2026-13-01"), encoding="utf-8")
    assert not preview.rebuild()
    status, page = _get(preview.url)
    assert status == 500
    text, scripts = _text(page)
    assert "content/actualites/2026-03-01-atelier.md:3" in text
    assert "le mois doit être entre 1 et 12" in text
    assert "Atelier à Rabat" not in text  # not the stale site
    assert scripts == 1  # still reloads once fixed
    assert any("content/actualites/2026-03-01-atelier.md:3: erreur" in line for line in preview.logs)
    # the previous site is still on disk, untouched (atomic builds)
    assert "Atelier à Rabat" in (make_project.root / "build/site/index.html").read_text(encoding="utf-8")

    news.write_text(NEWS.replace("Atelier à Rabat", "Atelier à Lomé"), encoding="utf-8")
    assert preview.rebuild()
    status, page = _get(preview.url)
    assert status == 200 and "Atelier à Lomé" in _text(page)[0]


def test_watcher_rebuilds_after_a_save(preview, make_project):
    assert preview.rebuild()
    preview.start_watching()
    time.sleep(0.3)  # let inotify register the watches
    news = make_project.root / "content/actualites/2026-03-01-atelier.md"
    news.write_text(NEWS.replace("Atelier à Rabat", "Atelier à Tunis"), encoding="utf-8")
    deadline = time.monotonic() + 20
    while preview.state.version < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert preview.state.version >= 2, "aucune reconstruction après la modification"
    assert "Atelier à Tunis" in _text(_get(preview.url)[1])[0]


def test_preview_index_lists_newsletters(preview, make_project):
    make_project.write("newsletters/2026-11.md", "---\nobjet: x\n---\n")
    make_project.write("build/newsletters/2026-11/lettre.html", "<html><body>Lettre</body></html>")
    make_project.write("build/newsletters/2026-11/selection.txt", "Lettre 2026-11 : éléments laissés de côté : <aucun>\n")
    # The output of an issue whose file was renamed or removed is not offered.
    make_project.write("build/newsletters/2026-11-18-lettre/brevo.html", "<html><body>Ancienne</body></html>")
    status, page = _get(preview.url + "_apercu/")
    assert status == 200 and "2026-11/lettre.html" in page and "make report" in page
    assert "2026-11-18-lettre" not in page
    assert "éléments laissés de côté : &lt;aucun&gt;" in page
    status, page = _get(preview.url + "_apercu/newsletters/2026-11/lettre.html")
    assert status == 200 and "Lettre" in page and "/_airf/version" in page
    assert _get(preview.url + "_apercu/../content/donnees/themes.yml")[0] == 404


def test_email_preview_is_served_with_local_images(preview, make_project):
    """/_apercu/newsletters/<id>/brevo.html: the live site's images come from the build, and it says so."""
    from airf_site.project import Project

    site = Project.load(make_project.root).site_url
    make_project.write("newsletters/2026-12.md", "---\nobjet: x\n---\n")
    make_project.write("build/newsletters/2026-12/brevo.html",
                       f'<html><body><img src="{site}lettres/2026-12/images/logo.png" alt="AIRF"></body></html>')
    make_project.write("build/newsletters/2026-12/images/logo.png", b"PNG")
    status, page = _get(preview.url + "_apercu/newsletters/2026-12/brevo.html")
    assert status == 200 and 'src="/_apercu/newsletters/2026-12/images/logo.png"' in page
    assert "une fois le site publié" in page
    assert _get(preview.url + "_apercu/newsletters/2026-12/images/logo.png")[0] == 200
    # On disk, the e-mail to send is untouched.
    assert f'src="{site}lettres/2026-12/images/logo.png"' in (
        make_project.root / "build/newsletters/2026-12/brevo.html").read_text(encoding="utf-8")


def test_email_preview_reads_images_from_the_build():
    from airf_site.authoring.preview_pages import localize_email_images

    page = ('<html><body class="x"><img src="https://www.exemple.org/lettres/2026-12/images/a.jpg" alt="A">'
            '<img src="https://ailleurs.org/b.jpg" alt="B"></body></html>')
    out = localize_email_images(page, "https://www.exemple.org/", "2026-12")
    assert 'src="/_apercu/newsletters/2026-12/images/a.jpg"' in out
    assert 'src="https://ailleurs.org/b.jpg"' in out
    assert out.index("une fois le site publié") > out.index('<body class="x">')


def test_render_helpers_are_pure():
    from airf_site.errors import Diagnostic

    page = render_error_page([Diagnostic("content/a.md", 4, "champ inconnu « lieux »", hint="« lieu » ?")], None, 7)
    assert "content/a.md:4" in page and "champ inconnu « lieux »" in page and "var v=7" in page
    assert inject_reload(b"<html><body>x</body></html>", 3).endswith(b"</script></body></html>")


def test_admin_is_served_locally(preview, make_project):
    make_project.write("content/admin/index.html", "<html><body><script src=\"decap-cms.js\"></script></body></html>")
    status, config = _get(preview.url + "admin/config.yml")
    # generated on the fly: this project's members are in the select list
    assert status == 200 and "value: rabat-sale-kenitra" in config and "local_backend: true" in config
    assert "decap-cms.js" in _get(preview.url + "admin/")[1]
    status, body = _get(preview.url + "admin/decap-cms.js")
    assert status == 404 and "npm install --prefix .cache/npm decap-cms" in body
    assert _get(preview.url + "admin/../donnees/themes.yml")[0] == 404


def test_build_caches_never_serve_stale_results(tmp_path):
    """`airf serve`'s caches: an edited template is recompiled, and a memoised front matter is a
    fresh copy each time (changing one result never changes the next)."""
    import jinja2

    from airf_site.caches import BuildCaches
    from airf_site.content.frontmatter import parse_document
    from airf_site.project import Project
    from airf_site.templating import configure_env

    caches = BuildCaches()
    project = Project.load(tmp_path, caches=caches)

    def render(x: int) -> str:
        env = configure_env(jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path))), project)
        assert env.bytecode_cache is caches.templates
        return env.get_template("t.html").render(x=x)

    (tmp_path / "t.html").write_text("A {{ x }}", encoding="utf-8")
    assert render(1) == "A 1"
    assert len(caches.templates.store) == 1  # compiled once, kept for the next environment
    (tmp_path / "t.html").write_text("B {{ x }}", encoding="utf-8")
    assert render(2) == "B 2"
    assert configure_env(jinja2.Environment(), Project.load(tmp_path)).bytecode_cache is None

    raw = b"---\ntitre: A\n---\ntexte\n"
    one = caches.memo(parse_document, raw, "a.md")
    one.meta["titre"] = "modifié"
    two = caches.memo(parse_document, raw, "a.md")
    assert (two.meta["titre"], two.body_line) == ("A", 4)
    assert len(caches.memo.store) == 1


def test_preview_builds_use_its_caches(make_project):
    """The preview hands its caches to every build."""
    from airf_site.caches import BuildCaches

    seen = []

    def record(project):
        seen.append(project.caches)
        return []

    caches = BuildCaches()
    preview = Preview(make_project.root, port=0, build_func=record, log=lambda s: None, caches=caches)
    try:
        assert preview.rebuild()
        assert preview.rebuild()
    finally:
        preview.stop()
    assert seen == [caches, caches]


def test_warnings_show_in_a_box_on_the_page(preview, make_project):
    """« À compléter » left by `airf new` (and other warnings): listed on the previewed page."""
    from airf_site.authoring.scaffold import check_placeholders

    make_project.write("content/actualites/2026-03-02-brouillon.md",
                       "---\ntitre: B\ndate: 2026-03-02\nresume: \"À compléter : résumé\"\n---\nTexte.\n")
    preview.build_func = lambda project: fake_site_build(project) + check_placeholders(project)
    assert preview.rebuild(), preview.logs
    status, page = _get(preview.url)
    assert status == 200
    assert 'id="airf-avertissements"' in page and "content/actualites/2026-03-02-brouillon.md:4" in page
    assert "1 avertissement" in page
