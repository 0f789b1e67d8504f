"""The `airf` command line (click). Messages are in French: the editors read them.

Sub-commands of each output live in `commands/` (and `site/links.py`) and are added below.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from airf_site import cli_fr
from airf_site.build import TARGETS, build, check_project
from airf_site.commands import fiches as fiches_cmd
from airf_site.commands import importer as importer_cmd
from airf_site.commands import kit as kit_cmd
from airf_site.commands import new as new_cmd
from airf_site.commands import newsletter as newsletter_cmd
from airf_site.commands import report as report_cmd
from airf_site.commands import serve as serve_cmd
from airf_site.commands.common import OUTPUT_FORMAT, get_project, print_diagnostics, run_guarded, source_files
from airf_site.errors import plural, relpath
from airf_site.project import Project
from airf_site.site import links as links_cmd

cli_fr.install()

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".",
              help="dossier du projet (par défaut : le dossier courant)")
@click.pass_context
def cli(ctx: click.Context, root: Path) -> None:
    """Outils de communication de l'AIRF : site, lettres d'information, rapport annuel."""
    ctx.obj = root


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
    index, diags = run_guarded(check_project, project, strict=strict, checking=True)
    if links:
        from airf_site.site.links import check_links, document_sources

        site = project.build_dir / "site"
        if not site.is_dir():
            click.echo("erreur : le site n'est pas encore construit ; lancez d'abord « make site »", err=True)
            sys.exit(1)
        link_diags = check_links(site, project.site_url, display_root=project.root,
                                 sources=document_sources(project.root, index))
        diags = sorted(set(diags) | set(link_diags))
        if any(d.is_error for d in link_diags) or (strict and link_diags):
            print_diagnostics(diags, strict=True, checking=True)
            sys.exit(1)
    print_diagnostics(diags, checking=True)
    count = len(source_files(project))
    checked = f"{plural(count, 'fichier')} vérifié{'s' if count > 1 else ''}"
    click.echo(f"{checked} : rien de bloquant." if diags else f"Tout est correct : {checked}.")


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
        chosen = list(TARGETS)
    if not chosen:
        chosen = ["site"]
    project = get_project(ctx)
    started = time.monotonic()
    warnings = run_guarded(build, project, chosen, strict=strict, log=lambda m: click.echo(m, err=True))
    print_diagnostics(warnings)
    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
    click.echo(f"Construit en {seconds} s :")
    for line in built_summary(project, chosen):
        click.echo(f"  - {line}")


def built_summary(project: Project, targets: list[str]) -> list[str]:
    """One French line per output built: what it is and where to find it."""
    build = project.build_dir

    def count(folder: Path, pattern: str) -> int:
        return len(list(folder.glob(pattern))) if folder.is_dir() else 0

    lines = []
    if "site" in targets:
        lines.append(f"le site web : {relpath(build / 'site' / 'index.html', project.root)} "
                     "(« make serve » pour le parcourir)")
    if "newsletters" in targets:
        lines.append(f"les lettres d'information : {relpath(build / 'newsletters', project.root)}/ "
                     f"({plural(count(build / 'newsletters', '*/brevo.html'), 'lettre')}, brevo.html à importer dans Brevo)")
    if "report" in targets:
        lines.append(f"le rapport annuel : {relpath(build / 'report', project.root)}/ "
                     f"({count(build / 'report', '*.pdf')} PDF : écran et imprimeur)")
    if "fiches" in targets:
        lines.append(f"les fiches techniques : {relpath(build / 'fiches', project.root)}/ "
                     f"({count(build / 'fiches', '*.pdf')} PDF)")
    return lines


for _command in (newsletter_cmd.command, report_cmd.command, fiches_cmd.command, kit_cmd.command,
                 serve_cmd.command, new_cmd.command, links_cmd.command, importer_cmd.command):
    cli.add_command(_command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="airf")


if __name__ == "__main__":
    main()
