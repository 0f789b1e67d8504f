"""Every name prints: Yoruba, Vietnamese, Romanian, Arabic (next to its Latin form), a 60-character
name and an apostrophe go through the whole kit. Each badge and table card prints, its text
extracts from the PDF as written (pdftotext, after NFC), no Type 3 font anywhere, every name
stays inside its badge or card (word boxes measured in the PDF); an uncovered character is a
French warning and never blocks the kit; bleed on the programme covers and card bands; the QR
code decodes to the registration address. The people are FICTITIOUS.
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pytest
from conftest import FIXED_NOW, copy_repo_sources
from PIL import Image

from airf_site import fonts
from airf_site.content.loader import load_project
from airf_site.kit.build import BLEED_MM, build_kit
from airf_site.kit.coverage import check_coverage
from airf_site.kit.participants import load_participants
from airf_site.kit.render import BADGE_COLS, BADGE_H, BADGE_W, MARGIN_X, MARGIN_Y
from airf_site.kit.settings import KitSettings
from airf_site.print.printer import MM
from airf_site.project import Project
from airf_site.typography import fix_text

DATA = Path(__file__).resolve().parent / "data" / "participants"
SOURCE = DATA / "noms-du-monde.csv"
EVENT = "assemblee-generale-2027"
NAMES = ["Ọ̀ṣun", "Adébáyọ̀", "Nguyễn", "Thị Ánh", "Ștefan", "Țărănescu", "محمد العلوي", "N'Diaye",
         "Adjovi-Houngbédji de Souza Kpodékon-Ahouandjinou Agbanglanon"]

pytestmark = pytest.mark.browser


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def kit(tmp_path_factory, chromium_path):
    root = copy_repo_sources(tmp_path_factory.mktemp("noms"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = load_project(project)
    result = build_kit(project, index, EVENT, inscriptions=SOURCE)
    participants, _ = load_participants(SOURCE, root, index.members)
    return project, index, result, participants


def _folder(project: Project) -> Path:
    return project.build_dir / "kit" / EVENT


def _pdftotext(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _words(path: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Words of each page with their boxes in mm from the page's top-left corner (pdftotext -bbox)."""
    xhtml = _pdftotext(path, "-bbox")
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S):
        pages.append([(html.unescape(word), *(float(v) / MM for v in box)) for *box, word in
                      ((m[0], m[1], m[2], m[3], m[4]) for m in
                       re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                  page))])
    return pages


def test_the_sample_names_are_what_they_claim():
    text = SOURCE.read_text(encoding="utf-8")
    assert "\u0300" in text and "\u1ecd" in text  # Yoruba ọ̀: dot below plus a combining grave
    assert "\u0218" in text and "\u021a" in text  # Romanian Ș Ț with a comma below, not a cedilla
    assert len("Adjovi-Houngbédji de Souza Kpodékon-Ahouandjinou Agbanglanon") == 60


def test_every_badge_and_card_prints_without_warning(kit):
    project, _index, result, participants = kit
    assert len(participants) == 6 and result.participants == 6
    assert result.diagnostics == [] and not [m for m in result.messages if m.startswith("attention")]
    with pikepdf.open(_folder(project) / "badges.pdf") as pdf:
        assert len(pdf.pages) == 1
    with pikepdf.open(_folder(project) / "chevalets.pdf") as pdf:
        assert len(pdf.pages) == 6


def test_no_type3_font_in_any_pdf_and_only_the_identity_fonts(kit):
    project, *_ = kit
    allowed = {path.stem for path in fonts.font_files().values()}
    for path in _folder(project).glob("*.pdf"):
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                for font in ((page.obj.get("/Resources") or {}).get("/Font") or {}).values():
                    assert font.get("/Subtype") != "/Type3", path.name
                    assert str(font.get("/BaseFont")).split("+")[-1] in allowed, (path.name, font.get("/BaseFont"))


def test_names_extract_from_the_pdfs_as_written(kit):
    project, _index, _result, participants = kit
    latin = [p for p in participants if p.nom != "El Alaoui"]
    assert {p.prenom for p in participants} | {p.nom for p in participants} >= set(NAMES) - {"محمد العلوي"}
    for name in ("badges.pdf", "chevalets.pdf"):
        # -raw: pdftotext's default joins "KPODÉKON-" at a line end with the next line, dropping
        # the hyphen (its dehyphenation); the raw text keeps the name's own hyphen.
        squeezed = "".join(nfc(_pdftotext(_folder(project) / name, "-raw")).split())
        text = nfc(_pdftotext(_folder(project) / name))
        for person in latin:
            # First names as typed; family names in capitals (CSS text-transform: ICU, as Python).
            assert "".join(nfc(person.prenom).split()) in squeezed, (name, person.prenom)
            # Typeset like every reader text: N'Diaye → N’Diaye.
            assert "".join(nfc(fix_text(person.nom).upper()).split()) in squeezed, (name, person.nom)
        # Arabic: the shaped (joined) forms map back to the letters, in logical order; pdftotext
        # wraps the right-to-left run in embedding controls (U+202B … U+202C), dropped here.
        assert nfc("محمد العلوي") in re.sub("[\u202a-\u202e\u2066-\u2069]", "", text), name


def test_role_labels_as_the_organisers_wrote_them(kit):
    project, *_ = kit
    text = _pdftotext(_folder(project) / "badges.pdf")
    assert "INTERVENANTE" in text and "INTERVENANT\n" in text and "MEMBRE" in text
    assert "·" not in text


def test_every_name_stays_inside_its_badge(kit):
    project, _index, _result, participants = kit
    (page,) = _words(_folder(project) / "badges.pdf")
    checked = 0
    for i, person in enumerate(participants):
        col, row = i % BADGE_COLS, i // BADGE_COLS
        left, top = MARGIN_X + col * BADGE_W, MARGIN_Y + row * BADGE_H
        pieces = set(nfc(fix_text(person.nom).upper()).split()) | set(nfc(person.prenom).split())
        for word, x0, y0, x1, y1 in page:
            if nfc(word) in pieces and left <= (x0 + x1) / 2 <= left + BADGE_W and top <= (y0 + y1) / 2 <= top + BADGE_H:
                # 6 mm padding each side: the name never runs into the cut or the next badge.
                assert left + 5.5 <= x0 and x1 <= left + BADGE_W - 5.5, (word, x0, x1, left)
                assert top <= y0 and y1 <= top + BADGE_H - 8, (word, y0, y1, top)
                checked += 1
    assert checked >= 12


def test_every_name_stays_on_its_card(kit):
    project, _index, _result, participants = kit
    with pikepdf.open(_folder(project) / "chevalets.pdf") as pdf:
        width = float(pdf.pages[0].mediabox[2] - pdf.pages[0].mediabox[0]) / MM
    # The trim starts 3 mm (bleed) + the slug of the crop marks inside the sheet.
    slug = (width - 297) / 2
    for person, page in zip(participants, _words(_folder(project) / "chevalets.pdf"), strict=True):
        pieces = set(nfc(fix_text(person.nom).upper()).split())
        found = [(x0, x1) for word, x0, _y0, x1, _y1 in page if any(nfc(word).strip("-") in p for p in pieces)]
        assert len(found) >= 2, person.nom  # both faces of the card (a long name may wrap at a hyphen)
        assert all(slug + 10 <= x0 and x1 <= slug + 297 - 10 for x0, x1 in found), (person.nom, found)


def _pixel_rgb(path: Path, page: int, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    """Colour at (x, y) mm from the MediaBox's top-left corner of `page`, rendered at 50 dpi."""
    out = subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), str(path)],
                         capture_output=True, check=True).stdout
    from io import BytesIO

    image = Image.open(BytesIO(out)).convert("RGB")
    return image.getpixel((round(x_mm / 25.4 * 50), round(y_mm / 25.4 * 50)))


@pytest.mark.parametrize("name, page", [("programme.pdf", 1), ("programme.pdf", -1), ("chevalets.pdf", 1)])
def test_backgrounds_run_into_the_bleed(kit, name, page):
    project, *_ = kit
    path = _folder(project) / name
    with pikepdf.open(path) as pdf:
        number = page if page > 0 else len(pdf.pages)
        obj = pdf.pages[number - 1].obj
        media, trim, bleed = [[float(v) for v in obj[key]] for key in ("/MediaBox", "/TrimBox", "/BleedBox")]
    assert [round((t - b) / MM, 2) for t, b in zip(trim[:2], bleed[:2])] == [BLEED_MM, BLEED_MM]
    assert media[0] <= bleed[0] and media[2] >= bleed[2]
    # 1 mm inside the bleed's outer edge (top-left for the cover, bottom for the card band):
    # the sheet's colour (brand blue, light grey back cover, role colour), not paper white.
    x = (bleed[0] - media[0]) / MM + 1
    y = (media[3] - bleed[3]) / MM + 1 if name == "programme.pdf" else (media[3] - bleed[1]) / MM - 1
    colour = _pixel_rgb(path, number, x, y)
    assert colour != (255, 255, 255), colour


def test_qr_code_decodes_to_the_registration_address(kit):
    import zxingcpp  # a dev dependency: missing, the test fails rather than skips
    project, index, *_ = kit
    event = next(e for e in index.events if e.id == EVENT)
    for name in ("affiche.pdf", "programme.pdf"):
        path = _folder(project) / name
        pages = range(1, 5) if name == "programme.pdf" else [1]
        decoded = set()
        for page in pages:
            out = subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(path)],
                                 capture_output=True, check=True).stdout
            from io import BytesIO

            decoded |= {r.text for r in zxingcpp.read_barcodes(Image.open(BytesIO(out)))}
        assert decoded == {str(event.inscription)}, name


def test_urls_never_break_at_a_hyphen(kit):
    project, index, *_ = kit
    event = next(e for e in index.events if e.id == EVENT)
    for name in ("affiche.pdf", "programme.pdf"):
        lines = _pdftotext(_folder(project) / name).splitlines()
        assert not [line for line in lines if line.rstrip().endswith("-") and "/" in line], name
        assert str(event.inscription) in "".join(lines) or str(event.inscription) in " ".join(lines)


def test_an_uncovered_character_is_a_french_warning_and_the_kit_still_prints(tmp_path, chromium_path):
    root = copy_repo_sources(tmp_path / "projet")
    source = tmp_path / "inscriptions.csv"
    source.write_text(SOURCE.read_text(encoding="utf-8") + "Wei;王;;Invité;Ville de Porto-Novo;BJ;Partenaire;\r\n",
                      encoding="utf-8")
    project = Project.load(root, now=FIXED_NOW)
    index, _ = load_project(project)
    result = build_kit(project, index, EVENT, inscriptions=source)
    (diag,) = result.diagnostics
    assert diag.line == 8 and diag.severity == "avertissement"
    assert "Wei 王" in diag.message and "U+738B CJK UNIFIED IDEOGRAPH-738B" in diag.message
    assert "s'impriment quand même" in diag.message
    folder = _folder(project)
    assert {p.name for p in folder.glob("*.pdf")} == {"programme.pdf", "affiche.pdf", "badges.pdf", "chevalets.pdf"}
    assert "王" in _pdftotext(folder / "badges.pdf")
    assert result.participants == 7


def test_coverage_check_names_the_participant_line_and_character():
    participants, _ = load_participants(SOURCE, DATA, (), KitSettings())
    assert check_coverage(participants, "inscriptions.csv") == []
    odd = participants[0].__class__(line=12, prenom="Ana", nom="Lee 😀", pays="FR")
    (diag,) = check_coverage([odd], "private/inscriptions/ag.csv")
    assert (diag.path, diag.line) == ("private/inscriptions/ag.csv", 12)
    assert "Ana LEE 😀" in diag.message and "« 😀 » (U+1F600 GRINNING FACE)" in diag.message
