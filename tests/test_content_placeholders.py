"""« À compléter » markers left by `airf new` (content/placeholders.py): which lines block the
build, at which line, with which French message — and which ordinary French does not."""

from __future__ import annotations

import pytest

from airf_site.content.placeholders import check_placeholders, find_placeholders
from airf_site.errors import ERROR

MESSAGE = "texte « À compléter » laissé dans le fichier"
HINT = "remplacez-le par le vrai contenu (ou videz le champ s'il est facultatif)"


def lines_found(make_project, text: str) -> list[int]:
    path = make_project.write("content/actualites/a.md", text, dedent=False)
    return [d.line for d in find_placeholders(make_project.root, [path])]


@pytest.mark.parametrize("line", [
    "titre: \"À compléter : le titre\"",
    "titre: \"À compléter: le titre\"",            # no space before the colon
    "titre: \"À compléter\u00a0: le titre\"",      # no-break space (typed by a French keyboard)
    "titre: \"À compléter\u202f: le titre\"",      # narrow no-break space
    "inscription: https://a-completer.example/",
    "Voir [le formulaire](https://a-completer.example/inscription).",
])
def test_markers_written_by_airf_new_are_found(make_project, line):
    assert lines_found(make_project, f"---\ntitre: A\n---\n{line}\n") == [4]


@pytest.mark.parametrize("line", [
    "Merci de compléter ce questionnaire : il est court.",
    "Dossier à compléter : pièces justificatives.",    # lower-case « à »: ordinary French
    "À compléter avant la fin du mois.",               # no colon: a sentence, not the marker
    "À compléter  : deux espaces",                    # the marker has at most one space
    "https://a-completer-example.org/",
])
def test_ordinary_french_is_not_a_marker(make_project, line):
    assert lines_found(make_project, f"---\ntitre: A\n---\n{line}\n") == []


def test_comment_lines_of_the_scaffold_are_ignored(make_project):
    text = ("---\n# Remplacez chaque « À compléter : » par le texte.\n"
            "   # indenté : « À compléter : »\ntitre: \"À compléter : titre\"\n---\n")
    assert lines_found(make_project, text) == [4]


def test_one_error_per_line_with_its_line_number_message_and_hint(make_project):
    path = make_project.write("content/actualites/a.md",
                              "---\ntitre: \"À compléter : titre\"\nresume: \"À compléter : résumé, "
                              "https://a-completer.example/\"\n---\nTexte.\n\nÀ compléter : la suite.\n")
    diags = find_placeholders(make_project.root, [path])
    assert [(d.path, d.line, d.message, d.hint, d.severity) for d in diags] == [
        ("content/actualites/a.md", 2, MESSAGE, HINT, ERROR),
        ("content/actualites/a.md", 3, MESSAGE, HINT, ERROR),
        ("content/actualites/a.md", 7, MESSAGE, HINT, ERROR),
    ]


def test_files_reported_in_path_order_and_unreadable_ones_skipped(make_project):
    b = make_project.write("content/actualites/b.md", "À compléter : b\n")
    a = make_project.write("content/actualites/a.md", "x\nÀ compléter : a\n")
    latin1 = make_project.write("content/actualites/c.md", "À compléter : é\n".encode("latin-1"))
    missing = make_project.root / "content/actualites/absent.md"
    diags = find_placeholders(make_project.root, [latin1, b, missing, a])
    assert [(d.path, d.line) for d in diags] == [("content/actualites/a.md", 2), ("content/actualites/b.md", 1)]


def test_check_placeholders_reads_content_and_newsletters_but_not_admin(make_project):
    make_project.write("content/actualites/a.md", "---\ntitre: \"À compléter : t\"\n---\n")
    make_project.write("newsletters/2026-12/lettre.md", "---\nobjet: x\n---\nÀ compléter : édito\n")
    make_project.write("content/admin/modele.md", "À compléter : exemple du guide\n")
    make_project.write("content/donnees/notes.txt", "À compléter : pas du Markdown\n")
    make_project.write("content/donnees/themes-a-completer.yml", "- À compléter : pas du Markdown\n")
    diags = check_placeholders(make_project.project())
    assert [(d.path, d.line) for d in diags] == [("content/actualites/a.md", 2),
                                                 ("newsletters/2026-12/lettre.md", 4)]


def test_check_placeholders_without_a_newsletters_folder(make_project):
    make_project.write("content/pages/contact.md", "---\ntitre: Contact\n---\nÉcrire à https://a-completer.example/\n")
    assert not (make_project.root / "newsletters").exists()
    diags = check_placeholders(make_project.project())
    assert [(d.path, d.line) for d in diags] == [("content/pages/contact.md", 4)]
