"""Issue #18, rows 1, 3, 4, 7 and 9: files outside the repository, YAML bombs, CSV formulas, slugs."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import REPO
from test_site_build import small_tree
from test_site_helpers import pinned_date

from airf_site import build as orchestration
from airf_site.content.frontmatter import parse_document, parse_yaml
from airf_site.csvsafe import render_csv, safe_cell
from airf_site.errors import ContentError
from airf_site.paths import UnsafePath, content_file
from airf_site.project import Project

NEWS = """\
---
titre: Une actualité
date: 2026-03-01
resume: Un résumé.
{extra}---
Texte.
"""


def errors(diags):
    return {(d.path, d.line, d.message) for d in diags if d.is_error}


# --- row 1: a symbolic link under content/ ---------------------------------------------------


def test_symlink_in_images_is_refused_by_check(make_project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("dehors") / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    make_project.image("content/images/ok.png")
    os.symlink(secret, make_project.root / "content/images/p.txt")
    os.symlink(secret.parent, make_project.root / "content/images/dossier")
    _, diags = make_project.load()
    found = {(d.path, d.line) for d in diags if d.is_error and "lien symbolique" in d.message}
    assert found == {("content/images/p.txt", 1), ("content/images/dossier", 1)}


def test_symlinked_image_never_reaches_the_site(make_project, tmp_path_factory):
    """Even when the checks are bypassed, the site build does not copy a link's target."""
    from test_site_helpers import build_tree

    secret = tmp_path_factory.mktemp("dehors") / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    root = small_tree(make_project, count=1)
    make_project.image("content/images/ok.png")
    os.symlink(secret, root / "content/images/p.txt")
    with pytest.raises(AssertionError):  # build_tree asserts the content has no error
        build_tree(root)
    with pinned_date():
        project = Project.load(root)
        index, _ = orchestration.load_project(project)
        site = orchestration.build_site(project, index, [])
    assert (site / "images/ok.png").is_file()
    assert not (site / "images/p.txt").exists()
    assert not any(b"root:x:0:0" in p.read_bytes() for p in site.rglob("*") if p.is_file())


def test_symlinked_markdown_is_not_read(make_project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("dehors") / "x.md"
    outside.write_text(NEWS.format(extra=""), encoding="utf-8")
    (make_project.root / "content/actualites").mkdir(parents=True)
    os.symlink(outside, make_project.root / "content/actualites/2026-01-01-lien.md")
    index, diags = make_project.load()
    assert not index.news
    assert ("content/actualites/2026-01-01-lien.md", 1) in {(d.path, d.line) for d in diags if d.is_error}


# --- row 3: absolute paths, .., remote URLs in image fields and bodies ----------------------


@pytest.mark.parametrize("src, words", [
    ("/etc/hostname", "chemin absolu"),
    ("../../../../etc/hostname", "« .. »"),
    ("images/../../mkdocs.yml", "« .. »"),
    ("https://example.org/x.jpg", "image distante"),
    ("file:///etc/hostname", "image distante"),
    ("images\\x.jpg", "barre oblique inversée"),
])
def test_news_image_outside_content_is_an_error(make_project, src, words):
    make_project.image()
    make_project.write("content/actualites/2026-03-01-a.md",
                       NEWS.format(extra=f"image: '{src}'\nimage_alt: Une photo\n"), dedent=False)
    _, diags = make_project.load()
    problems = [d for d in diags if d.is_error and d.path == "content/actualites/2026-03-01-a.md"]
    assert [d.line for d in problems] == [5]
    assert words in problems[0].message


def test_factsheet_image_through_a_linked_folder_is_an_error(make_project, tmp_path_factory):
    from test_factsheets import fiche

    outside = tmp_path_factory.mktemp("dehors")
    from PIL import Image

    Image.new("RGB", (10, 10)).save(outside / "photo.jpg")
    (make_project.root / "content/images").mkdir(parents=True)
    os.symlink(outside, make_project.root / "content/images/fiches", target_is_directory=True)
    make_project.write("content/fiches/2025-10-14-a.md", fiche("Une fiche", 1, 2), dedent=False)
    _, diags = make_project.load()
    problems = {(d.path, d.line) for d in diags if d.is_error and "lien symbolique" in d.message}
    assert problems == {("content/images/fiches", 1), ("content/fiches/2025-10-14-a.md", 25)}
    with pytest.raises(UnsafePath) as info:
        content_file(make_project.root / "content", "images/fiches/photo.jpg")
    assert "lien symbolique" in info.value.message
    with pytest.raises(UnsafePath):
        content_file(make_project.root / "content", "/etc/hostname")


def test_body_images_outside_content_are_errors(make_project):
    make_project.image()
    body = "![a](/images/test.png)\n![b](../../../etc/hostname)\n![c](file:///etc/hostname)\n![d](images/test.png)\n"
    make_project.write("content/actualites/2026-03-01-a.md", NEWS.format(extra="").replace("Texte.\n", body),
                       dedent=False)
    _, diags = make_project.load()
    lines = sorted(d.line for d in diags if d.is_error)
    assert lines == [7, 8]


def test_newsletter_image_outside_content_is_refused(tmp_path):
    """The sample project with a news item pointing at /etc: `airf check` fails, nothing is copied."""
    from conftest import copy_repo_sources

    root = copy_repo_sources(tmp_path)
    news = sorted((root / "content/actualites").glob("*.md"))[-1]
    text = news.read_text(encoding="utf-8")
    text = text.replace("\n---\n", "\nimage: /etc/hostname\nimage_alt: Le fichier\n---\n", 1) \
        if "\nimage:" not in text else "\n".join(
            "image: /etc/hostname" if line.startswith("image:") else line for line in text.split("\n"))
    news.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        orchestration.check_project(Project.load(root))
    assert any("chemin absolu « /etc/hostname »" in d.message for d in info.value.diagnostics)


# --- row 4: YAML bombs -----------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_header_is_refused_quickly():
    """Run in a subprocess with a memory cap and a timeout: the old line map needed 8.9 GB."""
    doc = "---\ntitre: x\n" + billion_laughs() + "---\nTexte.\n"
    code = textwrap.dedent(f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from airf_site.content.frontmatter import parse_document
        parsed = parse_document({doc.encode()!r}, "content/actualites/x.md")
        print("\\n".join(d.format() for d in parsed.diagnostics))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20,
                         cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert out.returncode == 0, out.stderr
    assert "content/actualites/x.md:2: erreur : les alias YAML" in out.stdout


def test_aliases_count_and_depth_are_bounded():
    many = "base: &b x\n" + "".join(f"k{i}: *b\n" for i in range(150))
    _, _, diags = parse_yaml(many, "content/donnees/themes.yml")
    assert [d.message for d in diags] == ["trop d'alias YAML « *nom » (150, 100 au plus)"]
    deep = "a: " + "[" * 300 + "]" * 300 + "\n"
    _, _, diags = parse_yaml(deep, "x.yml")
    assert "imbriqué trop profondément" in diags[0].message
    deeper = "a: " + "[" * 20000 + "]" * 20000 + "\n"
    _, _, diags = parse_yaml(deeper, "x.yml")
    assert "imbriqué trop profondément" in diags[0].message
    _, _, diags = parse_yaml("a: &a [*a]\n", "x.yml")
    assert "récursive" in diags[0].message
    _, _, diags = parse_yaml("a: " + "x" * 1_000_001, "x.yml")
    assert diags[0].message.startswith("YAML trop long")


def test_a_few_aliases_still_work_with_their_lines():
    parsed = parse_document(b"---\ntitre: &t Titre\nresume: *t\nthemes: [eau]\n---\n", "x.md")
    assert parsed.meta == {"titre": "Titre", "resume": "Titre", "themes": ["eau"]}
    assert parsed.lines[("resume",)] == 3 and not parsed.diagnostics


def test_data_file_bomb_is_a_french_error(make_project):
    make_project.write("content/donnees/membres.yml", billion_laughs() + "liste: []\n")
    _, diags = make_project.load()
    assert any(d.path == "content/donnees/membres.yml" and "alias YAML" in d.message for d in diags)


def test_libyaml_and_python_loaders_agree_on_dates_and_errors():
    data, lines, diags = parse_yaml("date: 2025-13-01\nheure: 14:30\n", "x.yml")
    assert data == {"date": "2025-13-01", "heure": 870} and lines == {("date",): 1, ("heure",): 2}
    _, _, diags = parse_yaml("titre: a: b\n", "x.yml", offset=1)
    assert [d.line for d in diags] == [2] and "« : »" in diags[0].message


# --- row 7: formulas in the CSV files of the kit ----------------------------------------------


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil","x")', "@SUM(1)", "+cmd", "-1+1", "\tx", "\rx"])
def test_formula_cells_are_neutralised(value):
    assert safe_cell(value) == "'" + value.replace("\r", "\n")
    rows = list(csv.reader(io.StringIO(render_csv([["a", value, "b"]]), newline=""), delimiter=";"))
    assert rows == [["a", "'" + value.replace("\r", "\n"), "b"]]


def test_plain_cells_are_unchanged():
    assert [safe_cell(v) for v in ("Région Sahel", "", None, 12, "a=b")] == ["Région Sahel", "", "", "12", "a=b"]


def test_relance_csvs_neutralise_participant_fields():
    from airf_site.content.models import Membre
    from airf_site.kit.relances import Contact, render_brevo_csv, render_members_csv

    member = Membre.model_validate({"id": "evil", "nom": '=HYPERLINK("http://evil","x")', "pays": "MA",
                                    "type": "région"})
    contact = Contact("evil", "@SUM(1)", "-1+1", "x@example.org")
    for text in (render_brevo_csv([member], [contact]), render_members_csv([member], [contact])):
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
        assert "'=HYPERLINK(\"http://evil\",\"x\")" in cells


# --- row 9: empty, reserved and colliding slugs ---------------------------------------------


@pytest.mark.parametrize("name, words", [
    ("2026-01-01-!!!.md", "ni lettre ni chiffre"),
    ("2026-01-01-archives.md", "réservée"),
    ("page.md", "réservée"),
    ("2026-01-01-flux.md", "réservée"),
])
def test_bad_news_slugs_are_errors(make_project, name, words):
    make_project.write(f"content/actualites/{name}", NEWS.format(extra=""), dedent=False)
    index, diags = make_project.load()
    problems = [d for d in diags if d.is_error and d.path == f"content/actualites/{name}"]
    assert len(problems) == 1 and words in problems[0].message and problems[0].hint


def test_reserved_and_empty_page_slugs(make_project):
    page = "---\ntitre: Page\n{extra}---\nTexte.\n"
    make_project.write("content/pages/a.md", page.format(extra="slug: archives\n"), dedent=False)
    make_project.write("content/pages/---.md", page.format(extra=""), dedent=False)
    _, diags = make_project.load()
    found = {(d.path, d.line) for d in diags if d.is_error}
    assert ("content/pages/---.md", 1) in found
    assert not [d for d in diags if d.path == "content/pages/a.md"]  # /archives/ is free at the root


def test_colliding_slugs_name_both_files(make_project):
    make_project.write("content/actualites/2026-01-01-atelier.md", NEWS.format(extra=""), dedent=False)
    make_project.write("content/actualites/2026-02-01-Atelier.md", NEWS.format(extra=""), dedent=False)
    _, diags = make_project.load()
    clash = [d for d in diags if "même adresse" in d.message]
    assert len(clash) == 1 and clash[0].related and clash[0].hint


def test_kit_settings_bomb_is_a_french_error(tmp_path):
    from airf_site.errors import BuildError
    from airf_site.kit.settings import load_settings

    (tmp_path / "private").mkdir()
    (tmp_path / "private/kit.yml").write_text(billion_laughs() + "roles: {}\n", encoding="utf-8")
    with pytest.raises(BuildError) as info:
        load_settings(tmp_path)
    assert "private/kit.yml:1: erreur : les alias YAML" in str(info.value)
