"""Front matter parsing (content/frontmatter.py) as the editor meets it: the exact French warning
or error, at the right line, for encodings, line endings, invisible characters, deep nesting and
the bounds on aliases — and what is accepted as it is (dates kept as typed, `...` closing)."""

from __future__ import annotations

import pytest

from airf_site.content.frontmatter import ParsedFile, check_body, decode, parse_document, parse_yaml
from airf_site.errors import ERROR, WARNING

CONTROL_HINT = "supprimez-le : il vient souvent d'un copier-coller depuis un autre logiciel"
DEEP_BODY = "texte imbriqué trop profondément (31 niveaux de liste ou de citation, 30 au plus)"
DEEP_BODY_HINT = "simplifiez la structure : quelques niveaux de liste suffisent"
ALIAS_HINT = "écrivez les valeurs en entier au lieu de les répéter par « &nom » et « *nom »"
NNBSP = "\u202f"


def diags(items) -> list[tuple[int, str, str, str | None]]:
    return [(d.line, d.severity, d.message, d.hint) for d in items]


# --- bytes to text ---

def test_latin1_file_is_refused_at_the_line_of_the_first_bad_byte():
    text, found = decode("---\ntitre: A\nresume: Été\n---\n".encode("latin-1"), "content/a.md")
    assert text is None
    assert [(d.path, *x) for d, x in zip(found, diags(found), strict=True)] == [
        ("content/a.md", 3, ERROR, "le fichier n'est pas encodé en UTF-8",
         "enregistrez-le en « UTF-8 » (dans votre éditeur : Enregistrer sous… › Encodage › UTF-8)")]


def test_bom_is_dropped_with_a_warning_and_the_header_still_reads():
    parsed = parse_document(b"\xef\xbb\xbf---\ntitre: A\n---\nTexte\n", "a.md")
    assert parsed.meta == {"titre": "A"}
    assert diags(parsed.diagnostics) == [
        (1, WARNING, "le fichier commence par une marque d'ordre d'octets (BOM)", "enregistrez-le en « UTF-8 » sans BOM")]


def test_windows_and_old_mac_line_endings_become_unix_ones_warned_at_the_first():
    text, found = decode(b"---\ntitre: A\n---\r\nTexte\rsuite\r\n", "a.md")
    assert text == "---\ntitre: A\n---\nTexte\nsuite\n"
    assert diags(found) == [
        (3, WARNING, "fins de ligne Windows (CRLF)", "réglez votre éditeur sur des fins de ligne « LF » (Unix)")]


def test_crlf_file_parses_like_the_unix_one():
    parsed = parse_document(b"---\r\ntitre: A\r\ndate: 2026-01-05\r\n---\r\nLigne 1\r\nLigne 2\r\n", "a.md")
    assert parsed.meta == {"titre": "A", "date": "2026-01-05"}
    assert parsed.body == "Ligne 1\nLigne 2\n" and parsed.body_line == 5
    assert [d.line for d in parsed.diagnostics] == [1]


# --- the document's frame ---

def test_empty_file_says_how_to_start():
    assert diags(parse_document(b"\n  \n", "a.md").diagnostics) == [
        (1, ERROR, "le fichier est vide",
         "commencez par un en-tête entre deux lignes « --- » (voir le guide de rédaction ou « airf new »)")]


@pytest.mark.parametrize("raw", [b"titre: A\n---\n", b"  ---\ntitre: A\n---\n"])
def test_the_first_line_must_be_the_dashes_themselves(raw):
    assert diags(parse_document(raw, "a.md").diagnostics) == [
        (1, ERROR, "le fichier ne commence pas par « --- »",
         "la première ligne doit être « --- », suivie des champs de l'en-tête puis d'une autre ligne « --- »")]


def test_trailing_spaces_and_the_yaml_end_marker_are_accepted():
    parsed = parse_document(b"--- \ntitre: A\n... \nCorps\n", "a.md")
    assert (parsed.meta, parsed.body, parsed.body_line, parsed.diagnostics) == ({"titre": "A"}, "Corps\n", 4, [])


def test_dates_stay_as_typed_for_the_schema_to_check_and_numbers_stay_numbers():
    data, lines, found = parse_yaml("date: 2026-01-05\ndebut: 2026-01-05 10:00\nn: 3\n", "a.md")
    assert data == {"date": "2026-01-05", "debut": "2026-01-05 10:00", "n": 3} and found == []
    assert lines == {("date",): 1, ("debut",): 2, ("n",): 3}


def test_line_of_falls_back_to_the_deepest_known_field_then_line_1():
    parsed = parse_document(b"---\ntitre: E\nprogramme:\n  - debut: 09:00\n    titre: Accueil\n---\n", "a.md")
    assert parsed.line_of(("programme", 0, "titre")) == 5
    assert parsed.line_of(("programme", 0, "fin")) == 4  # a missing field: its session's line
    assert parsed.line_of(("programme", 3)) == 3  # a session that does not exist: the field's line
    assert parsed.line_of(("lieu",)) == 1
    assert ParsedFile(None).line_of(("lieu",)) == 1


# --- invisible characters and nesting ---

def test_control_characters_in_the_body_are_errors_at_their_line():
    assert diags(check_body(["ok", "a\x07b", "\x1b[0m rouge"], "content/a.md", 5)) == [
        (6, ERROR, "caractère de contrôle invisible (U+0007) dans le texte", CONTROL_HINT),
        (7, ERROR, "caractère de contrôle invisible (U+001B) dans le texte", CONTROL_HINT),
    ]
    assert {d.path for d in check_body(["\x00"], "content/a.md", 1)} == {"content/a.md"}


def test_control_character_written_as_an_escape_in_a_value():
    parsed = parse_document(b'---\ntitre: A\nresume: "a\\ab"\n---\n', "a.md")
    assert diags(parsed.diagnostics) == [
        (3, ERROR, "caractère de contrôle invisible (U+0007) dans la valeur", CONTROL_HINT)]


def test_body_nesting_is_bounded_at_30_levels_once_per_file():
    lines = [" " * 120 + "- trente", " " * 124 + "- trente et un", " " * 128 + "- trente-deux"]
    assert diags(check_body(lines, "a.md", 10)) == [(11, ERROR, DEEP_BODY, DEEP_BODY_HINT)]


@pytest.mark.parametrize("line", ["> " * 31 + "a -> b", "\t" * 31 + "- x", "  \t" * 31 + "- x"],
                         ids=["quotes", "tabs", "spaces and tabs"])
def test_quotes_and_tabs_count_as_levels(line):
    assert diags(check_body(["Intro", line], "a.md", 7)) == [(8, ERROR, DEEP_BODY, DEEP_BODY_HINT)]


def test_thirty_levels_of_quotes_are_accepted():
    assert check_body(["> " * 30 + "a > b"], "a.md", 1) == []


# --- bounds on what a header may make the build do ---

def test_header_too_long_gives_both_sizes_in_french_style():
    data, _lines, found = parse_yaml("a: " + "x" * 1200, "a.md", offset=1, max_chars=1000)
    assert data is None
    assert diags(found) == [(2, ERROR, f"YAML trop long (1{NNBSP}203 caractères, 1{NNBSP}000 au plus)",
                             "découpez le fichier ou déplacez le texte dans le corps")]


@pytest.mark.parametrize("text, line", [("titre: A\nliste: &x [1, *x]\n", 3), ("titre: A\nl: &x\n  - *x\n", 3)])
def test_an_alias_inside_its_own_anchor_is_refused_at_its_line(text, line):
    data, _lines, found = parse_yaml(text, "a.md", offset=1)
    assert data is None
    assert diags(found) == [(line, ERROR, "structure YAML récursive (un alias « *nom » à l'intérieur de son propre "
                                          "« &nom »)", "écrivez les valeurs en entier")]


def items(name: str, count: int) -> str:
    return "[" + ", ".join([name] * count) + "]"


def test_aliases_expanding_past_100_000_values_are_refused_even_when_few():
    text = f"a: &a {items('x', 1000)}\nb: &b {items('*a', 10)}\nc: {items('*b', 10)}\n"  # 20 aliases
    data, _lines, found = parse_yaml(text, "a.md", offset=1)
    assert data is None
    assert diags(found) == [(2, ERROR, f"les alias YAML « *nom » développent plus de 100{NNBSP}000 valeurs", ALIAS_HINT)]


def test_aliases_expanding_to_about_50_000_values_are_accepted():
    data, _lines, found = parse_yaml(f"a: &a {items('x', 1000)}\nb: {items('*a', 50)}\n", "a.md")
    assert found == [] and len(data["b"]) == 50 and data["b"][0] == ["x"] * 1000


def test_depth_is_measured_the_same_with_or_without_an_anchor_in_the_header():
    deep = "[" * 61 + "]" * 61
    expected = [(2, ERROR, "YAML imbriqué trop profondément (62 niveaux, 60 au plus)",
                 "simplifiez la structure : des listes de listes ne sont jamais attendues")]
    for head in ("a: &x 1\n", "a: 1\n"):
        data, _lines, found = parse_yaml(f"{head}b: {deep}\n", "a.md", offset=1)
        assert data is None and diags(found) == expected, head
    assert parse_yaml("a: &x 1\nb: " + "[" * 59 + "]" * 59 + "\n", "a.md")[2] == []


def test_duplicate_field_names_the_first_line_and_the_fix():
    parsed = parse_document(b"---\ntitre: A\nresume: R\ntitre: B\n---\n", "a.md")
    assert diags(parsed.diagnostics) == [
        (4, ERROR, "champ « titre » en double (déjà à la ligne 2)", "gardez une seule occurrence du champ")]


def test_control_character_deep_in_the_header_and_under_an_alias_is_reported_once():
    raw = b'---\ntitre: A\nprogramme:\n  - titre: "a\\ab"\nnote: &n "x\\ey"\nrappel: *n\n---\n'
    assert diags(parse_document(raw, "content/evenements/e.md").diagnostics) == [
        (4, ERROR, "caractère de contrôle invisible (U+0007) dans la valeur", CONTROL_HINT),
        (5, ERROR, "caractère de contrôle invisible (U+001B) dans la valeur", CONTROL_HINT),
    ]
    assert {d.path for d in parse_document(raw, "content/evenements/e.md").diagnostics} == {"content/evenements/e.md"}
