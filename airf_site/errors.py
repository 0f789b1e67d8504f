"""Diagnostics: every problem found in the content, reported in French with its location.

A `Diagnostic` is data, not an exception: loaders collect them all so one run reports every
problem (Pelican's continue-on-error), and the CLI prints them in `path:line: ...` form.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file (or a cross-file problem pointing at a second location)."""

    path: str
    line: int
    message: str
    severity: str = ERROR
    hint: str | None = None
    related: str | None = field(default=None, compare=False)  # "path:line" of the other file

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """Render as the editor reads it: ``path:line: erreur : message`` plus hint lines."""
        text = f"{self.path}:{self.line}: {self.severity} : {self.message}"
        if self.related:
            text += f"\n    voir aussi : {self.related}"
        if self.hint:
            text += f"\n    conseil : {self.hint}"
        return text


class AirfError(Exception):
    """Base of the one exception family: a failure the CLI reports without a traceback."""


class ContentError(AirfError):
    """Raised when content has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__(summarize(self.diagnostics))


class BuildError(AirfError):
    """An output could not be produced (browser missing, check failed...). Message in French."""


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """French hint naming the closest allowed value, if any is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if matches:
        return f"vouliez-vous dire « {matches[0]} » ?"
    return None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def summarize(diagnostics: Iterable[Diagnostic], strict: bool = False, checking: bool = False) -> str:
    """Closing line: counts of errors and warnings, and what happened to the build.

    `checking`: said after `airf check`, which publishes nothing in any case: the line then says
    what to do rather than what did not happen.
    """
    diags = list(diagnostics)
    errors = [d for d in diags if d.is_error]
    warnings = [d for d in diags if not d.is_error]
    files = len({d.path for d in diags})
    parts = []
    if errors:
        parts.append(plural(len(errors), "erreur"))
    if warnings:
        parts.append(plural(len(warnings), "avertissement"))
    if not parts:
        return "Aucun problème."
    text = " et ".join(parts) + f" dans {plural(files, 'fichier')}."
    if errors or (strict and warnings):
        text += " À corriger avant de publier." if checking else " Rien n'a été publié."
    return text


def relpath(path: Path, root: Path) -> str:
    """Path as the editor sees it: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
