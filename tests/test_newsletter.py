"""Newsletter issues: model and references, automatic selections, build outputs, archive pages, CLI."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner
from test_newsletter_support import Tree, small_project
from test_newsletter_support import check as check_project

from airf_site.cli import cli
from airf_site.errors import ContentError
from airf_site.mail.checks import check_email
from airf_site.mail.text import html_to_text
from airf_site.newsletter import build as newsletter


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One small project, loaded and with its 2026-11 issue built (shared by the module)."""
    builder = small_project(tmp_path_factory.mktemp("lettres"))
    project = builder.project()
    index, diags = check_project(project)
    config, issues, _ = newsletter.load(project, index)
    issue = newsletter.find_issue(issues, "2026-11")
    target = newsletter.build_issue(project, index, issue)
    return project, index, issues, target


EVENT_TEMPLATE = """\
---
titre: {titre}
type: webinaire
debut: {jour} 14:00
fin: {jour} 16:00
resume: Un événement du réseau.
en_ligne: true
---
Texte.
"""


def _issue(issues, issue_id):
    return next(i for i in issues if i.id == issue_id)


# --- references and selections ---

def test_bad_references_are_reported_with_path_and_line(make_project):
    small_project(make_project.root)
    make_project.write("content/actualites/2026-11-01-brouillon.md",
                       "---\ntitre: Brouillon\ndate: 2026-11-01\nresume: Pas fini.\nbrouillon: true\n---\n")
    make_project.write("newsletters/2026-12.md", """\
        ---
        objet: Lettre de décembre
        apercu: "Un aperçu de décembre assez long pour ne pas être signalé comme trop court."
        public: membres
        date: 2026-12-15
        actualites:
          - atelier-ess
          - atelier-esss-inconnu
          - brouillon
        evenements: [webinaire-inconnu]
        appels:
          - appel-climat
        fiches: auto
        ---
        Texte.
        """)
    project = make_project.project()
    with pytest.raises(ContentError) as excinfo:
        check_project(project)
    messages = {(d.path, d.line): d for d in excinfo.value.diagnostics}
    unknown = messages[("newsletters/2026-12.md", 8)]
    assert "actualité introuvable « atelier-esss-inconnu »" in unknown.message
    assert "atelier-ess" in unknown.hint
    draft = messages[("newsletters/2026-12.md", 9)]
    assert "brouillon" in draft.message and draft.related == "content/actualites/2026-11-01-brouillon.md"
    assert "événement introuvable « webinaire-inconnu »" in messages[("newsletters/2026-12.md", 10)].message


def test_unknown_field_and_bad_audience(make_project):
    small_project(make_project.root)
    make_project.write("newsletters/2026-12.md", """\
        ---
        objt: Lettre
        apercu: "Un aperçu de décembre assez long pour ne pas être signalé comme trop court."
        public: membre
        date: 2026-13-01
        ---
        Texte.
        """)
    with pytest.raises(ContentError) as excinfo:
        check_project(make_project.project())
    text = "\n".join(d.format() for d in excinfo.value.diagnostics)
    assert "newsletters/2026-12.md:2: erreur : champ inconnu « objt »" in text
    assert "vouliez-vous dire « objet » ?" in text
    assert "newsletters/2026-12.md:4: erreur : « public » : valeur « membre » non autorisée" in text
    assert "newsletters/2026-12.md:5: erreur : « date » : le mois doit être entre 1 et 12" in text


def test_bad_config_is_reported(make_project):
    small_project(make_project.root)
    make_project.write("newsletters/config.yml", "expediteur:\n  nom: AIRF\n  email: pas-une-adresse\nattribut_prenom: Pré nom\n")
    with pytest.raises(ContentError) as excinfo:
        check_project(make_project.project())
    text = "\n".join(d.format() for d in excinfo.value.diagnostics)
    assert "newsletters/config.yml:3: erreur : « email » : adresse e-mail invalide" in text
    assert "newsletters/config.yml:4: erreur : « attribut_prenom »" in text


def test_automatic_selections_follow_the_issue_date(built):
    _project, _index, issues, _target = built
    nov = _issue(issues, "2026-11")
    assert nov.previous.id == "2026-10"
    # News published after the previous issue (2026-10-27), newest first.
    assert [n.id for n in nov.news] == ["appels-ouverts", "atelier-ess"]
    # Only the call closing within 60 days of 2026-11-30.
    assert [c.id for c in nov.calls] == ["appel-climat"]
    assert [e.id for e in nov.events] == ["webinaire-coopr"]
    assert [f.id for f in nov.fiches] == ["eau-kenitra"]
    oct_ = _issue(issues, "2026-10")
    assert [n.id for n in oct_.news] == ["rentree-du-reseau"] and not oct_.events and not oct_.calls
    partners = _issue(issues, "2026-s2")
    # First partner letter: news of the 184 days before it; no calls as asked.
    assert [n.id for n in partners.news] == ["appels-ouverts", "atelier-ess", "rentree-du-reseau"] and partners.calls == []


def test_auto_says_what_it_left_out_and_why(make_project):
    """The 15 December webinar of an issue dated 18 December is reported, not silently dropped."""
    small_project(make_project.root)
    past = EVENT_TEMPLATE.format(titre="Webinaire TERR'ESS", jour="2026-12-15")
    make_project.write("content/evenements/webinaire-terress.md", past)
    make_project.write("content/evenements/forum-2027.md", EVENT_TEMPLATE.format(titre="Forum 2027", jour="2027-01-20"))
    make_project.write("content/evenements/forum-brouillon.md",
                       EVENT_TEMPLATE.format(titre="Forum en préparation", jour="2027-02-03").replace("---\nTexte", "brouillon: true\n---\nTexte"))
    make_project.write("content/actualites/2026-12-20-apres.md",
                       "---\ntitre: Publiée après\ndate: 2026-12-20\nresume: Trop tard pour la lettre.\n---\n")
    make_project.write("newsletters/2026-12.md", """\
        ---
        objet: Lettre de décembre
        apercu: "Un aperçu de décembre assez long pour ne pas être signalé comme trop court."
        public: membres
        date: 2026-12-18
        ---
        Texte.
        """)
    project = make_project.project()
    index, _diags = check_project(project)
    _config, issues, _ = newsletter.load(project, index)
    dec = _issue(issues, "2026-12")
    assert [e.id for e in dec.events] == ["forum-2027"]
    reasons = {(e.section, e.id): e.reason for e in dec.excluded}
    assert reasons[("evenements", "webinaire-terress")].startswith("passé : terminé le 15\xa0décembre\xa02026")
    assert reasons[("evenements", "webinaire-coopr")].startswith("passé : terminé le 10\xa0décembre\xa02026")
    assert reasons[("evenements", "forum-brouillon")] == "brouillon (brouillon: true)"
    assert reasons[("actualites", "apres")].startswith("hors période : publiée le 20\xa0décembre\xa02026")
    assert reasons[("appels", "appel-lointain")].startswith("hors période : ferme le 30\xa0juin\xa02027")
    target = newsletter.build_issue(project, index, dec)
    note = (target / "selection.txt").read_text(encoding="utf-8")
    assert "Agenda : « Webinaire TERR'ESS » (webinaire-terress) — passé" in note
    result = CliRunner().invoke(cli, ["--root", str(make_project.root), "newsletter", "2026-12"])
    assert result.exit_code == 0, result.output
    assert "« Webinaire TERR'ESS » (webinaire-terress) — passé : terminé le 15\xa0décembre\xa02026" in result.output


def test_auto_reports_items_over_the_limit(make_project):
    small_project(make_project.root)
    make_project.write("newsletters/config.yml", (make_project.root / "newsletters/config.yml").read_text()
                       + "limites:\n  actualites: 1\n", dedent=False)
    project = make_project.project()
    index, _diags = check_project(project)
    nov = _issue(newsletter.load(project, index)[1], "2026-11")
    assert [n.id for n in nov.news] == ["appels-ouverts"]
    assert [(e.id, e.reason) for e in nov.excluded if e.section == "actualites"] == [
        ("atelier-ess", "au-delà de la limite de 1 (réglage « limites » de newsletters/config.yml)")]


@pytest.mark.parametrize("name,public,day,message,expected", [
    ("2026-12-18-lettre-de-decembre", "membres", "2026-12-18", "hors du schéma des lettres", "2026-12"),
    ("Decembre", "partenaires", "2026-12-18", "hors du schéma des lettres", "2026-s2"),
    ("2026-s2", "membres", "2026-12-18", "nom de lettre aux partenaires", "2026-12"),
    ("2026-12", "partenaires", "2026-03-01", "nom de lettre aux membres", "2026-s1"),
])
def test_file_names_outside_the_scheme_are_refused_with_the_expected_name(make_project, name, public, day,
                                                                          message, expected):
    small_project(make_project.root)
    for old in ("2026-11", "2026-10", "2026-s2"):
        (make_project.root / f"newsletters/{old}.md").unlink()
    make_project.write(f"newsletters/{name}.md", f"""\
        ---
        objet: Lettre
        apercu: "Un aperçu de décembre assez long pour ne pas être signalé comme trop court."
        public: {public}
        date: {day}
        ---
        Texte.
        """)
    with pytest.raises(ContentError) as excinfo:
        check_project(make_project.project())
    [diag] = [d for d in excinfo.value.diagnostics if d.is_error]
    assert (diag.path, diag.line) == (f"newsletters/{name}.md", 1)
    assert message in diag.message and f"newsletters/{expected}.md" in diag.hint


def test_a_date_outside_the_named_period_is_a_warning(make_project):
    small_project(make_project.root)
    text = (make_project.root / "newsletters/2026-11.md").read_text(encoding="utf-8")
    make_project.write("newsletters/2026-11.md", text.replace("date: 2026-11-30", "date: 2026-12-02"), dedent=False)
    _index, diags = check_project(make_project.project())
    [diag] = [d for d in diags if "période du nom" in d.message]
    assert not diag.is_error and diag.line == 5 and "2026-12.md" in diag.hint


def test_build_removes_outputs_of_issues_that_no_longer_exist(make_project):
    small_project(make_project.root)
    project = make_project.project()
    index, _ = check_project(project)
    newsletter.build_newsletters(project, index)
    assert (project.build_dir / "newsletters/2026-10/brevo.html").is_file()
    (make_project.root / "newsletters/2026-10.md").unlink()
    index, _ = check_project(project)
    newsletter._LOADED.clear()
    newsletter.build_newsletters(project, index)
    assert sorted(p.name for p in (project.build_dir / "newsletters").iterdir()) == ["2026-11", "2026-s2"]
    # Renamed by hand: `airf newsletter` builds the new name and says the old output is gone.
    (make_project.root / "newsletters/2026-11.md").rename(make_project.root / "newsletters/2026-12.md")
    text = (make_project.root / "newsletters/2026-12.md").read_text(encoding="utf-8")
    make_project.write("newsletters/2026-12.md", text.replace("date: 2026-11-30", "date: 2026-12-02"), dedent=False)
    result = CliRunner().invoke(cli, ["--root", str(make_project.root), "newsletter", "2026-12"])
    assert result.exit_code == 0, result.output
    assert re.search(r"build/newsletters/2026-12/brevo\.html \(\d+,\d Ko\)", result.output)
    assert "Ancienne lettre retirée de build/newsletters/ : 2026-11" in result.output
    assert sorted(p.name for p in (project.build_dir / "newsletters").iterdir()) == ["2026-12", "2026-s2"]


# --- build outputs ---

def test_build_writes_the_three_outputs_and_images(built):
    project, _index, _issues, target = built
    assert sorted(p.name for p in target.iterdir()) == ["brevo.html", "email.txt", "images", "selection.txt", "web.html"]
    images = sorted(target.glob("images/*"))
    assert [p.name for p in images] == ["actualites-atelier-360.jpg", "airf-logo-192.png"]
    from PIL import Image

    with Image.open(images[0]) as im:
        assert im.size == (360, 189) and im.format == "JPEG"
    assert images[0].stat().st_size <= 200 * 1024
    # The logo: a PNG at twice its 96 × 48 px display size, transparent outside its rounded plate.
    with Image.open(images[1]) as im:
        assert im.size == (192, 96) and im.format == "PNG" and im.mode == "RGBA"
        assert im.getpixel((0, 0))[3] == 0 and im.getpixel((96, 48))[3] == 255


def test_brevo_html_structure(built):
    project, _index, _issues, target = built
    html = (target / "brevo.html").read_text(encoding="utf-8")
    assert len(html.encode()) < 102 * 1024
    tree = Tree(html)
    assert tree.find("html")[0]["lang"] == "fr"
    assert all(t.get("role") == "presentation" for t in tree.find("table"))
    assert any("max-width:600px" in d.get("style", "").replace(" ", "") for d in tree.find("div"))
    assert {m.get("name"): m.get("content") for m in tree.find("meta")}["color-scheme"] == "light dark"
    logo, photo = tree.find("img")
    assert logo["src"] == "https://www.regions-francophones.org/lettres/2026-11/images/airf-logo-192.png"
    assert logo["alt"] == "AIRF" and (logo["width"], logo["height"]) == ("96", "48")
    assert photo["src"] == "https://www.regions-francophones.org/lettres/2026-11/images/actualites-atelier-360.jpg"
    assert photo["alt"] == "Des élus autour d’une table" and photo["width"] == "180"
    hrefs = [a["href"] for a in tree.find("a")]
    assert all(h.startswith("https://") or re.fullmatch(r"\{\{ \w+ \}\}", h) for h in hrefs)
    # The editorial's site-relative link became absolute (and tracked).
    utm = "?utm_source=brevo&utm_medium=email&utm_campaign=2026-11"
    assert "https://www.regions-francophones.org/agenda/webinaire-coopr/" + utm in hrefs
    assert hrefs.count("{{ unsubscribe }}") == 1 and "{{ mirror }}" in hrefs and "{{ update_profile }}" in hrefs
    assert "Bonjour {{ contact.PRENOM|default:'à toutes et à tous' }}," in html
    for tag in re.findall(r"\{\{.*?\}\}", html):
        assert "&#39;" not in tag and "%20" not in tag and "&amp;" not in tag
    for forbidden in ("script", "form", "iframe", "link"):
        assert not tree.find(forbidden)
    # Readable with images blocked: every item's title and summary are text.
    assert "Atelier ESS à Rabat" in tree.text and "Date limite : 15 janvier 2027" in tree.text
    # The hidden preheader comes first in <body>.
    body_index = [name for name, _ in tree.elements].index("body")
    first_tag, first_attrs = tree.elements[body_index + 1]
    assert "display:none" in first_attrs["style"]
    assert check_email(html, "brevo.html", brevo=True) == []


def test_web_version_has_no_brevo_tags(built):
    _project, _index, _issues, target = built
    web = (target / "web.html").read_text(encoding="utf-8")
    assert "{{" not in web and "unsubscribe" not in web
    tree = Tree(web)
    assert [img["src"] for img in tree.find("img")] == ["images/airf-logo-192.png", "images/actualites-atelier-360.jpg"]
    assert "../../actualites/atelier-ess/" in [a["href"] for a in tree.find("a")]
    assert "utm_" not in web  # the archive page is on the site itself: no campaign tracking
    assert "Bonjour à toutes et à tous," in tree.text


def test_text_version_writes_links_out(built):
    _project, _index, _issues, target = built
    text = (target / "email.txt").read_text(encoding="utf-8")
    assert "<" not in text.replace("<=", "")
    assert "Bonjour {{ contact.PRENOM|default:'à toutes et à tous' }}," in text
    flat = " ".join(text.split())
    utm = "?utm_source=brevo&utm_medium=email&utm_campaign=2026-11"
    assert f"Lisez le programme (https://www.regions-francophones.org/agenda/webinaire-coopr/{utm}) et" in flat
    assert f"https://www.regions-francophones.org/actualites/atelier-ess/{utm}" in text
    assert "https://www.afd.fr/appel-climat)" in text  # another site: untouched
    assert "Se désinscrire\xa0: {{ unsubscribe }}" in text
    assert "- premier point\n- second point" in text
    assert max(len(line) for line in text.splitlines() if "http" not in line) <= 72


def test_html_to_text():
    html = '<h2>Titre</h2><p>Voir <a href="https://a.org/x">la page</a> et <a href="https://b.org">https://b.org</a>.</p><ol><li>un</li><li>deux</li></ol>'
    assert html_to_text(html) == "Titre\n-----\n\nVoir la page (https://a.org/x) et https://b.org.\n\n1. un\n2. deux\n"


def test_same_sources_give_same_bytes(built, tmp_path):
    project, index, issues, target = built
    first = {p.name: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    newsletter._RENDERED.clear()
    newsletter.build_issue(project, index, _issue(issues, "2026-11"))
    again = {p.name: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    assert first == again


def test_failed_check_leaves_previous_output_intact(built, monkeypatch):
    project, index, issues, target = built
    before = (target / "brevo.html").read_bytes()
    issue = _issue(issues, "2026-11")
    rendered = newsletter.render_issue(project, index, issue)
    broken = newsletter.RenderedIssue(issue, rendered.brevo_html.replace("{{ unsubscribe }}", "https://x.org/"),
                                      rendered.text, rendered.web_html, rendered.images, rendered.config)
    monkeypatch.setitem(newsletter._RENDERED, (str(project.root), issue.id), (index, broken))
    with pytest.raises(ContentError) as excinfo:
        newsletter.build_issue(project, index, issue)
    assert "0 lien(s) de désinscription" in str(excinfo.value.diagnostics[0].message)
    assert excinfo.value.diagnostics[0].path == "newsletters/2026-11.md → brevo.html"
    assert (target / "brevo.html").read_bytes() == before


def test_web_pages_for_the_site(built):
    project, index, _issues, _target = built
    pages = newsletter.web_pages(project, index)
    assert [p.url for p in pages] == ["lettres/2026-11/", "lettres/2026-s2/", "lettres/2026-10/"]
    first = pages[0]
    assert first.standalone is True and first.title == "Lettre de l'AIRF – novembre 2026"
    assert str(first.date) == "2026-11-30" and first.summary.startswith("Les actualités")
    assert "{{" not in first.html and first.html.startswith("<!doctype html>")
    # Relative to the page: the site writes them at lettres/2026-11/images/, where the e-mail points
    # (the logo too: it is hosted with the site).
    assert sorted(first.files) == ["images/actualites-atelier-360.jpg", "images/airf-logo-192.png"]
    brevo_html = newsletter.render_issue(project, index, _issue(_issues, "2026-11")).brevo_html
    for site_path, source in first.files.items():
        assert source.is_file() and project.absolute_url(first.url + site_path) in brevo_html


def test_draft_issue_is_not_archived(make_project):
    small_project(make_project.root)
    path = make_project.root / "newsletters/2026-10.md"
    path.write_text(path.read_text().replace("public: membres", "public: membres\nbrouillon: true"))
    project = make_project.project()
    index, _ = check_project(project)
    assert [p.url for p in newsletter.web_pages(project, index)] == ["lettres/2026-11/", "lettres/2026-s2/"]


# --- command line ---

def test_cli_builds_latest_given_and_all(make_project):
    small_project(make_project.root)
    root = str(make_project.root)
    runner = CliRunner()
    env = {"AIRF_BUILD_DATE": "2026-11-28"}
    result = runner.invoke(cli, ["--root", root, "newsletter"], env=env)
    assert result.exit_code == 0, result.output
    assert "Lettre 2026-11 (membres)" in result.output
    assert sorted(p.name for p in (make_project.root / "build/newsletters").iterdir()) == ["2026-11"]
    result = runner.invoke(cli, ["--root", root, "newsletter", "2026-s2"], env=env)
    assert result.exit_code == 0 and "Lettre 2026-s2 (partenaires)" in result.output
    result = runner.invoke(cli, ["--root", root, "newsletter", "--all"], env=env)
    assert result.exit_code == 0
    assert sorted(p.name for p in (make_project.root / "build/newsletters").iterdir()) == ["2026-10", "2026-11", "2026-s2"]
    result = runner.invoke(cli, ["--root", root, "newsletter", "2026-1"], env=env)
    assert result.exit_code == 1
    assert "lettre « 2026-1 » introuvable" in result.output and "Traceback" not in result.output


def test_cli_check_file(tmp_path, built):
    _project, _index, _issues, target = built
    runner = CliRunner()
    result = runner.invoke(cli, ["newsletter", "--check", str(target / "brevo.html")])
    assert result.exit_code == 0, result.output
    assert "aucun problème bloquant" in result.output
    bad = tmp_path / "mauvais.html"
    bad.write_text((target / "brevo.html").read_text().replace('lang="fr"', 'lang="und"') + "<script>x</script>")
    result = runner.invoke(cli, ["newsletter", "--check", str(bad)])
    assert result.exit_code == 1
    assert "langue du document « und »" in result.output and "balise <script> interdite" in result.output
    result = runner.invoke(cli, ["newsletter", "--check", str(target / "web.html"), "--web"])
    assert result.exit_code == 1 and "lien relatif" in result.output  # the web page's links are relative


def test_build_all_includes_newsletters(make_project):
    small_project(make_project.root)
    project = make_project.project()
    index, _ = check_project(project)
    paths = newsletter.build_newsletters(project, index)
    assert [p.name for p in paths] == ["2026-10", "2026-s2", "2026-11"]
    shutil.rmtree(make_project.root / "build")


def test_mirror_disabled_drops_the_mirror_link(make_project):
    small_project(make_project.root)
    config = make_project.root / "newsletters/config.yml"
    config.write_text(config.read_text().replace("miroir: true", "miroir: false"))
    project = make_project.project()
    index, _ = check_project(project)
    _config, issues, _ = newsletter.load(project, index)
    target = newsletter.build_issue(project, index, _issue(issues, "2026-11"))
    html = (target / "brevo.html").read_text()
    assert "{{ mirror }}" not in html and html.count("{{ unsubscribe }}") == 1
    assert "{{ mirror }}" not in (target / "email.txt").read_text()


def test_airf_check_reports_newsletter_errors(make_project):
    small_project(make_project.root)
    issue = make_project.root / "newsletters/2026-10.md"
    issue.write_text(issue.read_text().replace("  - rentree-du-reseau", "  - rentree-du-reso"))
    result = CliRunner().invoke(cli, ["--root", str(make_project.root), "check"])
    assert result.exit_code == 1
    assert "newsletters/2026-10.md:7: erreur : actualité introuvable « rentree-du-reso »" in result.output
    assert "vouliez-vous dire « rentree-du-reseau » ?" in result.output


def test_project_without_newsletters_is_fine(make_project):
    project = make_project.project()
    index, _ = check_project(project)
    assert newsletter.check_sources(project, index) == [] and newsletter.web_pages(project, index) == []


def test_issues_without_config_are_reported(make_project):
    small_project(make_project.root)
    (make_project.root / "newsletters/config.yml").unlink()
    with pytest.raises(ContentError) as excinfo:
        check_project(make_project.project())
    assert any(d.path == "newsletters/config.yml" and "introuvables" in d.message for d in excinfo.value.diagnostics)


def test_editorial_image_is_resized_with_explicit_size(make_project):
    small_project(make_project.root)
    project = make_project.project()
    index, _ = check_project(project)
    _config, issues, _ = newsletter.load(project, index)
    target = newsletter.build_issue(project, index, _issue(issues, "2026-10"))
    tree = Tree((target / "brevo.html").read_text())
    (img,) = [i for i in tree.find("img") if i["alt"] == "La salle de la rentrée du réseau"]
    assert img["src"] == "https://www.regions-francophones.org/lettres/2026-10/images/actualites-rentree-1104.jpg"
    assert (img["width"], img["height"]) == ("552", "290")
    assert (target / "images/actualites-rentree-1104.jpg").stat().st_size <= 200 * 1024
    web = Tree((target / "web.html").read_text())
    assert "images/actualites-rentree-1104.jpg" in [i["src"] for i in web.find("img")]


def test_missing_editorial_image_is_reported(make_project):
    small_project(make_project.root)
    issue = make_project.root / "newsletters/2026-10.md"
    issue.write_text(issue.read_text().replace("images/actualites/rentree.png", "images/actualites/absente.png")
                     .replace("[La salle de la rentrée du réseau]", "[]"))
    with pytest.raises(ContentError) as excinfo:
        check_project(make_project.project())
    found = {(d.line, d.message) for d in excinfo.value.diagnostics if d.path == "newsletters/2026-10.md"}
    assert (14, "image introuvable « images/actualites/absente.png »") in found
    assert (14, "image sans texte alternatif « images/actualites/absente.png »") in found


def test_partner_letter_has_its_own_layout(built):
    project, index, issues, _target = built
    rendered = newsletter.render_issue(project, index, _issue(issues, "2026-s2"))
    tree = Tree(rendered.brevo_html)
    assert "La lettre aux partenaires" in tree.text and "Nos projets de coopération" in tree.text
    assert "1 collectivité membre" in tree.text and "COOP’R" in tree.text
    assert "Appels à projets" not in tree.text  # « appels: [] » in that issue
    assert "#0f5e4a" in rendered.brevo_html and "#0f5e4a" not in newsletter.render_issue(
        project, index, _issue(issues, "2026-11")).brevo_html
    text = rendered.text
    assert "NOS PROJETS DE COOPÉRATION" in text and "L’AIRF EN CHIFFRES\xa0: 1 collectivité membre" in text
    assert max(len(line) for line in text.splitlines() if "http" not in line and "{{" not in line) <= 72


def test_a_new_index_is_never_served_stale_results(make_project):
    small_project(make_project.root)
    project = make_project.project()
    index, _ = check_project(project)
    first = newsletter.web_pages(project, index)[0].html
    issue = make_project.root / "newsletters/2026-11.md"
    issue.write_text(issue.read_text().replace("Le mois de novembre a été riche.", "Un autre éditorial."))
    index2, _ = check_project(project)
    second = newsletter.web_pages(project, index2)[0].html
    assert "Un autre éditorial." not in first and "Un autre éditorial." in second


def test_template_for_editors_is_valid_once_copied(make_project):
    from conftest import REPO

    small_project(make_project.root)
    template = (REPO / "newsletters/_modele.md").read_text(encoding="utf-8")
    make_project.write("newsletters/_modele.md", template, dedent=False)
    project = make_project.project()
    index, _ = check_project(project)
    assert "_modele" not in [i.id for i in newsletter.load(project, index)[1]]
    make_project.write("newsletters/2026-12.md", template, dedent=False)
    index, diags = check_project(project)
    assert [d for d in diags if d.path == "newsletters/2026-12.md"] == []
