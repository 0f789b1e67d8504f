"""PDF/X-4 conversion and the print-shop checks, on small PDFs made here (no browser).

The FOGRA39 profile is the one the set-up builds with ArgyllCMS (built once if missing).
"""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from airf_site.print.colour import Converter, output_profile, pin_header_date
from airf_site.print.pdfx import convert_to_pdfx
from airf_site.print.prepress import booklet_problems, pdfx_problems, resolution_problems


@pytest.fixture(scope="module")
def converter() -> Converter:
    return Converter(output_profile())


def _rgb_pdf(path, *, pages: int = 1):
    """A PDF as Chromium writes it: RGB fills, grey text, an RGB JPEG, a link, transparency."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    buf = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 40, 30)).save(buf, "JPEG", quality=90)
    image = pdf.make_indirect(pikepdf.Stream(pdf, buf.getvalue(), pikepdf.Dictionary(
        Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=60, Height=40,
        ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8, Filter=pikepdf.Name.DCTDecode)))
    alpha = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5)
    for _ in range(pages):
        content = (b"0.1216 0.1765 0.2275 rg 10 10 100 20 re f\n"  # the identity's ink, a near-grey
                   b"0.5 g 0 0 1 RG 1 w 10 50 m 200 50 l S\n"
                   b"/A gs 0.902 0.494 0.133 rg 50 60 40 40 re f\n"
                   b"BT /Span<</ActualText (fi)>> BDC /F1 12 Tf 0.2 0.2 0.2 rg 20 100 Td (Texte) Tj EMC ET\n"
                   b"q 60 0 0 40 100 100 cm /Im0 Do Q\n")
        page = pdf.add_blank_page(page_size=(300, 300))
        page.obj.Contents = pdf.make_stream(content)
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                                XObject=pikepdf.Dictionary(Im0=image),
                                                ExtGState=pikepdf.Dictionary(A=alpha))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 10, 10],
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/")))]))
    pdf.save(path)
    return path


def test_chromium_like_pdf_is_not_pdfx(tmp_path):
    path = _rgb_pdf(tmp_path / "rvb.pdf")
    with pikepdf.open(path) as pdf:
        problems = " | ".join(pdfx_problems(pdf))
    assert "OutputIntent" in problems
    assert "pdfxid:GTS_PDFXVersion" in problems
    assert "annotations" in problems
    assert "couleurs RVB" in problems


def test_conversion_gives_pdfx4_cmyk_with_greys_on_black_only(tmp_path, converter):
    path = convert_to_pdfx(_rgb_pdf(tmp_path / "x.pdf", pages=2), converter=converter)
    with pikepdf.open(path) as pdf:
        assert pdfx_problems(pdf) == []
        assert pdf.pdf_version >= "1.6"
        intent = pdf.Root.OutputIntents[0]
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        assert intent.DestOutputProfile.read_bytes()[16:20] == b"CMYK"
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["xmpMM:DocumentID"].startswith("uuid:")
        page = pdf.pages[0]
        raw = page.obj.Contents.read_bytes()
        assert "/Annots" not in page.obj
        assert not re.search(rb"\b(rg|RG|g|G)\n", raw)
        colours = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (k|K)", raw)
        # the identity's dark ink (#1f2d3a) and the text grey print as solid black; 50 % grey on K
        assert colours[0][:4] == (b"0", b"0", b"0", b"1")
        assert colours[1][:3] == (b"0", b"0", b"0") and 0.4 < float(colours[1][3]) < 0.75
        assert colours[-1][:4] == (b"0", b"0", b"0", b"1")  # the text, after ActualText "(fi)"
        assert b"(fi)" in raw  # literal strings are left alone
        orange = [float(v) for v in colours[3][:4]]
        assert orange[1] > 0.3 and orange[2] > 0.7  # a colour stays a colour (M + Y)
        image = page.Resources.XObject.Im0
        assert image.ColorSpace == "/DeviceCMYK" and image.Filter == "/DCTDecode"
        pil = pikepdf.PdfImage(image).as_pil_image()
        assert pil.mode == "CMYK"
        # a red picture: magenta and yellow ink (Pillow undoes Adobe's inverted CMYK JPEG as
        # /Decode does for a PDF reader)
        c, m, y, _k = pil.getpixel((30, 20))
        assert list(image.Decode) == [1, 0, 1, 0, 1, 0, 1, 0] and m > 150 and y > 150 and c < 60
        assert page.Resources.ExtGState.A.ca == 0.5  # transparency kept, not flattened
        assert pdf.pages[1].Resources.XObject.Im0.ColorSpace == "/DeviceCMYK"


def test_conversion_is_deterministic(tmp_path, converter):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = convert_to_pdfx(_rgb_pdf(tmp_path / "a" / "x.pdf"), converter=converter).read_bytes()
    b = convert_to_pdfx(_rgb_pdf(tmp_path / "b" / "x.pdf"), converter=converter).read_bytes()
    assert a == b


def test_conversion_ignores_the_input_file_id(tmp_path, converter):
    """qpdf keeps the first /ID of the file it rewrites, and a file's /ID comes from the second it
    was written in: two inputs written a second apart made different print files (the cause of
    test_conversion_is_deterministic failing now and then). Both IDs now come from the content."""
    outputs = []
    for name, first_id in (("a", b"\x01" * 16), ("b", b"\x02" * 16)):
        (tmp_path / name).mkdir()
        path = _rgb_pdf(tmp_path / name / "x.pdf")
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.trailer.ID = pikepdf.Array([pikepdf.String(first_id), pikepdf.String(first_id)])
            pdf.save(path)
        with pikepdf.open(path) as pdf:
            assert bytes(pdf.trailer.ID[0]) == first_id  # the input really differs
        outputs.append(convert_to_pdfx(path, converter=converter).read_bytes())
    assert outputs[0] == outputs[1]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 255))
def test_every_grey_prints_on_black_only(converter, value):
    c, m, y, k = converter.cmyk((value / 255,) * 3)
    assert (c, m, y) == (0, 0, 0)
    assert 0 <= k <= 1
    if value == 255:
        assert k == 0


@settings(max_examples=60, deadline=None)
@given(st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255)))
def test_every_colour_converts_within_ink_limits(converter, rgb):
    cmyk = converter.cmyk(tuple(v / 255 for v in rgb))
    assert all(0 <= v <= 1 for v in cmyk)
    assert sum(cmyk) <= 3.3  # FOGRA39's total ink limit (plus rounding)


def test_darker_greys_are_darker_on_black(converter):
    ks = [converter.cmyk((v / 255,) * 3)[3] for v in range(0, 256, 15)]
    assert ks == sorted(ks, reverse=True)


def test_profile_header_date_is_pinned():
    data = bytes(range(256)) * 2
    pinned = pin_header_date(data)
    assert pinned[24:36] == bytes.fromhex("07d9" "0001" "0001" "000000000000")
    assert pinned[:24] == data[:24] and pinned[36:] == data[36:]
    assert output_profile().read_bytes()[24:36] == pinned[24:36]


def test_booklet_and_resolution_messages():
    assert booklet_problems(28) == []
    assert "il en manque 2" in booklet_problems(26)[0]
    errors, warnings = resolution_problems([(3, 1871, 2624, 216 * 72 / 25.4, 303 * 72 / 25.4),
                                            (5, 300, 300, 144, 144), (7, 900, 900, 216, 216)])
    assert len(errors) == 1 and errors[0].startswith("page 5 : image à 150 ppp")
    assert len(warnings) == 1 and warnings[0].startswith("page 3 : image à 220 ppp")
    assert "2551 × 3579 pixels" in warnings[0]


def _box_pdf(path, *, bleed: float, art: tuple[float, float, float, float]):
    """One 200 × 200 pt trim with `bleed` pt of bleed and a blue rectangle `art` (trim coordinates)."""
    pdf = pikepdf.new()
    size = 200 + 2 * bleed
    page = pdf.add_blank_page(page_size=(size, size))
    x, y, w, h = art
    page.obj.Contents = pdf.make_stream(f"0 0 1 rg {x + bleed} {y + bleed} {w} {h} re f".encode())
    page.obj.TrimBox = pikepdf.Array([bleed, bleed, bleed + 200, bleed + 200])
    if bleed:
        page.obj.BleedBox = pikepdf.Array([0, 0, size, size])
    pdf.save(path)
    return path


def test_bleed_check_sees_artwork_touching_the_trim(tmp_path):
    from airf_site.print.prepress import bleed_problems

    # a band across the top edge, on a page without bleed: a white sliver after trimming
    assert "pas de fond perdu" in " ".join(bleed_problems(_box_pdf(tmp_path / "a.pdf", bleed=0, art=(0, 150, 200, 50))))
    # with 3 mm of bleed but the band stopping at the trim
    short = bleed_problems(_box_pdf(tmp_path / "b.pdf", bleed=8.5, art=(0, 150, 200, 50)))
    assert "au lieu de déborder" in " ".join(short)
    # the band runs into the bleed: right
    assert bleed_problems(_box_pdf(tmp_path / "c.pdf", bleed=8.5, art=(-8.5, 150, 217, 58.5))) == []
    # artwork inside the type area never needs a bleed
    assert bleed_problems(_box_pdf(tmp_path / "d.pdf", bleed=0, art=(40, 40, 100, 100))) == []


def _tagged_pdf(path):
    """A tagged page as Chromium writes it: a tagged paragraph, an untagged footer and rule."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    page.obj.Contents = pdf.make_stream(
        b"0.24 0 0 -0.24 0 842 cm\nq\n3.125 0 0 3.125 0 0 cm\n"
        b"/P <</MCID 0 >>BDC\nBT\n/F1 12 Tf\n1 0 0 -1 80 100 Tm\n<0041> Tj\nET\nEMC\n"
        b"0 0 1 rg\n10 20 300 2 re\nf\n"
        b"BT\n/F1 8 Tf\n1 0 0 -1 80 1100 Tm\n<0031> Tj\nET\nQ\n")
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    figure = pikepdf.Dictionary(S=pikepdf.Name.Figure, K=pikepdf.Array([pikepdf.Dictionary(
        S=pikepdf.Name.Figure, Alt=pikepdf.String("Graphique"))]))
    pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=figure))
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("La biodiversité enpartage", 0))
    pdf.save(path)
    return path


def test_screen_finishing_marks_footers_and_restores_titles(tmp_path):
    from airf_site.print.screen import finish_tagged, ua_problems

    path = _tagged_pdf(tmp_path / "ecran.pdf")
    with pikepdf.open(path) as pdf:
        before = " | ".join(ua_problems(pdf))
    assert "ni balisé ni marqué comme artefact" in before and "sans texte de remplacement" in before
    finish_tagged(path, titles=["La biodiversité en partage"])
    with pikepdf.open(path) as pdf:
        assert ua_problems(pdf) == []
        raw = pdf.pages[0].obj.Contents.read_bytes()
        # the footer (y = 1100 px, 17 mm from the bottom) is pagination; the rule a plain artifact
        assert raw.count(b"/Pagination") == 1 and b"/Artifact BMC" in raw
        assert raw.index(b"/P <</MCID 0") < raw.index(b"/Artifact")  # tagged content untouched
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["La biodiversité en partage"]
        assert pdf.Root.StructTreeRoot.K.S == "/Div"  # the grouping figure; the chart keeps its alt


def test_another_profile_names_its_own_condition(tmp_path, monkeypatch):
    """A profile given by the print shop (AIRF_PROFIL_ICC) is embedded with the condition named
    by AIRF_PROFIL_CONDITION, or "Custom" with the profile's description: never labelled FOGRA39."""
    shop = tmp_path / "imprimeur.icc"
    shop.write_bytes(output_profile().read_bytes())
    monkeypatch.setenv("AIRF_PROFIL_ICC", str(shop))
    for condition, expected in (("FOGRA51", "FOGRA51"), ("", "Custom")):
        monkeypatch.setenv("AIRF_PROFIL_CONDITION", condition)
        (tmp_path / expected).mkdir()
        path = convert_to_pdfx(_rgb_pdf(tmp_path / expected / "x.pdf"), converter=Converter(output_profile()))
        with pikepdf.open(path) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert str(intent.OutputConditionIdentifier) == expected
            assert str(intent.Info) == "FOGRA39 (ArgyllCMS, FOGRA39L.ti3)"  # the profile's own description
            assert intent.DestOutputProfile.read_bytes() == shop.read_bytes()
            assert pdfx_problems(pdf) == []


def test_a_screen_profile_is_refused_in_french(tmp_path, monkeypatch):
    from PIL import ImageCms

    from airf_site.errors import BuildError

    rgb = tmp_path / "srgb.icc"
    rgb.write_bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    monkeypatch.setenv("AIRF_PROFIL_ICC", str(rgb))
    with pytest.raises(BuildError, match="n'est pas un profil d'impression CMJN"):
        output_profile()
    monkeypatch.setenv("AIRF_PROFIL_ICC", str(tmp_path / "absent.icc"))
    with pytest.raises(BuildError, match="fichier introuvable"):
        output_profile()
