"""Fact sheets as 2-page PDFs: fitted automatically, checked, all in one browser session."""

from __future__ import annotations

import shutil

import pikepdf
import pytest
from conftest import ProjectBuilder
from test_report_support import REPO

from airf_site.errors import BuildError
from airf_site.print.checks import check_pdf, image_placements, page_fragments
from airf_site.print.printer import Printer
from airf_site.report import factsheets
from airf_site.report.factsheets import SCALES, build_factsheets, render_factsheet_html, write_fitted

pytestmark = pytest.mark.browser

FICHE = """\
---
titre: {titre}
date: 2025-10-14
resume: Le Conseil départemental restaure les mangroves avec les groupements de femmes.
collectivite: rabat-sale-kenitra
pays: MA
projet: coopr
themes: [environnement-eau-energies-climat]
contexte: {contexte}
actions:
{actions}
resultats:
  - Plusieurs centaines d'hectares replantés.
  - Retour des poissons juvéniles.
chiffres_cles:
  - valeur: "420 ha"
    libelle: de mangrove replantés
  - valeur: "68 %"
    libelle: de taux de survie
enseignements:
  - Confier le suivi aux groupements renforce leur engagement.
contact: Direction de l'environnement
images:
  - src: images/fiches/photo.jpg
    alt: Une photo d'essai
    legende: Le delta (illustration).
{autres_images}---
## Pour aller plus loin

{corps}
"""
SENTENCE = "La restauration des mangroves protège les côtes, nourrit les poissons et les villages. "


def fiche(titre: str, paragraphs: int, actions: int, *, second_image: bool = False) -> str:
    # a second image is printed smaller, on the verso: 1200 px at 60 % of 300 ppi was 500 ppi
    more = "  - src: images/fiches/photo.jpg\n    alt: Une carte d'essai\n" if second_image else ""
    return FICHE.format(titre=titre, contexte=SENTENCE * 3,
                        actions="\n".join(f"  - Action numéro {i} menée avec les partenaires." for i in range(actions)),
                        corps="\n\n".join(SENTENCE * 5 for _ in range(paragraphs)), autres_images=more)


@pytest.fixture(scope="module")
def sheets(tmp_path_factory, chromium_path):
    builder = ProjectBuilder(tmp_path_factory.mktemp("fiches"))
    shutil.copytree(REPO / "layouts", builder.root / "layouts", dirs_exist_ok=True)
    builder.image("content/images/fiches/photo.jpg")  # 1200 px wide
    builder.write("content/fiches/2025-10-14-courte.md", fiche("Une fiche courte", 1, 3, second_image=True), dedent=False)
    builder.write("content/fiches/2025-10-15-longue.md", fiche("Une fiche longue", 9, 12), dedent=False)
    project = builder.project()
    index, diags = builder.load()
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    messages = []
    paths = build_factsheets(project, index, log=messages.append)
    return builder, project, index, paths, messages


def test_every_sheet_is_two_checked_pages(sheets):
    _builder, project, _index, paths, _messages = sheets
    assert sorted(p.name for p in paths) == ["courte.pdf", "longue.pdf"]
    for path in paths:
        assert path.parent == project.build_dir / "fiches"
        report = check_pdf(path, expect_pages=2, covers=False, check_toc=False, max_mb=5)
        assert report.errors == []
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 2
            assert str(pdf.docinfo.Title).startswith("Fiche technique : ")
            assert str(pdf.Root.Lang) == "fr"


def test_long_sheet_is_shrunk_to_fit(sheets):
    messages = sheets[4]
    assert any("longue.md : réduite à" in m for m in messages)
    assert not any("courte.md" in m for m in messages)


def test_content_and_layout(sheets):
    _builder, project, _index, paths, messages = sheets
    short = next(p for p in paths if p.name == "courte.pdf")
    pages = page_fragments(short)
    recto = [f.text for f in pages[0]]
    verso = [f.text for f in pages[1]]
    assert "Une fiche courte" in " ".join(recto) and "Contexte" in recto and "420\xa0ha" in recto
    assert "Résultats" in verso and "Enseignements" in verso  # the verso starts with the results
    assert any(project.absolute_url("fiches/courte/") in t for t in verso)
    assert "Page 2 / 2" in "".join(verso)
    with pikepdf.open(short) as pdf:
        placements = image_placements(pdf)
    ppi = [w / (wpt / 72) for _p, w, _h, wpt, _hpt in placements]
    assert len(ppi) == 2 and min(ppi) >= 299.5  # the printing norm: never enlarged beyond 300 ppi
    # nor printed so small that the check calls it too fine (> 450 ppi): no warning on the sample
    assert max(ppi) <= 450 and not [m for m in messages if "avertissement" in m or "ppp" in m]


def test_fiches_check_command(sheets, tmp_path):
    from click.testing import CliRunner

    from airf_site.cli import cli

    good = sheets[3][0]
    result = CliRunner().invoke(cli, ["fiches", "--check", str(good)])
    assert result.exit_code == 0 and "tous les contrôles sont passés" in result.output
    three = tmp_path / "trois-pages.pdf"
    with pikepdf.open(good) as pdf:
        pdf.pages.append(pdf.pages[0])
        pdf.save(three)
    result = CliRunner().invoke(cli, ["fiches", "--check", str(three)])
    assert result.exit_code == 1 and "3 pages au lieu de 2" in result.output


def test_html_scale_and_escaping(sheets):
    _builder, project, index, _paths, _messages = sheets
    doc = index.fiches[0]
    html = render_factsheet_html(project, index, doc, scale=0.83)
    assert "--s: 0.83" in html and "Direction de l’environnement" in html
    assert "&amp;#39;" not in html


def test_too_long_sheet_is_a_french_error(sheets, monkeypatch):
    builder, project, index, _paths, _messages = sheets
    monkeypatch.setattr(factsheets, "SCALES", SCALES[-1:])  # one try at the smallest scale
    builder.write("content/fiches/2025-10-16-enorme.md", fiche("Une fiche énorme", 40, 30), dedent=False)
    index, _diags = builder.load()
    doc = next(f for f in index.fiches if f.id == "enorme")
    with Printer() as printer, pytest.raises(BuildError) as info:
        write_fitted(printer, project, index, doc, builder.root / "enorme.pdf")
    assert "content/fiches/2025-10-16-enorme.md : la fiche ne tient pas sur deux pages" in str(info.value)
