"""Documentation generated from the content models: the guide's field reference, Decap's config.

docs/guide-redaction.md is hand-written French prose with one generated section between two
markers; `python -m airf_site.authoring.guide` rewrites that section from the pydantic models (field,
required or not, type, description, example), so the guide never lists a field that no longer
exists nor misses a new one. `python -m airf_site.authoring.guide --verifier` exits 1 when the file is
out of date (the tests do the same). The same run writes content/admin/config.yml, the Decap CMS
forms, from the same field descriptions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from airf_site.authoring.fielddocs import FieldDoc, field_docs
from airf_site.authoring.scaffold import KIND_FOLDERS
from airf_site.content.models import KINDS, ChiffreCle, ImageRef, Membre, Partenaire, Seance, Theme

# Files of the project checkout (relative to its root), never of the installed package.
GUIDE = Path("docs") / "guide-redaction.md"
BEGIN = "<!-- debut: reference-des-champs (généré par « python -m airf_site.authoring.guide », ne pas modifier à la main) -->"
END = "<!-- fin: reference-des-champs -->"

# A realistic example per field name (the AIRF's own vocabulary), used in the tables.
EXAMPLES: dict[str, str] = {
    "guid": "https://ancien-site.example.org/?p=123",
    "titre": "Atelier ESS à Rabat", "slug": "atelier-ess-rabat", "brouillon": "false",
    "date": "2026-03-01", "resume": "Trois jours d'échanges entre élus et techniciens sur l'ESS.",
    "image": "images/actualites/atelier-rabat.jpg", "image_alt": "Participants autour d'une table de travail",
    "themes": "[francophonie-economique]", "projet": "terress", "auteur": "Secrétariat permanent",
    "etiquettes": "[ESS, formation]", "collectivite": "rabat-sale-kenitra", "pays": "MA",
    "contexte": "La région veut structurer ses coopératives agricoles.",
    "actions": "- Diagnostic des coopératives", "resultats": "- 12 coopératives accompagnées",
    "chiffres_cles": "- valeur: \"120\"<br>  libelle: agents formés", "enseignements": "- Associer les élus dès le départ",
    "contact": "Direction de la coopération", "images": "- src: images/fiches/kenitra-1.jpg<br>  alt: Serre collective",
    "type": "webinaire", "debut": "2026-03-01 14:30", "fin": "2026-03-01 16:00", "fuseau": "Africa/Casablanca",
    "lieu": "Hôtel de région, Rabat, Maroc", "lieu_plan": "images/evenements/plan-acces-lyon.png", "en_ligne": "true", "inscription": "https://forms.example.org/inscription",
    "date_limite_inscription": "2026-02-25", "replay": "https://video.example.org/replay",
    "compte_rendu": "https://www.regions-francophones.org/cr.pdf", "participants": "85",
    "programme": "- debut: \"09:30\"<br>  titre: Ouverture", "date_limite": "2026-04-30",
    "bailleur": "Agence française de développement", "montant_min": "10000", "montant_max": "50000",
    "devise": "EUR", "eligibles": "Collectivités membres de l'AIRF", "lien": "https://www.afd.fr/appel-exemple",
    "nom_complet": "Coopération interrégionale sur l'économie sociale et solidaire", "annee_debut": "2025",
    "cofinanceur": "Ministère de l'Europe et des Affaires étrangères", "couleur": "\"#c0392b\"",
    "ordre": "10", "menu": "true", "src": "images/fiches/kenitra-1.jpg", "alt": "Serre collective à Kénitra",
    "legende": "La serre collective de Kénitra", "valeur": "\"3,5 M€\"", "libelle": "investis",
    "jour": "2026-06-24", "intervenant": "Présidence de l'AIRF", "salle": "Salle plénière",
    "id": "rabat-sale-kenitra", "numero": "1", "nom": "Région Rabat-Salé-Kénitra", "site": "https://www.region-rsk.ma",
    "adhesion": "2002", "logo": "images/partenaires/meae.png", "description": "Cofinanceur des projets COOP'R et TERR'ESS",
    "objet": "Lettre de l'AIRF – novembre 2026", "apercu": "Bilan des ateliers, appels à projets et agenda.",
    "public": "membres", "actualites": "auto", "evenements": "auto", "appels": "[appel-afd-2026]", "fiches": "auto",
}
# Where the shared example would read oddly for a kind (an appel titled like a workshop...).
KIND_EXAMPLES: dict[str, dict[str, str]] = {
    "Appel à projets": {"titre": "Fonds d'appui à la coopération décentralisée 2026",
                        "resume": "Cofinancement de projets de coopération entre collectivités.", "date": "2026-02-15"},
    "Fiche technique": {"titre": "Kénitra : des serres collectives pour les coopératives",
                        "resume": "Comment la région a équipé 12 coopératives agricoles.", "projet": "coopr",
                        "themes": "[environnement-eau-energies-climat]"},
    "Projet": {"titre": "TERR'ESS", "resume": "Coopération interrégionale sur l'économie sociale et solidaire.",
               "image": "images/projets/terress.jpg"},
    "Page": {"titre": "Qui sommes-nous ?", "resume": "L'AIRF, réseau des régions francophones depuis 2002."},
    "Événement": {"titre": "Webinaire COOP'R : trames vertes et bleues", "image": "images/evenements/webinaire.jpg"},
    "Lettre d'information": {"titre": "La lettre de l'AIRF – novembre 2026", "date": "2026-11-30"},
    "Séance d'un programme (élément de « programme »)": {"titre": "Ouverture", "debut": "09:30", "fin": "10:30"},
    "Thème": {"id": "francophonie-economique", "titre": "Francophonie économique", "numero": "2",
              "resume": "Rencontres d'affaires, investissements, économie sociale et solidaire.",
              "couleur": "\"#c0392b\""},
    "Membre": {"type": "région", "pays": "MA"},
    "Partenaire": {"id": "meae", "nom": "Ministère de l'Europe et des Affaires étrangères", "type": "financier",
                   "site": "https://www.diplomatie.gouv.fr"},
}
SECTIONS: list[tuple[str, str, type[BaseModel] | str]] = [
    ("Actualité", "content/actualites/", "actualite"),
    ("Événement", "content/evenements/", "evenement"),
    ("Appel à projets", "content/appels/", "appel"),
    ("Fiche technique", "content/fiches/", "fiche"),
    ("Projet", "content/projets/", "projet"),
    ("Page", "content/pages/", "page"),
    ("Lettre d'information", "newsletters/", "lettre"),
    ("Séance d'un programme (élément de « programme »)", "dans un événement", Seance),
    ("Chiffre clé (élément de « chiffres_cles »)", "dans une fiche", ChiffreCle),
    ("Image (élément de « images »)", "dans une fiche", ImageRef),
    ("Thème", "content/donnees/themes.yml", Theme),
    ("Membre", "content/donnees/membres.yml", Membre),
    ("Partenaire", "content/donnees/partenaires.yml", Partenaire),
]


def _model(entry: type[BaseModel] | str) -> type[BaseModel] | None:
    if not isinstance(entry, str):
        return entry
    if entry == "lettre":
        try:
            from airf_site.newsletter.model import Lettre
        except ImportError:  # the newsletter output is optional
            return None
        return Lettre
    return KINDS[KIND_FOLDERS[entry]]


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _row(fdoc: FieldDoc, section: str) -> str:
    kind = fdoc.kind + (" : " + ", ".join(f"`{c}`" for c in fdoc.choices) if fdoc.choices else "")
    example = KIND_EXAMPLES.get(section, {}).get(fdoc.name) or EXAMPLES.get(fdoc.name, "")
    example = f"`{example}`" if example and "<br>" not in example else example
    if "<br>" in example:
        example = "<code>" + example.replace("<br>", "</code><br><code>").replace(" ", "&nbsp;") + "</code>"
    required = "**oui**" if fdoc.required else "non"
    return f"| `{fdoc.name}` | {required} | {_cell(kind)} | {_cell(fdoc.description)} | {_cell(example)} |"


def render_reference() -> str:
    """The generated Markdown section: one table per kind of content and data record (pure)."""
    out = [BEGIN, "", "## Référence des champs", "",
           "Chaque tableau liste **tous** les champs acceptés dans l'en-tête (entre les deux lignes `---`). "
           "Un champ absent de ces tableaux est refusé (« champ inconnu »). Les champs obligatoires doivent "
           "être présents et remplis ; les autres peuvent être omis ou laissés vides.", ""]
    for title, where, entry in SECTIONS:
        model = _model(entry)
        if model is None:
            continue
        out += [f"### {title} — `{where}`", ""]
        if entry == "lettre":
            out += ["Créer : `airf new lettre --public membres` (ou `partenaires`) → `newsletters/AAAA-MM.md` "
                    "(membres) ou `newsletters/AAAA-sN.md` (partenaires, N = 1 ou 2)", ""]
        elif isinstance(entry, str):
            out += [f"Créer : `airf new {entry} \"Titre\"`", ""]
        out += ["| champ | obligatoire | type | description | exemple |", "|---|---|---|---|---|"]
        out += [_row(fdoc, title) for fdoc in field_docs(model)]
        out.append("")
    out.append(END)
    return "\n".join(out)


def update(text: str) -> str:
    """`text` with its generated section replaced by a fresh one (markers must be present)."""
    start, end = text.index(BEGIN), text.index(END) + len(END)
    return text[:start] + render_reference() + text[end:]


def main(argv: list[str], root: Path | None = None) -> int:
    """Rewrite the guide's reference and the Decap config of the project at `root` (the current
    folder by default), or with --verifier check them."""
    root = root or Path.cwd()
    guide, decap = root / GUIDE, root / DECAP_CONFIG
    if not guide.is_file():
        print(f"{GUIDE} introuvable : lancez la commande à la racine du projet (make guide)", file=sys.stderr)
        return 1
    text = guide.read_text(encoding="utf-8")
    targets = [(guide, text, update(text))]
    old_decap = decap.read_text(encoding="utf-8") if decap.exists() else ""
    targets.append((decap, old_decap, render_decap_config(decap_data(root / "content"))))
    stale = [path for path, old, fresh in targets
             if (old != fresh if path == guide else decap_structure(old) != decap_structure(fresh))]
    if "--verifier" in argv:
        for path in stale:
            print(f"{path.name} n'est pas à jour : lancez « python -m airf_site.authoring.guide »", file=sys.stderr)
        return 1 if stale else 0
    for path, old, fresh in targets:
        if old != fresh:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(fresh, encoding="utf-8", newline="\n")
            print(f"{path} mis à jour")
    return 0


def fields_of_every_model() -> dict[str, list[str]]:
    """Section title → field names: what the tests expect to find in the guide."""
    result: dict[str, Any] = {}
    for title, _where, entry in SECTIONS:
        model = _model(entry)
        if model is not None:
            result[title] = list(model.model_fields)
    return result



# --- Decap CMS configuration (content/admin/config.yml), generated from the same models ---

DECAP_CONFIG = Path("content") / "admin" / "config.yml"
DECAP_HEADER = """\
# Configuration de Decap CMS (édition dans le navigateur, facultative).
# GÉNÉRÉE à partir des modèles par « python -m airf_site.authoring.guide » : ne pas modifier à la main.
# Utilisation et choix de publication : docs/publication.md (section Decap CMS).
"""
LONG_TEXT = {"resume", "contexte", "eligibles", "description"}
DATED = {"actualite", "fiche", "evenement", "appel"}


def _decap_widget(fdoc: FieldDoc, data: dict[str, list[tuple[str, str]]]) -> dict[str, Any]:
    """Decap widget settings for one field (select lists fed by the data files)."""
    name, kind = fdoc.name, fdoc.kind
    if name == "themes" and data.get("themes"):
        return {"widget": "select", "multiple": True, "options": _options(data["themes"])}
    if name == "projet" and data.get("projets"):
        return {"widget": "select", "options": _options(data["projets"])}
    if name == "collectivite" and data.get("membres"):
        return {"widget": "select", "options": _options(data["membres"])}
    if fdoc.submodel is not None:
        return {"widget": "list", "fields": [_decap_field(sub, data) for sub in field_docs(fdoc.submodel)]}
    if fdoc.choices:
        return {"widget": "select", "options": list(fdoc.choices)}
    if kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}
    if kind == "date et heure":
        return {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "DD/MM/YYYY", "time_format": "HH:mm"}
    if kind == "oui/non (true/false)":
        return {"widget": "boolean"}
    if kind == "nombre entier":
        return {"widget": "number", "value_type": "int"}
    if kind == "couleur":
        return {"widget": "color"}
    if kind.startswith("liste"):
        return {"widget": "list"}
    widget: dict[str, Any] = {"widget": "text" if name in LONG_TEXT else "string"}
    if kind == "adresse web":
        widget["pattern"] = ["^https?://", "l'adresse doit commencer par https://"]
    elif kind == "identifiant":
        widget["pattern"] = ["^[a-z0-9]+(-[a-z0-9]+)*$", "minuscules sans accent, chiffres et tirets"]
    elif kind == "heure":
        widget["pattern"] = ["^[0-2][0-9]:[0-5][0-9]$", "format HH:MM, par exemple 09:30"]
    elif name in ("image", "src", "logo"):
        widget["widget"] = "image"
    return widget


def _options(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in pairs]


def _decap_field(fdoc: FieldDoc, data: dict) -> dict[str, Any]:
    field = {"label": fdoc.name.replace("_", " ").capitalize(), "name": fdoc.name, "required": fdoc.required,
             "hint": fdoc.description}
    field.update(_decap_widget(fdoc, data))
    return field


def render_decap_config(data: dict[str, list[tuple[str, str]]], repo: str = "airf/airf-site") -> str:
    """content/admin/config.yml for every content kind (pure: `data` gives the select options)."""
    import yaml

    collections = []
    for title, where, entry in SECTIONS:
        if not isinstance(entry, str) or entry == "lettre":
            continue  # newsletters' "auto or list" selections have no Decap widget: edit them in git
        model = KINDS[KIND_FOLDERS[entry]]
        folder = where.rstrip("/")
        collections.append({
            "name": KIND_FOLDERS[entry], "label": title, "label_singular": title, "folder": folder,
            "create": True, "extension": "md", "format": "frontmatter", "identifier_field": "titre",
            "slug": "{{year}}-{{month}}-{{day}}-{{slug}}" if entry in DATED else "{{slug}}",
            "summary": "{{titre}}", "sortable_fields": ["titre"] + (["date"] if "date" in model.model_fields else []),
            "fields": [_decap_field(fdoc, data) for fdoc in field_docs(model)]
            + [{"label": "Texte", "name": "body", "widget": "markdown", "required": False}],
        })
    config = {
        "locale": "fr",
        "backend": {"name": "github", "repo": repo, "branch": "main",
                    "commit_messages": {"create": "Nouveau contenu {{collection}} « {{slug}} »",
                                        "update": "Mise à jour {{collection}} « {{slug}} »",
                                        "delete": "Suppression {{collection}} « {{slug}} »"}},
        # `npx decap-server` + `airf serve`: edit the local checkout, no account, no third party.
        "local_backend": True,
        "publish_mode": "editorial_workflow",
        "media_folder": "content/images/uploads",
        "public_folder": "images/uploads",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    return DECAP_HEADER + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=110)


def decap_structure(text: str) -> Any:
    """A Decap config without the select lists fed by content/donnees/ (members come and go):
    what must match the models. Those lists are refreshed by `airf serve` on the fly."""
    import yaml

    config = yaml.safe_load(text) if text else None
    for collection in (config or {}).get("collections", []):
        for field in collection["fields"]:
            if field["name"] in DATA_FIELDS:
                field.pop("options", None)
    return config


DATA_FIELDS = ("themes", "projet", "collectivite")


def decap_data(content_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """(value, label) choices for themes, projects and members, read from the content."""
    import yaml

    def records(name: str, label: str) -> list[tuple[str, str]]:
        path = content_dir / "donnees" / name
        items = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
        return sorted((str(i["id"]), str(i.get(label, i["id"]))) for i in items or [] if isinstance(i, dict) and "id" in i)

    projets = sorted((p.stem, p.stem) for p in (content_dir / "projets").glob("*.md"))
    return {"themes": records("themes.yml", "titre"), "membres": records("membres.yml", "nom"), "projets": projets}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
