"""Settings of the kit: the export's column titles, its role values, and the labels printed.

Defaults below; `private/kit.yml` (git-ignored, see docs/kit.md) adds the titles of another form
tool, maps role values, renames a role's label for everyone (`libelles`) or one person's label
(`personnes`: e-mail address or « Prénom Nom » → label). Mistakes in that file are French errors.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from airf_site.content.frontmatter import parse_yaml
from airf_site.errors import BuildError, did_you_mean

ROLES = {
    "membre": "Membre",
    "partenaire": "Partenaire",
    "equipe": "Équipe",
    "intervenant": "Intervenant",
}
"""Role id → label printed on badges when the export has no role column (or an empty cell).
Otherwise the badge prints the role as the organisers wrote it ("Intervenante", "Oratrice"),
or the label `private/kit.yml` gives it under `libelles`, or this person's own label (the export's
« Libellé du badge » column, `private/kit.yml`'s `personnes`): never a form nobody wrote.
Each role has its own colour in layouts/kit/kit.css."""

# Accepted column titles for each field (compared without case, accents or punctuation).
DEFAULT_COLUMNS: dict[str, list[str]] = {
    "prenom": ["prénom", "first name", "firstname", "given name"],
    "nom": ["nom", "nom de famille", "last name", "lastname", "surname"],
    # The name as the person also writes it in another script (Arabic, Tifinagh…), printed under it.
    "autre_ecriture": ["nom dans une autre écriture", "autre écriture", "nom en arabe", "prénom et nom en arabe",
                       "nom (autre écriture)", "native name"],
    "fonction": ["fonction", "poste", "titre", "qualité", "job title"],
    "collectivite": ["collectivité", "collectivité ou organisation", "organisation", "organisme",
                     "structure", "institution", "autorité", "company"],
    "pays": ["pays", "code pays", "country"],
    "role": ["rôle", "catégorie", "profil", "type de participant", "role", "category"],
    "email": ["e-mail", "email", "courriel", "adresse e-mail", "adresse électronique", "mail"],
    # This person's badge label, when it is not the role's ("Intervenante" among "Intervenant").
    "libelle": ["libellé du badge", "libellé badge", "libellé", "libellé du rôle", "intitulé du badge"],
}

# Role values found in exports → role id.
DEFAULT_ROLE_VALUES: dict[str, str] = {
    "membre": "membre", "membres": "membre", "elu": "membre", "elue": "membre", "member": "membre",
    "delegation membre": "membre",
    "partenaire": "partenaire", "partenaires": "partenaire", "partner": "partenaire",
    "bailleur": "partenaire", "observateur": "partenaire", "observatrice": "partenaire",
    "equipe": "equipe", "secretariat": "equipe", "secretariat permanent": "equipe",
    "staff": "equipe", "organisation": "equipe", "organisateur": "equipe",
    "intervenant": "intervenant", "intervenante": "intervenant", "intervenants": "intervenant",
    "intervenant e": "intervenant", "orateur": "intervenant", "oratrice": "intervenant",
    "speaker": "intervenant",
}

SETTINGS_FILE = "private/kit.yml"


def normalize(text: str) -> str:
    """Compare key: lower case, no accents, punctuation as spaces ('Rôle :' → 'role')."""
    # Typographic apostrophes (Babel writes "Côte d’Ivoire") count as plain ones.
    text = str(text).replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


@dataclass
class KitSettings:
    """Column and role mappings (defaults, updated by private/kit.yml when present)."""

    columns: dict[str, list[str]] = field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_COLUMNS.items()})
    roles: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ROLE_VALUES))
    labels: dict[str, str] = field(default_factory=dict)  # normalized role value → printed label
    # One person's label: e-mail address (lower case) or normalized « Prénom Nom » → (label, line
    # of private/kit.yml, the key as written), for "this Speaker is an Intervenante".
    people: dict[str, tuple[str, int, str]] = field(default_factory=dict)
    contacts: str | None = None  # path of the members' contacts export used by --relances
    source: str | None = None


def load_settings(root: Path) -> KitSettings:
    """Read `private/kit.yml` if it exists; raise BuildError (French) when it is malformed."""
    settings = KitSettings()
    path = root / SETTINGS_FILE
    if not path.exists():
        return settings
    settings.source = SETTINGS_FILE
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BuildError(f"{SETTINGS_FILE} : fichier illisible ({exc.__class__.__name__})") from None
    # The content's YAML parser: same bounds (aliases, size, depth) and French messages.
    data, lines, problems = parse_yaml(text, SETTINGS_FILE)
    errors = [d for d in problems if d.is_error]
    if errors:
        raise BuildError(f"{SETTINGS_FILE} : fichier illisible\n{errors[0].format()}")
    data = data or {}
    if not isinstance(data, dict):
        raise BuildError(f"{SETTINGS_FILE} : un ensemble « clé: valeur » est attendu")
    keys = ["colonnes", "roles", "libelles", "personnes", "contacts"]
    unknown = set(data) - set(keys)
    if unknown:
        name = sorted(unknown)[0]
        hint = did_you_mean(name, keys)
        raise BuildError(f"{SETTINGS_FILE} : réglage inconnu « {name} »" + (f" ({hint})" if hint else ""))
    for key, titles in (data.get("colonnes") or {}).items():
        if key not in settings.columns:
            hint = did_you_mean(str(key), settings.columns)
            raise BuildError(f"{SETTINGS_FILE} : colonne inconnue « {key} »" + (f" ({hint})" if hint else "")
                             + " ; champs possibles : " + ", ".join(settings.columns))
        titles = [titles] if isinstance(titles, str) else list(titles)
        # The editor's titles come first: they win over a default that also matches.
        settings.columns[key] = [str(t) for t in titles] + settings.columns[key]
    for value, role in (data.get("roles") or {}).items():
        if role not in ROLES:
            raise BuildError(f"{SETTINGS_FILE} : rôle « {role} » inconnu pour « {value} » ; rôles possibles : "
                             + ", ".join(ROLES))
        settings.roles[normalize(value)] = role
    labels = data.get("libelles") or {}
    if not isinstance(labels, dict):
        raise BuildError(f"{SETTINGS_FILE} : « libelles » attend des lignes « valeur de l'export: libellé imprimé », "
                         "par exemple « Speaker: Intervenante »")
    for value, label in labels.items():
        settings.labels[normalize(value)] = str(label).strip()
    people = data.get("personnes") or {}
    if not isinstance(people, dict) or not all(isinstance(v, str) and v.strip() for v in people.values()):
        raise BuildError(f"{SETTINGS_FILE}:{lines.get(('personnes',), 1)} : « personnes » attend des lignes "
                         "« adresse e-mail ou Prénom Nom: libellé imprimé », par exemple "
                         "« awa.diop@exemple.org: Intervenante »")
    for who, label in people.items():
        settings.people[person_key(str(who))] = (" ".join(label.split()), lines.get(("personnes", who), 1), str(who))
    if data.get("contacts"):
        settings.contacts = str(data["contacts"])
    return settings


def person_key(text: str) -> str:
    """Key of a person in `personnes`: an e-mail address in lower case, else the normalized name."""
    text = text.strip()
    return text.lower() if "@" in text else normalize(text)


def role_label(raw: str, settings: KitSettings) -> str:
    """The label printed for a role cell: private/kit.yml's `libelles`, else the cell as written
    (first letter in capitals: "intervenante" → "Intervenante"); "" for an empty cell."""
    raw = " ".join(raw.split())
    if not raw:
        return ""
    return settings.labels.get(normalize(raw)) or raw[0].upper() + raw[1:]
