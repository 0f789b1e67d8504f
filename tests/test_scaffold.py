"""`airf new`: every kind scaffolds a file that loads, lists every model field, and flags placeholders."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from click.testing import CliRunner

from airf_site.authoring.scaffold import IMPORT_ONLY, KIND_FOLDERS, TODO, check_placeholders, document_model, scaffold
from airf_site.cli import cli
from airf_site.content.frontmatter import parse_document

DAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize("kind", sorted(KIND_FOLDERS))
def test_scaffold_loads_and_lists_every_field(make_project, kind):
    project = make_project.project()
    index, _ = make_project.load()
    path = scaffold(project, kind, "Été à Lomé : l'eau", DAY, index)
    folder = KIND_FOLDERS[kind]
    expected = "ete-a-lome-l-eau.md" if kind in ("page", "projet") else "2026-12-03-ete-a-lome-l-eau.md"
    assert path == project.content_dir / folder / expected

    parsed = parse_document(path.read_bytes(), "x.md")
    assert set(parsed.meta) == set(document_model(kind).model_fields) - IMPORT_ONLY
    # every field has a French comment on the line(s) above it
    lines = path.read_text(encoding="utf-8").split("\n")
    for name in parsed.meta:
        line = parsed.lines[(name,)]
        assert lines[line - 2].startswith("# Obligatoire") or lines[line - 2].startswith("# Facultatif") \
            or lines[line - 2].startswith("#"), name

    index, diags = make_project.load()
    errors = [d for d in diags if d.is_error]
    assert errors == [], [d.format() for d in errors]
    docs = list(index.documents())
    assert any(d.titre == "Été à Lomé : l'eau" for d in docs)

    # the only problems left are the « À compléter » markers, each at its line
    todo = check_placeholders(project)
    assert todo and all(d.is_error for d in todo)
    for diag in todo:
        line = lines[diag.line - 1]
        # web addresses get a placeholder address (a URL field refuses plain text)
        assert ("https://a-completer.example/" if "lien:" in line else TODO) in line

    # once filled in, the file has no placeholder and still loads
    text = path.read_text(encoding="utf-8")
    text = text.replace("https://a-completer.example/", "https://www.afd.fr/appel")
    text = text.replace(f"{TODO} :", "Texte rédigé :")
    path.write_text(text, encoding="utf-8")
    assert check_placeholders(project) == []
    _, diags = make_project.load()
    assert [d for d in diags if d.is_error] == []


def test_event_placeholder_dates_follow_the_day(make_project):
    project = make_project.project()
    path = scaffold(project, "evenement", "Webinaire eau", DAY)
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert str(meta["debut"]).startswith("2026-12-03") and str(meta["fin"]).startswith("2026-12-03")


def test_cli_prints_path_and_refuses_overwrite(make_project):
    root = make_project.root
    runner = CliRunner()
    result = runner.invoke(cli, ["--root", str(root), "new", "actualite", "Réunion à Dakar", "--date", "2026-12-03"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "content/actualites/2026-12-03-reunion-a-dakar.md"
    assert (root / result.output.strip()).is_file()
    again = runner.invoke(cli, ["--root", str(root), "new", "actualite", "Réunion à Dakar", "--date", "2026-12-03"])
    assert again.exit_code == 1
    assert "existe déjà" in again.output
    assert "Traceback" not in again.output
    accented = runner.invoke(cli, ["--root", str(root), "new", "Événement", "Webinaire", "--date", "2026-12-03",
                                   "--type", "webinaire"])
    assert accented.exit_code == 0 and accented.output.startswith("content/evenements/2026-12-03-webinaire.md")
    bad = runner.invoke(cli, ["--root", str(root), "new", "actualitee", "X"])
    assert bad.exit_code == 1
    assert "type de contenu inconnu « actualitee »" in bad.output and "« actualite »" in bad.output


def test_placeholder_in_comment_is_not_reported(make_project):
    path = make_project.write("content/pages/a-propos.md", f"---\n# Remplacez « {TODO} »\ntitre: À propos\n---\nTexte.\n")
    assert check_placeholders(make_project.project()) == []
    path.write_text(f"---\ntitre: À propos\n---\n{TODO} : texte\n", encoding="utf-8")
    [diag] = check_placeholders(make_project.project())
    assert (diag.path, diag.line) == ("content/pages/a-propos.md", 4)


def test_newsletter_issue_scaffold_passes_the_newsletter_checks(make_project):
    from airf_site.authoring.scaffold import scaffold_newsletter
    from airf_site.build import check_project

    make_project.write("newsletters/config.yml", "expediteur:\n  nom: AIRF\n  email: communication@regions-francophones.org\n")
    project = make_project.project()
    path = scaffold_newsletter(project, "membres", DAY)
    assert path == project.newsletters_dir / "2026-12.md"
    parsed = parse_document(path.read_bytes(), "x.md")
    assert parsed.meta["objet"] == "Lettre de l'AIRF – décembre 2026"
    # One greeting, from the layout: the editorial placeholder does not write one.
    assert "Chères" not in parsed.body and "sans salutation" in parsed.body
    assert set(parsed.meta) == set(document_model("lettre").model_fields)
    _index, diags = check_project(project, placeholders=False)  # raises ContentError on any error
    assert not [d for d in diags if d.is_error]
    assert [d.line for d in check_placeholders(project)] == [parsed.lines[("apercu",)], parsed.body_line + 1]


def test_scaffold_on_the_sample_content(tmp_path):
    """On the real sample content: real member/theme ids in the comments, and no new error."""
    from conftest import FIXED_NOW, copy_repo_sources

    from airf_site.content.loader import load_project
    from airf_site.project import Project

    root = copy_repo_sources(tmp_path)
    project = Project.load(root, now=FIXED_NOW)
    index, before = load_project(project)
    for kind in KIND_FOLDERS:
        path = scaffold(project, kind, f"Essai {kind} à Sfax", DAY, index)
        if kind == "fiche":
            assert f'collectivite: "{index.members[0].id}"' in path.read_text(encoding="utf-8")
    _, after = load_project(project)
    assert [d for d in after if d.is_error] == [d for d in before if d.is_error]


def _new(root, *args):
    return CliRunner().invoke(cli, ["--root", str(root), "new", *args, "--date", "2026-12-03"])


def _fields(root, output):
    path = root / output.strip().splitlines()[-1]
    return parse_document(path.read_bytes(), "x.md").meta


def test_new_webinar_writes_only_the_fields_a_webinar_uses(make_project):
    result = _new(make_project.root, "evenement", "Webinaire eau", "--type", "webinaire")
    assert result.exit_code == 0, result.output
    meta = _fields(make_project.root, result.output)
    assert meta["type"] == "webinaire" and meta["en_ligne"] is True
    assert "lieu" not in meta and "replay" in meta
    index, diags = make_project.load()  # loads: no venue needed, nothing to empty by hand
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    assert [e.type for e in index.events] == ["webinaire"]


def test_new_meeting_in_a_room_has_a_venue_and_no_replay(make_project):
    result = _new(make_project.root, "evenement", "Bureau à Rabat", "--type", "bureau")
    assert result.exit_code == 0, result.output
    meta = _fields(make_project.root, result.output)
    assert meta["type"] == "bureau" and TODO in meta["lieu"]
    assert "en_ligne" not in meta and "replay" not in meta
    online = _new(make_project.root, "evenement", "Comité à distance", "--type", "comite-pilotage", "--en-ligne")
    meta = _fields(make_project.root, online.output)
    assert meta["en_ligne"] is True and "lieu" not in meta


def test_new_event_without_type_asks_or_says_how(make_project):
    result = _new(make_project.root, "evenement", "Sans type")  # CliRunner's input is no terminal
    assert result.exit_code == 1
    assert "--type" in result.output and "webinaire, comite-pilotage" in result.output
    assert "Traceback" not in result.output
    typo = _new(make_project.root, "evenement", "X", "--type", "webinare")
    assert typo.exit_code == 1 and "« webinaire »" in typo.output
    wrong_kind = _new(make_project.root, "actualite", "X", "--type", "webinaire")
    assert wrong_kind.exit_code == 1 and "que pour un événement" in wrong_kind.output


@pytest.mark.parametrize("name", ["COOP'R", "Coop’R", "coopr", "COOPR"])
def test_project_and_themes_come_from_the_data(make_project, name):
    result = _new(make_project.root, "actualite", f"Nouvelles de {name}", "--projet", name,
                  "--theme", "Environnement, eau, énergies et climat", "--theme", "francophonie-des-territoires")
    assert result.exit_code == 0, result.output
    meta = _fields(make_project.root, result.output)
    assert meta["projet"] == "coopr"
    assert meta["themes"] == ["environnement-eau-energies-climat", "francophonie-des-territoires"]


def test_unknown_project_or_theme_lists_the_existing_ones(make_project):
    result = _new(make_project.root, "actualite", "X", "--projet", "Terr'ess")
    assert result.exit_code == 1 and "projet inconnu « Terr'ess »" in result.output and "coopr (COOP'R)" in result.output
    theme = _new(make_project.root, "actualite", "Y", "--theme", "Jeunesse")
    assert theme.exit_code == 1 and "francophonie-des-territoires" in theme.output
    assert not list((make_project.root / "content" / "actualites").glob("*.md"))  # nothing written


@pytest.mark.parametrize("public,day,name", [("membres", dt.date(2027, 1, 4), "2027-01.md"),
                                             ("partenaires", dt.date(2027, 1, 4), "2027-s1.md"),
                                             ("partenaires", dt.date(2026, 7, 1), "2026-s2.md")])
def test_new_lettre_follows_the_naming_scheme(make_project, public, day, name):
    """`airf new lettre --public …` names the file as the guides and the archive do, and loads."""
    from click.testing import CliRunner

    from airf_site.cli import cli as main
    from airf_site.newsletter.model import load_issues

    make_project.write("newsletters/config.yml", "expediteur:\n  nom: AIRF\n  email: communication@regions-francophones.org\n")
    runner = CliRunner()
    args = ["--root", str(make_project.root), "new", "lettre", "--date", day.isoformat()]
    result = runner.invoke(main, args + ["--public", public])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"newsletters/{name}")
    project = make_project.project()
    from airf_site.content.loader import load_project
    from airf_site.mail.config import load_config

    index, _ = load_project(project)
    issues, diags = load_issues(project, index, load_config(project)[0])
    assert [i.id for i in issues] == [name.removesuffix(".md")]
    assert issues[0].audience == public
    assert not [d for d in diags if "nom" in d.message]
    # Same period again: refused, the existing issue is named.
    again = runner.invoke(main, args + ["--public", public])
    assert again.exit_code == 1 and f"newsletters/{name} existe déjà" in again.output


def test_new_lettre_asks_for_the_audience(make_project):
    from click.testing import CliRunner

    from airf_site.cli import cli as main

    result = CliRunner().invoke(main, ["--root", str(make_project.root), "new", "lettre", "--date", "2026-12-18"],
                                input="partenaires\n")
    assert result.exit_code == 0, result.output
    assert "Public de la lettre" in result.output and result.output.strip().endswith("newsletters/2026-s2.md")
    assert 'public: "partenaires"' in (make_project.root / "newsletters/2026-s2.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("sentence", [
    "Nous vous invitons à compléter ce questionnaire avant le 15 mars.",
    "Formulaire à compléter et à renvoyer : voir la pièce jointe.",
    "Dossier À COMPLÉTER par chaque région.",
    "Les fiches restent à compléter : merci de votre aide.",
])
def test_ordinary_french_is_not_a_placeholder(make_project, sentence):
    make_project.write("content/actualites/2026-01-05-a.md",
                       f"---\ntitre: Questionnaire\ndate: 2026-01-05\nresume: {sentence}\n---\n{sentence}\n")
    assert check_placeholders(make_project.project()) == []


@pytest.mark.parametrize("line", ["resume: \"À compléter : une ou deux phrases\"",
                                  "inscription: https://a-completer.example/"])
def test_the_scaffold_markers_are_placeholders(make_project, line):
    make_project.write("content/actualites/2026-01-05-a.md", f"---\ntitre: T\ndate: 2026-01-05\n{line}\n---\nTexte.\n")
    assert [d.line for d in check_placeholders(make_project.project())] == [4]
