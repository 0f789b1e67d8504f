"""Print-shop checks of a print file, as a prepress operator runs them; messages in French.

Shared by the report, the fact sheets and the meetings kit (programme, table cards):
- `pdfx_problems(pdf)`: PDF/X-4 (output intent with a CMYK profile, version identifiers, no
  annotation, no RGB colour or image left, greys on the black plate only);
- `booklet_problems(count)`: a saddle-stitched booklet has a multiple of 4 pages;
- `folio_problems(pdf, fragments)`: page numbers on the outer edge (left pages left, right pages right);
- `bleed_problems(path)`: artwork that touches the trim must run into the bleed, measured on the
  page rendered by pdftoppm (poppler-utils) at low resolution;
- `resolution_problems(placements)`: image resolution at placed size (300 ppi expected).
Each returns (errors, warnings) or a list of errors.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
from PIL import Image

from airf_site.print.printer import MM

MIN_PPI = 200  # below: the print shows pixels (error)
GOOD_PPI = 300  # the printing norm (warning below)
GREY_TOLERANCE = 0.02
PPI_TOLERANCE = 0.01
_K_RE = re.compile(rb"(?<![^\s\[\]])(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(k|K)(?![^\s])")
_RGB_RE = re.compile(rb"(?<![^\s\[\]])(?:-?[\d.]+\s+){3}(rg|RG)(?![^\s])")


def _pages_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    return shown + ("…" if len(numbers) > 8 else "")


def _streams(pdf: pikepdf.Pdf):
    """(page number, content stream) of every page and of the forms they draw."""
    seen = set()
    for number, page in enumerate(pdf.pages, start=1):
        contents = page.obj.get("/Contents")
        parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        for part in parts:
            if isinstance(part, pikepdf.Stream):
                yield number, part
        stack = [page.obj.get("/Resources")]
        while stack:
            resources = stack.pop()
            if not isinstance(resources, pikepdf.Dictionary):
                continue
            for xobject in resources.get("/XObject", {}).values():
                if xobject.objgen in seen:
                    continue
                seen.add(xobject.objgen)
                if xobject.get("/Subtype") == "/Form":
                    yield number, xobject
                    stack.append(xobject.get("/Resources"))


def _images(pdf: pikepdf.Pdf):
    for number, page in enumerate(pdf.pages, start=1):
        for xobject in page.obj.get("/Resources", {}).get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Image":
                yield number, xobject


def pdfx_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What keeps `pdf` from being a PDF/X-4 CMYK print file (empty when it is one)."""
    errors = []
    intents = pdf.Root.get("/OutputIntents")
    intent = next((i for i in intents or [] if i.get("/S") == "/GTS_PDFX"), None)
    if intent is None:
        errors.append("pas de mode de sortie (OutputIntent GTS_PDFX) : le PDF n'est pas un PDF/X")
    else:
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream) or int(profile.get("/N", 0)) != 4:
            errors.append("le mode de sortie n'incorpore pas de profil CMJN (DestOutputProfile)")
        if not str(intent.get("/OutputConditionIdentifier", "")).strip():
            errors.append("mode de sortie sans identifiant de condition (OutputConditionIdentifier)")
    meta = pdf.open_metadata()
    if meta.get("pdfxid:GTS_PDFXVersion") != "PDF/X-4":
        errors.append("identifiant PDF/X-4 absent des métadonnées XMP (pdfxid:GTS_PDFXVersion)")
    if str(pdf.docinfo.get("/Trapped", "")) not in ("/True", "/False"):
        errors.append("clé /Trapped absente (obligatoire en PDF/X)")
    if pdf.pdf_version < "1.6":
        errors.append(f"version PDF {pdf.pdf_version} : PDF/X-4 demande la version 1.6 au moins")
    annotated = [n for n, page in enumerate(pdf.pages, start=1) if page.obj.get("/Annots")]
    if annotated:
        errors.append(f"annotations (liens) dans le fichier d'impression (pages {_pages_text(annotated)}) : "
                      "interdites en PDF/X")
    rgb, grey4 = set(), set()
    for number, stream in _streams(pdf):
        raw = stream.read_bytes()
        if _RGB_RE.search(raw):
            rgb.add(number)
        for match in _K_RE.finditer(raw):
            c, m, y = (float(v) for v in match.group(1, 2, 3))
            if min(c, m, y) > 0 and max(c, m, y) - min(c, m, y) <= GREY_TOLERANCE:
                grey4.add(number)
        group = stream.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/CS") == "/DeviceRGB":
            rgb.add(number)
    for number, image in _images(pdf):
        space = image.get("/ColorSpace")
        if space == "/DeviceRGB" or (isinstance(space, pikepdf.Array) and space[0] == "/ICCBased"
                                     and int(space[1].get("/N", 0)) == 3):
            rgb.add(number)
    if rgb:
        errors.append(f"couleurs RVB dans le fichier d'impression (pages {_pages_text(sorted(rgb))}) : "
                      "tout doit être en CMJN")
    if grey4:
        errors.append(f"gris composé des quatre encres (pages {_pages_text(sorted(grey4))}) : le texte et "
                      "les filets gris doivent être sur le noir seul")
    return errors


def booklet_problems(count: int) -> list[str]:
    """A saddle-stitched booklet's page count is a multiple of 4."""
    if count % 4:
        return [f"{count} pages : une brochure piquée demande un multiple de 4 pages "
                f"(il en manque {4 - count % 4})"]
    return []


def folio_problems(pdf: pikepdf.Pdf, fragments, *, covers: bool = True, folio_mm: float = 25) -> list[str]:
    """Page numbers on the outer edge: even (left-hand) pages left, odd (right-hand) pages right."""
    wrong = []
    count = len(pdf.pages)
    for number, frags in enumerate(fragments, start=1):
        if covers and number in (1, count):
            continue
        page = pdf.pages[number - 1]
        trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
        middle = (trim[0] + trim[2]) / 2
        folios = [f for f in frags if f.y < trim[1] + folio_mm * MM and f.text.strip() == str(number)]
        if not folios:
            continue  # a missing number is reported by check_pdf
        outer_left = number % 2 == 0
        if any((f.x < middle) != outer_left for f in folios):
            wrong.append(number)
    if wrong:
        return [f"folios non alternés (pages {_pages_text(wrong)}) : le numéro de page va au bord extérieur "
                "(à gauche sur les pages paires, à droite sur les impaires)"]
    return []


def resolution_problems(placements, *, min_ppi: int = MIN_PPI, good_ppi: int = GOOD_PPI) -> tuple[list[str], list[str]]:
    """Images below `min_ppi` at their placed size are errors; below `good_ppi`, warnings."""
    errors, warnings = [], []
    for page, w_px, h_px, w_pt, h_pt in placements:
        if w_pt < 1 or h_pt < 1:
            continue
        ppi = min(w_px / (w_pt / 72), h_px / (h_pt / 72))
        message = (f"page {page} : image à {ppi:.0f} ppp pour {w_pt / MM:.0f} × {h_pt / MM:.0f} mm "
                   f"({good_ppi} ppp attendus à la taille imprimée) : fournissez une image d'au moins "
                   f"{w_pt / 72 * good_ppi:.0f} × {h_pt / 72 * good_ppi:.0f} pixels")
        # 1 % of tolerance: Chromium lays images out on its device grid, a fraction of a
        # millimetre larger than asked, which must not turn an image made for 300 ppi into a warning
        if ppi < min_ppi * (1 - PPI_TOLERANCE):
            errors.append(message)
        elif ppi < good_ppi * (1 - PPI_TOLERANCE):
            warnings.append(message)
    return errors, warnings


def _render(path: Path, dpi: int, out: Path, pages: int) -> list[Path]:
    """Every page as PNG, rendered by two pdftoppm processes side by side (decoding 300 ppi
    photographs is most of the check's time; the machines have two cores)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise FileNotFoundError("pdftoppm")
    half = (pages + 1) // 2
    ranges = [(1, half), (half + 1, pages)] if pages > 1 else [(1, 1)]
    jobs = [subprocess.Popen([pdftoppm, "-r", str(dpi), "-png", "-f", str(first), "-l", str(last), str(path),
                              str(out / f"p{index}")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for index, (first, last) in enumerate(ranges)]
    for job in jobs:
        _out, err = job.communicate()
        if job.returncode:
            raise OSError(f"pdftoppm : {err.decode(errors='replace').strip()[-200:]}")
    # pdftoppm numbers the files with the page number, zero-padded to the document's page count
    return sorted(out.glob("p*-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _inked(pixels: list[tuple[int, int, int]]) -> float:
    """Share of pixels that are not paper white."""
    if not pixels:
        return 0.0
    return sum(1 for p in pixels if min(p) < 245) / len(pixels)


def _edge_verdict(img: Image.Image, media, trim, bleed, touch: float) -> str | None:
    """None when the page is right; "sans" (no bleed box) or "court" (artwork stops at the trim)."""
    scale = img.width / (media[2] - media[0])

    def px(x, y):
        return int((x - media[0]) * scale), int((media[3] - y) * scale)

    x0, y1 = px(trim[0], trim[1])
    x1, y0 = px(trim[2], trim[3])
    bx0, by1 = px(bleed[0], bleed[1])
    bx1, by0 = px(bleed[2], bleed[3])
    inner, outer = 1, 1 if (x0 - bx0) >= 2 else 0
    edges = (
        ([(x0 + inner, y) for y in range(y0, y1)], [(bx0 + outer, y) for y in range(y0, y1)]),
        ([(x1 - 1 - inner, y) for y in range(y0, y1)], [(bx1 - 1 - outer, y) for y in range(y0, y1)]),
        ([(x, y0 + inner) for x in range(x0, x1)], [(x, by0 + outer) for x in range(x0, x1)]),
        ([(x, y1 - 1 - inner) for x in range(x0, x1)], [(x, by1 - 1 - outer) for x in range(x0, x1)]),
    )

    def pixels(points):
        return [img.getpixel(p) for p in points if 0 <= p[0] < img.width and 0 <= p[1] < img.height]

    for inside, outside in edges:
        inked = _inked(pixels(inside))
        if inked <= touch:
            continue
        if bx0 == x0:
            return "sans"
        if _inked(pixels(outside)) < inked * 0.8:
            return "court"
    return None


def bleed_problems(path: Path, *, dpi: int = 36, touch: float = 0.25) -> list[str]:
    """Pages whose artwork touches the trim without running into the bleed (rendered check).

    An edge "touches" when more than `touch` of its pixels just inside the trim are inked; the
    strip just outside the trim (in the bleed) must then be inked there too. Without a bleed
    (MediaBox = TrimBox) any artwork touching the trim is reported.
    """
    path = Path(path)
    with pikepdf.open(path) as pdf:
        boxes = [([float(v) for v in p.mediabox], [float(v) for v in p.obj.get("/TrimBox", p.mediabox)],
                  [float(v) for v in p.obj.get("/BleedBox", p.obj.get("/TrimBox", p.mediabox))])
                 for p in pdf.pages]
    verdicts: dict[str, list[int]] = {"sans": [], "court": []}
    with tempfile.TemporaryDirectory(prefix="airf-fond-perdu-") as tmp:
        for number, png in enumerate(_render(path, dpi, Path(tmp), len(boxes)), start=1):
            with Image.open(png) as img:
                verdict = _edge_verdict(img.convert("RGB"), *boxes[number - 1], touch)
            if verdict:
                verdicts[verdict].append(number)
    messages = []
    if verdicts["sans"]:
        messages.append(f"pages {_pages_text(verdicts['sans'])} : l'illustration touche le bord de coupe "
                        "mais le PDF n'a pas de fond perdu (BleedBox) : un filet blanc apparaîtra après la coupe")
    if verdicts["court"]:
        messages.append(f"pages {_pages_text(verdicts['court'])} : l'illustration s'arrête au bord de coupe "
                        "au lieu de déborder dans le fond perdu")
    return messages
