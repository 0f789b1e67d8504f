"""What every `airf` sub-command shares: the project from `--root`, French diagnostics (or GitHub
annotations) and running a step without ever showing a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from airf_site.errors import AirfError, ContentError, summarize
from airf_site.project import Project

OUTPUT_FORMAT = {"value": "texte"}


def github_annotation(diag) -> str:
    """GitHub Actions workflow command, so errors show on the pull request's changed files."""
    level = "error" if diag.is_error else "warning"
    message = diag.message + (f" — conseil : {diag.hint}" if diag.hint else "")
    return f"::{level} file={_property(diag.path)},line={diag.line}::{_data(message)}"


def _data(text: str) -> str:
    """Escape a workflow command's message (GitHub's toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a property value (`escapeProperty`): a file named `a,line=9::x.md` stays one value."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def print_diagnostics(diags, strict: bool = False, checking: bool = False) -> None:
    """Print diagnostics (French text, or GitHub annotations with --format github) and a summary."""
    for diag in diags:
        click.echo(diag.format(), err=True)
        if OUTPUT_FORMAT["value"] == "github":
            click.echo(github_annotation(diag))
    if diags:
        click.echo(summarize(diags, strict=strict, checking=checking), err=True)


def run_guarded(func, *args, checking: bool = False, **kwargs):
    """Run `func`; report AirfError in French and exit 1, never with a traceback."""
    try:
        return func(*args, **kwargs)
    except ContentError as exc:
        print_diagnostics(exc.diagnostics, strict=True, checking=checking)
        sys.exit(1)
    except AirfError as exc:
        click.echo(f"erreur : {exc}", err=True)
        sys.exit(1)


def get_project(ctx: click.Context) -> Project:
    """The project named by the group's `--root` option."""
    return Project.load(ctx.find_root().obj or ".")


def source_files(project: Project) -> list[Path]:
    """The files `airf check` reads: Markdown and YAML of content/, newsletters/, annual_report/."""
    roots = (project.content_dir, project.newsletters_dir, project.report_dir)
    return sorted(path for root in roots if root.is_dir() for path in root.rglob("*")
                  if path.suffix in (".md", ".yml", ".yaml") and "admin" not in path.relative_to(root).parts)
