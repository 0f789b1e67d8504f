"""Regenerate the FICTITIOUS registration exports of this folder (python generer.py).

Every person here is invented: names are made up, e-mails use the reserved example.org
domain. The files cover what real exports look like: UTF-8 with BOM and semicolons (French
Excel), UTF-8 with commas, Windows-1252, XLSX, long names, accents, and broken rows.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEADER = ["Horodatage", "Prénom", "Nom", "Fonction", "Collectivité", "Pays", "Catégorie", "Adresse e-mail"]

# (prénom, nom, fonction, collectivité, pays, catégorie) — all FICTITIOUS.
PEOPLE = [
    ("Aïssata", "Diallo-Koné", "Vice-présidente chargée de la coopération", "Région de Ségou", "ML", "Membre"),
    ("Éloïse", "Vandenberghe", "Présidente", "Province de Namur", "BE", "Membre"),
    ("Jean-Baptiste", "Kouadio N'Guessan", "Conseiller régional délégué à la jeunesse", "Région du Gbêkê", "Côte d'Ivoire", "Membre"),
    ("Mohammed-Amine", "El Idrissi Ben Abdelkrim", "Directeur général des services", "Région Rabat-Salé-Kénitra", "MA", "Membre"),
    ("Françoise", "Müller-Lefèvre", "Vice-présidente aux relations internationales", "Région Auvergne-Rhône-Alpes", "FR", "Membre"),
    ("Ioana", "Popescu-Rădulescu", "Conseillère départementale", "Conseil départemental de Cluj", "RO", "Membre"),
    ("Hédi", "Ben Slimane", "Gouverneur adjoint", "Gouvernorat de Sfax", "TN", "Membre"),
    ("Koffi", "Agbodjan", "Maire", "Ville de Porto-Novo", "BJ", "Membre"),
    ("Ndèye Fatou", "Sarr", "Présidente", "Conseil départemental de Thiès", "SN", "Membre"),
    ("Rija", "Andrianarivelo", "Chef de région", "Région Analamanga", "MG", "Membre"),
    ("Marie-Ève", "Tremblay-Gagnon", "Conseillère municipale", "Ville de Sherbrooke", "CA", "Membre"),
    ("Paul", "Essomba", "Président du conseil régional", "Région du Centre", "CM", "Membre"),
    ("Zoé", "Ouédraogo", "Chargée de mission coopération", "Région des Hauts-Bassins", "BF", "Membre"),
    ("Anne-Sophie", "de La Rochefoucauld-Vasseur", "Directrice des affaires européennes et internationales", "Région Grand Est", "FR", "Membre"),
    ("Youssef", "Amrani", "Vice-président", "Région Souss-Massa", "Maroc", "Membre"),
    ("Mariama", "Issoufou", "Présidente du conseil régional", "Région d'Agadez", "NE", "Membre"),
    ("Jacqueline", "Pierre-Louis", "Mairesse", "Commune de Jacmel", "HT", "Membre"),
    ("Thomas", "Lambert", "Chargé de programme", "Agence française de développement", "FR", "Partenaire"),
    ("Claire", "Nguyen", "Responsable du partenariat", "Organisation internationale de la Francophonie", "FR", "Partenaire"),
    ("Samuel", "Ateba", "Expert en économie sociale et solidaire", "Réseau ESS Afrique centrale", "CM", "Intervenant"),
    ("Inès", "Haddad", "Chercheuse en gouvernance territoriale", "Université de Sousse", "TN", "Intervenante"),
    ("Lucie", "Martin", "Chargée de communication", "Secrétariat permanent de l'AIRF", "FR", "Équipe"),
    ("Olivier", "Rousseau", "Secrétaire permanent", "Secrétariat permanent de l'AIRF", "FR", "Équipe"),
    ("Awa", "Coulibaly", "Chargée de projets COOP'R", "Secrétariat permanent de l'AIRF", "FR", "Équipe"),
    ("Guillaume", "Perret", "Chargé de projets TERR'ESS", "Secrétariat permanent de l'AIRF", "FR", "Équipe"),
    ("Hélène", "Cazenave", "Conseillère régionale", "Région Occitanie / Pyrénées-Méditerranée", "FR", "Membre"),
    ("Abdoulaye", "Traoré", "Président de la commission environnement", "Région de Sikasso", "ML", "Membre"),
    ("Fatima-Zahra", "Bennani", "Directrice de la coopération", "Région Fès-Meknès", "MA", "Membre"),
]

# Broken rows: what real exports contain. Each is reported with its line number.
BROKEN = [
    ("", "", "Conseiller", "Province de Liège", "BE", "Membre"),                     # no name
    ("Bruno", "Keller", "Observateur", "Canton imaginaire", "Zembla", "Partenaire"),  # unknown country
    ("Koffi", "Agbodjan", "Maire", "Ville de Porto-Novo", "BJ", "Membre"),          # duplicate
    ("Nadia", "Mansour", "Élue", "Gouvernorat de Sousse", "TN", "Invitée VIP"),     # unknown role
]


def email(prenom: str, nom: str) -> str:
    from unicodedata import normalize

    def ascii_(s):
        return normalize("NFKD", s).encode("ascii", "ignore").decode().lower().replace(" ", "-").replace("'", "")
    return f"{ascii_(prenom)}.{ascii_(nom)}@example.org" if nom else ""


def rows(people, broken=()):
    out = [HEADER]
    for n, person in enumerate(list(people) + list(broken)):
        prenom, nom = person[0], person[1]
        out.append([f"2027-0{1 + n % 5}-{10 + n % 18} 09:{n % 60:02d}", *person[:5], person[5], email(prenom, nom)])
    return out


def _fits_cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def write_csv(name, data, delimiter, encoding, bom=False):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(data)
    raw = buffer.getvalue().encode(encoding)
    (HERE / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)


def main() -> None:
    # The General Assembly 2027 sample: French Excel export (UTF-8 with BOM, semicolons).
    write_csv("assemblee-generale-2027.csv", rows(PEOPLE, BROKEN), ";", "utf-8", bom=True)
    # Same people, other encodings and separators (no broken rows: only decoding is tested).
    small = PEOPLE[:8]
    write_csv("utf8-virgules.csv", rows(small), ",", "utf-8")
    # Windows-1252 cannot hold "ă" (Rădulescu): such an export would already have lost it.
    latin = [p for p in PEOPLE if all(_fits_cp1252(v) for v in p)][:8]
    write_csv("windows-1252.csv", rows(latin), ";", "cp1252")
    # A cell with a line break (quoted) moves every following line number by one.
    multi = rows(small[:3])
    multi[1][4] = "Direction de la coopération,\nRégion de Ségou"
    write_csv("cellule-multiligne.csv", multi, ",", "utf-8")
    # Another form tool: other column titles, mapped by private/kit.yml in the tests.
    other = [["Participant – prénom", "Participant – nom", "Institution représentée", "Pays de résidence", "Statut"]]
    other += [[p[0], p[1], p[3], p[4], "Délégué"] for p in small[:4]]
    write_csv("autres-colonnes.csv", other, ",", "utf-8")

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Réponses"
    for row in rows(small, BROKEN[:1]):
        sheet.append(row)
    # Fixed workbook metadata: same bytes on every run.
    import datetime as dt

    book.properties.created = book.properties.modified = dt.datetime(2027, 1, 1)
    book.properties.creator = "données fictives"
    book.save(HERE / "inscriptions.xlsx")

    # Fictitious members' contacts (CRM export) used by --relances.
    contacts = [["Collectivité", "Prénom", "Nom", "E-mail"]]
    for authority, prenom, nom in [
        ("Région Auvergne-Rhône-Alpes", "Camille", "Fictif"), ("Région de Tombouctou", "Moussa", "Fictif"),
        ("Province de Hainaut", "Luc", "Fictif"), ("Région de Ségou", "Aminata", "Fictive"),
        ("Gouvernorat de Sousse", "Sami", "Fictif"), ("Ville de Québec", "Julie", "Fictive"),
    ]:
        contacts.append([authority, prenom, nom, f"{prenom.lower()}.{nom.lower()}@example.org"])
    write_csv("contacts-fictifs.csv", contacts, ";", "utf-8")


if __name__ == "__main__":
    main()
