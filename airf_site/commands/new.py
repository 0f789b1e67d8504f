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

from airf_site.authoring.scaffold import (
    KIND_FOLDERS,
    Presets,
    document_model,
    event_presets,
    match_id,
    scaffold,
    scaffold_newsletter,
)
from airf_site.content.index import ContentIndex
from airf_site.content.loader import load_project
from airf_site.content.models import EVENT_TYPES
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
@click.argument("title", metavar="TITRE", required=False)
@click.option("--date", "day", metavar="AAAA-MM-JJ", help="date du contenu (par défaut : aujourd'hui)")
@click.option("--type", "event_type", metavar="TYPE_EVENEMENT",
              help="pour un événement : " + ", ".join(EVENT_TYPES) + " (demandé s'il manque)")
@click.option("--en-ligne/--sur-place", "online", default=None,
              help="pour un événement : à distance ou en salle (par défaut : en ligne pour un webinaire)")
@click.option("--projet", "project_name", metavar="PROJET", help="projet (identifiant ou nom, ex. coopr)")
@click.option("--theme", "theme_names", metavar="THEME", multiple=True,
              help="priorité stratégique (identifiant ou nom ; option répétable)")
@click.option("--public", type=click.Choice(["membres", "partenaires"]), default=None,
              help="lettre : membres (mensuelle, AAAA-MM.md) ou partenaires (semestrielle, AAAA-sN.md)")
@click.pass_context
def command(ctx: click.Context, kind: str, title: str | None, day: str | None, event_type: str | None,
            online: bool | None, project_name: str | None, theme_names: tuple[str, ...],
            public: str | None) -> None:
    """Crée un nouveau contenu prêt à remplir et affiche son chemin.

    TYPE : actualite, fiche, evenement, appel, projet, page ou lettre (lettre d'information).
    Exemples : airf new actualite "Atelier à Rabat" ;
    airf new evenement "Webinaire eau" --type webinaire --projet coopr
    Lettre : airf new lettre --public membres --date 2026-12-18 → newsletters/2026-12.md
    (le titre est facultatif pour une lettre ; sans --public, la commande le demande).
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
            if public is None:
                public = click.prompt("Public de la lettre (membres : mensuelle ; partenaires : semestrielle)",
                                      type=click.Choice(["membres", "partenaires"]), err=True)
            path = scaffold_newsletter(project, public, _parse_day(day), title)
        elif not title:
            click.echo(f"erreur : titre manquant ; exemple : airf new {kind} \"Atelier à Rabat\"", err=True)
            sys.exit(1)
        else:
            # The index (even with errors) gives real theme/project/member ids for the comments.
            index, _diags = load_project(project)
            presets = _presets(kind, index, event_type, online, project_name, theme_names)
            path = scaffold(project, kind, title, _parse_day(day), index, presets)
    except AirfError as exc:
        click.echo(f"erreur : {exc}", err=True)
        sys.exit(1)
    click.echo(relpath(path, project.root))


def _presets(kind: str, index: ContentIndex, event_type: str | None, online: bool | None,
             project_name: str | None, theme_names: tuple[str, ...]) -> Presets:
    """What the options fix in the new file; ids come from the data, never from the title."""
    fields = document_model(kind).model_fields
    presets = Presets()
    if kind == "evenement":
        if event_type is None:
            if not sys.stdin.isatty():
                raise AirfError("précisez le type d'événement avec --type, par exemple --type webinaire ; "
                                "types possibles : " + ", ".join(EVENT_TYPES))
            event_type = click.prompt("Type d'événement", type=click.Choice(list(EVENT_TYPES)), default="webinaire")
        wanted = slugify(event_type)
        if wanted not in EVENT_TYPES:
            hint = did_you_mean(wanted, list(EVENT_TYPES)) or "types possibles : " + ", ".join(EVENT_TYPES)
            raise AirfError(f"type d'événement inconnu « {event_type} » ; {hint}")
        presets = event_presets(wanted, online)
    elif event_type is not None or online is not None:
        raise AirfError("--type, --en-ligne et --sur-place ne servent que pour un événement (airf new evenement)")
    values = dict(presets.values)
    if project_name is not None:
        if "projet" not in fields:
            raise AirfError(f"un contenu « {kind} » n'a pas de champ « projet »")
        projects = {p.id: p.titre for p in index.projects}
        ident = match_id(project_name, projects)
        if ident is None:
            raise AirfError(f"projet inconnu « {project_name} » ; projets existants : "
                            + ", ".join(f"{i} ({t})" for i, t in projects.items()))
        values["projet"] = ident
    if theme_names:
        if "themes" not in fields:
            raise AirfError(f"un contenu « {kind} » n'a pas de champ « themes »")
        themes = {t.id: t.titre for t in index.themes}
        chosen = []
        for name in theme_names:
            ident = match_id(name, themes)
            if ident is None:
                raise AirfError(f"thème inconnu « {name} » ; thèmes existants : " + ", ".join(themes))
            chosen.append(ident)
        values["themes"] = chosen
    return Presets(values, presets.skipped)
