"""Every validation rule, table-driven: the exact French message and line for each broken file."""

from __future__ import annotations

import subprocess
import sys

import pytest

NEWS_OK = "---\ntitre: Atelier à Rabat\ndate: 2026-01-05\nresume: Un atelier.\n---\nTexte.\n"

# (case id, file under content/, raw bytes, expected line, expected message fragment, severity)
CASES = [
    ("impossible month", "actualites/a.md", b"---\ntitre: A\ndate: 2025-13-01\nresume: R\n---\n",
     3, "« date » : le mois doit être entre 1 et 12 (reçu 2025-13-01)", "erreur"),
    ("impossible day", "actualites/a.md", b"---\ntitre: A\ndate: 2026-02-30\nresume: R\n---\n",
     3, "« date » : ce jour n'existe pas (reçu 2026-02-30)", "erreur"),
    ("date format", "actualites/a.md", b"---\ntitre: A\ndate: 05/01/2026\nresume: R\n---\n",
     3, "date invalide « 05/01/2026 » : format attendu AAAA-MM-JJ", "erreur"),
    ("unknown key", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nresumee: x\n---\n",
     5, "champ inconnu « resumee »", "erreur"),
    ("missing field", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\n---\n",
     1, "champ obligatoire « resume » manquant", "erreur"),
    ("duplicate key", "actualites/a.md", b"---\ntitre: A\ntitre: B\ndate: 2026-01-05\nresume: R\n---\n",
     3, "champ « titre » en double (déjà à la ligne 2)", "erreur"),
    ("bool", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nbrouillon: peut-etre\n---\n",
     5, "« brouillon » : valeur « peut-etre » non reconnue", "erreur"),
    ("list expected", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nthemes: {a: 1}\n---\n",
     5, "« themes » : liste attendue", "erreur"),
    ("unknown theme", "actualites/a.md",
     b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nthemes:\n  - francophonie-des-teritoires\n---\n",
     6, "thème inconnu « francophonie-des-teritoires »", "erreur"),
    ("unknown project", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nprojet: copr\n---\n",
     5, "projet inconnu « copr »", "erreur"),
    ("missing image", "actualites/a.md",
     b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nimage: images/x.png\nimage_alt: Une carte\n---\n",
     5, "image introuvable « images/x.png »", "erreur"),
    ("image without alt", "actualites/a.md",
     b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nimage: images/test.png\n---\n",
     5, "image sans texte alternatif", "erreur"),
    ("summary too long", "actualites/a.md",
     b"---\ntitre: A\ndate: 2026-01-05\nresume: " + b"x" * 301 + b"\n---\n",
     4, "résumé trop long (301 caractères, 300 au plus)", "avertissement"),
    ("yaml colon", "actualites/a.md", b"---\ntitre: A: b\ndate: 2026-01-05\nresume: R\n---\n",
     2, "erreur de syntaxe YAML : la valeur contient « : » suivi d'une espace", "erreur"),
    ("yaml unclosed quote", "actualites/a.md", b"---\ntitre: \"A\ndate: 2026-01-05\nresume: R\n---\n",
     2, "erreur de syntaxe YAML : guillemet ou crochet jamais fermé", "erreur"),
    ("tab", "actualites/a.md", b"---\ntitre: A\n\tdate: 2026-01-05\nresume: R\n---\n",
     3, "tabulation dans l'en-tête YAML", "erreur"),
    ("empty file", "actualites/a.md", b"", 1, "le fichier est vide", "erreur"),
    ("whitespace only", "actualites/a.md", b"  \n\n", 1, "le fichier est vide", "erreur"),
    ("no opening", "actualites/a.md", b"titre: A\n", 1, "le fichier ne commence pas par « --- »", "erreur"),
    ("no closing", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\n", 1,
     "l'en-tête ouvert par « --- » n'est jamais fermé", "erreur"),
    ("empty header", "actualites/a.md", b"---\n---\nTexte\n", 2, "l'en-tête est vide", "erreur"),
    ("header not mapping", "actualites/a.md", b"---\n- a\n---\n", 2,
     "l'en-tête doit être une liste de champs « nom: valeur »", "erreur"),
    ("latin-1", "actualites/a.md", "---\ntitre: A\nresume: Été\n---\n".encode("latin-1"), 3,
     "le fichier n'est pas encodé en UTF-8", "erreur"),
    ("bom", "actualites/a.md", b"\xef\xbb\xbf" + NEWS_OK.encode(), 1,
     "le fichier commence par une marque d'ordre d'octets (BOM)", "avertissement"),
    ("crlf", "actualites/a.md", NEWS_OK.replace("\n", "\r\n").encode(), 1, "fins de ligne Windows (CRLF)",
     "avertissement"),
    ("file outside kinds", "divers/a.md", NEWS_OK.encode(), 1, "fichier hors d'un dossier de contenu connu", "erreur"),
    ("event type", "evenements/e.md",
     b"---\ntitre: E\ntype: webinar\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\nen_ligne: true\n---\n",
     3, "« type » : valeur « webinar » non autorisée", "erreur"),
    ("event end before start", "evenements/e.md",
     b"---\ntitre: E\ntype: webinaire\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 09:00\nresume: R\nen_ligne: true\n---\n",
     5, "la fin de l'événement précède (ou égale) son début", "erreur"),
    ("event missing time", "evenements/e.md",
     b"---\ntitre: E\ntype: webinaire\ndebut: 2026-12-05\nfin: 2026-12-05 09:00\nresume: R\nen_ligne: true\n---\n",
     4, "il manque l'heure dans « 2026-12-05 »", "erreur"),
    ("event time zone", "evenements/e.md",
     b"---\ntitre: E\ntype: webinaire\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nfuseau: Europe/Pariss\n"
     b"resume: R\nen_ligne: true\n---\n", 6, "fuseau horaire inconnu « Europe/Pariss »", "erreur"),
    ("event without place", "evenements/e.md",
     b"---\ntitre: E\ntype: bureau\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\n---\n",
     1, "événement sans lieu", "erreur"),
    ("event url", "evenements/e.md",
     b"---\ntitre: E\ntype: webinaire\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\n"
     b"en_ligne: true\ninscription: www.airf.org/inscription\n---\n",
     8, "« inscription » : adresse web invalide « www.airf.org/inscription »", "erreur"),
    ("past event without minutes", "evenements/e.md",
     b"---\ntitre: E\ntype: webinaire\ndebut: 2026-01-05 10:00\nfin: 2026-01-05 11:00\nresume: R\nen_ligne: true\n---\n",
     1, "événement passé sans compte rendu", "avertissement"),
    ("programme nested", "evenements/e.md",
     b"---\ntitre: E\ntype: webinaire\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\nresume: R\nen_ligne: true\n"
     b"programme:\n  - debut: 09:00\n    titre: Accueil\n  - debut: 25:00\n    titre: X\n---\n",
     11, "« debut » (élément 2 de « programme ») : heure invalide « 25:00 »", "erreur"),
    ("fact sheet member", "fiches/f.md",
     b"---\ntitre: F\ndate: 2026-01-05\nresume: R\ncollectivite: rabat-sale-kenitr\npays: MA\ncontexte: C\n"
     b"actions: [a]\nresultats: [r]\nenseignements: [e]\ncontact: Direction\n---\n",
     5, "membre inconnu « rabat-sale-kenitr »", "erreur"),
    ("fact sheet country mismatch", "fiches/f.md",
     b"---\ntitre: F\ndate: 2026-01-05\nresume: R\ncollectivite: rabat-sale-kenitra\npays: SN\ncontexte: C\n"
     b"actions: [a]\nresultats: [r]\nenseignements: [e]\ncontact: Direction\n---\n",
     6, "le pays « SN » ne correspond pas à celui du membre « Région Rabat-Salé-Kénitra » (MA)", "erreur"),
    ("call amounts", "appels/c.md",
     b"---\ntitre: C\ndate: 2026-01-05\ndate_limite: 2026-03-01\nbailleur: B\nresume: R\nmontant_min: 5000\n"
     b"montant_max: 1000\neligibles: Membres\nlien: https://example.org/appel\n---\n",
     8, "le montant maximum est inférieur au montant minimum", "erreur"),
    ("call amount not int", "appels/c.md",
     b"---\ntitre: C\ndate: 2026-01-05\ndate_limite: 2026-03-01\nbailleur: B\nresume: R\nmontant_min: 5 000 EUR\n"
     b"eligibles: Membres\nlien: https://example.org/appel\n---\n",
     7, "« montant_min » : nombre entier attendu (reçu « 5 000 EUR »)", "erreur"),
    ("page reserved", "pages/actualites.md", b"---\ntitre: P\n---\n", 1,
     "l'adresse « /actualites/ » est réservée par le site", "erreur"),
    ("bad slug", "actualites/a.md", "---\ntitre: A\ndate: 2026-01-05\nresume: R\nslug: Été 2026\n---\n".encode(),
     5, "« slug » : identifiant invalide « Été 2026 »", "erreur"),
    ("remote image", "actualites/a.md",
     b"---\ntitre: A\ndate: 2026-01-05\nresume: R\nimage: https://exemple.org/p.jpg\nimage_alt: x\n---\n",
     5, "image distante « https://exemple.org/p.jpg »", "erreur"),
    ("impossible date in file name", "actualites/2024-25-10-atelier.md",
     b"---\ntitre: A\ndate: 2024-10-25\nresume: R\n---\n", 1, "date impossible dans le nom du fichier", "erreur"),
    # reported in the same run as the header's own errors (here: the date the name should give)
    ("impossible date in file name, header invalid", "actualites/2024-25-10-atelier.md",
     b"---\ntitre: A\nresume: R\n---\n", 1, "date impossible dans le nom du fichier", "erreur"),
    ("h1 in body", "actualites/a.md", b"---\ntitre: A\ndate: 2026-01-05\nresume: R\n---\nIntro.\n\n# Titre\n",
     8, "titre de niveau 1", "avertissement"),
    ("summary repeated", "actualites/a.md",
     b"---\ntitre: A\ndate: 2026-01-05\nresume: Un atelier sur l'eau.\n---\nUn atelier sur\nl'eau.\n\nSuite.\n",
     4, "le résumé répète le premier paragraphe", "avertissement"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_rule(make_project, case):
    _id, rel, raw, line, message, severity = case
    make_project.image()
    make_project.write(f"content/{rel}", raw)
    _index, diags = make_project.load()
    found = [d for d in diags if d.path == f"content/{rel}" and message in d.message]
    assert found, "\n".join(d.format() for d in diags)
    assert found[0].line == line, found[0].format()
    assert found[0].severity == severity


def test_hints_name_the_fix(make_project):
    make_project.write("content/actualites/a.md", "---\ntitre: A\ndate: 2026-01-05\nresume: R\nresum: x\n---\n")
    make_project.write("content/evenements/e.md",
                       "---\ntitre: E\ntype: webinar\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 11:00\n"
                       "resume: R\nen_ligne: true\n---\n")
    _index, diags = make_project.load()
    hints = {d.message: d.hint for d in diags}
    assert hints["champ inconnu « resum »"] == "vouliez-vous dire « resume » ?"
    assert hints["« type » : valeur « webinar » non autorisée"].startswith("vouliez-vous dire « webinaire » ?")


def test_duplicate_output_paths_name_both_files(make_project):
    make_project.write("content/actualites/2026-01-05-atelier.md", NEWS_OK)
    make_project.write("content/actualites/2026-02-05-atelier.md", NEWS_OK)
    _index, diags = make_project.load()
    dup = [d for d in diags if "même adresse « /actualites/atelier/ »" in d.message]
    assert len(dup) == 1
    assert dup[0].related == "content/actualites/2026-01-05-atelier.md:1"
    assert dup[0].path == "content/actualites/2026-02-05-atelier.md"


def test_data_file_errors_have_lines(make_project):
    make_project.write("content/donnees/membres.yml",
                       "- id: a\n  nom: A\n  pays: XX\n  type: région\n"
                       "- id: a\n  nom: B\n  pays: MA\n  type: région\n"
                       "- id: c\n  nom: C\n  pays: MA\n  type: regionn\n")
    _index, diags = make_project.load()
    text = [d.format() for d in diags]
    assert any(t.startswith("content/donnees/membres.yml:5: erreur : identifiant « a » en double") for t in text), text
    assert any(t.startswith("content/donnees/membres.yml:12: erreur : « type » : valeur « regionn » non autorisée")
               for t in text), text
    assert any(t.startswith("content/donnees/membres.yml:1: erreur : code pays inconnu « XX »") for t in text), text


def test_all_problems_in_one_run(make_project):
    for n in range(3):
        make_project.write(f"content/actualites/2026-01-0{n + 1}-a{n}.md", "---\ntitre: A\ndate: 2025-13-01\nresume: R\n---\n")
    _index, diags = make_project.load()
    assert len([d for d in diags if "le mois doit être" in d.message]) == 3


def test_valid_tree_loads_clean(make_project):
    make_project.image()
    make_project.write("content/actualites/2026-01-05-atelier.md",
                       "---\ntitre: Atelier\ndate: 2026-01-05\nresume: R\nimage: images/test.png\n"
                       "image_alt: Carte\nthemes: environnement-eau-energies-climat\nprojet: coopr\n---\nTexte.\n")
    index, diags = make_project.load()
    assert diags == []
    assert [n.id for n in index.news] == ["atelier"]
    assert index.news[0].themes == ["environnement-eau-energies-climat"]
    assert index.news[0].url == "actualites/atelier/"


def test_drafts_are_checked_but_not_published(make_project):
    make_project.write("content/actualites/2026-01-05-b.md", "---\ntitre: B\ndate: 2026-01-05\nresume: R\nbrouillon: true\n---\n")
    index, diags = make_project.load()
    assert diags == [] and index.news == [] and [d.id for d in index.drafts] == ["b"]


def _airf(root, *args):
    return subprocess.run([sys.executable, "-m", "airf_site.cli", "--root", str(root), *args],
                          capture_output=True, text=True, env={"AIRF_BUILD_DATE": "2026-11-28", "PATH": "/usr/bin:/bin"})


def test_cli_check_reports_and_exits_1(make_project):
    make_project.write("content/actualites/a.md", "---\ntitre: A\ndate: 2025-13-01\nresume: R\nlieux: x\n---\n")
    result = _airf(make_project.root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "content/actualites/a.md:3: erreur : « date » : le mois doit être entre 1 et 12 (reçu 2025-13-01)",
        "content/actualites/a.md:5: erreur : champ inconnu « lieux »",
        "    conseil : champs possibles : auteur, brouillon, date, etiquettes, guid, image, image_alt, projet, resume, slug, "
        "themes, titre",
        "2 erreurs dans 1 fichier. À corriger avant de publier.",
    ]
    assert result.stdout == ""  # no success line after errors


def test_cli_check_says_when_all_is_well(make_project):
    make_project.write("content/actualites/2026-01-05-a.md", NEWS_OK)
    result = _airf(make_project.root, "check")
    assert result.returncode == 0, result.stderr
    files = sum(1 for p in make_project.root.rglob("*") if p.suffix in (".md", ".yml")
                and "admin" not in p.parts and p.relative_to(make_project.root).parts[0] in
                ("content", "newsletters", "annual_report"))
    assert result.stdout == f"Tout est correct : {files} fichiers vérifiés.\n"
    assert result.stderr == ""


def test_cli_check_warnings_are_not_blocking(make_project):
    make_project.write("content/actualites/a.md", b"\xef\xbb\xbf" + NEWS_OK.encode())
    result = _airf(make_project.root, "check")
    assert result.returncode == 0
    assert result.stdout.endswith("fichiers vérifiés : rien de bloquant.\n")
    assert result.stderr.splitlines()[-1] == "1 avertissement dans 1 fichier."


def test_cli_warnings_fail_only_under_strict(make_project):
    make_project.write("content/actualites/a.md", b"\xef\xbb\xbf" + NEWS_OK.encode())
    assert _airf(make_project.root, "check").returncode == 0
    strict = _airf(make_project.root, "check", "--strict")
    assert strict.returncode == 1
    assert "avertissement : le fichier commence par une marque d'ordre d'octets (BOM)" in strict.stderr


def test_cli_github_annotations(make_project):
    make_project.write("content/actualites/a.md", "---\ntitre: A\ndate: 2025-13-01\nresume: R\n---\n")
    result = _airf(make_project.root, "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/actualites/a.md,line=3::« date » : le mois doit être entre 1 et 12 (reçu 2025-13-01)"
    ]


def test_members_grouped_in_french_alphabetical_order(make_project):
    make_project.write("content/donnees/membres.yml",
                       "- id: a\n  nom: Plateau-Central\n  pays: BF\n  type: région\n"
                       "- id: b\n  nom: Atlantique\n  pays: BJ\n  type: département\n"
                       "- id: c\n  nom: Épinal\n  pays: FR\n  type: ville\n"
                       "- id: d\n  nom: Ain\n  pays: FR\n  type: département\n")
    index, diags = make_project.load()
    grouped = index.members_by_country()
    assert list(grouped) == ["BJ", "BF", "FR"]  # Bénin, Burkina Faso, France
    assert [m.nom for m in grouped["FR"]] == ["Ain", "Épinal"]


def test_check_links_reports_broken_internal_link(make_project):
    site = make_project.root / "build" / "site"
    make_project.write("build/site/index.html", '<html><body><a href="absente/">x</a></body></html>')
    result = _airf(make_project.root, "check", "--links")
    assert result.returncode == 1, result.stderr
    assert "build/site/index.html" in result.stderr and "absente/" in result.stderr
    (site / "absente").mkdir()
    (site / "absente" / "index.html").write_text("<html><body>ok</body></html>")
    assert _airf(make_project.root, "check", "--links").returncode == 0


def test_placeholders_left_by_airf_new_block_the_build(make_project):
    make_project.write("content/actualites/2026-01-05-a.md",
                       "---\ntitre: \"À compléter : le titre\"\ndate: 2026-01-05\nresume: R\n---\n")
    result = _airf(make_project.root, "check")
    assert result.returncode == 1
    assert "content/actualites/2026-01-05-a.md:2:" in result.stderr


def test_images_in_the_body_exist_and_have_alt_text(make_project):
    make_project.image("content/images/actualites/carte.png")
    make_project.write("content/actualites/2026-01-05-a.md",
                       "---\ntitre: A\ndate: 2026-01-05\nresume: R\n---\nIntro.\n\n"
                       "![Carte du réseau](/images/actualites/carte.png)\n"
                       "![](/images/actualites/carte.png)\n"
                       "![Photo](images/actualites/absente.jpg) et ![Logo](https://example.org/logo.png)\n")
    _index, diags = make_project.load()
    assert [(d.line, d.message) for d in diags] == [
        (9, "image « /images/actualites/carte.png » sans texte alternatif"),
        (10, "image introuvable « images/actualites/absente.jpg »"),
    ]


def test_cli_speaks_french_even_in_click_messages(make_project):
    help_text = _airf(make_project.root, "--help").stdout
    assert help_text.startswith("Utilisation : airf") and "Affiche cette aide et quitte." in help_text
    typo = _airf(make_project.root, "chek")
    assert typo.returncode == 2
    assert "Erreur : Commande inconnue 'chek'. (Vouliez-vous dire : 'check'" in typo.stderr


def test_cross_checks_still_run_on_a_file_with_schema_errors(make_project):
    make_project.write("content/evenements/e.md",
                       "---\ntitre: E\ntype: webinar\ndebut: 2026-12-05 10:00\nfin: 2026-12-05 09:00\n"
                       "resume: R\nen_ligne: true\nthemes: [climat]\nprojet: copr\n---\n")
    _index, diags = make_project.load()
    assert [(d.line, d.message) for d in diags] == [
        (3, "« type » : valeur « webinar » non autorisée"),
        (5, "la fin de l'événement précède (ou égale) son début"),
        (8, "thème inconnu « climat »"),
        (9, "projet inconnu « copr »"),
    ]


@pytest.mark.parametrize("field,expected", [("imagefeature", "image"), ("tags", "etiquettes"),
                                            ("categories", "themes"), ("description", "resume"),
                                            ("author", "auteur"), ("draft", "brouillon"), ("title", "titre")])
def test_other_tools_field_names_get_ours(make_project, field, expected):
    make_project.write("content/actualites/a.md", f"---\ntitre: A\ndate: 2026-01-05\nresume: R\n{field}: x\n---\n")
    _index, diags = make_project.load()
    [diag] = [d for d in diags if "champ inconnu" in d.message]
    assert diag.hint == f"vouliez-vous dire « {expected} » ?"


@pytest.mark.parametrize("field,value,fix", [("slug", "Mon Article Été", "écrivez plutôt mon-article-ete"),
                                             ("date", "2024-05-02 10:30", "écrivez 2024-05-02"),
                                             ("date", "2024-05-02T10:30:00", "écrivez 2024-05-02")])
def test_invalid_values_come_with_the_corrected_value(make_project, field, value, fix):
    head = {"titre": "A", "date": "2026-01-05", "resume": "R", field: value}
    make_project.write("content/actualites/a.md",
                       "---\n" + "".join(f"{k}: \"{v}\"\n" for k, v in head.items()) + "---\n")
    _index, diags = make_project.load()
    assert any(fix in d.message for d in diags), [d.format() for d in diags]
