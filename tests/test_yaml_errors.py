"""PyYAML's errors in French, with the real cause and the corrected line as hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ascii_id

from airf_site.content.frontmatter import parse_yaml
from airf_site.content.yaml_errors import PROBLEMS, diagnose_line, translate

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
ENGLISH = re.compile(r"\b(expected|found|while|scanning|parsing|allowed|character|mapping|stream|block)\b")


def test_every_pyyaml_problem_string_is_mapped():
    """Each problem string written in PyYAML's scanner, parser and composer has a French wording."""
    package = Path(yaml.__file__).parent
    source = "\n".join((package / name).read_text() for name in ("scanner.py", "parser.py", "composer.py"))
    calls = re.findall(r'Error\((?:"[^"]*"|None|[\w.]+),\s*[\w.]+,\s*"([^"]+)"', source)
    calls += re.findall(r'Error\("([^"]+)",\s*[\w.]+\)', source)  # (context, mark) only
    assert len(calls) > 25
    for problem in calls:
        sample = problem.replace("%r", "'x'").replace("%s", "x").replace("%d", "2").replace("%04x", "0007")
        french = translate(sample)
        assert french is not None, f"non traduit : {problem}"
        assert not ENGLISH.search(french), french


# (YAML header, expected line (1-based), expected French fragment, fragment of the hint)
CASES = [
    ("titre: [22 février] Install party\n", 1, "commence par « [ »", 'titre: "[22 février] Install party"'),
    ('titre: "Le "grand" atelier"\n', 1, "se referme avant la fin", "guillemets français"),
    ("titre: 'l'atelier' de Rabat\n", 1, "se referme avant la fin", "’"),
    ("titre: Atelier: Rabat\nresume: x\n", 1, "« : » suivi d'une espace", 'titre: "Atelier: Rabat"'),
    ("titre: *important*\n", 1, "commence par « * »", 'titre: "*important*"'),
    ("titre: @airf\n", 1, "commence par « @ »", 'titre: "@airf"'),
    ("titre: `code`\n", 1, "commence par « ` »", 'titre: "`code`"'),
    ("titre: {x} y\n", 1, "commence par « { »", 'titre: "{x} y"'),
    ('titre: "abc\nresume: y\n', 1, "jamais fermé", "guillemets"),
    ("themes: [a, b\nresume: y\n", 1, "crochets mal fermée", "guillemets"),
    ("titre: x\n  resume: y\n", 2, "ligne en retrait", "retirez les espaces au début de la ligne : resume: y"),
    ("titre: x\n- a\n", 2, "élément de liste « - »", "laissez le champ vide (« titre: »)"),
    ('titre: "a\\q"\n', 1, "inconnue entre guillemets", "guillemets"),
    ("titre: x\n---\nresume: y\n", 2, "« --- »", "guillemets"),
    ("themes: [a,, b]\n", 1, "valeur manquante", "guillemets"),
    ("titre: |x\n  a\n", 1, "« | »", "guillemets"),
]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize("text,line,message,hint", CASES, ids=[ascii_id(c[0][:20]) for c in CASES])
def test_real_causes_in_french(monkeypatch, loader, text, line, message, hint):
    import airf_site.content.frontmatter as frontmatter

    # Same messages whichever loader composes (the pure-Python one or libyaml's).
    base = getattr(frontmatter, "_NoDatesLoader", None)
    if base is not None and loader is not yaml.SafeLoader:
        class CLoader(loader):  # the C loader with the same no-timestamp resolvers
            yaml_implicit_resolvers = base.yaml_implicit_resolvers

        monkeypatch.setattr(frontmatter, "_NoDatesLoader", CLoader)
    _data, _lines, diags = parse_yaml(text, "a.md")
    assert len(diags) == 1, diags
    diag = diags[0]
    assert diag.line == line, diag.format()
    assert message in diag.message, diag.format()
    assert hint in (diag.hint or ""), diag.format()
    assert not ENGLISH.search(diag.message + (diag.hint or "")), diag.format()


@pytest.mark.parametrize("line", ["titre: Atelier à Rabat", "titre: \"[22 février] Install party\"",
                                  "titre: 'C''est parti'", "themes: [eau, climat]", "lien: https://x.org/a:b"])
def test_well_formed_lines_are_not_diagnosed(line):
    assert diagnose_line(line) is None


def test_problem_table_has_no_english_output():
    for _pattern, french in PROBLEMS:
        assert not ENGLISH.search(french), french
