"""Front matter parsing: bytes → (metadata, body, key → line map, diagnostics).

Never raises on bad input: encoding problems, BOMs, CRLF line endings, tabs, YAML syntax
errors, empty files and unclosed headers all become French diagnostics with a line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from airf_site.content.yaml_errors import explain
from airf_site.errors import ERROR, WARNING, Diagnostic

Loc = tuple[Any, ...]


class _NoDatesLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver.

    PyYAML turns an impossible date such as 2025-13-01 into a bare ValueError with no position;
    keeping dates as strings lets the schema report them with their line.
    """


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class ParsedFile:
    """Result of `parse_document`: metadata (None when unusable), body and positions."""

    meta: dict[str, Any] | None
    body: str = ""
    body_line: int = 1  # file line where the body starts
    lines: dict[Loc, int] = field(default_factory=dict)  # key path → 1-based file line
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def line_of(self, loc: Loc, default: int = 1) -> int:
        """Line of the deepest known prefix of `loc` (a pydantic error location)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return default


def _walk(node: yaml.Node, loc: Loc, offset: int, lines: dict[Loc, int], diags: list, path: str):
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                diags.append(
                    Diagnostic(path, line, f"champ « {key} » en double (déjà à la ligne {seen[key]})",
                               hint="gardez une seule occurrence du champ")
                )
            seen[key] = line
            lines[loc + (key,)] = line
            _walk(value_node, loc + (key,), offset, lines, diags, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[loc + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, loc + (index,), offset, lines, diags, path)


def parse_yaml(text: str, path: str, offset: int = 0) -> tuple[Any, dict[Loc, int], list[Diagnostic]]:
    """Parse YAML text (dates left as strings); returns data, key → line map, diagnostics.

    `offset` is the number of file lines before `text` (1 for front matter after ``---``).
    """
    diags: list[Diagnostic] = []
    lines: dict[Loc, int] = {}
    for number, raw in enumerate(text.split("\n"), start=1 + offset):
        stripped = raw.lstrip(" ")
        if stripped.startswith("\t") or ("\t" in raw and raw.strip() and not raw.lstrip().startswith("#")
                                          and re.match(r"^\s*\t", raw)):
            diags.append(Diagnostic(path, number, "tabulation dans l'en-tête YAML",
                                    hint="remplacez les tabulations par des espaces"))
    if diags:
        return None, lines, diags
    loader = _NoDatesLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, lines, diags
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        line, message, hint = explain(exc, text)
        return None, lines, [Diagnostic(path, line + 1 + offset, message, hint=hint)]
    finally:
        loader.dispose()
    _walk(node, (), offset, lines, diags, path)
    return data, lines, diags


def decode(raw: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes → text, normalising BOM and CRLF (each reported as a warning)."""
    diags: list[Diagnostic] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Diagnostic(path, line, "le fichier n'est pas encodé en UTF-8",
                                 hint="enregistrez-le en « UTF-8 » (dans votre éditeur : "
                                      "Enregistrer sous… › Encodage › UTF-8)")]
    if text.startswith("\ufeff"):
        text = text[1:]
        diags.append(Diagnostic(path, 1, "le fichier commence par une marque d'ordre d'octets (BOM)",
                                severity=WARNING, hint="enregistrez-le en « UTF-8 » sans BOM"))
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        diags.append(Diagnostic(path, line, "fins de ligne Windows (CRLF)", severity=WARNING,
                                hint="réglez votre éditeur sur des fins de ligne « LF » (Unix)"))
    return text, diags


def parse_document(raw: bytes, path: str) -> ParsedFile:
    """Parse a Markdown file with a YAML header between two ``---`` lines."""
    text, diags = decode(raw, path)
    if text is None:
        return ParsedFile(None, diagnostics=diags)
    if not text.strip():
        diags.append(Diagnostic(path, 1, "le fichier est vide",
                                hint="commencez par un en-tête entre deux lignes « --- » "
                                     "(voir le guide de rédaction ou « airf new »)"))
        return ParsedFile(None, diagnostics=diags)
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        diags.append(Diagnostic(path, 1, "le fichier ne commence pas par « --- »",
                                hint="la première ligne doit être « --- », suivie des champs "
                                     "de l'en-tête puis d'une autre ligne « --- »"))
        return ParsedFile(None, diagnostics=diags)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        diags.append(Diagnostic(path, 1, "l'en-tête ouvert par « --- » n'est jamais fermé",
                                hint="ajoutez une ligne « --- » après le dernier champ de l'en-tête"))
        return ParsedFile(None, diagnostics=diags)
    header = "\n".join(lines[1:end])
    data, linemap, ydiags = parse_yaml(header, path, offset=1)
    diags.extend(ydiags)
    body = "\n".join(lines[end + 1:])
    parsed = ParsedFile(None, body=body, body_line=end + 2, lines=linemap, diagnostics=diags)
    if any(d.severity == ERROR for d in ydiags):
        return parsed
    if data is None:
        diags.append(Diagnostic(path, 2, "l'en-tête est vide",
                                hint="ajoutez au moins le champ « titre »"))
        return parsed
    if not isinstance(data, dict):
        diags.append(Diagnostic(path, 2, "l'en-tête doit être une liste de champs « nom: valeur »",
                                hint="exemple : « titre: Mon article »"))
        return parsed
    parsed.meta = {str(k): v for k, v in data.items()}
    return parsed
