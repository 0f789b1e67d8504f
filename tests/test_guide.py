"""The authoring guide: its field reference is generated from the models and up to date, it names
every field of every model, and it renders as Markdown with its tables."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import markdown
from conftest import REPO

from airf_site.authoring import guide
from airf_site.authoring.scaffold import KIND_FOLDERS
from airf_site.content.models import KINDS, ChiffreCle, ImageRef, Membre, Partenaire, Seance, Theme

TEXT = (REPO / guide.GUIDE).read_text(encoding="utf-8")


def test_generated_reference_is_up_to_date():
    assert guide.update(TEXT) == TEXT, "lancez « .venv/bin/python -m airf_site.authoring.guide »"
    result = subprocess.run([sys.executable, "-m", "airf_site.authoring.guide", "--verifier"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_guide_command_outside_a_project_says_where_to_run_it(tmp_path):
    """Installed (not editable), the package has no docs/: the command reads the project's."""
    result = subprocess.run([sys.executable, "-m", "airf_site.authoring.guide", "--verifier"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/guide-redaction.md introuvable : lancez la commande à la racine du projet" in result.stderr


def _sections() -> dict[str, str]:
    reference = TEXT[TEXT.index(guide.BEGIN):TEXT.index(guide.END)]
    parts = re.split(r"^### (.+)$", reference, flags=re.M)
    return {title.split(" — ")[0]: body for title, body in zip(parts[1::2], parts[2::2])}


def test_every_model_field_is_documented_with_an_example():
    sections = _sections()
    models = list(KINDS.values()) + [Seance, ChiffreCle, ImageRef, Theme, Membre, Partenaire]
    for title, names in guide.fields_of_every_model().items():
        body = sections[title]
        rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `([a-z_]+)` \|.*$", body, flags=re.M)}
        assert list(rows) == names, title
        for name, row in rows.items():
            cells = [c.strip() for c in row.strip("|").split(" | ")]
            assert len(cells) == 5 and all(cells), f"{title}.{name} : {row}"
    documented = {name for names in guide.fields_of_every_model().values() for name in names}
    for model in models:
        assert set(model.model_fields) <= documented, model.__name__


def test_every_kind_has_its_how_to():
    for kind in KIND_FOLDERS:
        assert f'airf new {kind} "' in TEXT, kind
    # An issue is named by its audience and date (newsletters/AAAA-MM.md, AAAA-sN.md), not by a title.
    assert "airf new lettre --public membres" in TEXT and "newsletters/AAAA-sN.md" in TEXT
    for topic in ("Brevo", "make report", "texte alternatif", "1200 × 630", "make serve", "Comprendre les messages"):
        assert topic in TEXT, topic


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = 0
        self.headings: list[str] = []
        self._h = False

    def handle_starttag(self, tag, attrs):
        self.tables += tag == "table"
        if tag in ("h2", "h3"):
            self._h = True
            self.headings.append("")

    def handle_endtag(self, tag):
        self._h = False if tag in ("h2", "h3") else self._h

    def handle_data(self, data):
        if self._h:
            self.headings[-1] += data


def test_guide_renders_with_every_table():
    parser = _Tables()
    # Read on GitHub (GitHub-flavoured Markdown): fenced code blocks and tables.
    parser.feed(markdown.markdown(TEXT, extensions=["tables", "fenced_code"]))
    assert parser.tables >= len(guide.fields_of_every_model()) + 5
    assert "Référence des champs" in parser.headings
    assert "Actualité — content/actualites/" in parser.headings
    assert "```markdown" not in " ".join(parser.headings)


def test_update_replaces_only_the_generated_section():
    text = f"avant\n{guide.BEGIN}\nvieux\n{guide.END}\naprès\n"
    fresh = guide.update(text)
    assert fresh.startswith("avant\n") and fresh.endswith("\naprès\n") and "vieux" not in fresh
    assert "| `titre` | **oui** |" in fresh


def test_every_content_error_message_is_explained():
    """Each French message the content checks can print (read from their source) has its line in
    the guide's « Comprendre les messages d'erreur », so a new check cannot go unexplained."""
    from pathlib import Path

    sources = ["content/loader.py", "content/validation.py", "content/fields.py", "content/frontmatter.py"]
    package = Path(guide.__file__).resolve().parents[1]
    pattern = re.compile(r'(?:Diagnostic\([^,]+,\s*[^,]+,\s*|ValueError\(|return |err\(doc,\s*[^,]+,\s*|: )f?"([^"]{6,})"')
    errors_part = TEXT[TEXT.index("## Comprendre les messages d'erreur"):TEXT.index(guide.BEGIN)].lower()
    stems = set()
    for rel in sources:
        for match in pattern.finditer((package / rel).read_text(encoding="utf-8")):
            stem = re.split(r"\{|«|\(", match.group(1))[0].strip(" :,")
            if len(stem) >= 8 and not stem.startswith(("http", "^")):
                stems.add(stem)
    assert len(stems) > 25
    missing = sorted(stem for stem in stems if stem.lower() not in errors_part)
    assert missing == [], f"expliquez ces messages dans docs/guide-redaction.md (Comprendre les messages d'erreur) : {missing}"
