"""Schema errors in French (content/validation.py): for each kind of mistake, the exact message,
the line of the faulty field (also inside a list of sessions or key figures) and the hint —
the closest field name, the allowed values, the format — an editor acts on."""

from __future__ import annotations

import pytest
from conftest import ascii_id
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from airf_site.content import models
from airf_site.content.frontmatter import parse_document
from airf_site.content.validation import translate_error, validate

NEWS = "titre: A\ndate: 2026-01-05\nresume: R\n"
EVENT = ("titre: E\ntype: webinaire\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\n"
         "en_ligne: true\n")
FICHE = ("titre: F\ndate: 2026-01-05\nresume: R\ncollectivite: a\npays: MA\ncontexte: C\nactions: [a]\n"
         "resultats: [r]\nenseignements: [e]\ncontact: D\n")
PROJECT = "titre: P\nnom_complet: N\nresume: R\ncofinanceur: C\ncouleur: '#112233'\n"
TYPES = "webinaire, comite-pilotage, regroupement-technique, bureau, assemblee-generale, atelier, autre"
INT_HINT = "écrivez le nombre sans espace ni unité, ex. 15000"
LIST_HINT = "une valeur par ligne, chaque ligne commençant par « - »"
BOOL_HINT = "écrivez true (oui) ou false (non)"


def errors(model: type[BaseModel], header: str) -> list[tuple[int, str, str | None]]:
    parsed = parse_document(f"---\n{header}---\n".encode(), "content/a.md")
    assert parsed.meta is not None, parsed.diagnostics
    doc, diags = validate(model, parsed.meta, parsed, "content/a.md")
    assert doc is None and all(d.path == "content/a.md" for d in diags)
    return [(d.line, d.message, d.hint) for d in diags]


CASES = [
    (models.Actualite, "titre: A\ndate: 2026-01-05\n",
     (1, "champ obligatoire « resume » manquant", "resume : résumé de une à trois phrases (300 caractères au plus)")),
    (models.Evenement, EVENT + "programme:\n  - debut: 09:00\n    titre: Accueil\n  - debut: 10:00\n",
     (11, "champ obligatoire « titre » (élément 2 de « programme ») manquant", "titre : intitulé de la séance")),
    (models.Fiche, FICHE + "chiffres_cles:\n  - valeur: 3\n",
     (13, "champ obligatoire « libelle » (élément 1 de « chiffres_cles ») manquant", "libelle : ce que le chiffre mesure")),
    (models.Actualite, NEWS + "zzz: 1\n",
     (5, "champ inconnu « zzz »", "champs possibles : auteur, brouillon, date, etiquettes, guid, image, image_alt, "
      "projet, resume, slug, themes, titre")),
    (models.Actualite, NEWS + "Featured-Image: x\n", (5, "champ inconnu « Featured-Image »", "vouliez-vous dire « image » ?")),
    (models.Actualite, NEWS + "Title: x\n", (5, "champ inconnu « Title »", "vouliez-vous dire « titre » ?")),
    (models.Actualite, NEWS + "date_published: 2026-01-01\n",
     (5, "champ inconnu « date_published »", "vouliez-vous dire « date » ?")),
    (models.Evenement, EVENT + "programme:\n  - debut: 09:00\n    titre: x\n    sale: y\n",
     (11, "champ inconnu « sale »", "vouliez-vous dire « salle » ?")),
    (models.Evenement, EVENT + "programme:\n  - debut: 09:00\n    titre: x\n    orateur: y\n",
     (11, "champ inconnu « orateur »", "champs possibles : debut, fin, intervenant, jour, salle, titre")),
    (models.Fiche, FICHE + "images:\n  - src: a.png\n    alt: x\n    legend: y\n",
     (15, "champ inconnu « legend »", "vouliez-vous dire « legende » ?")),
    (models.Evenement, EVENT + "programme:\n  - Accueil\n",
     (9, "« programme » (élément 1) : un ensemble de champs « nom: valeur » est attendu", None)),
    (models.Evenement, EVENT + "programme: {debut: 09:00}\n", (8, "« programme » : liste attendue", LIST_HINT)),
    (models.Actualite, NEWS + "themes: {a: 1}\n", (5, "« themes » : liste attendue", LIST_HINT)),
    (models.Evenement, EVENT + "participants: -1\n", (8, "« participants » : doit être au moins 0 (reçu -1)", None)),
    (models.Evenement, EVENT + "participants: 1.5\n",
     (8, "« participants » : nombre entier attendu (reçu « 1.5 »)", INT_HINT)),
    (models.Evenement, EVENT + "participants: [1]\n",
     (8, "« participants » : nombre entier attendu (reçu « [1] »)", INT_HINT)),
    (models.Evenement, EVENT + "participants: beaucoup\n",
     (8, "« participants » : nombre entier attendu (reçu « beaucoup »)", INT_HINT)),
    (models.Projet, PROJECT + "annee_debut: 2200\n", (7, "« annee_debut » : doit être au plus 2100 (reçu 2200)", None)),
    (models.Projet, PROJECT + "annee_debut: 1999\n", (7, "« annee_debut » : doit être au moins 2000 (reçu 1999)", None)),
    (models.Evenement, EVENT.replace("webinaire", "zzz"),
     (3, "« type » : valeur « zzz » non autorisée", f"valeurs possibles : {TYPES}")),
    (models.Evenement, EVENT.replace("webinaire", "webinar"),
     (3, "« type » : valeur « webinar » non autorisée", f"vouliez-vous dire « webinaire » ? valeurs possibles : {TYPES}")),
    (models.Actualite, NEWS + "auteur: [a]\n", (5, "« auteur » : texte attendu", None)),
    (models.Actualite, NEWS + "brouillon: peut-etre\n", (5, "« brouillon » : valeur « peut-etre » non reconnue", BOOL_HINT)),
    (models.Actualite, NEWS + "brouillon: [1]\n", (5, "« brouillon » : valeur « [1] » non reconnue", BOOL_HINT)),
    (models.Actualite, "titre: A\ndate: 2026-13-01\nresume: R\n",
     (3, "« date » : le mois doit être entre 1 et 12 (reçu 2026-13-01)", None)),
]


@pytest.mark.parametrize("model, header, expected", CASES, ids=[ascii_id(c[1].split("\n")[-2]) for c in CASES])
def test_one_error_exact_message_line_and_hint(model, header, expected):
    assert errors(model, header) == [expected]


def test_every_error_of_a_header_at_its_own_line():
    header = "titre: A\ndate: 2026-13-01\nresume: R\nbrouillon: peut-etre\ntag: x\n"
    assert sorted((line, message) for line, message, _hint in errors(models.Actualite, header)) == [
        (3, "« date » : le mois doit être entre 1 et 12 (reçu 2026-13-01)"),
        (5, "« brouillon » : valeur « peut-etre » non reconnue"),
        (6, "champ inconnu « tag »"),
    ]


class Limits(BaseModel):
    """Constraints the content models may use, with pydantic's own error dicts."""

    model_config = ConfigDict(extra="forbid")

    positif: int = Field(0, gt=0)
    petit: int = Field(0, lt=10)
    nom: str = Field("ab", min_length=2)
    reglages: dict = Field(default_factory=dict)
    pourcentage: float = 0.0


def pydantic_error(**data) -> dict:
    with pytest.raises(ValidationError) as info:
        Limits.model_validate(data)
    [error] = info.value.errors(include_url=False)
    return error


@pytest.mark.parametrize("data, expected", [
    ({"positif": 0}, ("« positif » : doit être au moins 0 (reçu 0)", None)),
    ({"petit": 10}, ("« petit » : doit être au plus 10 (reçu 10)", None)),
    ({"nom": "a"}, ("« nom » : texte attendu", None)),
    ({"nom": 3}, ("« nom » : texte attendu", None)),
    ({"reglages": [1]}, ("« reglages » : un ensemble de champs « nom: valeur » est attendu", None)),
], ids=["gt", "lt", "too short", "not text", "dict"])
def test_translate_error_for_every_constraint_kind(data, expected):
    assert translate_error(pydantic_error(**data), Limits) == expected


def test_a_kind_without_french_wording_keeps_the_field_and_pydantic_s_reason():
    error = pydantic_error(pourcentage="beaucoup")
    assert error["type"] == "float_parsing"
    assert translate_error(error, Limits) == (f"« pourcentage » : valeur invalide ({error['msg']})", None)


def test_a_header_that_is_not_a_set_of_fields_is_named_as_such():
    with pytest.raises(ValidationError) as info:
        models.Actualite.model_validate(["titre"])
    [error] = info.value.errors(include_url=False)
    assert translate_error(error, models.Actualite) == ("en-tête : un ensemble de champs « nom: valeur » est attendu",
                                                        None)


def test_an_unknown_kind_without_message_names_the_kind():
    assert translate_error({"type": "nouveau_type", "loc": ("titre",)}, models.Actualite) == (
        "« titre » : valeur invalide (nouveau_type)", None)


def test_a_missing_field_without_description_gets_no_hint():
    parsed = parse_document(b"---\nid: eau\ntitre: Eau\nresume: R\ncouleur: '#112233'\n---\n", "content/donnees/themes.yml")
    _theme, found = validate(models.Theme, parsed.meta, parsed, "t.yml")
    assert [(d.line, d.message, d.hint) for d in found] == [(1, "champ obligatoire « numero » manquant", None)]
