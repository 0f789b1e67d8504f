"""Scaffolding for `airf new`: a new content file with every field, commented in French.

The front matter is generated from the pydantic models (field order, required or not, the
field's French description, read by `authoring/fielddocs.py`), so a new field in a model shows up in new files without anyone
editing this module. Required fields get a *valid* placeholder (the file loads and previews at
once) marked « À compléter »; `find_placeholders` reports the markers left, so nothing half
written is published.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from slugify import slugify

from airf_site.authoring.fielddocs import FieldDoc, field_docs
from airf_site.content.index import ContentIndex
from airf_site.content.models import KINDS
from airf_site.content.placeholders import TODO, TODO_URL, check_placeholders, find_placeholders  # noqa: F401
from airf_site.errors import relpath

# kind name used on the command line → content folder
KIND_FOLDERS = {
    "actualite": "actualites",
    "fiche": "fiches",
    "evenement": "evenements",
    "appel": "appels",
    "projet": "projets",
    "page": "pages",
}
# Optional in the model but required by a cross-check (an event needs a place or en_ligne).
REQUIRED_IN_PRACTICE = {("evenement", "lieu")}
# Required values the scaffold picks so the file loads (a real member...), to be checked.
ARBITRARY = {
    "collectivite": "identifiant du membre concerné (content/donnees/membres.yml)",
    "pays": "code pays de ce membre",
}
# Fields written by `airf importer` only: a new file has no use for them.
IMPORT_ONLY = frozenset({"guid"})
# Fields only one kind of event uses: a webinar has no venue, a meeting in a room no replay.
ONLINE_ONLY = frozenset({"en_ligne", "replay"})
IN_PERSON_ONLY = frozenset({"lieu"})
ONLINE_TYPES = frozenset({"webinaire"})
# Undated kinds are named by their slug only: their URL is what matters, not a date.
UNDATED = {"projet", "page"}

# Per-kind examples where a generic placeholder would not read well or would not validate.
EXAMPLES: dict[str, dict[str, Any]] = {
    "*": {
        "image": "images/actualites/photo.jpg",
        "image_alt": "Ce que montre la photo, en une phrase",
        "themes": "francophonie-des-territoires",
        "projet": "coopr",
        "auteur": "Secrétariat permanent",
        "etiquettes": "décentralisation",
        "slug": "mon-adresse-web",
        "guid": "https://ancien-site.example.org/?p=123",
        "pays": "MA",
        "couleur": "#1d4e89",
        "devise": "EUR",
        "fuseau": "Europe/Paris",
        "lieu": f"{TODO} : salle, ville, pays",
        "montant_min": 10000,
        "montant_max": 50000,
        "participants": 40,
        "annee_debut": None,  # filled with the current year
        "ordre": 100,
        "contact": f"{TODO} : fonction de la personne à contacter (pas d'e-mail personnel)",
    },
}
# Examples inside nested records (programme, chiffres_cles, images).
SUB_EXAMPLES: dict[str, Any] = {
    "src": "images/fiches/photo.jpg",
    "alt": "Ce que montre la photo",
    "legende": "Légende sous la photo",
    "valeur": "120",
    "libelle": "agents formés",
    "debut": "09:30",
    "fin": "10:30",
    "titre": "Ouverture",
    "intervenant": "Présidence de l'AIRF",
    "salle": "Salle plénière",
    "jour": "2026-03-01",
}

BODY = {
    "actualite": f"{TODO} : le texte de l'actualité, en Markdown (paragraphes, ## intertitres, listes « - »).",
    "fiche": f"{TODO} : texte complémentaire de la fiche en Markdown (facultatif : vous pouvez effacer cette ligne).",
    "evenement": f"{TODO} : présentation de l'événement. Après l'événement, ajoutez une section "
                 "« ## Compte rendu ».",
    "appel": f"{TODO} : présentation de l'appel, conditions, pièces à fournir.",
    "projet": f"{TODO} : présentation du projet, en Markdown.",
    "page": f"{TODO} : le contenu de la page, en Markdown.",
    # The layout writes the greeting (« Bonjour Prénom, »): the issue starts with the editorial.
    "lettre": f"{TODO} : l'éditorial de la lettre, en Markdown, sans salutation (la lettre commence déjà "
              "par « Bonjour Prénom, »). Les actualités, événements, appels et fiches s'ajoutent tout "
              "seuls (« auto »).",
}


@dataclass(frozen=True)
class Presets:
    """Values the editor chose on the command line (event type, project, themes) and the
    fields that do not apply to that choice (left out of the new file)."""

    values: dict[str, Any] = field(default_factory=dict)
    skipped: frozenset[str] = frozenset()


def event_presets(event_type: str, online: bool | None = None) -> Presets:
    """Presets of a new event: its type, and only the fields that kind of event uses."""
    online = event_type in ONLINE_TYPES if online is None else online
    values: dict[str, Any] = {"type": event_type}
    if online:
        values["en_ligne"] = True
    return Presets(values, IN_PERSON_ONLY if online else ONLINE_ONLY)


def _folded(text: str) -> str:
    return "".join(ch for ch in slugify(text) if ch.isalnum())


def match_id(wanted: str, choices: dict[str, str]) -> str | None:
    """The id in `choices` ({id: title}) that `wanted` names, by id or title, ignoring case,
    accents and punctuation ("COOP'R", "Coop’R" and "coopr" all name `coopr`)."""
    key = _folded(wanted)
    for ident, title in choices.items():
        if key in (_folded(ident), _folded(title)):
            return ident
    return None


def _yaml_scalar(value: Any) -> str:
    """A YAML scalar that round-trips: strings double-quoted (JSON is valid YAML)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _placeholder(kind_name: str, fdoc: FieldDoc, title: str, day: dt.date, index: ContentIndex | None) -> Any:
    """A valid value for a required field (marked « À compléter » when it is text)."""
    name = fdoc.name
    if name in ("titre", "objet"):
        return title
    if name == "collectivite":
        return index.members[0].id if index and index.members else "identifiant-du-membre"
    if name == "pays":
        return index.members[0].pays if index and index.members else "MA"
    if name == "lieu":
        return EXAMPLES["*"]["lieu"]
    if name == "annee_debut":
        return day.year
    if name == "debut" and fdoc.kind == "date et heure":
        return dt.datetime.combine(day, dt.time(9, 30))
    if name == "fin" and fdoc.kind == "date et heure":
        return dt.datetime.combine(day, dt.time(17, 0))
    if name == "date_limite":
        return day + dt.timedelta(days=60)
    if fdoc.choices:
        return "atelier" if "atelier" in fdoc.choices else fdoc.choices[0]
    if fdoc.kind == "date":
        return day
    if fdoc.kind == "adresse web":
        return TODO_URL
    if fdoc.kind == "couleur":
        return "#1d4e89"
    if fdoc.kind == "nombre entier":
        return 0
    if fdoc.kind.startswith("liste"):
        return [f"{TODO} : {fdoc.description}"]
    example = EXAMPLES["*"].get(name)
    if isinstance(example, str) and example.startswith(TODO):
        return example
    return f"{TODO} : {fdoc.description}"


def _comment(fdoc: FieldDoc, index: ContentIndex | None) -> str:
    status = "Obligatoire" if fdoc.required else "Facultatif"
    text = f"# {status} ({fdoc.kind}) : {fdoc.description}."
    if fdoc.choices:
        text += " Valeurs possibles : " + ", ".join(fdoc.choices) + "."
    if index is not None and fdoc.name == "themes" and index.themes:
        text += " Thèmes : " + ", ".join(t.id for t in index.themes) + "."
    if index is not None and fdoc.name == "projet" and index.projects:
        text += " Projets : " + ", ".join(p.id for p in index.projects) + "."
    return text


def _example_block(sub: type[BaseModel]) -> list[str]:
    """A commented example item of a list of nested records (programme, chiffres_cles, images)."""
    lines = []
    for i, fdoc in enumerate(field_docs(sub)):
        value = _yaml_scalar(SUB_EXAMPLES.get(fdoc.name, "…"))
        status = "obligatoire" if fdoc.required else "facultatif"
        prefix = "#   - " if i == 0 else "#     "
        lines.append(f"{prefix}{fdoc.name}: {value}    # {fdoc.description} ({status})")
    return lines


def render_front_matter(kind_name: str, title: str, day: dt.date, index: ContentIndex | None = None,
                        presets: Presets | None = None) -> str:
    """The commented YAML header (without the ``---`` lines) for a new `kind_name` document."""
    presets = presets or Presets()
    model = document_model(kind_name)
    label = getattr(model, "label", "lettre d'information")
    out = [f"# Nouveau contenu « {label} ». Chaque champ est précédé d'une explication.",
           f"# Remplacez chaque « {TODO} » ; un champ facultatif peut rester vide.",
           "# Guide complet : docs/guide-redaction.md"]
    for fdoc in field_docs(model):
        if fdoc.name in presets.skipped or fdoc.name in IMPORT_ONLY:
            continue
        out.append("")
        out.append(_comment(fdoc, index))
        if fdoc.name in presets.values:
            value = presets.values[fdoc.name]
        elif fdoc.required or (kind_name, fdoc.name) in REQUIRED_IN_PRACTICE:
            value = _placeholder(kind_name, fdoc, title, day, index)
        else:
            info = model.model_fields[fdoc.name]
            value = info.get_default(call_default_factory=True)
            example = EXAMPLES["*"].get(fdoc.name)
            if fdoc.name == "image":
                example = f"images/{KIND_FOLDERS.get(kind_name, 'actualites')}/photo.jpg"
            if fdoc.name == "fuseau":
                value = "Europe/Paris"
            elif example is not None and value in (None, [], "") and not fdoc.submodel:
                shown = _yaml_scalar(example)
                if isinstance(value, list):
                    shown = f"[{shown}]"
                out.append(f"# Exemple : {fdoc.name}: {shown}")
        if fdoc.submodel is not None:
            out.append(f"# Exemple : pour l'utiliser, retirez les « # » des lignes ci-dessous "
                       f"et supprimez la ligne « {fdoc.name}: [] ».")
            out.append(f"# {fdoc.name}:")
            out.extend(_example_block(fdoc.submodel))
        if isinstance(value, list):
            if value:
                out.append(f"{fdoc.name}:")
                out.extend(f"  - {_yaml_scalar(v)}" for v in value)
            else:
                out.append(f"{fdoc.name}: []")
        else:
            line = f"{fdoc.name}: {_yaml_scalar(value)}".rstrip()
            if fdoc.required and fdoc.name in ARBITRARY:
                # A real id so the file loads, but not the editor's choice: flagged until edited.
                line += f"  # {TODO} : {ARBITRARY[fdoc.name]} (puis effacez ce commentaire)"
            out.append(line)
    return "\n".join(out) + "\n"


def render_document(kind_name: str, title: str, day: dt.date, index: ContentIndex | None = None,
                    presets: Presets | None = None) -> str:
    """A complete new Markdown file: commented front matter and a placeholder body."""
    return f"---\n{render_front_matter(kind_name, title, day, index, presets)}---\n\n{BODY[kind_name]}\n"


def target_path(content_dir: Path, kind_name: str, title: str, day: dt.date) -> Path:
    """content/<folder>/<AAAA-MM-JJ>-<ascii-slug>.md (no date for pages and projects)."""
    slug = slugify(title) or "sans-titre"
    name = slug if kind_name in UNDATED else f"{day.isoformat()}-{slug}"
    return content_dir / KIND_FOLDERS[kind_name] / f"{name}.md"


def scaffold(project, kind_name: str, title: str, day: dt.date | None = None,
             index: ContentIndex | None = None, presets: Presets | None = None) -> Path:
    """Write the new file and return its path; refuse to overwrite an existing one."""
    from airf_site.errors import AirfError

    if kind_name not in KIND_FOLDERS:
        raise AirfError(f"type de contenu inconnu « {kind_name} » ; types possibles : " + ", ".join(KIND_FOLDERS))
    day = day or project.now.date()
    path = target_path(project.content_dir, kind_name, title, day)
    if path.exists():
        raise AirfError(f"{relpath(path, project.root)} existe déjà ; choisissez un autre titre "
                        "ou modifiez le fichier existant")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_document(kind_name, title, day, index, presets), encoding="utf-8", newline="\n")
    return path


def document_model(kind_name: str) -> type[BaseModel]:
    """The pydantic model of a kind given by its command-line name (`lettre`: a newsletter issue)."""
    if kind_name == "lettre":
        from airf_site.newsletter.model import Lettre

        return Lettre
    return KINDS[KIND_FOLDERS[kind_name]]


# Default subject of a new issue, by audience (the editor rewrites it).
NEWSLETTER_SUBJECTS = {
    "membres": "Lettre de l'AIRF – {period}",
    "partenaires": "L'AIRF et ses partenaires – {period}",
}


def scaffold_newsletter(project, public: str, day: dt.date | None = None, title: str | None = None) -> Path:
    """A new issue named by the naming scheme: newsletters/AAAA-MM.md (members) or AAAA-sN.md (partners).

    Refuses to overwrite an existing issue of the same period.
    """
    from airf_site.errors import AirfError
    from airf_site.newsletter.model import expected_id, issue_period

    if public not in NEWSLETTER_SUBJECTS:
        raise AirfError(f"public inconnu « {public} » ; valeurs possibles : membres, partenaires")
    day = day or project.now.date()
    path = project.newsletters_dir / f"{expected_id(public, day)}.md"
    if path.exists():
        raise AirfError(f"{relpath(path, project.root)} existe déjà : c'est la lettre de cette période ; "
                        "modifiez-la, ou choisissez une autre date avec --date AAAA-MM-JJ")
    # Written into the editor's Markdown: plain spaces there (outputs are typeset when built).
    title = title or NEWSLETTER_SUBJECTS[public].format(period=issue_period(public, day).replace("\u00a0", " "))
    text = render_document("lettre", title, day)
    # The model's first choice is « membres »: write the audience asked for.
    text = text.replace('\npublic: "membres"\n', f'\npublic: "{public}"\n', 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path
