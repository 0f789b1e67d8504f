"""`airf new <type> "Titre"`: create a content file (or a newsletter issue) ready to fill in.

The file is named date + ASCII slug, its front matter lists every field of the model with a
French explanation, and its path is printed so the editor can open it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from slugify import slugify

from airf_site.authoring.scaffold import KIND_FOLDERS, scaffold, scaffold_newsletter
from airf_site.content.loader import load_project
from airf_site.errors import AirfError, did_you_mean, relpath
from airf_site.project import Project

KINDS = list(KIND_FOLDERS) + ["lettre"]


def _parse_day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AirfError(f"date invalide « {value} » : format attendu AAAA-MM-JJ, par exemple 2026-03-01") from None


@click.command(name="new")
@click.argument("kind", metavar="TYPE")
@click.argument("title", metavar="TITRE")
@click.option("--date", "day", metavar="AAAA-MM-JJ", help="date du contenu (par défaut : aujourd'hui)")
@click.pass_context
def command(ctx: click.Context, kind: str, title: str, day: str | None) -> None:
    """Crée un nouveau contenu prêt à remplir et affiche son chemin.

    TYPE : actualite, fiche, evenement, appel, projet, page ou lettre (lettre d'information).
    Exemple : airf new actualite "Atelier à Rabat"
    """
    project = Project.load(ctx.find_root().obj or Path("."))
    # "actualité", "Événement", "lettres" → the ASCII name; anything else: a French message.
    wanted = slugify(kind).rstrip("s") if slugify(kind).rstrip("s") in KINDS else slugify(kind)
    if wanted not in KINDS:
        hint = did_you_mean(wanted, KINDS)
        click.echo(f"erreur : type de contenu inconnu « {kind} »" + (f" ; {hint}" if hint else ""), err=True)
        click.echo("types possibles : " + ", ".join(KINDS), err=True)
        sys.exit(1)
    kind = wanted
    try:
        if kind == "lettre":
            path = scaffold_newsletter(project, title, _parse_day(day))
        else:
            # The index (even with errors) gives real theme/project/member ids for the comments.
            index, _diags = load_project(project)
            path = scaffold(project, kind, title, _parse_day(day), index)
    except AirfError as exc:
        click.echo(f"erreur : {exc}", err=True)
        sys.exit(1)
    click.echo(relpath(path, project.root))
