"""The import rule of docs/architecture.md, read from the source with `ast`: imports go down the
layers only, output packages never import each other, and no module takes part in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "airf_site"
# Layers, lowest first. A module may import its own package and any lower layer, never a higher
# one; within the content, services and outputs layers, never another package of its layer.
LAYERS: list[set[str]] = [
    {"core"},                                       # errors, project, markdown, templating, write...
    {"content"},                                    # the model: knows no output, no MkDocs
    {"print", "mail", "programme"},                 # services shared by outputs
    {"site", "newsletter", "report", "kit"},        # outputs
    {"build", "cli", "cli_fr", "commands", "authoring", "samples"},  # orchestration, CLI, tools
]
SHARED_LAYER = 0  # core modules import one another freely (still without cycles)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def unit(module: str) -> str:
    """'airf_site.site.pages' → 'site'; 'airf_site.errors' → 'core'; 'airf_site.build' → 'build'."""
    parts = module.split(".")
    if len(parts) == 1:
        return "core"
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return parts[1] if any(parts[1] in layer for layer in LAYERS[1:]) else "core"


def layer_of(name: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if name in layer)


def import_graph() -> dict[str, set[str]]:
    """Module → airf_site modules it imports (anywhere in the file, TYPE_CHECKING included)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.level == 0, f"{path}: relative import"
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def test_every_module_has_a_layer():
    assert [m for m in import_graph() if not any(unit(m) in layer for layer in LAYERS)] == []


def wrong_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, imported in graph.items():
        for target in imported:
            here, there = unit(module), unit(target)
            if here == there:
                continue
            up = layer_of(there) > layer_of(here)
            sideways = layer_of(there) == layer_of(here) not in (SHARED_LAYER, len(LAYERS) - 1)
            if up or sideways:
                wrong.append(f"{module} → {target}")
    return sorted(wrong)


def find_cycles(graph: dict[str, set[str]]) -> list[str]:
    cycles: list[str] = []
    state: dict[str, str] = {}

    def visit(module: str, stack: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" → ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target, stack + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return cycles


def test_imports_go_down_only_and_outputs_never_import_each_other():
    assert wrong_imports(import_graph()) == []


def test_no_import_cycle():
    assert find_cycles(import_graph()) == []


def test_the_checks_catch_wrong_imports():
    graph = {
        "airf_site.site.pages": {"airf_site.newsletter.model", "airf_site.content.loader"},  # sideways, down
        "airf_site.content.loader": {"airf_site.site.model", "airf_site.errors"},  # up, down
        "airf_site.errors": {"airf_site.project"},
        "airf_site.project": {"airf_site.errors"},  # a cycle among core modules
        "airf_site.cli": {"airf_site.commands.serve", "airf_site.site.links"},
    }
    assert wrong_imports(graph) == ["airf_site.content.loader → airf_site.site.model",
                                    "airf_site.site.pages → airf_site.newsletter.model"]
    assert find_cycles(graph) == ["airf_site.errors → airf_site.project → airf_site.errors"]


def test_modules_stay_small():
    """The style guide's « modules under ~400 lines », with a little slack for a last function."""
    sizes = {str(p.relative_to(REPO)): len(p.read_text(encoding="utf-8").splitlines())
             for p in sorted(PACKAGE.rglob("*.py"))}
    assert len(sizes) > 90
    assert {path: n for path, n in sizes.items() if n > 420} == {}
