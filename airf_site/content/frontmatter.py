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


def _without_timestamps(resolvers: dict) -> dict:
    return {first: [(tag, regexp) for tag, regexp in items if tag != "tag:yaml.org,2002:timestamp"]
            for first, items in resolvers.items()}


class _NoDatesLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver (pure Python: used for its error messages).

    PyYAML turns an impossible date such as 2025-13-01 into a bare ValueError with no position;
    keeping dates as strings lets the schema report them with their line.
    """


class _FastNoDatesLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """The same loader composed by libyaml (same nodes and marks, ~15× faster on headers)."""


_NoDatesLoader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)
_FastNoDatesLoader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)

# Bounds on what a YAML document may make the build do (a "billion laughs" header of 1 KB
# expands to gigabytes). Aliases are legitimate but rare; expanded size and depth are bounded.
MAX_YAML_CHARS = 1_000_000
MAX_ALIASES = 100
MAX_EXPANDED_NODES = 100_000
MAX_DEPTH = 60


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


class _TooBig(Exception):
    """A YAML document past one of the bounds above: (line, French message, hint)."""


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _measure(root: yaml.Node, offset: int = 0) -> tuple[int, int, int]:
    """(aliases, expanded node count, depth) of a composed graph without expanding it.

    The composer returns the same node object for every alias of an anchor: sizes are memoised
    by node identity, so a billion-laughs graph is measured in time linear in its source. The
    walk is iterative: a 10,000-deep document must not hit Python's recursion limit.
    """
    kids: dict[int, list[yaml.Node]] = {}
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    while stack:
        node, i = stack.pop()
        if i == 0:
            kids[id(node)] = _children(node)
        children = kids[id(node)]
        if i < len(children):
            stack.append((node, i + 1))
            child = children[i]
            if id(child) in kids and id(child) not in sizes:
                raise _TooBig(child.start_mark.line + 1 + offset, "structure YAML récursive (un alias « *nom » "
                              "à l'intérieur de son propre « &nom »)", "écrivez les valeurs en entier")
            if id(child) not in kids:
                stack.append((child, 0))
            continue
        size = 1 + sum(sizes[id(c)][0] for c in children)
        depth = 1 + max((sizes[id(c)][1] for c in children), default=0)
        sizes[id(node)] = (min(size, MAX_EXPANDED_NODES + 1), depth)
    references = sum(len(children) for children in kids.values())
    return references - (len(kids) - 1), sizes[id(root)][0], sizes[id(root)][1]


def _depth(root: yaml.Node) -> int:
    """Depth of a tree (no aliases), iteratively: cheaper than `_measure`."""
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            stack.extend((child, depth + 1) for child in _children(node))
    return deepest


def _check_bounds(node: yaml.Node, offset: int, anchors: bool = True) -> None:
    # Without « & » in the text there is no anchor, hence no alias: only the depth matters.
    aliases, expanded, depth = _measure(node, offset) if anchors else (0, 0, _depth(node))
    line = node.start_mark.line + 1 + offset
    if aliases > MAX_ALIASES:
        raise _TooBig(line, f"trop d'alias YAML « *nom » ({aliases}, {MAX_ALIASES} au plus)",
                      "écrivez les valeurs en entier au lieu de les répéter par « &nom » et « *nom »")
    if expanded > MAX_EXPANDED_NODES:
        raise _TooBig(line, f"les alias YAML « *nom » développent plus de {_n(MAX_EXPANDED_NODES)} valeurs",
                      "écrivez les valeurs en entier au lieu de les répéter par « &nom » et « *nom »")
    if depth > MAX_DEPTH:
        raise _TooBig(line, f"YAML imbriqué trop profondément ({depth} niveaux, {MAX_DEPTH} au plus)",
                      "simplifiez la structure : des listes de listes ne sont jamais attendues")


def _walk(node: yaml.Node, loc: Loc, offset: int, lines: dict[Loc, int], diags: list, path: str,
          walked: set[int] | None = None):
    # `walked` holds the nodes already mapped: an alias points at a node seen before, whose
    # lines are those of its anchor; walking it again would expand the aliases (row 4 of #18).
    walked = set() if walked is None else walked
    if id(node) in walked:
        return
    walked.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if not isinstance(key, str):
                continue  # a complex key (`? [a]`) never names a field: validation reports it
            if key in seen:
                diags.append(
                    Diagnostic(path, line, f"champ « {key} » en double (déjà à la ligne {seen[key]})",
                               hint="gardez une seule occurrence du champ")
                )
            seen[key] = line
            lines[loc + (key,)] = line
            _walk(value_node, loc + (key,), offset, lines, diags, path, walked)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[loc + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, loc + (index,), offset, lines, diags, path, walked)
    elif isinstance(node, yaml.ScalarNode) and CONTROL_RE.search(node.value):
        # "\0" or "\e" written in a double-quoted value: no output format can carry it.
        diags.append(_control_diagnostic(path, node.start_mark.line + 1 + offset, node.value, "la valeur"))


# Characters XML (feeds, sitemap), PDF text and e-mail cannot carry: C0 controls other than tab
# and line feed, DEL, lone surrogates and the two non-characters U+FFFE and U+FFFF.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _control_diagnostic(path: str, line: int, text: str, where: str) -> Diagnostic:
    found = CONTROL_RE.search(text)
    assert found is not None, "called only for text holding a control character"
    char = found[0]
    return Diagnostic(path, line, f"caractère de contrôle invisible (U+{ord(char):04X}) dans {where}",
                      hint="supprimez-le : il vient souvent d'un copier-coller depuis un autre logiciel")


# Python-Markdown parses nested lists and quotes recursively: a few hundred levels exhaust
# Python's stack. Nobody writes more than a handful; 30 leaves room for code blocks in lists.
MAX_BODY_DEPTH = 30


def check_body(lines: list[str], path: str, first_line: int) -> list[Diagnostic]:
    """Body lines no output can carry: control characters, nesting past MAX_BODY_DEPTH."""
    diags = []
    for number, line in enumerate(lines, start=first_line):
        if CONTROL_RE.search(line):
            diags.append(_control_diagnostic(path, number, line, "le texte"))
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        quotes = len(stripped) - len(stripped.lstrip("> "))
        depth = max(indent // 4, stripped[:quotes].count(">"))
        if depth > MAX_BODY_DEPTH:
            diags.append(Diagnostic(path, number, f"texte imbriqué trop profondément ({depth} niveaux de liste "
                                    f"ou de citation, {MAX_BODY_DEPTH} au plus)",
                                    hint="simplifiez la structure : quelques niveaux de liste suffisent"))
            break
    return diags


def _n(number: int) -> str:
    """1000000 → '1 000 000' (narrow no-break spaces, French style)."""
    return f"{number:,}".replace(",", "\u202f")


def _compose(text: str, loader_class: type) -> tuple[Any, yaml.Node | None]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return loader, node
    except BaseException:
        loader.dispose()
        raise


def parse_yaml(text: str, path: str, offset: int = 0,
               max_chars: int = MAX_YAML_CHARS) -> tuple[Any, dict[Loc, int], list[Diagnostic]]:
    """Parse YAML text (dates left as strings); returns data, key → line map, diagnostics.

    `offset` is the number of file lines before `text` (1 for front matter after ``---``).
    Documents over `max_chars`, with too many aliases or nested too deep are refused.
    """
    diags: list[Diagnostic] = []
    lines: dict[Loc, int] = {}
    if len(text) > max_chars:
        return None, lines, [Diagnostic(path, 1 + offset, f"YAML trop long ({_n(len(text))} caractères, "
                                        f"{_n(max_chars)} au plus)",
                                        hint="découpez le fichier ou déplacez le texte dans le corps")]
    for number, raw in enumerate(text.split("\n"), start=1 + offset):
        stripped = raw.lstrip(" ")
        if stripped.startswith("\t") or ("\t" in raw and raw.strip() and not raw.lstrip().startswith("#")
                                          and re.match(r"^\s*\t", raw)):
            diags.append(Diagnostic(path, number, "tabulation dans l'en-tête YAML",
                                    hint="remplacez les tabulations par des espaces"))
    if diags:
        return None, lines, diags
    too_deep = Diagnostic(path, 1 + offset, "YAML imbriqué trop profondément",
                          hint="simplifiez la structure : des listes de listes ne sont jamais attendues")
    try:
        loader, node = _compose(text, _FastNoDatesLoader)
    except RecursionError:
        return None, lines, [too_deep]
    except yaml.YAMLError as fast_exc:
        # libyaml words some errors differently: the pure-Python loader gives the messages and
        # marks `yaml_errors.explain` was written against. Errors only, so its cost does not matter.
        try:
            loader, node = _compose(text, _NoDatesLoader)
        except yaml.YAMLError as exc:
            line, message, hint = explain(exc, text)
            return None, lines, [Diagnostic(path, line + 1 + offset, message, hint=hint)]
        except RecursionError:
            return None, lines, [too_deep]
        loader.dispose()  # libyaml refused what PyYAML accepts (its nesting limit): report it
        if "nesting depth" in str(getattr(fast_exc, "problem", "")):
            return None, lines, [too_deep]
        line, message, hint = explain(fast_exc, text)
        return None, lines, [Diagnostic(path, line + 1 + offset, message, hint=hint)]
    try:
        if node is None:
            return None, lines, diags
        _check_bounds(node, offset, anchors="&" in text)
        data = loader.construct_document(node)
    except _TooBig as exc:
        line, message, hint = exc.args
        return None, lines, [Diagnostic(path, line, message, hint=hint)]
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
    diags.extend(check_body(lines[end + 1:], path, end + 2))
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
