"""The `airf` command line (click). Messages are in French: the editors read them.

Sub-commands of each output live in their own module and are registered in COMMAND_MODULES;
a module not written yet is simply absent from the menu.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from . import cli_fr
from .build import BUILDERS, build, check_project
from .errors import AirfError, ContentError, summarize
from .project import Project

cli_fr.install()

# Each module defines `command` (a click.Command or Group) added to the `airf` group.
COMMAND_MODULES = [
    "airf_site.commands.newsletter",
    "airf_site.commands.report",
    "airf_site.commands.fiches",
    "airf_site.commands.kit",
    "airf_site.commands.serve",
    "airf_site.commands.new",
    "airf_site.commands.links",
]


OUTPUT_FORMAT = {"value": "texte"}


def github_annotation(diag) -> str:
    """GitHub Actions workflow command, so errors show on the pull request's changed files."""
    level = "error" if diag.is_error else "warning"
    message = diag.message + (f" — conseil : {diag.hint}" if diag.hint else "")
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={diag.path},line={diag.line}::{message}"


def print_diagnostics(diags, strict: bool = False) -> None:
    """Print diagnostics (French text, or GitHub annotations with --format github) and a summary."""
    for diag in diags:
        click.echo(diag.format(), err=True)
        if OUTPUT_FORMAT["value"] == "github":
            click.echo(github_annotation(diag))
    if diags:
        click.echo(summarize(diags, strict=strict), err=True)


def run_guarded(func, *args, **kwargs):
    """Run `func`; report AirfError in French and exit 1, never with a traceback."""
    try:
        return func(*args, **kwargs)
    except ContentError as exc:
        print_diagnostics(exc.diagnostics, strict=True)
        sys.exit(1)
    except AirfError as exc:
        click.echo(f"erreur : {exc}", err=True)
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="dossier du projet (par défaut : le dossier courant)")
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """Outils de communication de l'AIRF : site, lettres d'information, rapport annuel."""
    ctx.obj = root


def get_project(ctx: click.Context) -> Project:
    return Project.load(ctx.find_root().obj or ".")


@cli.command()
@click.option("--strict", is_flag=True, help="les avertissements font aussi échouer")
@click.option("--links", is_flag=True, help="vérifie aussi les liens et images du site déjà construit (build/site)")
@click.option("--format", "fmt", type=click.Choice(["texte", "github"]), default="texte",
              help="github : ajoute des annotations GitHub Actions (erreurs affichées sur la demande de fusion)")
@click.pass_context
def check(ctx: click.Context, strict: bool, links: bool, fmt: str) -> None:
    """Vérifie tout le contenu (sans rien construire)."""
    OUTPUT_FORMAT["value"] = fmt
    project = get_project(ctx)
    _index, diags = run_guarded(check_project, project, strict=strict)
    if links:
        from .commands.links import check_links

        site = project.build_dir / "site"
        if not site.is_dir():
            click.echo("erreur : le site n'est pas encore construit ; lancez d'abord « make site »", err=True)
            sys.exit(1)
        link_diags = check_links(site, project.site_url, display_root=project.root)
        diags = sorted(set(diags) | set(link_diags))
        if any(d.is_error for d in link_diags) or (strict and link_diags):
            print_diagnostics(diags, strict=True)
            sys.exit(1)
    print_diagnostics(diags)


@cli.command(name="build")
@click.option("--all", "all_", is_flag=True, help="tout construire (site, lettres, rapport, fiches)")
@click.option("--site", is_flag=True, help="le site web (avec flux et agenda)")
@click.option("--newsletters", is_flag=True, help="les lettres d'information")
@click.option("--report", is_flag=True, help="le rapport annuel")
@click.option("--fiches", is_flag=True, help="les fiches techniques en PDF")
@click.option("--strict", is_flag=True, help="les avertissements font aussi échouer")
@click.pass_context
def build_cmd(ctx, all_, site, newsletters, report, fiches, strict) -> None:
    """Construit les sorties dans build/ (par défaut : le site)."""
    chosen = [name for name, flag in (("site", site), ("newsletters", newsletters),
                                      ("report", report), ("fiches", fiches)) if flag]
    if all_:
        chosen = list(BUILDERS)
    if not chosen:
        chosen = ["site"]
    project = get_project(ctx)
    warnings = run_guarded(build, project, chosen, strict=strict, log=lambda m: click.echo(m, err=True))
    print_diagnostics(warnings)
    click.echo(f"Construit dans {project.build_dir.relative_to(project.root)}/ : " + ", ".join(chosen))


def _register() -> None:
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name in (module_name, module_name.rsplit(".", 1)[0]):
                continue
            raise
        cli.add_command(module.command)


_register()


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="airf")


if __name__ == "__main__":
    main()
