"""Checks across files (content/checks.py), as the editor reads them: for each problem the exact
French message, its `path:line`, its hint and its severity; every problem of a run reported,
including the ones in files after a faulty one. Tiny content trees, no site build."""

from __future__ import annotations

import pytest

from airf_site.errors import ERROR, WARNING

NEWS = "---\ntitre: {titre}\ndate: 2026-01-05\nresume: R\n{extra}---\n{body}"
EXAMPLE = "le chemin part du dossier content/, par exemple images/actualites/photo.jpg"
NO_ALT = "image sans texte alternatif"
RESERVED_HINT = "choisissez un autre nom de fichier ou un autre « slug »"
HEAVY_HINT = "réduisez-la avant de l'ajouter : 2 000 pixels de large suffisent pour le site et les PDF"
COUNTRY_HINT = "code ISO à deux lettres, ex. MA, SN, BE, FR"
EVENT = ("---\ntitre: E\ntype: webinaire\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\n"
         "en_ligne: true\n{extra}---\n")
FICHE = ("---\ntitre: F\ndate: 2026-01-05\nresume: R\ncollectivite: {member}\npays: {pays}\ncontexte: C\n"
         "actions: [a]\nresultats: [r]\nenseignements: [e]\ncontact: Direction\n{extra}---\n")


def found(diags, path: str) -> list[tuple[int, str, str, str | None]]:
    """What the editor reads for one file: line, severity, message, hint."""
    return [(d.line, d.severity, d.message, d.hint) for d in diags if d.path == path]


def news(make_project, name: str, extra: str = "", body: str = "", titre: str = "A") -> str:
    rel = f"content/actualites/{name}.md"
    make_project.write(rel, NEWS.format(titre=titre, extra=extra, body=body))
    return rel


def sized_file(make_project, rel: str, size: int) -> None:
    """A file of `size` bytes (sparse: only its size matters to the check)."""
    path = make_project.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        f.truncate(size)


# --- images of the header: missing, heavy, without alternative text ----------------------------


def test_missing_image_hint_names_the_close_file_or_the_path_rule(make_project):
    make_project.image("content/images/actualites/photo-atelier.png")
    close = news(make_project, "a", "image: images/actualites/photo-ateleir.png\nimage_alt: Une salle\n")
    far = news(make_project, "b", "image: images/zzz.png\nimage_alt: Une salle\n")
    _index, diags = make_project.load()
    assert found(diags, close) == [(5, ERROR, "image introuvable « images/actualites/photo-ateleir.png »",
                                    "vouliez-vous dire « images/actualites/photo-atelier.png » ?")]
    assert found(diags, far) == [(5, ERROR, "image introuvable « images/zzz.png »", EXAMPLE)]


def test_refused_image_path_keeps_its_own_hint(make_project):
    make_project.image("content/images/test.png")
    rel = news(make_project, "a", "image: images/../images/test.png\nimage_alt: Une salle\n")
    _index, diags = make_project.load()
    assert found(diags, rel) == [
        (5, ERROR, "chemin « images/../images/test.png » refusé : « .. » sort du dossier content/", EXAMPLE)]


def test_heavy_image_is_a_warning_above_five_megabytes_only(make_project):
    sized_file(make_project, "content/images/limite.jpg", 5_000_000)
    sized_file(make_project, "content/images/lourde.jpg", 6_250_003)  # 6.250003 Mo: « 6.3 »
    at_limit = news(make_project, "a", "image: images/limite.jpg\nimage_alt: Une salle\n")
    heavy = news(make_project, "b", "image: images/lourde.jpg\nimage_alt: Une salle\n")
    _index, diags = make_project.load()
    assert found(diags, at_limit) == []
    assert found(diags, heavy) == [
        (5, WARNING, "image très lourde « images/lourde.jpg » (6.3 Mo, 5 Mo au plus conseillés)", HEAVY_HINT)]


def test_image_without_alt_text_names_the_field_to_add(make_project):
    make_project.image()
    rel = news(make_project, "a", "image: images/test.png\n")
    make_project.write("content/projets/terress.md",
                       "---\ntitre: TERR'ESS\nnom_complet: ESS\nresume: R\nannee_debut: 2025\ncofinanceur: MEAE\n"
                       "couleur: \"#1e8449\"\nimage: images/test.png\n---\n")
    _index, diags = make_project.load()
    assert found(diags, rel) == [(5, ERROR, NO_ALT, "ajoutez « image_alt: » décrivant ce que montre l'image")]
    assert found(diags, "content/projets/terress.md") == [
        (8, ERROR, NO_ALT, "ajoutez « image_alt: » décrivant ce que montre l'image")]


def test_fact_sheet_images_with_alt_text_are_accepted(make_project):
    make_project.image("content/images/fiches/photo.jpg")
    make_project.write("content/fiches/f.md", FICHE.format(
        member="rabat-sale-kenitra", pays="ma",
        extra="images:\n  - src: images/fiches/photo.jpg\n    alt: Une pépinière\n"))
    _index, diags = make_project.load()
    assert diags == []


def test_fact_sheet_missing_image_is_reported_at_its_src_line(make_project):
    make_project.write("content/fiches/f.md", FICHE.format(
        member="rabat-sale-kenitra", pays="MA",
        extra="images:\n  - src: images/fiches/a.jpg\n    alt: A\n  - src: images/fiches/b.jpg\n    alt: B\n"))
    _index, diags = make_project.load()
    assert found(diags, "content/fiches/f.md") == [
        (13, ERROR, "image introuvable « images/fiches/a.jpg »", EXAMPLE),
        (15, ERROR, "image introuvable « images/fiches/b.jpg »", EXAMPLE)]


# --- the access map of an event (lieu_plan) -----------------------------------------------------


def test_access_map_in_the_images_folder_is_accepted(make_project):
    make_project.image("content/images/evenements/plan.png")
    make_project.write("content/evenements/e.md", EVENT.format(extra="lieu_plan: images/evenements/plan.png\n"))
    _index, diags = make_project.load()
    assert diags == []


def test_access_map_problems_each_at_the_lieu_plan_line(make_project):
    make_project.image("content/images/evenements/plan.png")
    sized_file(make_project, "content/fichiers/plan.pdf", 10)
    sized_file(make_project, "content/images/evenements/lourd.png", 7_000_000)
    cases = {
        "a": ("images/evenements/plam.png",
              [(8, ERROR, "image introuvable « images/evenements/plam.png »",
                "vouliez-vous dire « images/evenements/plan.png » ?")]),
        "b": ("fichiers/plan.pdf",
              [(8, ERROR, "plan d'accès hors du dossier des images « fichiers/plan.pdf »",
                "placez le plan dans content/images/ et écrivez par exemple images/evenements/plan-acces.png")]),
        "c": ("fichiers/absent.png", [(8, ERROR, "image introuvable « fichiers/absent.png »", EXAMPLE)]),
        "d": ("images/evenements/lourd.png",
              [(8, WARNING, "image très lourde « images/evenements/lourd.png » (7.0 Mo, 5 Mo au plus conseillés)",
                HEAVY_HINT)]),
    }
    for name, (plan, _expected) in cases.items():
        make_project.write(f"content/evenements/{name}.md", EVENT.format(extra=f"lieu_plan: {plan}\n"))
    _index, diags = make_project.load()
    for name, (_plan, expected) in cases.items():
        assert found(diags, f"content/evenements/{name}.md") == expected, name


# --- addresses: empty, reserved, clashing -------------------------------------------------------


def test_empty_address_is_reported_and_the_next_files_still_checked(make_project):
    empty = news(make_project, "2026-01-01-!!!")
    after = news(make_project, "b", "themes: climat\n")
    _index, diags = make_project.load()
    assert found(diags, empty) == [
        (1, ERROR, "le nom du fichier ne contient ni lettre ni chiffre : l'adresse de la page serait vide",
         "renommez le fichier (par exemple 2026-01-01-atelier-rabat.md) ou ajoutez un champ « slug »")]
    assert [x[2] for x in found(diags, after)] == ["thème inconnu « climat »"]


@pytest.mark.parametrize("rel, header, expected", [
    ("pages/agenda.md", "---\ntitre: P\n---\n",
     (1, "l'adresse « /agenda/ » est réservée par le site")),
    ("pages/p.md", "---\ntitre: P\nmenu: false\nslug: flux\n---\n",
     (4, "l'adresse « /flux/ » est réservée par le site")),
    ("actualites/archives.md", NEWS.format(titre="A", extra="", body=""),
     (1, "l'adresse « /actualites/archives/ » est réservée par le site (pages de la rubrique)")),
    ("actualites/a.md", NEWS.format(titre="A", extra="slug: page\n", body=""),
     (5, "l'adresse « /actualites/page/ » est réservée par le site (pages de la rubrique)")),
])
def test_reserved_addresses_at_the_slug_line_with_a_hint(make_project, rel, header, expected):
    make_project.write(f"content/{rel}", header)
    _index, diags = make_project.load()
    line, message = expected
    assert found(diags, f"content/{rel}") == [(line, ERROR, message, RESERVED_HINT)]


def test_clash_points_at_the_slug_line_of_the_first_file(make_project):
    make_project.write("content/pages/a.md", "---\ntitre: A\nmenu: false\nslug: contact\n---\n")
    make_project.write("content/pages/contact.md", "---\ntitre: Contact\n---\n")
    _index, diags = make_project.load()
    [clash] = [d for d in diags if d.path == "content/pages/contact.md"]
    assert (clash.line, clash.message, clash.related) == (
        1, "deux contenus produisent la même adresse « /contact/ »", "content/pages/a.md:4")


# --- references ---------------------------------------------------------------------------------


def test_a_draft_project_can_be_referenced_but_not_a_draft_news(make_project):
    make_project.write("content/projets/terress.md",
                       "---\ntitre: TERR'ESS\nnom_complet: ESS\nresume: R\nannee_debut: 2025\ncofinanceur: MEAE\n"
                       "couleur: \"#1e8449\"\nbrouillon: true\n---\n")
    news(make_project, "brouillon", "brouillon: true\n")
    ok = news(make_project, "a", "projet: terress\n")
    wrong = news(make_project, "b", "projet: brouillon\n")
    _index, diags = make_project.load()
    assert found(diags, ok) == []
    assert found(diags, wrong) == [(5, ERROR, "projet inconnu « brouillon »", "projets possibles : coopr, terress")]


@pytest.mark.parametrize("length, expected", [
    (300, []),
    (301, [(4, WARNING, "résumé trop long (301 caractères, 300 au plus)",
            "raccourcissez-le : il s'affiche dans les listes, les flux et les e-mails")]),
])
def test_summary_longer_than_300_characters_is_a_warning(make_project, length, expected):
    make_project.write("content/actualites/a.md", "---\ntitre: A\ndate: 2026-01-05\nresume: " + "é" * length + "\n---\n")
    _index, diags = make_project.load()
    assert found(diags, "content/actualites/a.md") == expected


# --- fact sheets: member and country ------------------------------------------------------------


@pytest.mark.parametrize("member, pays, expected", [
    ("rabat-sale-kenitr", "MA", [(5, ERROR, "membre inconnu « rabat-sale-kenitr »",
                                  "vouliez-vous dire « rabat-sale-kenitra » ?")]),
    ("dakar", "SN", [(5, ERROR, "membre inconnu « dakar »",
                      "l'identifiant doit figurer dans content/donnees/membres.yml")]),
    ("rabat-sale-kenitra", "XX", [(6, ERROR, "code pays inconnu « XX »", COUNTRY_HINT)]),
    ("rabat-sale-kenitra", "SN", [(6, ERROR, "le pays « SN » ne correspond pas à celui du membre "
                                   "« Région Rabat-Salé-Kénitra » (MA)", "écrivez « pays: MA »")]),
])
def test_fact_sheet_member_and_country(make_project, member, pays, expected):
    make_project.write("content/fiches/f.md", FICHE.format(member=member, pays=pays, extra=""))
    _index, diags = make_project.load()
    assert found(diags, "content/fiches/f.md") == expected


# --- events -------------------------------------------------------------------------------------


def test_event_with_an_empty_place_is_reported_at_that_line(make_project):
    make_project.write("content/evenements/e.md",
                       "---\ntitre: E\ntype: bureau\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\n"
                       "lieu:\n---\n")
    _index, diags = make_project.load()
    assert found(diags, "content/evenements/e.md") == [
        (7, ERROR, "événement sans lieu", "indiquez « lieu: » ou « en_ligne: true »")]


def test_a_single_theme_written_without_a_list_is_reported_at_its_line(make_project):
    # `themes: climat` is read as a one-item list: its problem is on the `themes` line, not line 1
    rel = news(make_project, "a", "themes: climat\n")
    _index, diags = make_project.load()
    assert found(diags, rel) == [
        (5, ERROR, "thème inconnu « climat »",
         "thèmes possibles : francophonie-des-territoires, environnement-eau-energies-climat")]
