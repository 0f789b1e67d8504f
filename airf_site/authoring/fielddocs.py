"""What editors are told about each field of a content model: French type name, allowed
values, nested model, description. Read from the pydantic models, so a new field is described
in new files (`airf new`, authoring/scaffold.py), the authoring guide and the Decap CMS
configuration (authoring/guide.py) without anyone editing them.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from airf_site.content import fields as F


@dataclass(frozen=True)
class FieldDoc:
    """What the scaffold and the guide say about one field."""

    name: str
    required: bool
    kind: str  # "texte", "date", "liste de textes"... (French, for the guide)
    description: str
    choices: tuple[str, ...] = ()
    submodel: type[BaseModel] | None = None


_VALIDATOR_KINDS = {
    F.parse_date: "date", F.parse_datetime: "date et heure", F.parse_time: "heure",
    F.parse_url: "adresse web", F.parse_slug: "identifiant", F.parse_color: "couleur",
    F.parse_text: "texte",
}


def _kind_of(annotation: Any, metadata: list) -> tuple[str, tuple[str, ...], type[BaseModel] | None]:
    """French type name, allowed values and nested model of an annotation."""
    for meta in metadata:
        func = getattr(meta, "func", None)
        if func in _VALIDATOR_KINDS:
            return _VALIDATOR_KINDS[func], (), None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _kind_of(args[0], list(annotation.__metadata__) + metadata)
    if origin is Literal:
        return "valeur au choix", tuple(str(a) for a in args), None
    if origin is list:
        inner, _choices, sub = _kind_of(args[0], [])
        if sub is not None:
            return "liste d'éléments", (), sub
        plural = {"texte": "de textes", "identifiant": "d'identifiants"}.get(inner, f"de {inner}s")
        return f"liste {plural}", (), None
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in args if a is not type(None)]
        if len(kinds) > 1:  # e.g. newsletter selections: "auto" or a list of ids
            names = []
            for arg in kinds:
                lit = typing.get_args(arg) if typing.get_origin(arg) is Literal else ()
                names.append(" ou ".join(f"« {v} »" for v in lit) if lit else _kind_of(arg, [])[0])
            return " ou ".join(names), (), None
        return _kind_of(kinds[0], metadata)
    if annotation is bool:
        return "oui/non (true/false)", (), None
    if annotation is int:
        return "nombre entier", (), None
    if annotation is str:
        return "texte", (), None
    if annotation is dt.date:
        return "date", (), None
    if annotation is dt.datetime:
        return "date et heure", (), None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "ensemble de champs", (), annotation
    return "valeur", (), None


def field_docs(model: type[BaseModel]) -> list[FieldDoc]:
    """Every field of `model`, in declaration order, described for editors."""
    docs = []
    for name, info in model.model_fields.items():
        kind, choices, sub = _kind_of(info.annotation, list(info.metadata))
        docs.append(FieldDoc(name, info.is_required(), kind, _description(name, info), choices, sub))
    return docs


# Data-file records (themes, members, partners) have few descriptions in the models.
FALLBACK_DESCRIPTIONS = {
    "id": "identifiant unique (minuscules sans accent, chiffres, tirets)",
    "numero": "numéro d'ordre (1 à 4 pour les priorités du cadre stratégique)",
    "titre": "intitulé affiché",
    "resume": "une ou deux phrases de présentation",
    "couleur": "couleur, #RRVVBB entre guillemets",
    "nom": "nom officiel, tel qu'il s'affiche",
    "type": "catégorie",
    "site": "site web officiel (https://…)",
    "logo": "chemin du logo dans content/, ex. images/partenaires/logo.png",
    "description": "une phrase de présentation",
}


def _description(name: str, info: FieldInfo) -> str:
    return info.description or FALLBACK_DESCRIPTIONS.get(name, name)
