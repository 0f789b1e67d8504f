"""Registration exports: encodings, separators, XLSX, column mapping, broken rows (no browser).

The files in tests/data/participants/ hold FICTITIOUS people only (see generer.py there).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from airf_site.errors import BuildError
from airf_site.kit.participants import (
    country_code,
    decode,
    load_participants,
    read_rows,
    sniff_delimiter,
)
from airf_site.kit.settings import load_settings

DATA = Path(__file__).resolve().parent / "data" / "participants"

MEMBERS = """\
- id: region-segou
  nom: Région de Ségou
  pays: ML
  type: région
- id: province-namur
  nom: Province de Namur
  pays: BE
  type: province
- id: rabat-sale-kenitra
  nom: Région Rabat-Salé-Kénitra
  pays: MA
  type: région
- id: region-centre-cameroun
  nom: Région du Centre
  pays: CM
  type: région
- id: region-centre-burkina
  nom: Région du Centre
  pays: BF
  type: région
- id: region-gbeke
  nom: Région du Gbêkê
  pays: CI
  type: région
- id: commune-porto-novo
  nom: Ville de Porto-Novo
  pays: BJ
  type: ville
"""


@pytest.fixture
def project(make_project):
    make_project.write("content/donnees/membres.yml", MEMBERS)
    return make_project


def _load(project, name, settings=None):
    index, _ = project.load()
    path = project.root / name if (project.root / name).exists() else DATA / name
    return load_participants(path, project.root, index.members, settings)


def names(participants):
    return {p.nom_affiche for p in participants}


@pytest.mark.parametrize("name", ["utf8-virgules.csv", "windows-1252.csv", "inscriptions.xlsx",
                                  "assemblee-generale-2027.csv"])
def test_every_export_format_keeps_accents(project, name):
    participants, _ = _load(project, name)
    assert "Aïssata DIALLO-KONÉ" in names(participants)
    assert "Éloïse VANDENBERGHE" in names(participants)
    assert all("\ufffd" not in p.nom + p.prenom + p.fonction for p in participants)


def test_encodings_decode_to_the_same_text():
    utf8_bom = (DATA / "assemblee-generale-2027.csv").read_bytes()
    assert utf8_bom.startswith(b"\xef\xbb\xbf")
    cp1252 = (DATA / "windows-1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
    assert "Prénom" in decode(utf8_bom).splitlines()[0]
    assert not decode(utf8_bom).startswith("\ufeff")
    assert "Hédi" in decode(cp1252)
    assert decode("Zoé".encode("utf-16")) == "Zoé"


def test_separator_sniffing():
    assert sniff_delimiter("Prénom;Nom;Pays") == ";"
    assert sniff_delimiter("Prénom,Nom,Pays") == ","
    assert sniff_delimiter("Prénom\tNom\tPays") == "\t"
    # A comma inside the header of a semicolon file does not fool it.
    assert sniff_delimiter("Nom;Collectivité, organisation;Pays") == ";"


def test_broken_rows_are_reported_with_their_line_and_the_rest_is_kept(project):
    participants, diags = _load(project, "assemblee-generale-2027.csv")
    by_line = {d.line: d for d in diags}
    assert "sans nom" in by_line[30].message
    assert "pays inconnu « Zembla »" in by_line[31].message
    assert "en double (déjà à la ligne 9)" in by_line[32].message
    assert "rôle inconnu « Invitée VIP »" in by_line[33].message
    assert all(d.path.endswith("assemblee-generale-2027.csv") for d in diags)
    assert all(d.severity == "avertissement" for d in diags)
    assert len(participants) == 28  # every good row
    assert "Bruno KELLER" not in names(participants)
    assert [p.nom_affiche for p in participants].count("Koffi AGBODJAN") == 1


def test_quoted_multiline_cell_shifts_line_numbers(project):
    rows = read_rows(DATA / "cellule-multiligne.csv")
    assert [line for line, _ in rows] == [1, 2, 4, 5]
    participants, diags = _load(project, "cellule-multiligne.csv")
    assert [p.line for p in participants if p.nom == "Vandenberghe"] == [4]


def test_roles_countries_and_members(project):
    participants, _ = _load(project, "assemblee-generale-2027.csv")
    by_name = {p.nom_affiche: p for p in participants}
    assert by_name["Samuel ATEBA"].role == "intervenant"
    assert by_name["Inès HADDAD"].role == "intervenant"  # "Intervenante"
    assert by_name["Lucie MARTIN"].role == "equipe"  # "Équipe"
    assert by_name["Thomas LAMBERT"].role == "partenaire"
    assert by_name["Youssef AMRANI"].pays == "MA"  # "Maroc"
    assert by_name["Jean-Baptiste KOUADIO N'GUESSAN"].pays == "CI"  # "Côte d'Ivoire"
    assert by_name["Aïssata DIALLO-KONÉ"].membre == "region-segou"
    # Homonyms (Région du Centre: Cameroon and Burkina Faso) are told apart by the country.
    assert by_name["Paul ESSOMBA"].membre == "region-centre-cameroun"
    assert by_name["Thomas LAMBERT"].membre is None


def test_excel_separator_hint_line(project):
    project.write("sep.csv", "sep=,\r\nPrénom,Nom,Pays\r\nAwa,Sarr,SN\r\n,,BE\r\n")
    rows = read_rows(project.root / "sep.csv")
    assert rows == [(2, ["Prénom", "Nom", "Pays"]), (3, ["Awa", "Sarr", "SN"]), (4, ["", "", "BE"])]
    participants, diags = _load(project, "sep.csv")
    assert [p.nom_affiche for p in participants] == ["Awa SARR"] and [d.line for d in diags] == [4]


def test_member_authority_not_found_is_a_warning_with_a_hint(project):
    project.write("ins.csv", "Prénom;Nom;Collectivité;Pays;Rôle\nAwa;Test;Région de Segou;ML;Membre\n"
                             "Léa;Test;Conseil régional de Ségou;ML;Membre\nTom;Test;AFD;FR;Partenaire\n")
    participants, diags = _load(project, "ins.csv")
    assert [p.membre for p in participants] == ["region-segou", None, None]  # accents do not matter
    assert len(participants) == 3  # still printed
    assert [(d.line, d.severity) for d in diags] == [(3, "avertissement")]
    assert "absente de la liste des membres" in diags[0].message
    assert diags[0].hint == "vouliez-vous dire « Région de Ségou » ?"


def test_country_codes():
    assert country_code("ma") == "MA"
    assert country_code("Côte d’Ivoire") == "CI"
    assert country_code("cote d'ivoire") == "CI"
    assert country_code("Cameroun") == "CM"
    assert country_code("Zembla") is None
    assert country_code("ZZ") is None


def test_column_and_role_mapping_from_private_settings(project):
    shutil.copy(DATA / "autres-colonnes.csv", project.root / "autres.csv")
    # Without settings no column is recognised as the name: a French error names the columns read.
    with pytest.raises(BuildError, match="colonne « nom » introuvable .*« Participant – nom »"):
        _load(project, "autres.csv")
    project.write("private/kit.yml", """\
        colonnes:
          prenom: Participant – prénom
          nom: [Participant – nom]
          collectivite: Institution représentée
          pays: Pays de résidence
          role: Statut
        roles:
          Délégué: membre
        """)
    participants, diags = _load(project, "autres.csv", load_settings(project.root))
    assert diags == []
    assert names(participants) == {"Aïssata DIALLO-KONÉ", "Éloïse VANDENBERGHE",
                                   "Jean-Baptiste KOUADIO N'GUESSAN", "Mohammed-Amine EL IDRISSI BEN ABDELKRIM"}
    assert {p.role for p in participants} == {"membre"}


@pytest.mark.parametrize("text, expected", [
    ("colonnes:\n  prenon: Prénom\n", "colonne inconnue « prenon » (vouliez-vous dire « prenom » ?)"),
    ("roles:\n  VIP: invite\n", "rôle « invite » inconnu"),
    ("colones: {}\n", "réglage inconnu « colones » (vouliez-vous dire « colonnes » ?)"),
    ("colonnes: [\n", "fichier illisible"),
])
def test_bad_private_settings_are_french_errors(project, text, expected):
    project.write("private/kit.yml", text)
    with pytest.raises(BuildError) as exc:
        load_settings(project.root)
    assert expected in str(exc.value)


def test_unusable_files_raise_french_errors(project):
    project.write("vide.csv", "")
    project.write("sans-nom.csv", "Pays;Fonction\nMA;Maire\n")
    with pytest.raises(BuildError, match="introuvable"):
        _load(project, "absent.csv")
    with pytest.raises(BuildError, match="vide"):
        _load(project, "vide.csv")
    with pytest.raises(BuildError, match=r"sans-nom.csv:1 : colonne « nom » introuvable \(colonnes lues : « Pays », « Fonction »\)"):
        _load(project, "sans-nom.csv")
    project.write("faux.xlsx", b"pas un classeur")
    with pytest.raises(BuildError, match="classeur Excel illisible"):
        _load(project, "faux.xlsx")


def test_missing_country_is_taken_from_the_member_list(project):
    project.write("inscriptions.csv", "Prénom;Nom;Collectivité;Pays\nAwa;Test;Région de Ségou;\nLéa;Test;Ailleurs;\n")
    participants, diags = _load(project, "inscriptions.csv")
    assert [(p.prenom, p.pays) for p in participants] == [("Awa", "ML")]
    assert len(diags) == 1 and diags[0].line == 3 and "pays manquant" in diags[0].message


LABELS_CSV = """\
Prénom;Nom;Pays;Rôle;Libellé du badge;E-mail
Awa;Diop;SN;Speaker;;awa.diop@example.org
Koffi;Mensah;TG;Speaker;;koffi.mensah@example.org
Ngozi;Okafor;NG;Speaker;Modératrice;
Ana;Lima;PT;Speaker;;ana.lima@example.org
Léa;Martin;FR;intervenante;;
"""


def test_one_persons_label_from_the_export_or_private_settings(project):
    """Role labels as written, per person: the export's « Libellé du badge » cell, or
    private/kit.yml's `personnes` (by e-mail or by name) over the role's `libelles` renaming."""
    project.write("libelles.csv", LABELS_CSV)
    project.write("private/kit.yml", """\
        roles:
          Speaker: intervenant
        libelles:
          Speaker: Intervenant
        personnes:
          AWA.DIOP@example.org: Intervenante
          ana lima: Oratrice
          Fatou Sal: Intervenante
        """)
    participants, diags = _load(project, "libelles.csv", load_settings(project.root))
    labels = {p.nom_affiche: p.role_label for p in participants}
    assert labels == {"Awa DIOP": "Intervenante", "Koffi MENSAH": "Intervenant", "Ngozi OKAFOR": "Modératrice",
                      "Ana LIMA": "Oratrice", "Léa MARTIN": "Intervenante"}
    assert {p.role for p in participants} == {"intervenant"}  # the colour stays the role's
    # A key that names nobody: a French warning at its line of private/kit.yml, never silence.
    (diag,) = diags
    assert (diag.path, diag.line, diag.severity) == ("private/kit.yml", 8, "avertissement")
    assert "« Fatou Sal » ne désigne aucun participant" in diag.message


def test_per_person_labels_reach_the_badges_as_written(project):
    from html.parser import HTMLParser

    from conftest import REPO

    from airf_site.kit.render import render_badges

    shutil.copytree(REPO / "layouts", project.root / "layouts")
    project.write("libelles.csv", LABELS_CSV)
    project.write("private/kit.yml", "personnes:\n  awa.diop@example.org: Intervenante\n")
    participants, _ = _load(project, "libelles.csv", load_settings(project.root))
    event = _event(project)

    class Roles(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.roles = False, []

        def handle_starttag(self, tag, attrs):
            self.inside = tag == "span" and ("class", "role") in attrs

        def handle_data(self, data):
            if self.inside:
                self.roles.append(data.strip())
                self.inside = False

    parser = Roles()
    parser.feed(render_badges(project.project(), event, participants))
    assert sorted(parser.roles) == ["Intervenante", "Intervenante", "Modératrice", "Speaker", "Speaker"]
    assert not [r for r in parser.roles if "·" in r]


def _event(project):
    project.write("content/evenements/ag.md", """\
        ---
        titre: Assemblée générale
        type: assemblee-generale
        debut: 2027-03-10 09:00
        fin: 2027-03-10 17:00
        fuseau: Europe/Paris
        resume: Réunion.
        lieu: Hôtel de région
        ---
        Ordre du jour.
        """)
    index, _ = project.load()
    return next(e for e in index.events if e.id == "ag")


@pytest.mark.parametrize("text", ["personnes: [a, b]\n", "personnes:\n  awa@example.org: \n",
                                  "personnes:\n  awa@example.org: [Intervenante]\n"])
def test_bad_personnes_setting_is_a_french_error(project, text):
    project.write("private/kit.yml", text)
    with pytest.raises(BuildError) as exc:
        load_settings(project.root)
    assert "« personnes » attend des lignes" in str(exc.value) and "private/kit.yml:1" in str(exc.value)


@pytest.mark.parametrize("code", ["EU", "UN", "ZZ", "QO", "EZ", "XA", "IC", "TA"])
def test_groupings_and_non_countries_are_not_countries(code):
    """CLDR names these two-letter codes, but none is a country a participant comes from."""
    from airf_site.countries import country_name, is_country

    assert not is_country(code) and not is_country(code.lower())
    assert country_code(code) is None and country_code(country_name(code)) is None


@pytest.mark.parametrize("value, code", [("XK", "XK"), ("Kosovo", "XK"), ("sn", "SN"), ("Belgique", "BE"),
                                         ("Canada", "CA"), ("Haïti", "HT"), ("Vanuatu", "VU")])
def test_francophone_countries_are_countries(value, code):
    assert country_code(value) == code
