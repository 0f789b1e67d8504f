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


def test_project_image_with_its_alt_text_is_accepted(make_project):
    make_project.image()
    make_project.write("content/projets/terress.md",
                       "---\ntitre: TERR'ESS\nnom_complet: ESS\nresume: R\nannee_debut: 2025\ncofinanceur: MEAE\n"
                       "couleur: \"#1e8449\"\nimage: images/test.png\nimage_alt: Une coopérative\n---\n")
    _index, diags = make_project.load()
    assert diags == []


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
        extra="images:\n  - src: images/fiches/a.jpg\n    alt: A\n  - alt: B\n    src: images/fiches/b.jpg\n"))
    _index, diags = make_project.load()
    assert found(diags, "content/fiches/f.md") == [
        (13, ERROR, "image introuvable « images/fiches/a.jpg »", EXAMPLE),
        (16, ERROR, "image introuvable « images/fiches/b.jpg »", EXAMPLE)]


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
    ("rabat-sale-kenitra", "EU", [(6, ERROR, "code pays inconnu « EU »", COUNTRY_HINT)]),
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


# --- images in the body -------------------------------------------------------------------------


def test_body_images_each_at_its_line_with_the_fix(make_project):
    make_project.image("content/images/carte.png")
    make_project.image("content/actualites/schema.png")  # next to the file: a relative path
    body = ("![Carte](/images/carte.png) ![Carte](images/carte.png#haut) ![Carte](<images/carte.png?v=2> \"titre\")\n"
            "![Schéma](schema.png)\n"
            "![ ](https://example.org/a.png) ![](http://example.org/b.png) ![Plan](images/plan.png)\n"
            "![Carte](/images/carte.pngx)\n"
            "![](../../etc/hostname)\n"
            "![Carte](images\\carte.png)\n")
    rel = news(make_project, "a", body=body)
    _index, diags = make_project.load()
    assert found(diags, rel) == [
        (8, ERROR, "image introuvable « images/plan.png »", EXAMPLE),  # after two web images on its line
        (9, ERROR, "image introuvable « /images/carte.pngx »", EXAMPLE),
        (10, ERROR, "image « ../../etc/hostname » : chemin « ../../etc/hostname » refusé : « .. » sort du dossier "
                    "content/", EXAMPLE),
        (10, ERROR, "image « ../../etc/hostname » sans texte alternatif",
         "écrivez entre les crochets ce que montre l'image : ![Une carte des régions membres](…)"),
        (11, ERROR, "image « images\\carte.png » : chemin invalide « images\\carte.png » (barre oblique inversée)",
         "séparez les dossiers par « / » : " + EXAMPLE),
    ]


# --- size of the text ---------------------------------------------------------------------------


@pytest.mark.parametrize("size, expected", [
    (200_000, []),
    (200_001, [(6, WARNING, "texte très long (200 Ko, 200 Ko au plus conseillés)",
                "découpez-le en plusieurs contenus : la page, les flux et la recherche s'alourdissent pour tous "
                "les lecteurs")]),
])
def test_text_heavier_than_200_kilobytes_is_a_warning(make_project, size, expected):
    paragraph = "Les régions membres se réunissent à Rabat.\n\n"  # é: bytes, not characters, are counted
    body = (paragraph * (size // len(paragraph.encode()) + 1)).encode()[:size - 1].decode(errors="ignore")
    body += "x" * (size - len(body.encode()))
    assert len(body.encode()) == size
    rel = news(make_project, "a", body=body)
    _index, diags = make_project.load()
    assert found(diags, rel) == expected


# --- data files: members, partners --------------------------------------------------------------


def test_unknown_member_countries_each_at_the_member_line(make_project):
    make_project.write("content/donnees/membres.yml",
                       "- id: a\n  nom: Région A\n  pays: XX\n  type: région\n"
                       "- id: b\n  nom: Région B\n  pays: MA\n  type: région\n"
                       "- id: c\n  nom: Région C\n  pays: qx\n  type: région\n")
    _index, diags = make_project.load()
    assert found(diags, "content/donnees/membres.yml") == [
        (1, ERROR, "code pays inconnu « XX » pour « Région A »", COUNTRY_HINT),
        (9, ERROR, "code pays inconnu « QX » pour « Région C »", COUNTRY_HINT)]


def test_partner_logos_missing_or_refused(make_project):
    make_project.image("content/images/partenaires/afd.png")
    make_project.write("content/donnees/partenaires.yml",
                       "- id: afd\n  nom: AFD\n  type: financier\n  logo: images/partenaires/afd.png\n"
                       "- id: oif\n  nom: OIF\n  type: technique\n  logo: images/partenaires/oif.png\n"
                       "- id: x\n  nom: X\n  type: technique\n  logo: /etc/hostname\n"
                       "- id: y\n  nom: Y\n  type: technique\n  logo: images/partenaires/absent.png\n")
    _index, diags = make_project.load()
    assert found(diags, "content/donnees/partenaires.yml") == [
        (5, ERROR, "logo introuvable « images/partenaires/oif.png » pour « OIF »",
         "le chemin part du dossier content/, par exemple images/partenaires/logo.png"),
        (9, ERROR, "logo de « X » : chemin absolu « /etc/hostname » refusé", EXAMPLE),
        (13, ERROR, "logo introuvable « images/partenaires/absent.png » pour « Y »",
         "le chemin part du dossier content/, par exemple images/partenaires/logo.png")]


# --- calls for projects -------------------------------------------------------------------------

CALL = ("---\ntitre: C\ndate: 2026-01-05\ndate_limite: {limit}\nbailleur: B\nresume: R\n{amounts}"
        "eligibles: Membres\nlien: https://example.org/appel\n---\n")


@pytest.mark.parametrize("limit, amounts, expected", [
    ("2026-01-05", "montant_min: 1000\nmontant_max: 1000\n", []),  # equal: accepted
    ("2026-01-04", "", [(4, ERROR, "la date limite précède la date de publication", None)]),
    ("2026-03-01", "montant_min: 1001\nmontant_max: 1000\n",
     [(8, ERROR, "le montant maximum est inférieur au montant minimum", None)]),
    ("2026-03-01", "montant_min: 1001\n", []),
    ("2026-03-01", "montant_max: 0\n", []),
])
def test_call_dates_and_amounts_in_order(make_project, limit, amounts, expected):
    make_project.write("content/appels/c.md", CALL.format(limit=limit, amounts=amounts))
    _index, diags = make_project.load()
    assert found(diags, "content/appels/c.md") == expected


# --- text of the body: first-level titles, summary repeated -------------------------------------


def test_first_level_title_in_the_body_is_reported_once_outside_code(make_project):
    body = ("Intro.\n\n```\n# un commentaire de code\n```\n\n  ~~~sh\n# un autre\n~~~\n#Pas un titre\n"
            "# Programme de la journée\n\n# Suite\n")
    rel = news(make_project, "a", body=body)
    _index, diags = make_project.load()
    assert found(diags, rel) == [
        (16, WARNING, "titre de niveau 1 (« # ») dans le texte",
         "le titre de la page s'affiche déjà : commencez les intertitres par « ## » (## Programme de la journée)")]


@pytest.mark.parametrize("body, repeated", [
    ("Un atelier\nsur l'eau.\n\nSuite.\n", True),
    ("# Titre\n\n![Carte](https://example.org/a.png)\n\n- liste\n\nUn atelier sur l'eau.\n", True),
    ("<div>x</div>\n\n| a | b |\n\n* point\n\n> citation\n\n   \n\nUn atelier sur l'eau.\n", True),
    ("# Titre\n\n  > une citation en retrait\n\nUn atelier sur l'eau.\n", True),
    ("Un atelier sur l'eau à Rabat.\n", False),
    ("\n\n", False),
])
def test_summary_repeated_as_the_first_paragraph_is_a_warning(make_project, body, repeated):
    rel = "content/actualites/a.md"
    make_project.write(rel, "---\ntitre: A\ndate: 2026-01-05\nresume: \"Un atelier  sur l'eau.\"\n---\n" + body)
    _index, diags = make_project.load()
    warnings = [x for x in found(diags, rel) if x[2].startswith("le résumé")]
    assert warnings == ([(4, WARNING, "le résumé répète le premier paragraphe du texte",
                          "la page affiche le résumé puis le texte : supprimez le premier paragraphe ou écrivez un "
                          "résumé plus court")] if repeated else [])


# --- old addresses (redirections.yml) -----------------------------------------------------------

REDIRECTS = "content/donnees/redirections.yml"
NOT_A_PATH = "un chemin du site commençant et finissant par « / », ex. /2019/05/mon-article/"


def test_every_redirection_problem_at_its_line_with_the_fix(make_project):
    news_rel = news(make_project, "2024-05-02-mai", titre="Mai")
    make_project.write(REDIRECTS,
                       "- de: /2019/05/mai/\n  vers: /actualites/mai/\n"      # 1: fine
                       "- de: /\n  vers: /actualites/mai/\n"                  # 3: the home page
                       "- de: /a/./b/\n  vers: /actualites/mai/\n"            # 5
                       "- de: /a/../b/\n  vers: /actualites/mai/\n"           # 7
                       "- de: 2019/mai/\n  vers: /actualites/mai/\n"          # 9: no leading slash
                       "- de: /2019/mai.html\n  vers: actualites/mai/\n"      # 11: target without slash
                       "- de: /agenda/vieux/\n  vers: /actualites/mia/\n"     # 13: reserved, typo
                       "- de: /actualites/mai/\n  vers: /actualites/mai/\n"   # 15: the page itself
                       "- de: /2019/05/mai/\n  vers: /actualites/mai/\n"      # 17: twice
                       "- de: /vieux/\n  vers: /zzz/\n"                        # 19: nothing close
                       "- de: /agenda/vieux.html\n  vers: /actualites/mai/\n"  # 21: fine: no page is a .html
                       "- de: /ancien/\n  vers: /Xactualites/mai/\n")          # 23: a stray letter
    _index, diags = make_project.load()
    assert found(diags, news_rel) == []
    taken = ("supprimez cette redirection : la page existe déjà à cette adresse")
    assert found(diags, REDIRECTS) == [
        (3, ERROR, "ancienne adresse invalide « / »", NOT_A_PATH),
        (5, ERROR, "ancienne adresse invalide « /a/./b/ »", NOT_A_PATH),
        (7, ERROR, "ancienne adresse invalide « /a/../b/ »", NOT_A_PATH),
        (9, ERROR, "ancienne adresse invalide « 2019/mai/ »", NOT_A_PATH),
        (11, ERROR, "redirection vers une page inexistante « actualites/mai/ »", "vouliez-vous dire « actualites/mai/ » ?"),
        (13, ERROR, "l'ancienne adresse « /agenda/vieux/ » est celle d'une page du site", taken),
        (13, ERROR, "redirection vers une page inexistante « /actualites/mia/ »",
         "vouliez-vous dire « actualites/mai/ » ?"),
        (15, ERROR, "l'ancienne adresse « /actualites/mai/ » est celle d'une page du site", taken),
        (17, ERROR, "ancienne adresse « /2019/05/mai/ » redirigée deux fois",
         "déjà à la ligne 1 : gardez une seule redirection"),
        (19, ERROR, "redirection vers une page inexistante « /zzz/ »",
         "l'adresse d'un contenu du site, ex. /actualites/mon-article/"),
        (23, ERROR, "redirection vers une page inexistante « /Xactualites/mai/ »",
         "vouliez-vous dire « actualites/mai/ » ?"),
    ]


# --- a file whose header failed validation: its references are still checked -------------------


@pytest.mark.parametrize("extra, expected", [
    ("themes: climat\n", [(6, "thème inconnu « climat »")]),
    ("themes: [francophonie-des-territoires, 3, climat, eau]\n",
     [(6, "thème inconnu « climat »"), (6, "thème inconnu « eau »")]),
    ("themes:\n  - climat\n  - francophonie-des-territoires\n  - eau\n",
     [(7, "thème inconnu « climat »"), (9, "thème inconnu « eau »")]),
    ("themes: {a: 1}\nprojet: [coopr]\n", []),
    ("projet: coopr\n", []),
    ("projet: terres\n", [(6, "projet inconnu « terres »")]),
    # an end that does not parse: the references are still reported
    ("themes: climat\ndebut: 2026-12-05 10:00\nfin: demain\n", [(6, "thème inconnu « climat »")]),
])
def test_references_of_a_header_with_schema_errors(make_project, extra, expected):
    rel = news(make_project, "a", "lieux: Rabat\n" + extra)
    _index, diags = make_project.load()
    assert [(x[0], x[2]) for x in found(diags, rel) if not x[2].startswith(("champ inconnu", "« "))] == expected


@pytest.mark.parametrize("debut, fin, expected", [
    ("2026-12-05 10:00", "2026-12-05 09:59", True),
    ("2026-12-05 10:00Z", "2026-12-05 10:00+00:00", True),
    ("2026-12-05 10:00Z", "2026-12-05 11:00+02:00", True),   # 09:00 UTC
    ("2026-12-05 10:00Z", "2026-12-05 12:00+02:00", True),   # equal instants
    ("2026-12-05 10:00Z", "2026-12-05 13:00+02:00", False),
    ("2026-12-05 10:00", "2026-12-05 25:00", False),         # not a time: the schema says so
    ("2026-12-05 10:00", "demain", False),
])
def test_event_end_on_a_header_with_schema_errors(make_project, debut, fin, expected):
    make_project.write("content/evenements/e.md", "---\ntitre: E\ntype: webinar\ndebut: " + debut + "\nfin: " + fin
                       + "\nresume: R\nen_ligne: true\n---\n")
    _index, diags = make_project.load()
    ends = [x for x in found(diags, "content/evenements/e.md") if "précède" in x[2]]
    assert ends == ([(5, ERROR, "la fin de l'événement précède (ou égale) son début",
                      f"le début est le {debut[:16]} ; vérifiez la date et l'heure de fin")] if expected else [])


def test_event_with_an_unknown_time_zone_gets_only_that_error(make_project):
    # without a zone its times cannot be compared with the build date: no other event check runs
    make_project.write("content/evenements/e.md",
                       "---\ntitre: E\ntype: bureau\ndebut: 2026-01-05 10:00\nfin: 2026-01-05 09:00\nresume: R\n"
                       "fuseau: Europe/Lyon\n---\n")
    _index, diags = make_project.load()
    assert found(diags, "content/evenements/e.md") == [
        (7, ERROR, "fuseau horaire inconnu « Europe/Lyon »",
         "exemples : Europe/Paris, Africa/Casablanca, Africa/Abidjan, America/Montreal")]


def test_a_body_without_any_paragraph_repeats_no_summary(make_project):
    # headings and lists only: no first paragraph, so no summary (even an odd one) repeats it
    rel = "content/actualites/a.md"
    make_project.write(rel, "---\ntitre: A\ndate: 2026-01-05\nresume: XXXX\n---\n## Programme\n\n- accueil\n")
    _index, diags = make_project.load()
    assert found(diags, rel) == []
