"""« À compléter » markers that `airf new` writes: a file still holding one must not be published."""

from __future__ import annotations

import re
from pathlib import Path

from airf_site.errors import Diagnostic, relpath
from airf_site.project import Project

TODO = "À compléter"
TODO_URL = "https://a-completer.example/"
# Only the exact marker `airf new` writes — « À compléter : » with its capital and colon, or
# the example address — never ordinary French such as « merci de compléter ce questionnaire ».
PLACEHOLDER_RE = re.compile(r"À compléter[ \u00a0\u202f]?:|a-completer\.example")


def find_placeholders(root: Path, paths: list[Path]) -> list[Diagnostic]:
    """Errors for each « À compléter » marker left in `paths` (one per line)."""
    diags = []
    for path in sorted(paths):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable files are reported by the loader
        for number, line in enumerate(text.split("\n"), start=1):
            if line.lstrip().startswith("#"):
                continue  # comments of the scaffold mention the marker themselves
            if PLACEHOLDER_RE.search(line):
                diags.append(Diagnostic(relpath(path, root), number, "texte « À compléter » laissé dans le fichier",
                                        hint="remplacez-le par le vrai contenu (ou videz le champ s'il est facultatif)"))
    return diags


def check_placeholders(project: Project) -> list[Diagnostic]:
    """`find_placeholders` over every Markdown file of content/ and newsletters/."""
    paths = [p for d in (project.content_dir, project.newsletters_dir) if d.is_dir() for p in d.rglob("*.md")]
    paths = [p for p in paths if "admin" not in p.relative_to(project.root).parts]
    return find_placeholders(project.root, paths)
