"""Loading a project (content/loader.py): addresses derived from file names, data files, clashing
addresses, cross-checks on files whose header failed validation, and the event checks — each
with the exact French message, line and hint an editor reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXED_NOW

from airf_site.caches import BuildCaches
from airf_site.content.loader import load_project, slug_from_filename
from airf_site.errors import ERROR, WARNING
from airf_site.project import Project

THEMES_HINT = "thèmes possibles : francophonie-des-territoires, environnement-eau-energies-climat"
EVENT = ("---\ntitre: E\ntype: {type}\ndebut: {debut}\nfin: {fin}\nresume: R\n{extra}---\n{body}")


def found(diags, path: str) -> list[tuple[int, str, str, str | None]]:
    return [(d.line, d.severity, d.message, d.hint) for d in diags if d.path == path]


@pytest.mark.parametrize("name, slug", [
    ("2026-03-01-Atelier à Rabat.md", "atelier-a-rabat"),
    ("2026-03-01-bilan-2025-des-regions.md", "bilan-2025-des-regions"),  # dashes after the date kept
    ("atelier-de-rabat-2026.md", "atelier-de-rabat-2026"),  # four parts, but no date in front
    ("26-03-01-atelier.md", "26-03-01-atelier"),  # a two-digit year is not a date prefix
])
def test_address_from_the_file_name(name, slug):
    assert slug_from_filename(Path(name)) == slug


def test_impossible_date_in_the_file_name_suggests_the_swapped_one(make_project):
    make_project.write("content/actualites/2024-25-10-atelier.md", "---\ntitre: A\ndate: 2024-10-25\nresume: R\n---\n")
    make_project.write("content/actualites/2024-02-29-bissextile.md", "---\ntitre: B\ndate: 2024-02-29\nresume: R\n---\n")
    index, diags = make_project.load()
    assert found(diags, "content/actualites/2024-25-10-atelier.md") == [
        (1, ERROR, "date impossible dans le nom du fichier « 2024-25-10-atelier.md »",
         "le nom commence par la date AAAA-MM-JJ, par exemple 2024-10-25-… si le jour et le mois sont inversés")]
    assert found(diags, "content/actualites/2024-02-29-bissextile.md") == []
    assert [n.id for n in index.news] == ["atelier", "bissextile"]


def test_missing_required_data_file_says_which_to_create(make_project):
    (make_project.root / "content/donnees/themes.yml").unlink()
    _index, diags = make_project.load()
    assert found(diags, "content/donnees/themes.yml") == [
        (1, ERROR, "fichier de données manquant", "créez content/donnees/themes.yml (voir le guide de rédaction)")]
    assert found(diags, "content/donnees/partenaires.yml") == []  # optional


def test_data_file_that_is_not_a_list(make_project):
    make_project.write("content/donnees/membres.yml", "id: a\nnom: A\n")
    index, diags = make_project.load()
    assert index.members == []
    assert found(diags, "content/donnees/membres.yml") == [
        (1, ERROR, "le fichier doit contenir une liste (chaque élément commence par « - »)", None)]


def test_data_file_item_that_is_not_a_record_is_named_by_position(make_project):
    make_project.write("content/donnees/membres.yml",
                       "- id: a\n  nom: A\n  pays: MA\n  type: région\n- juste du texte\n")
    index, diags = make_project.load()
    assert [m.id for m in index.members] == ["a"]
    assert found(diags, "content/donnees/membres.yml") == [
        (5, ERROR, "élément 2 : un ensemble de champs « nom: valeur » est attendu", None)]


def test_data_file_encoding_warning_names_the_data_file(make_project):
    path = make_project.root / "content/donnees/membres.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    index, diags = make_project.load()
    assert [m.id for m in index.members] == ["rabat-sale-kenitra"]
    assert found(diags, "content/donnees/membres.yml") == [
        (1, WARNING, "le fichier commence par une marque d'ordre d'octets (BOM)", "enregistrez-le en « UTF-8 » sans BOM")]


NEWS = "---\ntitre: {titre}\ndate: {date}\nresume: R\n---\n"
CLASH = "deux contenus produisent la même adresse « /{url} »"
YEAR_SETTING = (" ; pour un titre qui revient chaque année, l'année peut aussi entrer dans l'adresse "
                "(« annee_dans_adresses_actualites: true » dans mkdocs.yml)")


@pytest.mark.parametrize("first, second, suggestion", [
    ("2025-05-01", "2026-05-01", "mai-2026"),      # a yearly title: the year
    ("2026-05-01", "2026-06-01", "mai-2026-06"),   # same year: year and month
    ("2026-05-01", "2026-05-01", "mai-2"),         # same day
])
def test_clashing_news_addresses_get_a_slug_that_tells_them_apart(make_project, first, second, suggestion):
    make_project.write("content/actualites/a/mai.md", NEWS.format(titre="Mai", date=first))
    make_project.write("content/actualites/b/mai.md", NEWS.format(titre="Mai", date=second))
    _index, diags = make_project.load()
    [clash] = [d for d in diags if d.message == CLASH.format(url="actualites/mai/")]
    assert (clash.path, clash.line, clash.related) == ("content/actualites/b/mai.md", 1, "content/actualites/a/mai.md:1")
    assert clash.hint == (f"ajoutez dans l'en-tête de ce fichier « slug: {suggestion} » (ou renommez l'un des deux "
                          "fichiers)" + YEAR_SETTING)


def test_clashing_pages_get_a_numbered_slug_and_no_year_setting(make_project):
    make_project.write("content/pages/a/contact.md", "---\ntitre: Contact\n---\n")
    make_project.write("content/pages/b/contact.md", "---\ntitre: Contact 2\nslug: contact\n---\n")
    _index, diags = make_project.load()
    [clash] = [d for d in diags if d.message == CLASH.format(url="contact/")]
    assert (clash.path, clash.line) == ("content/pages/b/contact.md", 3)
    assert clash.hint == "ajoutez dans l'en-tête de ce fichier « slug: contact-2 » (ou renommez l'un des deux fichiers)"


def test_unknown_references_hint_without_a_stray_space(make_project):
    make_project.write("content/actualites/a.md",
                       "---\ntitre: A\ndate: 2026-01-05\nresume: R\nthemes: [climat, environement-eau-energies-climat]\n"
                       "projet: zzz\n---\n")
    _index, diags = make_project.load()
    assert found(diags, "content/actualites/a.md") == [
        (5, ERROR, "thème inconnu « climat »", THEMES_HINT),
        (5, ERROR, "thème inconnu « environement-eau-energies-climat »",
         "vouliez-vous dire « environnement-eau-energies-climat » ? " + THEMES_HINT),
        (6, ERROR, "projet inconnu « zzz »", "projets possibles : coopr"),
    ]


def test_references_of_a_file_with_schema_errors_are_still_checked(make_project):
    make_project.write("content/actualites/a.md",
                       "---\ntitre: A\ndate: 2026-01-05\nresume: R\nlieux: x\nthemes: climat\nprojet: copr\n---\n")
    make_project.write("content/actualites/b.md",
                       "---\ntitre: B\ndate: 2026-01-05\nresume: R\nlieux: x\nthemes: [3, climat]\n---\n")
    _index, diags = make_project.load()
    assert [x for x in found(diags, "content/actualites/a.md") if "champ inconnu" not in x[2]] == [
        (6, ERROR, "thème inconnu « climat »", THEMES_HINT),
        (7, ERROR, "projet inconnu « copr »", "vouliez-vous dire « coopr » ? projets possibles : coopr"),
    ]
    assert [x[:3] for x in found(diags, "content/actualites/b.md") if "thème" in x[2]] == [
        (6, ERROR, "thème inconnu « climat »")]  # a number is the schema's business


@pytest.mark.parametrize("debut, fin, reported", [
    ("2026-12-05 10:00", "2026-12-05 10:00", True),   # ends when it starts
    ("2026-12-05 10:00", "2026-12-05 10:01", False),
    ("2026-12-05 10:00+01:00", "2026-12-05 09:00", False),  # one with an offset, one without: not comparable
])
def test_event_end_checked_on_a_header_with_schema_errors(make_project, debut, fin, reported):
    make_project.write("content/evenements/e.md",
                       EVENT.format(type="webinar", debut=debut, fin=fin, extra="en_ligne: true\n", body=""))
    _index, diags = make_project.load()
    expected = [(5, ERROR, "la fin de l'événement précède (ou égale) son début",
                 f"le début est le {debut[:16]} ; vérifiez la date et l'heure de fin")] if reported else []
    assert [x for x in found(diags, "content/evenements/e.md") if "type" not in x[2]] == expected


def test_event_without_end_and_schema_errors_reports_only_the_schema(make_project):
    make_project.write("content/evenements/e.md", "---\ntitre: E\ntype: webinar\ndebut: 2026-12-05 10:00\n---\n")
    _index, diags = make_project.load()
    assert {x[2] for x in found(diags, "content/evenements/e.md")} == {
        "« type » : valeur « webinar » non autorisée", "champ obligatoire « fin » manquant",
        "champ obligatoire « resume » manquant"}


def event_diags(make_project, **fields) -> list:
    values = {"type": "webinaire", "debut": "2026-12-05 10:00", "fin": "2026-12-05 11:00", "extra": "", "body": ""}
    make_project.write("content/evenements/e.md", EVENT.format(**{**values, **fields}))
    _index, diags = make_project.load()
    return found(diags, "content/evenements/e.md")


def test_event_time_zone_unknown(make_project):
    assert event_diags(make_project, extra="fuseau: Afrique/Rabat\nen_ligne: true\n") == [
        (7, ERROR, "fuseau horaire inconnu « Afrique/Rabat »",
         "exemples : Europe/Paris, Africa/Casablanca, Africa/Abidjan, America/Montreal")]


def test_event_ending_when_it_starts(make_project):
    assert event_diags(make_project, fin="2026-12-05 10:00", extra="en_ligne: true\n") == [
        (5, ERROR, "la fin de l'événement précède (ou égale) son début",
         "le début est le 2026-12-05 10:00 ; vérifiez la date et l'heure de fin")]


@pytest.mark.parametrize("extra, expected", [
    ("", [(1, ERROR, "événement sans lieu", "indiquez « lieu: » ou « en_ligne: true »")]),
    ("lieu: Rabat\n", []),
    ("en_ligne: true\n", []),
    ("lieu: Rabat\nen_ligne: true\n", []),
])
def test_event_needs_a_place_or_to_be_online(make_project, extra, expected):
    assert event_diags(make_project, extra=extra) == expected


MINUTES = (1, WARNING, "événement passé sans compte rendu",
           "ajoutez « compte_rendu: » (lien) ou une section « ## Compte rendu » dans le texte")


@pytest.mark.parametrize("fields, expected", [
    ({"debut": "2026-11-28 10:00", "fin": "2026-11-28 11:59"}, [MINUTES]),
    ({"debut": "2026-11-28 10:00", "fin": "2026-11-28 12:00"}, []),  # ends at the build minute
    ({"debut": "2026-10-01 10:00", "fin": "2026-10-01 11:00", "type": "autre"}, []),
    ({"debut": "2026-10-01 10:00", "fin": "2026-10-01 11:00",
      "extra": "en_ligne: true\ncompte_rendu: https://example.org/cr\n"}, []),
    ({"debut": "2026-10-01 10:00", "fin": "2026-10-01 11:00", "body": "## Compte rendu\n\nDécisions.\n"}, []),
], ids=["past", "ending now", "other type", "minutes link", "minutes section"])
def test_past_event_without_minutes_is_a_warning(make_project, fields, expected):
    fields.setdefault("extra", "en_ligne: true\n")
    assert event_diags(make_project, **fields) == expected


def test_markdown_outside_the_content_folders_is_not_content(make_project):
    for rel in ("content/admin/aide.md", "content/images/notes.md", "content/fichiers/lisez-moi.md",
                "content/donnees/notes.md"):
        make_project.write(rel, "Notes de l'équipe, sans en-tête.\n")
    make_project.write("content/a-ranger.md", "---\ntitre: A\n---\n")
    _index, diags = make_project.load()
    assert [(d.path, d.line, d.message) for d in diags] == [
        ("content/a-ranger.md", 1, "fichier hors d'un dossier de contenu connu")]


def test_a_symbolic_link_is_skipped_and_the_next_files_still_load(make_project):
    make_project.write("content/actualites/b.md", NEWS.format(titre="B", date="2026-01-05"))
    (make_project.root / "content/actualites/a.md").symlink_to(make_project.root / "content/actualites/b.md")
    index, _diags = make_project.load()
    assert [n.id for n in index.news] == ["b"]


def test_partners_and_redirections_are_read_from_their_data_files(make_project):
    make_project.image("content/images/partenaires/logo.png")
    make_project.write("content/donnees/partenaires.yml",
                       "- id: afd\n  nom: AFD\n  type: financier\n  logo: images/partenaires/logo.png\n")
    make_project.write("content/donnees/redirections.yml", "- de: /2019/05/projet/\n  vers: /projets/coopr/\n")
    index, diags = make_project.load()
    assert diags == []
    assert [p.id for p in index.partners] == ["afd"]
    assert [(r.de, r.vers) for r in index.redirects] == [("/2019/05/projet/", "/projets/coopr/")]


def test_every_item_of_a_data_file_that_is_not_a_record_is_reported(make_project):
    make_project.write("content/donnees/membres.yml",
                       "- du texte\n- id: a\n  nom: A\n  pays: MA\n  type: région\n- 42\n")
    index, diags = make_project.load()
    assert [m.id for m in index.members] == ["a"]
    assert found(diags, "content/donnees/membres.yml") == [
        (1, ERROR, "élément 1 : un ensemble de champs « nom: valeur » est attendu", None),
        (6, ERROR, "élément 3 : un ensemble de champs « nom: valeur » est attendu", None)]


def test_data_file_item_errors_keep_their_line_and_hint(make_project):
    make_project.write("content/donnees/membres.yml",
                       "- id: a\n  nom: [A]\n  pays: MA\n  type: région\n"   # the field's own line 2
                       "- id: b\n  pays: MA\n  type: regionn\n")             # missing « nom »: the item's line
    _index, diags = make_project.load()
    assert found(diags, "content/donnees/membres.yml") == [
        (2, ERROR, "« nom » : texte attendu", None),
        (5, ERROR, "champ obligatoire « nom » manquant", None),
        (7, ERROR, "« type » : valeur « regionn » non autorisée",
         "vouliez-vous dire « région » ? valeurs possibles : région, province, département, district, gouvernorat, "
         "commune, ville, préfecture, comté, conseil régional, autre"),
    ]


def test_duplicate_identifier_in_a_data_file_names_the_first_line(make_project):
    make_project.write("content/donnees/themes.yml",
                       "- id: eau\n  numero: 1\n  titre: Eau\n  resume: R\n  couleur: \"#1d4e89\"\n"
                       "- id: eau\n  numero: 2\n  titre: Eau 2\n  resume: R\n  couleur: \"#1d4e89\"\n")
    index, diags = make_project.load()
    assert [t.titre for t in index.themes] == ["Eau", "Eau 2"]
    assert found(diags, "content/donnees/themes.yml") == [
        (6, ERROR, "identifiant « eau » en double (déjà à la ligne 1)", "chaque identifiant doit être unique")]


def test_every_file_outside_the_content_folders_is_named_with_the_folders_to_use(make_project):
    make_project.write("content/a-ranger.md", "---\ntitre: A\n---\n")
    make_project.write("content/divers/b.md", "---\ntitre: B\n---\n")
    make_project.write("content/pages/c.md", "---\ntitre: C\n---\n")
    index, diags = make_project.load()
    hint = ("rangez-le dans l'un de ces dossiers : content/actualites/, content/fiches/, content/evenements/, "
            "content/appels/, content/projets/, content/pages/")
    assert found(diags, "content/a-ranger.md") == [(1, ERROR, "fichier hors d'un dossier de contenu connu", hint)]
    assert found(diags, "content/divers/b.md") == [(1, ERROR, "fichier hors d'un dossier de contenu connu", hint)]
    assert [p.id for p in index.pages] == ["c"]  # the files after them still load


def test_the_preview_s_parse_memo_gives_the_same_result_and_sees_edits(make_project):
    rel = "content/actualites/a.md"  # Windows line ends: a problem found by the parse itself
    make_project.write(rel, "---\r\ntitre: Atelier\r\ndate: 2026-01-05\r\nresume: R\r\nthemes: [climat]\r\n---\r\n")
    _index, plain = make_project.load()
    assert found(plain, rel) == [
        (1, WARNING, "fins de ligne Windows (CRLF)", "réglez votre éditeur sur des fins de ligne « LF » (Unix)"),
        (5, ERROR, "thème inconnu « climat »", THEMES_HINT)]
    project = Project.load(make_project.root, now=FIXED_NOW, caches=BuildCaches())
    for _ in range(2):
        index, diags = load_project(project)
        assert diags == plain and [(n.id, n.titre) for n in index.news] == [("a", "Atelier")]
    news_file(make_project, "a", "Atelier modifié", "2026-01-05", "")
    index, diags = load_project(project)
    assert found(diags, rel) == [] and [n.titre for n in index.news] == ["Atelier modifié"]


def news_file(make_project, name: str, titre: str, date: str, extra: str) -> str:
    rel = f"content/actualites/{name}.md"
    make_project.write(rel, f"---\ntitre: {titre}\ndate: {date}\nresume: R\n{extra}---\n")
    return rel


@pytest.mark.parametrize("setting, urls, clash", [
    ("annee_dans_adresses_actualites: true", ["actualites/2024/mai/", "actualites/2025/mai/"], False),
    ("annee_dans_adresses_actualites: false", ["actualites/mai/", "actualites/mai/"], True),
    ("annee_dans_adresses_actualites: oui", ["actualites/mai/", "actualites/mai/"], True),  # a string, not true
    ("autre: true", ["actualites/mai/", "actualites/mai/"], True),
])
def test_news_addresses_carry_the_year_only_when_the_setting_is_true(make_project, setting, urls, clash):
    make_project.write("mkdocs.yml", f"site_name: AIRF\nextra:\n  airf:\n    {setting}\n")
    news_file(make_project, "2024-05-02-mai", "Mai", "2024-05-02", "")
    news_file(make_project, "2025-05-03-mai", "Mai", "2025-05-03", "")
    make_project.write("content/pages/p.md", "---\ntitre: P\n---\n")
    index, diags = make_project.load()
    assert sorted(n.url for n in index.news) == urls
    assert [p.url for p in index.pages] == ["p/"]
    assert [d.message for d in diags] == (["deux contenus produisent la même adresse « /actualites/mai/ »"]
                                          if clash else [])


def test_each_kind_is_published_under_its_section(make_project):
    make_project.write("content/actualites/2026-01-05-atelier.md", NEWS.format(titre="Atelier", date="2026-01-05"))
    make_project.write("content/pages/contact.md", "---\ntitre: Contact\n---\n")
    make_project.write("content/evenements/e.md", EVENT.format(type="webinaire", debut="2026-12-05 10:00",
                                                                fin="2026-12-05 11:00", extra="en_ligne: true\n",
                                                                body=""))
    index, diags = make_project.load()
    assert diags == []
    assert sorted(d.url for d in index.documents()) == ["actualites/atelier/", "agenda/e/", "contact/", "projets/coopr/"]
    assert [t.url for t in index.themes] == ["themes/francophonie-des-territoires/",
                                             "themes/environnement-eau-energies-climat/"]


@pytest.mark.parametrize("extra, debut, fin", [
    ("en_ligne: true\n", "2026-12-05T10:00:00+01:00", "2026-12-05T11:00:00+01:00"),
    ("en_ligne: true\nfuseau: Africa/Casablanca\n", "2026-12-05T10:00:00+01:00", "2026-12-05T11:00:00+01:00"),
    ("en_ligne: true\nfuseau: Africa/Abidjan\n", "2026-12-05T10:00:00+00:00", "2026-12-05T11:00:00+00:00"),
])
def test_event_times_are_in_the_event_s_time_zone(make_project, extra, debut, fin):
    make_project.write("content/evenements/e.md", EVENT.format(type="webinaire", debut="2026-12-05 10:00",
                                                                fin="2026-12-05 11:00", extra=extra, body=""))
    index, diags = make_project.load()
    [event] = index.events
    assert (event.debut.isoformat(), event.fin.isoformat(), event.type_label) == (debut, fin, "Webinaire")
