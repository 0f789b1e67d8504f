"""PyYAML's English errors → a French message, the right line and a hint an editor can act on.

Two layers. First the shape of the faulty line, because the real cause is usually there and
PyYAML's message does not name it: `titre: [22 février] Install party` is "expected <block
end>, but found '<scalar>'" (or libyaml's "did not find expected key") while the cause is a value
that starts with « [ », which YAML reads as a list; the hint then gives the corrected line.
Second, every problem string of PyYAML's scanner, parser and composer — and of libyaml, whose
wording differs when the C loader is used — mapped to French (`PROBLEMS`; a test feeds each).
"""

from __future__ import annotations

import json
import re

import yaml

QUOTE_HINT = ("mettez la valeur entre guillemets si elle contient « : » ou « # », ou si elle commence "
              "par « [ », « { », « * », « & », « ! », « @ », « ` », « % », « | » ou « > »")

# (regex on PyYAML's or libyaml's `problem`, French message). First match wins.
PROBLEMS: list[tuple[str, str]] = [
    (r"found character '\\t' that cannot start any token|found a tab character",
     "tabulation dans l'en-tête : indentez avec des espaces"),
    (r"found character '(.)' that cannot start any token", "caractère « {0} » interdit en début de valeur"),
    (r"found character that cannot start any token", "caractère interdit en début de valeur"),
    (r"mapping values are not allowed", "deux-points inattendu (une valeur contient « : » suivi d'une espace ?)"),
    (r"could not find expected ':'", "il manque « : » après le nom du champ"),
    (r"found undefined alias", "une valeur commence par « * », que YAML lit comme un renvoi (alias) inconnu"),
    (r"found duplicate anchor", "ancre YAML (« & ») définie deux fois"),
    (r"expected <block end>, but found '-'|block sequence entries are not allowed|sequence entries are not allowed",
     "élément de liste « - » mal placé : vérifiez l'indentation"),
    (r"expected <block end>, but found|did not find expected key", "indentation incohérente"),
    (r"did not find expected '-' indicator", "élément de liste attendu (« - ») : vérifiez l'indentation"),
    (r"found unexpected end of stream", "guillemet ou crochet jamais fermé"),
    (r"expected ',' or '\]'|did not find expected ',' or '\]'",
     "liste entre crochets mal fermée : il manque « , » ou « ] » sur la même ligne"),
    (r"expected ',' or '\}'|did not find expected ',' or '\}'",
     "ensemble entre accolades mal fermé : il manque « , » ou « } »"),
    (r"expected the node content|did not find expected node content", "valeur manquante (deux virgules de suite ?)"),
    (r"expected alphabetic or numeric character|did not find expected alphabetic or numeric character",
     "après « * » ou « & », YAML attend un nom de renvoi"),
    (r"found unexpected non-alphabetical character", "une ligne commence par « % », réservé à YAML"),
    (r"found unknown escape character(?: '(.)')?", "barre oblique inverse « \\{0} » inconnue entre guillemets doubles"),
    (r"expected escape sequence|expected URI escape sequence|did not find URI escaped octet",
     "séquence d'échappement invalide entre guillemets doubles"),
    (r"expected chomping or indentation indicators|did not find expected comment or line break|"
     r"expected a comment or a line break|expected indentation indicator",
     "texte inattendu après « | » ou « > » (début de bloc de texte)"),
    (r"found unexpected document separator|found unexpected document indicator|but found another document",
     "ligne « --- » ou « ... » en trop dans l'en-tête"),
    (r"expected '<document start>'|did not find expected <document start>", "début d'en-tête inattendu"),
    (r"found incompatible YAML document", "version de YAML non prise en charge"),
    (r"found duplicate (?:%YAML|YAML) directive|duplicate tag handle|found undefined tag handle|"
     r"found non-specific tag|expected URI|expected '!'|expected '>'|while scanning a tag|did not find expected tag",
     "étiquette YAML (« ! ») invalide"),
    (r"expected a digit|expected ' '|did not find expected whitespace|expected a single document",
     "directive YAML (« % ») invalide"),
    (r"mapping keys are not allowed|found duplicate key", "nom de champ mal placé"),
    (r"special characters are not allowed|unacceptable character|control characters are not allowed|"
     r"invalid leading UTF-8 octet|invalid trailing UTF-8 octet|invalid Unicode character",
     "caractère de contrôle invisible dans l'en-tête"),
    (r"found unexpected ':'", "deux-points inattendu"),
    (r"did not find expected whitespace or line break|did not find expected", "syntaxe YAML invalide"),
]
_COMPILED = [(re.compile(pattern), french) for pattern, french in PROBLEMS]
_VALUE_RE = re.compile(r"^(\s*(?:-\s+)?[\w-]+\s*:\s+)(\S.*?)\s*$")


def translate(problem: str) -> str | None:
    """French wording of one PyYAML/libyaml `problem` string, or None if unknown."""
    for pattern, french in _COMPILED:
        match = pattern.search(problem)
        if match:
            return french.format(*(g or "" for g in match.groups()))
    return None


def _quoted(value: str) -> str:
    """`value` as a double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def diagnose_indent(line: str, previous: str | None) -> tuple[str, str] | None:
    """A line indented under a field that already has a value, or a stray « - » item."""
    stripped = line.lstrip(" ")
    if not stripped or previous is None or stripped.startswith("#"):
        return None
    prev = _VALUE_RE.match(previous)
    if stripped.startswith("- ") or stripped == "-":
        if prev:  # "themes: eau" followed by "- climat"
            return ("élément de liste « - » sous un champ qui a déjà une valeur",
                    f"pour une liste, laissez le champ vide (« {prev.group(1).strip()} ») et mettez chaque élément "
                    "sur sa ligne, en retrait : «   - valeur »")
        return None
    indent = len(line) - len(stripped)
    if indent and prev and len(previous) - len(previous.lstrip(" ")) < indent and ":" in stripped:
        return ("ligne en retrait sous un champ qui a déjà une valeur",
                f"retirez les espaces au début de la ligne : {stripped}")
    return None


def diagnose_line(line: str) -> tuple[str, str] | None:
    """(message, hint with the corrected line) when the value's shape explains the error."""
    match = _VALUE_RE.match(line)
    if not match:
        return None
    head, value = match.groups()
    fixed = f"{head.strip()} {_quoted(value)}"
    first = value[0]
    if first in "[{":
        close = "]" if first == "[" else "}"
        end = value.find(close)
        if end != -1 and value[end + 1:].strip() and not value[end + 1:].lstrip().startswith("#"):
            kind = "une liste" if first == "[" else "un ensemble de champs"
            return (f"la valeur commence par « {first} » : YAML la lit comme {kind}, puis trouve du texte après "
                    f"« {close} »", f"mettez toute la valeur entre guillemets : {fixed}")
    if first in "\"'":
        end = value.find(first, 1)
        while first == "'" and end != -1 and value[end + 1:end + 2] == "'":
            end = value.find(first, end + 2)  # '' is an escaped quote inside single quotes
        if end != -1 and value[end + 1:].strip() and not value[end + 1:].lstrip().startswith("#"):
            inner = value[1:-1] if value.endswith(first) else value
            return ("le guillemet qui ouvre la valeur se referme avant la fin (un guillemet dans le texte ?)",
                    f"utilisez les guillemets français « » ou l'apostrophe ’ dans le texte, ou écrivez : "
                    f"{head.strip()} {_quoted(inner)}")
    if first in "*&!@`%|>":
        names = {"*": "un renvoi (alias)", "&": "une ancre", "!": "une étiquette", "@": "un caractère réservé",
                 "`": "un caractère réservé", "%": "une directive", "|": "un bloc de texte", ">": "un bloc de texte"}
        return (f"la valeur commence par « {first} », que YAML lit comme {names[first]}",
                f"mettez toute la valeur entre guillemets : {fixed}")
    if re.search(r":\s", value):
        return ("la valeur contient « : » suivi d'une espace, que YAML lit comme un nouveau champ",
                f"mettez toute la valeur entre guillemets : {fixed}")
    return None


def explain(exc: yaml.YAMLError, text: str) -> tuple[int, str, str]:
    """(0-based line in `text`, French message, French hint) for a YAML error."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if "end of stream" in problem and context_mark is not None:
        mark = context_mark  # an unclosed quote is noticed at the end: point at where it opened
    if context.startswith("while parsing a flow") and context_mark is not None:
        mark = context_mark  # an unclosed [ or { : the line where it opened
    line = mark.line if mark is not None else 0
    lines = text.split("\n")
    if 0 < line < len(lines):
        previous = next((lines[i] for i in range(line - 1, -1, -1) if lines[i].strip()), None)
        found = diagnose_indent(lines[line], previous)
        if found:
            return line, f"erreur de syntaxe YAML : {found[0]}", found[1]
    # The shape of the line where the error is, or of the line the parser was in (context).
    for candidate in dict.fromkeys(m.line for m in (mark, context_mark) if m is not None):
        if 0 <= candidate < len(lines):
            found = diagnose_line(lines[candidate])
            if found:
                return candidate, f"erreur de syntaxe YAML : {found[0]}", found[1]
    french = translate(problem) or translate(context) or "syntaxe YAML invalide"
    return line, f"erreur de syntaxe YAML : {french}", QUOTE_HINT
