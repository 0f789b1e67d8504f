"""newsletters/config.yml: the Brevo settings every e-mail of the association uses (sender,
contact attribute names, lists), and Brevo's own template tags."""

from __future__ import annotations

import re
from typing import Literal

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, field_validator

from airf_site.content.fields import Text, Url
from airf_site.content.frontmatter import ParsedFile, decode, parse_yaml
from airf_site.content.validation import validate
from airf_site.errors import Diagnostic, relpath
from airf_site.project import Project

CONFIG_NAME = "config.yml"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Expediteur(Strict):
    nom: Text = Field(description="nom de l'expéditeur affiché")
    email: Text = Field(description="adresse d'expédition validée dans Brevo")

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise ValueError(f"adresse e-mail invalide « {value} »")
        return value


class Limites(Strict):
    actualites: int = Field(6, ge=0, le=20)
    evenements: int = Field(5, ge=0, le=20)
    appels: int = Field(5, ge=0, le=20)
    fiches: int = Field(3, ge=0, le=20)


class Config(Strict):
    """newsletters/config.yml: Brevo settings and selection rules."""

    expediteur: Expediteur
    repondre_a: Text | None = None
    listes: dict[Literal["membres", "partenaires"], list[int]] = Field(default_factory=dict,
                                                                       description="identifiants des listes Brevo par public")
    attribut_prenom: Text = Field("PRENOM", description="nom de l'attribut de contact Brevo pour le prénom")
    prenom_par_defaut: Text = Field("à toutes et à tous", description="texte affiché quand le prénom est inconnu")
    miroir: bool = Field(True, description="true : lien « voir dans le navigateur » actif dans Brevo")
    api: Url = Field("https://api.brevo.com/v3", description="adresse de l'API Brevo")
    delai_appels: int = Field(60, ge=1, le=365, description="« auto » : appels qui ferment dans ce nombre de jours")
    limites: Limites = Field(default_factory=Limites)
    adresse: Text = Field("8 rue Paul Montrochet, 69002 Lyon, France", description="adresse postale (pied de lettre)")
    image_par_defaut: Text | None = Field(None, description="image d'en-tête optionnelle, chemin dans content/")

    @field_validator("attribut_prenom")
    @classmethod
    def _attribute(cls, value: str) -> str:
        if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", value):
            raise ValueError(f"nom d'attribut invalide « {value} » : lettres, chiffres et « _ », ex. PRENOM")
        return value

    @field_validator("prenom_par_defaut")
    @classmethod
    def _fallback(cls, value: str) -> str:
        # The fallback sits between single quotes inside a Brevo tag: a straight apostrophe
        # would end it early, so use the typographic one French typography prefers anyway.
        value = value.replace("'", "’")
        if any(c in value for c in '{}"<>'):
            raise ValueError("le texte par défaut ne peut contenir ni accolades, ni guillemets droits, ni chevrons")
        return value


def load_config(project: Project) -> tuple[Config, list[Diagnostic]]:
    """Read newsletters/config.yml (defaults for a missing optional file are not allowed: the sender is required)."""
    path = project.newsletters_dir / CONFIG_NAME
    rel = relpath(path, project.root)
    fallback = Config(expediteur=Expediteur(nom="AIRF", email="communication@regions-francophones.org"))
    if not path.exists():
        return fallback, [Diagnostic(rel, 1, "réglages de la lettre introuvables",
                                     hint="créez newsletters/config.yml avec au moins « expediteur: » (nom, email)")]
    text, diags = decode(path.read_bytes(), rel)
    if text is None:
        return fallback, diags
    data, lines, ydiags = parse_yaml(text, rel)
    diags += ydiags
    if any(d.is_error for d in ydiags):
        return fallback, diags
    if not isinstance(data, dict):
        return fallback, diags + [Diagnostic(rel, 1, "le fichier doit contenir des champs « nom: valeur »")]
    config, errors = validate(Config, data, ParsedFile(None, lines=lines), rel)
    return (config or fallback), diags + errors


def brevo_tag(name: str) -> Markup:
    """A Brevo tag written literally, e.g. {{ unsubscribe }} (Markup: never escaped)."""
    return Markup("{{ %s }}" % name)
