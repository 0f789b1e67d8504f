"""The 2025 sample report built with Chromium, once for the module, and checked structurally.

Also: `airf report --check` on good and broken PDFs, and the previous output kept when a build
fails.
"""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import FIXED_NOW, copy_repo_sources
from typography_checks import faults, pdf_text

from airf_site.build import check_project
from airf_site.cli import cli
from airf_site.errors import BuildError, ContentError
from airf_site.print.checks import check_pdf, heading_pages, image_placements, page_fragments
from airf_site.print.prepress import pdfx_problems
from airf_site.print.printer import MM
from airf_site.print.screen import ua_problems
from airf_site.project import Project
from airf_site.report import build as report_module
from airf_site.typography import fix_text

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(tmp_path_factory, chromium_path):
    root = copy_repo_sources(tmp_path_factory.mktemp("rapport"))
    project = Project.load(root, now=FIXED_NOW)
    index, _warnings = check_project(project)
    messages = []
    paths = report_module.build_report(project, index, years=[2025], log=messages.append)
    return project, index, paths, messages


def test_both_versions_are_written_and_pass_every_check(built):
    project, _index, paths, _messages = built
    screen, impression = paths
    assert screen == project.build_dir / "report" / "rapport-annuel-2025.pdf"
    assert impression == project.build_dir / "report" / "rapport-annuel-2025-impression.pdf"
    with pikepdf.open(impression) as pdf:
        count = len(pdf.pages)
    assert check_pdf(screen, max_mb=5, unnumbered=(count - 1,)).errors == []  # the inside back cover
    # the print file: PDF/X-4, no links (its TOC is checked on the screen version), a booklet
    assert check_pdf(impression, bleed_mm=3, max_mb=20, tagged=False, check_toc=False, print_mode=True,
                     booklet=True).errors == []
    assert not list((project.build_dir / "report").glob(".passe-*"))  # no draft left behind


def test_page_count_and_boxes(built):
    screen, impression = built[2]
    with pikepdf.open(screen) as a, pikepdf.open(impression) as b:
        assert 24 <= len(a.pages) <= 40 and len(a.pages) % 4 == 0  # saddle-stitched
        assert len(a.pages) == len(b.pages)
        x0, y0, x1, y1 = [float(v) / MM for v in a.pages[0].mediabox]
        assert (round(x1 - x0, 2), round(y1 - y0, 2)) == (210, 297)
        for page in b.pages:
            trim = [float(v) / MM for v in page.obj.TrimBox]
            bleed = [float(v) / MM for v in page.obj.BleedBox]
            assert trim[2] - trim[0] == pytest.approx(210, abs=0.01)
            assert trim[3] - trim[1] == pytest.approx(297, abs=0.01)
            assert trim[0] - bleed[0] == pytest.approx(3, abs=0.01)


def test_print_file_is_pdfx4_cmyk_and_keeps_its_text(built):
    screen, impression = built[2]
    with pikepdf.open(impression) as pdf:
        assert pdfx_problems(pdf) == []
        assert all("/Annots" not in page.obj for page in pdf.pages)
        # the editorial (page 2): the colour each glyph is drawn in; the body text is pure black
        fill, glyphs = None, []
        for operands, op in pikepdf.parse_content_stream(pdf.pages[1]):
            if str(op) == "k":
                fill = tuple(float(v) for v in operands)
            elif str(op) == "Tj":
                glyphs.append(fill)
        assert max(set(glyphs), key=glyphs.count) == (0, 0, 0, 1)
        assert not [g for g in glyphs if min(g[:3]) > 0 and max(g[:3]) - min(g[:3]) < 0.02]  # no 4-ink grey
        assert any("/ca" in gs and float(gs.ca) < 1 for page in pdf.pages
                   for gs in page.Resources.get("/ExtGState", {}).values())  # transparency kept
    # no page lost its text to flattening: pdftotext reads the same words on every page
    pages = [subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout
             .split("\f") for p in (screen, impression)]
    assert len(pages[0]) == len(pages[1]) >= 24
    for on_screen, printed in zip(*pages):
        assert on_screen.split() == printed.split()
    assert all(len(page.split()) > 5 for page in pages[1][1:-2])


def test_bookmarks_and_toc_match_where_chapters_start(built):
    project, _index, (screen, _impression), _ = built
    found = heading_pages(screen)
    # the titles as written in the sources, even where the heading wraps on the page
    titles = ["Éditorial", "Nos priorités stratégiques", "COOP'R : la biodiversité en partage",
              "TERR'ESS : l'économie sociale et solidaire dans les territoires",
              "Communiquer avec nos membres et nos partenaires", "La vie des instances", "Nos partenaires"]
    # typeset as printed (COOP’R, no-break spaces), every space kept: Chromium drops the one
    # where a heading wraps ("biodiversité enpartage"), the finishing restores it
    with pikepdf.open(screen) as pdf, pdf.open_outline() as outline:
        bookmarks = [item.title for item in outline.root]
    assert set(map(fix_text, titles)) <= set(bookmarks), bookmarks
    assert "COOP’R\u00a0: la biodiversité en partage" in bookmarks
    squashed = {"".join(t.split()): p for t, p in found.items()}
    pages = page_fragments(screen)
    toc = next(n for n, frags in enumerate(pages) if any(f.text == "Sommaire" for f in frags))
    toc_text = [f.text for f in pages[toc]]
    opener = squashed["Nospriorités stratégiques".replace(" ", "")]
    assert toc_text[toc_text.index("Nos priorités stratégiques") + 1] == str(opener)
    assert any("Nos priorités stratégiques" in f.text for f in pages[opener - 1])


def test_cover_back_cover_footers_and_address(built):
    screen = built[2][0]
    pages = page_fragments(screen)
    cover, back = [f.text for f in pages[0]], " ".join(f.text for f in pages[-1])
    assert "Rapport d’activité" in cover and "1" not in cover  # no page number on the cover
    assert "8 rue Paul Montrochet" in back and "69002 Lyon" in back
    # a chapter page carries the running footer with the chapter's title and its number
    chapter_page = next(n for n, frags in enumerate(pages)
                        if any(f.text.endswith("· 1. Priorités stratégiques") for f in frags))
    assert str(chapter_page + 1) in [f.text for f in pages[chapter_page]]


def test_charts_are_vectors_and_images_are_print_resolution(built):
    screen, impression = built[2]
    pages = page_fragments(screen)
    chart_page = next(n for n, frags in enumerate(pages, start=1)
                      if any(f.text.startswith("Collectivités membres par pays") for f in frags))
    with pikepdf.open(impression) as pdf:
        placements = image_placements(pdf)
    assert chart_page not in {p for p, *_ in placements}  # drawn as paths and text, not as a picture
    ppi = [min(w / (wpt / 72), h / (hpt / 72)) for _page, w, h, wpt, hpt in placements]
    assert len(ppi) >= 5 and min(ppi) >= 299.5  # every picture at 300 ppi at its printed size
    # the cover picture covers the whole sheet, bleed included
    assert any(page == 1 and wpt / MM >= 216 - 0.5 for page, _w, _h, wpt, _hpt in placements)


def test_tagged_structure_gives_alternative_texts(built):
    screen = built[2][0]
    alts, kinds = [], set()

    def walk(node):
        if isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                kinds.add(str(node.S))
                if str(node.S) == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
            children = node.get("/K")
            for child in children if isinstance(children, pikepdf.Array) else [children]:
                walk(child)

    with pikepdf.open(screen) as pdf:
        walk(pdf.Root.StructTreeRoot)
    assert {"/H1", "/H2", "/Table", "/BlockQuote", "/Link"} <= kinds
    assert "Collectivités membres par pays" in alts  # charts are figures with their title
    assert any(a.startswith("Paysage stylisé") for a in alts)  # the cover's alt from rapport.yml
    assert any(a.startswith("Un hémicycle") for a in alts)  # a chapter photo's alt


def test_screen_version_meets_pdf_ua_basics(built):
    screen = built[2][0]
    with pikepdf.open(screen) as pdf:
        assert ua_problems(pdf) == []
        # running footers are pagination artifacts, on every page but the covers
        footers = [page.obj.Contents.read_bytes().count(b"/Pagination") for page in pdf.pages]
        assert all(n >= 1 for n in footers[1:-2]) and footers[0] == footers[-1] == 0
        # the web address printed on the back cover is a link to it
        links = [str(a.A.URI) for a in pdf.pages[-1].obj.get("/Annots", []) if "/A" in a]
        assert any(uri.startswith("https://") for uri in links)


def test_figures_in_the_pdf_come_from_the_content(built):
    _project, index, (screen, _impression), _ = built
    text = " ".join(f.text for frags in page_fragments(screen) for f in frags)
    assert f"{len(index.members)} collectivités membres" in text.replace("\u202f", "")
    assert "&amp;" not in text and "&#39;" not in text
    assert "@@" not in text  # first-pass markers never reach the final PDFs


def test_rebuild_is_byte_identical(built):
    project, index, (screen, impression), _ = built
    before = screen.read_bytes(), impression.read_bytes()
    report_module.build_report(project, index, years=[2025])
    assert (screen.read_bytes(), impression.read_bytes()) == before


def test_check_command_reports_in_french(built, tmp_path):
    _project, _index, (screen, impression), _ = built
    runner = CliRunner()
    result = runner.invoke(cli, ["report", "--check", str(impression)])
    assert result.exit_code == 0, result.output
    assert "tous les contrôles sont passés" in result.output
    broken = tmp_path / "sans-metadonnees.pdf"
    with pikepdf.open(screen) as pdf:
        del pdf.docinfo["/Author"]
        del pdf.Root["/Lang"]
        pdf.save(broken)
    result = runner.invoke(cli, ["report", "--check", str(broken)])
    assert result.exit_code == 1
    assert "erreur : métadonnée manquante : auteur (Author)" in result.output
    assert "langue du document « absente »" in result.output
    assert "Traceback" not in result.output
    garbage = tmp_path / "faux.pdf"
    garbage.write_text("pas un PDF", encoding="utf-8")
    result = runner.invoke(cli, ["report", "--check", str(garbage)])
    assert result.exit_code == 1 and "erreur : PDF illisible" in result.output


def test_failed_build_keeps_the_previous_output(built, monkeypatch):
    project, index, (screen, _impression), _ = built
    before = screen.read_bytes()

    def fake_render(project, index, sources, out_dir, printer, crop_marks=False):
        paths = out_dir / "rapport-annuel-2025.pdf", out_dir / "rapport-annuel-2025-impression.pdf"
        for path in paths:
            path.write_bytes(b"%PDF-1.7 broken")
        return report_module.Printed(*paths)

    class NoBrowser:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

    monkeypatch.setattr(report_module, "write_pdfs", fake_render)
    monkeypatch.setattr(report_module, "Printer", NoBrowser)
    with pytest.raises(BuildError) as info:
        report_module.build_report(project, index, years=[2025])
    assert "ne passe pas les contrôles d'impression" in str(info.value)
    assert screen.read_bytes() == before
    # invalid sources: nothing rendered, old files untouched
    chapter = project.report_dir / "2025" / "chapitres" / "finances.md"
    saved = chapter.read_text(encoding="utf-8")
    chapter.write_text(saved.replace("titre:", "titres:", 1), encoding="utf-8")
    try:
        with pytest.raises(ContentError):
            report_module.build_report(project, index, years=[2025])
    finally:
        chapter.write_text(saved, encoding="utf-8")
    assert screen.read_bytes() == before


def test_missing_year_is_a_french_error(tmp_path):
    copy_repo_sources(tmp_path)
    shutil.rmtree(tmp_path / "annual_report" / "2025")
    result = CliRunner().invoke(cli, ["--root", str(tmp_path), "report", "2025"])
    assert result.exit_code == 1
    assert "aucun rapport pour l'année 2025" in result.output and "Traceback" not in result.output


def test_no_page_is_more_than_40_percent_empty(built, tmp_path):
    """Rasterised at 20 dpi: on every page that is not a full-bleed design (cover, openers, photos,
    inside and back covers), the ink spans at least 60 % of the type area's height."""
    from PIL import Image

    screen = built[2][0]
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(screen), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) >= 24
    empty = []
    for number, png in enumerate(pngs, start=1):
        with Image.open(png) as img:
            page = img.convert("L")
        w, h = page.size
        px_mm = h / 297
        margin = [page.getpixel((x, y)) for x in range(0, w, 2) for y in range(0, int(8 * px_mm))]
        if sum(1 for v in margin if v < 235) > 0.5 * len(margin):
            continue  # a full-bleed page (colour or picture to the edge): a designed break
        top, bottom = int(20 * px_mm), int((297 - 22) * px_mm)
        inked = [y for y in range(top, bottom)
                 if any(page.getpixel((x, y)) < 235 for x in range(int(20 * px_mm), int((210 - 20) * px_mm)))]
        extent = (inked[-1] - inked[0] + 1) / (bottom - top) if inked else 0
        if extent < 0.6:
            empty.append((number, round(1 - extent, 2)))
    assert empty == []  # (page, share of the type area left blank)


def test_separations_put_the_body_text_on_the_black_plate(built, tmp_path):
    """Ghostscript separates the editorial page as the press would: the two text columns are on
    the black plate only (cyan, magenta, yellow almost blank there)."""
    from PIL import Image

    impression = built[2][1]
    subprocess.run(["gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=tiffsep", "-r50", "-dFirstPage=2",
                    "-dLastPage=2", f"-sOutputFile={tmp_path / 'p2.tif'}", str(impression)], check=True)
    coverage = {}
    for plate in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(tmp_path / f"p2({plate}).tif") as img:
            page = img.convert("L")
        w, h = page.size  # the sheet with its bleed: 216 × 303 mm
        region = page.crop((int(23 / 216 * w), int(95 / 303 * h), int(193 / 216 * w), int(235 / 303 * h)))
        histogram = region.histogram()
        coverage[plate] = sum(histogram[:200]) / sum(histogram)  # share of inked pixels (0 = full ink)
    assert coverage["Black"] > 0.05
    assert max(coverage["Cyan"], coverage["Magenta"], coverage["Yellow"]) < 0.01, coverage


def test_pdf_text_in_french_typography(built):
    """Both PDFs of the report: apostrophes and no-break spaces as typeset (straight before)."""
    _project, _index, paths, _messages = built
    for path in paths:
        text = pdf_text(path)
        assert "’" in text and "\u00a0:" in text
        assert faults(text, pdf=True) == [], path.name
