"""`airf importer <outil> <chemin> [--ecrire]`: bring an existing site's posts in (dry run first)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from airf_site.authoring.importer import READERS, plan_import, render_report, write_import
from airf_site.commands.common import get_project
from airf_site.content.loader import load_project


@click.command(name="importer")
@click.argument("tool", metavar="OUTIL", type=click.Choice(sorted(READERS)))
@click.argument("source", metavar="CHEMIN", type=click.Path(exists=True, path_type=Path))
@click.option("--ecrire", is_flag=True, help="écrit les fichiers (sans cette option : simulation, rien n'est écrit)")
@click.pass_context
def command(ctx: click.Context, tool: str, source: Path, ecrire: bool) -> None:
    """Importe les articles d'un autre site dans content/actualites/.

    OUTIL : wordpress (fichier d'export XML), jekyll (dossier du site), hugo (dossier du site) ou
    mkdocs (dossier du blog Material). Exemple : airf importer wordpress export.xml
    """
    project = get_project(ctx)
    index, _diags = load_project(project)
    try:
        plan = plan_import(project, index, tool, source)
    except (ValueError, OSError) as exc:
        click.echo(f"erreur : lecture de {source} impossible : {exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # an export we do not understand must never end in a traceback
        name = type(exc).__name__
        click.echo(f"erreur : {source} n'est pas un export {tool} lisible ({name})", err=True)
        sys.exit(1)
    if ecrire:
        write_import(project, plan)
    click.echo(render_report(project, plan, wrote=ecrire), nl=False)
