"""The shared print pipeline (pdf.py) and every print-ready check (pdf_checks.py).

Each check is shown to pass on a good PDF and to fail on a deliberately broken one. Small
documents, one Chromium session for the whole module.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pikepdf
import pytest
from PIL import Image

from airf_site.print.checks import check_pdf, heading_pages, page_fragments
from airf_site.print.printer import MM, Printer, font_face_css, postprocess

pytestmark = pytest.mark.browser
BUILD_DATE = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC)
META = {"title": "Essai", "author": "AIRF", "subject": "Document d'essai"}


def document(body: str, *, footer: bool = True, bleed: float = 0, margin: float = 20, right: float | None = None) -> str:
    """A small print document: Lato, page numbers in the footer unless `footer` is False."""
    right = margin + bleed if right is None else right + bleed
    margin = f"{margin + bleed}mm {right}mm {margin + bleed}mm {margin + bleed}"
    page_rule = (f"@page {{ margin: {margin}mm; @bottom-center {{ content: counter(page); font-family: Lato; }} }}"
                 if footer else f"@page {{ margin: {margin}mm; }}")
    return (f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Essai</title>"
            f"<style>{font_face_css()} {page_rule} body {{ font-family: Lato; margin: 0 }} "
            f".p {{ break-before: page }}</style></head><body>{body}</body></html>")


GOOD_BODY = """
<p>Couverture</p>
<nav class="p"><p>Sommaire</p><a href="#un">Premier chapitre 3</a><br><a href="#deux">Second chapitre 4</a></nav>
<h1 id="un" class="p">Premier chapitre</h1><p>L'été &amp; l'hiver</p>
<h1 id="deux" class="p">Second chapitre</h1><p><img src="photo.png" alt="Photo" style="width: 40mm"></p>
<p class="p">Quatrième de couverture</p>
"""


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, chromium_path):
    """Every PDF the module checks, printed in one browser session."""
    folder = tmp_path_factory.mktemp("pdf")
    Image.new("RGB", (600, 400), (29, 78, 137)).save(folder / "photo.png")  # 381 ppi at 40 mm
    Image.new("RGB", (120, 80), (29, 78, 137)).save(folder / "petite.png")
    Image.new("RGB", (2400, 1600), (29, 78, 137)).save(folder / "enorme.png")
    out = {}
    with Printer() as printer:
        def make(name, body, *, footer=True, bleed=0, post=True, margin=20, right=None, tagged=True, **kw):
            html = document(body, footer=footer, bleed=bleed, margin=margin, right=right)
            path = printer.print_html(html, folder / f"{name}.pdf", tagged=tagged,
                                      base_dir=folder, bleed_mm=bleed)
            if post:
                postprocess(path, **{**META, **kw}, bleed_mm=bleed, created=BUILD_DATE)
            out[name] = path

        make("good", GOOD_BODY)
        make("good_again", GOOD_BODY)
        make("print", GOOD_BODY, bleed=3)
        make("print_marks", GOOD_BODY, bleed=3, crop_marks=True)
        make("no_meta", GOOD_BODY, post=False)
        make("untagged", GOOD_BODY, tagged=False)
        make("english", GOOD_BODY, lang="en")
        make("no_numbers", GOOD_BODY, footer=False)
        make("wrong_toc", GOOD_BODY.replace("Second chapitre 4", "Second chapitre 7"))
        make("entities", GOOD_BODY.replace("&amp; l'hiver", "&amp;amp; l&amp;#39;hiver"))
        make("low_ppi", GOOD_BODY.replace("photo.png", "petite.png"))
        make("high_ppi", GOOD_BODY.replace("photo.png", "enorme.png"))
        make("near_trim", GOOD_BODY, bleed=3, margin=3)  # text 3 mm from the trim
        long_line = "<p>" + "Une ligne de texte qui va jusqu'au bord droit de la page. " * 3 + "</p>"
        make("near_trim_right", GOOD_BODY.replace("<p>L'été", long_line + "<p>L'été"), bleed=3, right=2)
    return folder, out


def test_good_pdf_passes_every_check(pdfs):
    report = check_pdf(pdfs[1]["good"], max_mb=5)
    assert report.errors == [] and report.warnings == []


def test_print_version_has_exact_boxes_and_passes(pdfs):
    path = pdfs[1]["print"]
    assert check_pdf(path, bleed_mm=3).errors == []
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0].obj
        trim = [float(v) for v in page.TrimBox]
        bleed = [float(v) for v in page.BleedBox]
        media = [float(v) for v in page.MediaBox]
    assert (trim[2] - trim[0]) / MM == pytest.approx(210, abs=0.01)
    assert (trim[3] - trim[1]) / MM == pytest.approx(297, abs=0.01)
    assert (trim[0] - bleed[0]) / MM == pytest.approx(3, abs=0.01)
    assert media == pytest.approx(bleed, abs=0.01)


def test_crop_marks_enlarge_the_sheet_outside_the_bleed(pdfs):
    path = pdfs[1]["print_marks"]
    assert check_pdf(path, bleed_mm=3, crop_marks=True).errors == []
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.mediabox]
        bleed = [float(v) for v in page.obj.BleedBox]
        ops = [str(op) for _args, op in pikepdf.parse_content_stream(page)]
    assert media[0] < bleed[0] - 5 * MM and media[2] > bleed[2] + 5 * MM
    assert ops.count("S") >= 8  # eight stroked marks
    # every mark lies outside the bleed, in page coordinates (Chromium's own `cm` undone)
    segments = stroked_segments(path)
    assert len(segments) >= 8
    for (x0, y0), (x1, y1) in segments[-8:]:
        for x, y in ((x0, y0), (x1, y1)):
            assert not (bleed[0] < x < bleed[2] and bleed[1] < y < bleed[3]), (x, y)
    # without marks the same check demands the slug area
    assert any("traits de coupe" in e for e in check_pdf(pdfs[1]["print"], bleed_mm=3, crop_marks=True).errors)


def stroked_segments(path):
    """Line segments stroked on page 1, in page coordinates (tracks q/Q/cm)."""
    with pikepdf.open(path) as pdf:
        ctm, stack, start, segments = (1, 0, 0, 1, 0, 0), [], None, []
        for args, op in pikepdf.parse_content_stream(pdf.pages[0]):
            op = str(op)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop()
            elif op == "cm":
                a, b, c, d, e, f = (float(v) for v in args)
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
            elif op in ("m", "l"):
                x, y = (float(v) for v in args)
                point = (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])
                if op == "l" and start is not None:
                    segments.append((start, point))
                start = point
    return segments


def test_output_is_deterministic(pdfs):
    first, second = pdfs[1]["good"], pdfs[1]["good_again"]
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_metadata_and_language(pdfs):
    with pikepdf.open(pdfs[1]["good"]) as pdf:
        assert str(pdf.docinfo.Title) == "Essai" and str(pdf.docinfo.Author) == "AIRF"
        assert str(pdf.Root.Lang) == "fr"
        assert str(pdf.docinfo.CreationDate).startswith("D:20261128")
        meta = pdf.open_metadata()
        assert meta["dc:title"] == "Essai" and "fr" in str(meta["dc:language"])
    errors = check_pdf(pdfs[1]["no_meta"]).errors
    assert any("auteur" in e for e in errors) and any("sujet" in e for e in errors)
    assert any("langue du document « en »" in e for e in check_pdf(pdfs[1]["english"]).errors)


def test_untagged_pdf_is_an_error(pdfs):
    assert any("PDF non balisé" in e for e in check_pdf(pdfs[1]["untagged"]).errors)
    assert check_pdf(pdfs[1]["untagged"], tagged=False).errors == []


def test_fonts_are_embedded_truetype(pdfs, tmp_path):
    with pikepdf.open(pdfs[1]["good"]) as pdf:
        fonts = list(pdf.pages[2].Resources.Font.values())
        assert fonts and all("Lato" in str(f.BaseFont) for f in fonts)
    broken = tmp_path / "type3.pdf"
    with pikepdf.open(pdfs[1]["good"]) as pdf:
        for font in pdf.pages[2].Resources.Font.values():
            font.Subtype = pikepdf.Name.Type3
        pdf.save(broken)
    assert any("Type 3" in e for e in check_pdf(broken).errors)
    missing = tmp_path / "not-embedded.pdf"
    with pikepdf.open(pdfs[1]["good"]) as pdf:
        for font in pdf.pages[2].Resources.Font.values():
            del font.DescendantFonts[0].FontDescriptor["/FontFile2"]
        pdf.save(missing)
    assert any("police non incorporée" in e for e in check_pdf(missing).errors)


def test_page_size_and_bleed_checks(pdfs):
    errors = check_pdf(pdfs[1]["good"], trim_mm=(148, 210)).errors
    assert any("format de page incorrect" in e and "210.00 × 297.00" in e for e in errors)
    assert any("fond perdu" in e for e in check_pdf(pdfs[1]["good"], bleed_mm=3).errors)


def test_image_resolution(pdfs):
    errors = check_pdf(pdfs[1]["low_ppi"]).errors
    assert any("image trop peu définie" in e and "page 4" in e for e in errors)
    report = check_pdf(pdfs[1]["high_ppi"])
    assert report.errors == [] and any("très définies" in w for w in report.warnings)


def test_page_numbers_required_except_covers(pdfs):
    errors = check_pdf(pdfs[1]["no_numbers"]).errors
    assert any("numéro de page absent" in e and "2, 3, 4" in e for e in errors)
    assert check_pdf(pdfs[1]["no_numbers"], expect_page_numbers=False).errors == []


def test_toc_missing_is_an_error(pdfs, tmp_path):
    errors = check_pdf(pdfs[1]["good"], expect_page_numbers=False).errors
    assert errors == []
    with pikepdf.open(pdfs[1]["good"]) as pdf:
        for annot in pdf.pages[1].obj.Annots:
            annot.Subtype = pikepdf.Name.Text  # links gone: the TOC is no longer clickable
        pdf.save(tmp_path / "no-links.pdf")
    assert any("pas de liens cliquables" in e for e in check_pdf(tmp_path / "no-links.pdf").errors)


def test_toc_numbers_match_link_targets(pdfs):
    errors = check_pdf(pdfs[1]["wrong_toc"]).errors
    assert errors == ["sommaire : « Second chapitre » annoncé page 7 mais commence page 4"]
    assert heading_pages(pdfs[1]["good"]) == {"Premier chapitre": 3, "Second chapitre": 4}


def test_html_entities_in_text(pdfs):
    errors = check_pdf(pdfs[1]["entities"]).errors
    assert any("entités HTML" in e and "&amp;" in e and "&#39;" in e for e in errors)


def test_text_near_trim_in_print_version(pdfs):
    errors = check_pdf(pdfs[1]["near_trim"], bleed_mm=3).errors
    assert errors == ["texte à moins de 5 mm du bord de coupe (pages 1, 2, 3, 4, 5) : il risque d'être rogné"]


def test_text_running_to_the_right_edge_is_caught(pdfs):
    # every line starts 20 mm from the trim: only the end of the long lines is too close
    errors = check_pdf(pdfs[1]["near_trim_right"], bleed_mm=3).errors
    assert errors == ["texte à moins de 5 mm du bord de coupe (pages 3) : il risque d'être rogné"]


def test_size_limit_and_page_count(pdfs):
    errors = check_pdf(pdfs[1]["good"], max_mb=0.001, expect_pages=2).errors
    assert any("fichier trop lourd" in e for e in errors) and any("5 pages au lieu de 2" in e for e in errors)


def test_damaged_pdf_fails_structure_check(pdfs, tmp_path):
    raw = bytearray(pdfs[1]["good"].read_bytes())
    damaged = tmp_path / "damaged.pdf"
    # Cut the file in the middle: qpdf recovers some objects but reports the damage.
    damaged.write_bytes(bytes(raw[: len(raw) // 2]))
    errors = check_pdf(damaged).errors
    assert errors and any(e.startswith("PDF illisible : ") for e in errors)


def test_a_crashed_browser_is_a_french_build_error(chromium_path, tmp_path):
    from airf_site.errors import BuildError

    with Printer() as printer:
        printer._page.close()  # as if Chromium's tab had crashed
        with pytest.raises(BuildError) as info:
            printer.print_html(document("<p>x</p>"), tmp_path / "x.pdf", base_dir=tmp_path)
    assert "Chromium n'a pas pu imprimer x.pdf" in str(info.value)


def test_text_extraction_reads_french_text_with_positions(pdfs):
    pages = page_fragments(pdfs[1]["good"])
    texts = [f.text for f in pages[2]]
    assert "Premier chapitre" in texts and "L'été & l'hiver" in texts
    footer = [f for f in pages[2] if f.text == "3"]
    assert footer and footer[0].y < 20 * MM  # the page number sits in the bottom margin


def test_printer_writes_tagged_pdf_with_outline(pdfs):
    with pikepdf.open(pdfs[1]["good"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["Premier chapitre", "Second chapitre"]
