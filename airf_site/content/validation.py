"""Turn pydantic validation errors into French diagnostics with the right line.

The editor never sees Python types: each pydantic error type has a French sentence, and a
hint where the fix is knowable (the closest field name, the allowed values, the format).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from airf_site.content.frontmatter import ParsedFile
from airf_site.errors import Diagnostic, did_you_mean

M = TypeVar("M", bound=BaseModel)


def _field_label(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    if not names:
        return "en-tête"
    label = f"« {names[-1]} »"
    indexes = [p for p in loc if isinstance(p, int)]
    if indexes and len(names) >= 2:
        label += f" (élément {indexes[-1] + 1} de « {names[0]} »)"
    elif indexes:
        label += f" (élément {indexes[-1] + 1})"
    return label


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The nested model class that owns the last key of `loc` (for field-name hints)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return None
        annotation = field.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                current = candidate
                break
        else:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


# Field names of other tools (WordPress, Jekyll, Hugo, MkDocs) → ours: a hint names the right one.
# (Written ours → theirs, read theirs → ours.)
FOREIGN_FIELDS = {
    foreign: ours for ours, names in {
        "titre": ("title",),
        "resume": ("description", "excerpt", "summary"),
        "image": ("image", "imagefeature", "featured_image", "feature_image", "featured", "cover", "thumbnail",
                  "banner", "header_image"),
        "etiquettes": ("tags", "tag", "keywords", "mots_cles"),
        "themes": ("categories", "category", "theme"),
        "auteur": ("author", "authors"),
        "brouillon": ("draft", "published"),
        "slug": ("permalink", "url"),
        "date": ("date_published", "lastmod"),
        "lieu": ("place", "location", "lieux"),
        "debut": ("start",),
        "fin": ("end",),
    }.items() for foreign in names
}


def _unknown_field_hint(name: str, allowed: list[str]) -> str | None:
    """« vouliez-vous dire … » from the other tools' names first, then by spelling."""
    key = name.strip().lower().replace("-", "_")
    ours = FOREIGN_FIELDS.get(key)
    if ours in allowed and ours != name:
        return f"vouliez-vous dire « {ours} » ?"
    return did_you_mean(name, allowed)


def translate_error(error: Mapping[str, Any], model: type[BaseModel]) -> tuple[str, str | None]:
    """French (message, hint) for one pydantic error dict."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    label = _field_label(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        owner = _model_at(model, loc)
        field = owner.model_fields.get(loc[-1]) if owner else None
        hint = f"{loc[-1]} : {field.description}" if field is not None and field.description else None
        return f"champ obligatoire {label} manquant", hint
    if kind == "extra_forbidden":
        owner = _model_at(model, loc)
        allowed = sorted(owner.model_fields) if owner else []
        hint = _unknown_field_hint(str(loc[-1]), allowed)
        if hint is None and allowed:
            hint = "champs possibles : " + ", ".join(allowed)
        return f"champ inconnu « {loc[-1]} »", hint
    if kind == "value_error":
        message = str(ctx.get("error") or error.get("msg", "")).removeprefix("Value error, ")
        return f"{label} : {message}", None
    if kind in ("string_type", "string_too_short"):
        return f"{label} : texte attendu", None
    if kind in ("bool_type", "bool_parsing"):
        return f"{label} : valeur « {value} » non reconnue", "écrivez true (oui) ou false (non)"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{label} : nombre entier attendu (reçu « {value} »)", "écrivez le nombre sans espace ni unité, ex. 15000"
    if kind in ("list_type",):
        return f"{label} : liste attendue", "une valeur par ligne, chaque ligne commençant par « - »"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"{label} : un ensemble de champs « nom: valeur » est attendu", None
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'\"") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        hint = did_you_mean(str(value), choices) or ""
        hint = (hint + " " if hint else "") + "valeurs possibles : " + ", ".join(choices)
        return f"{label} : valeur « {value} » non autorisée", hint
    if kind in ("greater_than_equal", "greater_than"):
        return f"{label} : doit être au moins {ctx.get('ge', ctx.get('gt'))} (reçu {value})", None
    if kind in ("less_than_equal", "less_than"):
        return f"{label} : doit être au plus {ctx.get('le', ctx.get('lt'))} (reçu {value})", None
    return f"{label} : valeur invalide ({error.get('msg', kind)})", None


def validate(model: type[M], data: dict, parsed: ParsedFile, path: str) -> tuple[M | None, list[Diagnostic]]:
    """Validate `data` against `model`; every error becomes a diagnostic at its line."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        diags = []
        for error in exc.errors(include_url=False):
            message, hint = translate_error(error, model)
            line = parsed.line_of(tuple(error.get("loc", ())), default=1)
            diags.append(Diagnostic(path, line, message, hint=hint))
        return None, diags
