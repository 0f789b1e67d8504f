"""Shared helpers for the newsletter tests: a small project with every kind of item, an HTML parser.

(Named test_* so it sits with the newsletter tests; it defines no test itself.)
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from conftest import REPO, ProjectBuilder

CONFIG = """\
expediteur:
  nom: "AIRF – Secrétariat permanent"
  email: "communication@regions-francophones.org"
repondre_a: "communication@regions-francophones.org"
listes:
  membres: [2, 7]
  partenaires: [3]
attribut_prenom: PRENOM
prenom_par_defaut: "à toutes et à tous"
miroir: true
api: "https://api.brevo.com/v3"
"""

NEWS = """\
---
titre: {titre}
date: {date}
resume: Résumé de l'actualité « {titre} », assez long pour tenir sur deux lignes dans la lettre.
{image}---
Texte de l'actualité.
"""

EVENT = """\
---
titre: Webinaire COOP'R sur l'eau
type: webinaire
debut: 2026-12-10 14:00
fin: 2026-12-10 16:00
resume: Un webinaire sur la gestion de l'eau.
en_ligne: true
inscription: https://www.regions-francophones.org/inscription-webinaire/
---
Programme.
"""

CALL = """\
---
titre: Appel climat 2027
date: 2026-10-01
date_limite: {limite}
bailleur: Agence française de développement
resume: Financement de projets d'adaptation au climat.
montant_max: 50000
eligibles: Collectivités membres
lien: https://www.afd.fr/appel-climat
---
Détails.
"""

FICHE = """\
---
titre: Eau potable à Kénitra
date: 2026-11-02
resume: Comment la Région a sécurisé l'eau potable de douze communes.
collectivite: rabat-sale-kenitra
pays: MA
contexte: Sécheresses répétées.
actions:
  - Forages
resultats:
  - Douze communes desservies
enseignements:
  - Associer les usagers
contact: Direction de l'eau
---
"""

ISSUE_NOV = """\
---
objet: "Lettre de l'AIRF – novembre 2026"
apercu: "Les actualités du réseau, un appel climat qui ferme bientôt et le webinaire de décembre."
public: membres
date: 2026-11-30
actualites: auto
evenements: auto
appels: auto
fiches: auto
---
Le mois de novembre a été riche. Lisez [le programme](/agenda/webinaire-coopr/) et
l'[appel](https://www.afd.fr/appel-climat).

- premier point
- second point
"""

ISSUE_OCT = """\
---
objet: "Lettre de l'AIRF – octobre 2026"
apercu: "La lettre d'octobre : une seule actualité choisie à la main pour ce mois d'automne."
public: membres
date: 2026-10-27
actualites:
  - rentree-du-reseau
evenements: []
appels: []
fiches: []
---
Éditorial d'octobre.

![La salle de la rentrée du réseau](images/actualites/rentree.png)
"""

ISSUE_PARTNERS = """\
---
objet: "L'AIRF et ses partenaires – second semestre 2026"
apercu: "Six mois de coopération entre régions francophones, en quelques minutes de lecture."
public: partenaires
date: 2026-11-20
actualites: auto
evenements: auto
appels: []
fiches: auto
---
Merci à nos partenaires.
"""


def small_project(root: Path) -> ProjectBuilder:
    """A project with news (two with images), an event, a call, a fact sheet and three issues."""
    builder = ProjectBuilder(root)
    shutil.copytree(REPO / "layouts" / "email", root / "layouts" / "email")
    builder.image("content/images/actualites/atelier.png")
    builder.image("content/images/actualites/rentree.png")
    image = "image: images/actualites/{}.png\nimage_alt: Des élus autour d'une table\n"
    builder.write("content/actualites/2026-11-12-atelier-ess.md",
                  NEWS.format(titre="Atelier ESS à Rabat", date="2026-11-12", image=image.format("atelier")))
    builder.write("content/actualites/2026-11-20-appels-ouverts.md",
                  NEWS.format(titre="Trois appels ouverts", date="2026-11-20", image=""))
    builder.write("content/actualites/2026-10-05-rentree-du-reseau.md",
                  NEWS.format(titre="La rentrée du réseau", date="2026-10-05", image=image.format("rentree")))
    builder.write("content/evenements/webinaire-coopr.md", EVENT)
    builder.write("content/appels/appel-climat.md", CALL.format(limite="2027-01-15"))
    builder.write("content/appels/appel-lointain.md", CALL.format(limite="2027-06-30"))
    builder.write("content/fiches/eau-kenitra.md", FICHE)
    builder.write("newsletters/config.yml", CONFIG)
    builder.write("newsletters/2026-11.md", ISSUE_NOV)
    builder.write("newsletters/2026-10.md", ISSUE_OCT)
    builder.write("newsletters/2026-s2.md", ISSUE_PARTNERS)
    return builder


class Tree(HTMLParser):
    """Minimal structural view of an HTML document: elements with attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.texts.append(data)

    def find(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.elements if name == tag]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def check(project):
    """Like build.check_project, limited to content + newsletters (other outputs may be in flux)."""
    from airf_site.content.loader import load_project
    from airf_site.errors import ContentError
    from airf_site.newsletter.build import check_sources

    index, diags = load_project(project)
    diags = sorted(set(diags + check_sources(project, index)))
    if any(d.is_error for d in diags):
        raise ContentError(diags)
    return index, diags
