"""YAML syntax errors as an editor reads them (content/yaml_errors.py through `parse_yaml`): the
exact French message, the line, and the corrected line offered as hint — for the mistakes
editors make (a title starting with « [ », an apostrophe inside single quotes, a stray
indentation), where a vaguer message would leave them guessing."""

from __future__ import annotations

import pytest
from conftest import ascii_id

from airf_site.content.frontmatter import parse_yaml
from airf_site.content.yaml_errors import QUOTE_HINT, diagnose_line, translate

PREFIX = "erreur de syntaxe YAML : "
QUOTE_CLOSES_EARLY = "le guillemet qui ouvre la valeur se referme avant la fin (un guillemet dans le texte ?)"
QUOTES_HINT = "utilisez les guillemets français « » ou l'apostrophe ’ dans le texte, ou écrivez : "
COLON = "la valeur contient « : » suivi d'une espace, que YAML lit comme un nouveau champ"
WRAP = "mettez toute la valeur entre guillemets : "


def only_error(text: str) -> tuple[int, str, str | None]:
    data, _lines, diags = parse_yaml(text, "a.md")
    assert data is None and len(diags) == 1, diags
    return diags[0].line, diags[0].message, diags[0].hint


CASES = [
    ("titre: [Rabat] et [Dakar]\n", 1,
     "la valeur commence par « [ » : YAML la lit comme une liste, puis trouve du texte après « ] »",
     WRAP + 'titre: "[Rabat] et [Dakar]"'),
    ("titre: [Rabat]2026\n", 1,
     "la valeur commence par « [ » : YAML la lit comme une liste, puis trouve du texte après « ] »",
     WRAP + 'titre: "[Rabat]2026"'),
    ("titre: [COOP]R\n", 1,
     "la valeur commence par « [ » : YAML la lit comme une liste, puis trouve du texte après « ] »",
     WRAP + 'titre: "[COOP]R"'),
    ("titre: Atelier\nresume: {x} y\n", 2,
     "la valeur commence par « { » : YAML la lit comme un ensemble de champs, puis trouve du texte après « } »",
     WRAP + 'resume: "{x} y"'),
    ('titre: "Le "grand" atelier"\n', 1, QUOTE_CLOSES_EARLY, QUOTES_HINT + 'titre: "Le \\"grand\\" atelier"'),
    ("titre: 'COOP'R\n", 1, QUOTE_CLOSES_EARLY, QUOTES_HINT + "titre: \"'COOP'R\""),
    ("titre: ''Atelier'' de Rabat\n", 1, QUOTE_CLOSES_EARLY, QUOTES_HINT + "titre: \"''Atelier'' de Rabat\""),
    ("titre: 'Il dit ''oui''' puis part\n", 1, QUOTE_CLOSES_EARLY,
     QUOTES_HINT + "titre: \"'Il dit ''oui''' puis part\""),
    ("titre: XXIe siècle: bilan\n", 1, COLON, WRAP + 'titre: "XXIe siècle: bilan"'),
    ("titre: x\nresume: a: b\n", 2, COLON, WRAP + 'resume: "a: b"'),
    ("\ntitre: Atelier: Rabat\n", 2, COLON, WRAP + 'titre: "Atelier: Rabat"'),  # blank first line
    ("\n  a: b: c\nresume: x", 2, COLON, WRAP + 'a: "b: c"'),  # nothing above: not « en retrait »
    ("titre:\n  a: b: c\n", 2, COLON, WRAP + 'a: "b: c"'),  # indented under an empty field: not a stray line
    ("lieu:\n  a: x\n  b: y: z\n", 3, COLON, WRAP + 'b: "y: z"'),  # same indentation as the line above
    ("lieu:\n    a: x\n  b: y: z\n", 3, COLON, WRAP + 'b: "y: z"'),  # less indented than the line above
    ("titre: Atelier\nXP: a: b\n", 2, COLON, WRAP + 'XP: "a: b"'),
    ("titre: x\n- a\n", 2, "élément de liste « - » sous un champ qui a déjà une valeur",
     "pour une liste, laissez le champ vide (« titre: ») et mettez chaque élément sur sa ligne, en retrait : "
     "«   - valeur »"),
    ("themes: eau\n-\n", 2, "élément de liste « - » sous un champ qui a déjà une valeur",
     "pour une liste, laissez le champ vide (« themes: ») et mettez chaque élément sur sa ligne, en retrait : "
     "«   - valeur »"),
    ("titre: Atelier\n\n  resume: y\n", 3, "ligne en retrait sous un champ qui a déjà une valeur",
     "retirez les espaces au début de la ligne : resume: y"),  # a blank line between the two
    ('titre: x\nresume: "abc\nlieu: y\n', 2, "guillemet ou crochet jamais fermé", QUOTE_HINT),
    ("titre: x\nthemes: [a, b\nresume: y\n", 2,
     "liste entre crochets mal fermée : il manque « , » ou « ] » sur la même ligne", QUOTE_HINT),
    ('titre: "a\\q"\n', 1, "barre oblique inverse « \\q » inconnue entre guillemets doubles", QUOTE_HINT),
    ("titre: A\n[a, b]: x\n", 2, "syntaxe YAML invalide", QUOTE_HINT),  # a list as field name
]


@pytest.mark.parametrize("text, line, message, hint", CASES, ids=[ascii_id(c[0]) for c in CASES])
def test_exact_message_line_and_hint(text, line, message, hint):
    assert only_error(text) == (line, PREFIX + message, hint)


def test_an_apostrophe_closing_single_quotes_early_is_found_past_doubled_ones():
    line, message, _hint = only_error("titre: 'C''est' un 'atelier'\n")
    assert (line, message) == (1, PREFIX + QUOTE_CLOSES_EARLY)


@pytest.mark.parametrize("first, name", [
    ("*", "un renvoi (alias)"), ("&", "une ancre"), ("!", "une étiquette"), ("@", "un caractère réservé"),
    ("`", "un caractère réservé"), ("%", "une directive"), ("|", "un bloc de texte"), (">", "un bloc de texte"),
])
def test_a_value_starting_with_a_yaml_indicator_is_named(first, name):
    assert diagnose_line(f"titre: {first}Rabat{first} 2026") == (
        f"la valeur commence par « {first} », que YAML lit comme {name}",
        f'{WRAP}titre: "{first}Rabat{first} 2026"')


@pytest.mark.parametrize("line", [
    "titre: 'Atelier de Rabat",          # unclosed single quote: not « closes early »
    'titre: "Atelier" # commentaire',     # a comment after the closing quote
    "titre: [a] # commentaire",
    "titre: Xénia {Rabat} 2026",          # « { » inside the value is plain text
])
def test_lines_whose_shape_is_not_the_cause(line):
    assert diagnose_line(line) is None


@pytest.mark.parametrize("problem, french", [
    ("found character '%' that cannot start any token", "caractère « % » interdit en début de valeur"),
    ("found unknown escape character", "barre oblique inverse « \\ » inconnue entre guillemets doubles"),  # libyaml
    ("found unknown escape character 'q'", "barre oblique inverse « \\q » inconnue entre guillemets doubles"),
    ("something PyYAML never says", None),
])
def test_translate_fills_the_character_in(problem, french):
    assert translate(problem) == french
