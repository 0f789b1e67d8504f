"""Support for the report tests (no tests here): a small annual report in a `make_project` tree."""

from __future__ import annotations

import shutil
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent

SETTINGS = """\
titre: Rapport d'activité 2025
sous_titre: Un petit rapport d'essai
annee: 2025
couverture:
  src: images/couverture.jpg
  alt: Couverture d'essai
quatrieme:
  src: images/quatrieme.jpg
  alt: Quatrième d'essai
editorial:
  signature: La présidence de l'AIRF
  citation: Une phrase en exergue.
  texte: |
    Un éditorial **court** & sincère.
chapitres:
  - coopr
  - instances
chiffres_cles: [membres, pays, webinaires, participants-webinaires, actualites]
"""

CHAPTER_COOPR = """\
---
titre: "COOP'R : la biodiversité"
titre_court: "COOP'R"
chapeau: La deuxième année du projet.
couleur: "#1e8449"
photo:
  src: images/photo.jpg
  alt: Une photo d'essai
  legende: Légende de la photo.
---
Texte du chapitre avec une apostrophe : l'été.

[[chiffres webinaires, participants-webinaires]]

[[graphique participants-webinaires]]

> Une citation mise en valeur.
>
> Une source
"""

CHAPTER_INSTANCES = """\
---
titre: La vie des instances
chapeau: Bureau et Assemblée générale.
---
## Les réunions

[[tableau instances]]

[[graphique membres-par-pays]]
"""

EVENTS = {
    "content/evenements/2025-02-25-webinaire-un.md": """\
---
titre: Webinaire un
type: webinaire
debut: 2025-02-25 10:00
fin: 2025-02-25 12:00
resume: Premier webinaire.
en_ligne: true
projet: coopr
participants: 80
---
Texte.
""",
    "content/evenements/2025-06-10-webinaire-deux.md": """\
---
titre: Webinaire deux
type: webinaire
debut: 2025-06-10 10:00
fin: 2025-06-10 12:00
resume: Second webinaire.
en_ligne: true
projet: coopr
participants: 40
---
Texte.
""",
    "content/evenements/2025-06-25-assemblee-generale.md": """\
---
titre: Assemblée générale 2025
type: assemblee-generale
debut: 2025-06-25 09:00
fin: 2025-06-25 17:00
resume: L'Assemblée générale.
lieu: Lyon, France
participants: 120
---
Texte.
""",
    "content/evenements/2026-03-01-webinaire-suivant.md": """\
---
titre: Webinaire de l'année suivante
type: webinaire
debut: 2026-03-01 10:00
fin: 2026-03-01 12:00
resume: Hors de l'année du rapport.
en_ligne: true
participants: 999
---
Texte.
""",
}

NEWS = """\
---
titre: Une actualité
date: 2025-03-04
resume: Une actualité de 2025.
themes: [environnement-eau-energies-climat]
---
Texte.
"""

MORE_MEMBERS = """\
- id: rabat-sale-kenitra
  nom: Région Rabat-Salé-Kénitra
  pays: MA
  type: région
- id: souss-massa
  nom: Région Souss-Massa
  pays: MA
  type: région
- id: hainaut
  nom: Province de Hainaut
  pays: BE
  type: province
"""


def write_small_report(builder, *, image_px: tuple[int, int] = (1871, 2624)) -> None:
    """Content (3 members, 4 events, 1 news item), the repo's layouts and a 2-chapter report for 2025."""
    shutil.copytree(REPO / "layouts", builder.root / "layouts", dirs_exist_ok=True)
    builder.write("content/donnees/membres.yml", MORE_MEMBERS)
    for rel, text in EVENTS.items():
        builder.write(rel, text)
    builder.write("content/actualites/2025-03-04-une-actualite.md", NEWS)
    base = "annual_report/2025"
    builder.write(f"{base}/rapport.yml", SETTINGS)
    builder.write(f"{base}/chapitres/coopr.md", CHAPTER_COOPR)
    builder.write(f"{base}/chapitres/instances.md", CHAPTER_INSTANCES)
    for name, colour in (("couverture", (29, 78, 137)), ("quatrieme", (30, 132, 73)), ("photo", (230, 126, 34))):
        path = builder.root / base / "images" / f"{name}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", image_px, colour).save(path, quality=80)
