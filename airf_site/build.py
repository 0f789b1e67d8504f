"""Build orchestration: validate everything, then run each output builder.

Builders register here by name; each is `module:function(project, index, **options)`. A module
that does not exist yet is skipped, so `make all` builds "every output that exists so far".
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Callable

from .content.index import ContentIndex
from .content.loader import load_project
from .errors import ContentError, Diagnostic
from .project import Project

# name → "module:function"; order matters (fact sheets are linked from the site, etc.)
BUILDERS: dict[str, str] = {
    "fiches": "airf_site.outputs.factsheets:build_factsheets",
    "newsletters": "airf_site.outputs.newsletter:build_newsletters",
    "report": "airf_site.outputs.report:build_report",
    "site": "airf_site.outputs.site:build_site",
}


def optional_module(module_name: str) -> ModuleType | None:
    """Import `module_name`, or None when that module does not exist (an output not written yet).

    An import error *inside* the module is a bug and is raised, never mistaken for absence.
    """
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise


def resolve(name: str) -> Callable | None:
    """The builder function for `name`, or None when that output is not implemented yet."""
    module_name, func = BUILDERS[name].split(":")
    module = optional_module(module_name)
    return None if module is None else getattr(module, func)


def check_project(project: Project, strict: bool = False,
                  placeholders: bool = True) -> tuple[ContentIndex, list[Diagnostic]]:
    """Load everything; raise ContentError if there are errors (or warnings under `strict`).

    `placeholders=False` leaves « À compléter » markers out (the live preview shows them as
    warnings so a half-filled page can still be previewed).
    """
    index, diags = load_project(project)
    extra = []
    for name in ("newsletters", "report"):
        # Outputs with their own sources (newsletters/, annual_report/) add their own checks.
        module = optional_module(BUILDERS[name].split(":")[0])
        checker = getattr(module, "check_sources", None)
        if checker is not None:
            extra += checker(project, index)
    # A scaffolded file still holding « À compléter » must not be published.
    if placeholders:
        from .scaffold import check_placeholders

        extra += check_placeholders(project)
    diags = sorted(set(diags + extra))
    if any(d.is_error for d in diags) or (strict and diags):
        raise ContentError(diags)
    return index, diags


def build(project: Project, targets: list[str], strict: bool = False,
          log: Callable[[str], None] = print, placeholders: bool = True) -> list[Diagnostic]:
    """Validate, then build `targets` in order. Returns the warnings."""
    index, diags = check_project(project, strict=strict, placeholders=placeholders)
    for name in BUILDERS:
        if name not in targets:
            continue
        func = resolve(name)
        if func is None:
            log(f"« {name} » : pas encore disponible, ignoré")
            continue
        func(project, index)
    return diags
