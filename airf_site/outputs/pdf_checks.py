"""Print-ready checks on a finished PDF; every message in French, saying what to fix.

`check_pdf(path, ...)` returns a `CheckReport` (errors, warnings). It checks: PDF syntax
(qpdf's check through pikepdf), fonts embedded and none of Type 3, page size and
TrimBox/BleedBox, image resolution at printed size, Title/Author/Subject/language, page
numbers on every page but the covers, table-of-contents numbers equal to the pages the links
lead to, no HTML entities leaking into the text, text kept away from the trim, file size.

Text with positions is read from the content streams with pikepdf (Chromium's text is simple:
one BT…ET block per run, one `Td` per glyph, ToUnicode CMaps), which is fast enough to run
after every build.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .pdf import MM, file_size_mb

BOX_TOLERANCE_MM = 0.05
ENTITY_RE = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-fA-F]+);")
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass
class CheckReport:
    """Result of `check_pdf`: errors fail the build, warnings are shown."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Fragment:
    """A piece of text and where it starts, in PDF points from the sheet's lower-left corner."""

    x: float
    y: float
    text: str


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


# --- reading -------------------------------------------------------------------------------


_HEX = r"<([0-9A-Fa-f]+)>"
_BFCHAR_RE = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE_RE = re.compile(r"beginbfrange(.*?)endbfrange", re.S)
_RANGE_LINE_RE = re.compile(rf"{_HEX}\s*{_HEX}\s*(?:{_HEX}|\[(.*?)\])", re.S)


def _utf16(hex_text: str) -> str:
    return bytes.fromhex(hex_text).decode("utf-16-be", errors="replace")


def _to_unicode(font) -> tuple[int, dict[int, str]]:
    """(code width in bytes, code → text) from a font's ToUnicode CMap (bfchar and bfrange)."""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    mapping: dict[int, str] = {}
    cmap = font.get("/ToUnicode")
    if not isinstance(cmap, pikepdf.Stream):
        return width, mapping
    text = cmap.read_bytes().decode("latin-1")
    for block in _BFCHAR_RE.findall(text):
        pairs = re.findall(_HEX, block)
        for code, uni in zip(pairs[::2], pairs[1::2]):
            mapping[int(code, 16)] = _utf16(uni)
    for block in _BFRANGE_RE.findall(text):
        for lo, hi, start, array in _RANGE_LINE_RE.findall(block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if array:
                for offset, uni in enumerate(re.findall(_HEX, array)):
                    mapping[lo_i + offset] = _utf16(uni)
            else:
                base = bytes.fromhex(start)
                head, last = base[:-2], int.from_bytes(base[-2:], "big")
                for offset in range(hi_i - lo_i + 1):
                    mapping[lo_i + offset] = (head + (last + offset).to_bytes(2, "big")).decode(
                        "utf-16-be", errors="replace")
    return width, mapping


def page_fragments(path: Path) -> list[list[Fragment]]:
    """Text of every page as fragments (one per BT…ET block) with the start position.

    Chromium (Skia) writes each glyph with its own `Td` inside one BT…ET block per run, so
    positions come from the text and transformation matrices only, without glyph widths.
    Parsing is done by qpdf (pikepdf): about 20 times faster than a pure-Python extractor.
    """
    with pikepdf.open(path) as pdf:
        return [_fragments(page.obj.get("/Resources"), pikepdf.parse_content_stream(page), IDENTITY, {}, 0)
                for page in pdf.pages]


def _fragments(resources, instructions, ctm: Matrix, cmaps: dict, depth: int) -> list[Fragment]:
    found: list[Fragment] = []
    fonts = resources.get("/Font", {}) if resources is not None else {}
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    stack: list[Matrix] = []
    tm = tlm = IDENTITY
    leading = 0.0
    codec = (2, {})
    start: tuple[float, float] | None = None
    parts: list[str] = []
    for operands, operator in instructions:
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
        elif op == "BT":
            tm = tlm = IDENTITY
            start, parts = None, []
        elif op == "ET":
            if start is not None and "".join(parts).strip():
                found.append(Fragment(start[0], start[1], "".join(parts)))
            start, parts = None, []
        elif op == "Tf" and operands:
            font = fonts.get(str(operands[0]))
            if font is not None:
                key = font.objgen
                if key not in cmaps:
                    cmaps[key] = _to_unicode(font)
                codec = cmaps[key]
        elif op == "Tm":
            tm = tlm = tuple(float(v) for v in operands)
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                leading = -ty
            tm = tlm = _mul((1, 0, 0, 1, tx, ty), tlm)
        elif op == "TL":
            leading = float(operands[0])
        elif op in ("T*", "'", '"'):
            tm = tlm = _mul((1, 0, 0, 1, 0, -leading), tlm)
        if op in ("Tj", "TJ", "'", '"') and operands:
            if start is None:
                full = _mul(tm, ctm)
                start = (full[4], full[5])
            items = operands[-1] if op == "TJ" else [operands[-1]]
            width, mapping = codec
            for item in items:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    for i in range(0, len(raw) - width + 1, width):
                        code = int.from_bytes(raw[i:i + width], "big")
                        parts.append(mapping.get(code, ""))
        elif op == "Do" and operands and depth < 8 and str(operands[0]) in xobjects:
            xobj = xobjects[str(operands[0])]
            if xobj.get("/Subtype") == "/Form":
                matrix = tuple(float(v) for v in xobj.get("/Matrix", IDENTITY))
                found += _fragments(xobj.get("/Resources", resources), pikepdf.parse_content_stream(xobj),
                                    _mul(matrix, ctm), cmaps, depth + 1)
    return found


def _page_index(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}


def _dest_page(pdf: pikepdf.Pdf, dest, index: dict) -> int | None:
    """1-based page number of a destination (explicit array, named, or GoTo action)."""
    if isinstance(dest, pikepdf.Dictionary):
        if "/D" in dest:
            dest = dest.D
        else:
            return None
    if isinstance(dest, (pikepdf.String, pikepdf.Name)):
        key = str(dest).lstrip("/")
        dest = None
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            tree = pikepdf.NameTree(pdf.Root.Names.Dests)
            dest = tree.get(key)
        if dest is None and "/Dests" in pdf.Root:
            dest = pdf.Root.Dests.get("/" + key)
        if isinstance(dest, pikepdf.Dictionary):
            dest = dest.get("/D")
    if isinstance(dest, pikepdf.Array) and len(dest):
        target = dest[0]
        if isinstance(target, pikepdf.Dictionary):
            return index.get(target.objgen)
        if isinstance(target, int):
            return int(target) + 1
    return None


def heading_pages(path: Path) -> dict[str, int]:
    """Top-level bookmarks of a PDF: title → page number where that heading landed."""
    result: dict[str, int] = {}
    with pikepdf.open(path) as pdf:
        index = _page_index(pdf)
        with pdf.open_outline() as outline:
            for item in outline.root:
                dest = item.destination
                if dest is None and item.action is not None:
                    dest = item.action
                page = _dest_page(pdf, dest, index)
                title = " ".join(item.title.split())
                if page is not None and title not in result:
                    result[title] = page
    return result


def _link_targets(pdf: pikepdf.Pdf, page: pikepdf.Page, index: dict) -> list[tuple[list[float], int | None]]:
    """(rect, target page) of each internal link annotation of `page`."""
    links = []
    for annot in page.obj.get("/Annots", []):
        if annot.get("/Subtype") != "/Link":
            continue
        dest = annot.get("/Dest")
        action = annot.get("/A")
        if dest is None and action is not None and action.get("/S") == "/GoTo":
            dest = action.get("/D")
        if dest is None:
            continue
        links.append(([float(v) for v in annot.Rect], _dest_page(pdf, dest, index)))
    return links


def image_placements(pdf: pikepdf.Pdf) -> list[tuple[int, int, int, float, float]]:
    """(page, pixel width, pixel height, printed width pt, printed height pt) of each image drawn."""
    found = []

    def walk(resources, instructions, ctm: Matrix, page_no: int, depth: int) -> None:
        stack = []
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        for operands, operator in instructions:
            op = str(operator)
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else ctm
            elif op == "cm":
                ctm = _mul(tuple(float(v) for v in operands), ctm)
            elif op == "Do" and operands and str(operands[0]) in xobjects:
                xobj = xobjects[str(operands[0])]
                subtype = xobj.get("/Subtype")
                if subtype == "/Image":
                    found.append((page_no, int(xobj.Width), int(xobj.Height),
                                  math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3])))
                elif subtype == "/Form" and depth < 8:
                    matrix = tuple(float(v) for v in xobj.get("/Matrix", IDENTITY))
                    walk(xobj.get("/Resources", resources), pikepdf.parse_content_stream(xobj),
                         _mul(matrix, ctm), page_no, depth + 1)

    for number, page in enumerate(pdf.pages, start=1):
        walk(page.obj.get("/Resources"), pikepdf.parse_content_stream(page), IDENTITY, number, 0)
    return found


def _fonts(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    """Every font used on any page or inside its form XObjects, by BaseFont name."""
    fonts: dict[str, pikepdf.Dictionary] = {}
    seen = set()

    def walk(resources, depth: int) -> None:
        if resources is None or depth > 8 or resources.objgen in seen and resources.objgen != (0, 0):
            return
        seen.add(resources.objgen)
        for font in resources.get("/Font", {}).values():
            fonts.setdefault(str(font.get("/BaseFont", font.objgen)), font)
        for xobj in resources.get("/XObject", {}).values():
            if xobj.get("/Subtype") == "/Form":
                walk(xobj.get("/Resources"), depth + 1)

    for page in pdf.pages:
        walk(page.obj.get("/Resources"), 0)
    return fonts


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type0":
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _pages_text(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:8])
    return shown + ("…" if len(numbers) > 8 else "")


# --- the checks ----------------------------------------------------------------------------


def _check_boxes(pdf, report, trim_mm, bleed_mm, crop_marks) -> None:
    wrong_trim, wrong_bleed, no_slug = [], [], []
    for number, page in enumerate(pdf.pages, start=1):
        media = [float(v) for v in page.mediabox]
        trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
        size = ((trim[2] - trim[0]) / MM, (trim[3] - trim[1]) / MM)
        if abs(size[0] - trim_mm[0]) > BOX_TOLERANCE_MM or abs(size[1] - trim_mm[1]) > BOX_TOLERANCE_MM:
            wrong_trim.append((number, size))
        if bleed_mm > 0:
            bleed = page.obj.get("/BleedBox")
            expected = [trim[0] - bleed_mm * MM, trim[1] - bleed_mm * MM, trim[2] + bleed_mm * MM, trim[3] + bleed_mm * MM]
            if bleed is None or any(abs(float(a) - b) / MM > BOX_TOLERANCE_MM for a, b in zip(bleed, expected)) \
                    or any(abs(a - b) / MM > BOX_TOLERANCE_MM and not inside for a, b, inside in
                           zip(media, expected, (media[0] <= expected[0], media[1] <= expected[1],
                                                 media[2] >= expected[2], media[3] >= expected[3]))):
                wrong_bleed.append(number)
            if crop_marks and not (media[0] < expected[0] - MM and media[2] > expected[2] + MM):
                no_slug.append(number)
        elif "/TrimBox" not in page.obj:
            pass  # a screen PDF without TrimBox: the MediaBox is the page
    if wrong_trim:
        number, size = wrong_trim[0]
        report.errors.append(f"format de page incorrect (pages {_pages_text([n for n, _ in wrong_trim])}) : "
                             f"{size[0]:.2f} × {size[1]:.2f} mm au lieu de {trim_mm[0]:g} × {trim_mm[1]:g} mm "
                             "(TrimBox)")
    if wrong_bleed:
        report.errors.append(f"fond perdu absent ou faux (pages {_pages_text(wrong_bleed)}) : une BleedBox de "
                             f"{bleed_mm:g} mm autour de la TrimBox est attendue")
    if no_slug:
        report.errors.append(f"traits de coupe demandés mais pas de place pour eux (pages {_pages_text(no_slug)})")


def _check_fonts(pdf, report) -> None:
    for name, font in sorted(_fonts(pdf).items()):
        if font.get("/Subtype") == "/Type3":
            report.errors.append(f"police de Type 3 « {name.lstrip('/')} » : utilisez une police TrueType statique "
                                 "(les imprimeurs refusent le Type 3)")
        elif not _embedded(font):
            report.errors.append(f"police non incorporée « {name.lstrip('/')} » : le PDF s'afficherait "
                                 "avec une police de remplacement")


def _check_images(pdf, report, min_ppi, warn_ppi) -> None:
    low, high = [], []
    for page, w_px, h_px, w_pt, h_pt in image_placements(pdf):
        if w_pt < 1 or h_pt < 1:
            continue
        ppi = min(w_px / (w_pt / 72), h_px / (h_pt / 72))
        if ppi < min_ppi:
            low.append((page, ppi, w_pt / MM))
        elif ppi > warn_ppi:
            high.append((page, ppi))
    for page, ppi, width in low:
        report.errors.append(f"page {page} : image trop peu définie ({ppi:.0f} ppp pour {width:.0f} mm de large, "
                             f"{min_ppi} ppp au moins) : fournissez une image plus grande")
    if high:
        pages = sorted({p for p, _ in high})
        report.warnings.append(f"images très définies (> {warn_ppi} ppp) pages {_pages_text(pages)} : "
                               "elles alourdissent le fichier sans gain à l'impression")


def _check_metadata(pdf, report, lang) -> None:
    info = pdf.docinfo
    for key, label in (("/Title", "titre (Title)"), ("/Author", "auteur (Author)"), ("/Subject", "sujet (Subject)")):
        if not str(info.get(key, "")).strip():
            report.errors.append(f"métadonnée manquante : {label}")
    doc_lang = str(pdf.Root.get("/Lang", ""))
    if not doc_lang.lower().startswith(lang):
        report.errors.append(f"langue du document « {doc_lang or 'absente'} » au lieu de « {lang} »")


def _check_text(pdf, fragments, report, *, covers, expect_page_numbers, check_toc, bleed_mm, safe_mm) -> None:
    count = len(pdf.pages)
    cover_pages = {1, count} if covers else set()
    if expect_page_numbers:
        missing = []
        for number, frags in enumerate(fragments, start=1):
            if number in cover_pages:
                continue
            trim = [float(v) for v in pdf.pages[number - 1].obj.get("/TrimBox", pdf.pages[number - 1].mediabox)]
            footer = " ".join(f.text for f in frags if f.y < trim[1] + 25 * MM)
            if not re.search(rf"(?<!\d){number}(?!\d)", footer):
                missing.append(number)
        if missing:
            report.errors.append(f"numéro de page absent en pied de page (pages {_pages_text(missing)})")
    text = " ".join(f.text for frags in fragments for f in frags)
    leaks = sorted(set(ENTITY_RE.findall(text)))
    if leaks:
        report.errors.append(f"entités HTML visibles dans le texte : {', '.join(leaks)} (texte échappé deux fois)")
    if bleed_mm > 0 and safe_mm > 0:
        close = []
        for number, frags in enumerate(fragments, start=1):
            page = pdf.pages[number - 1]
            trim = [float(v) for v in page.obj.get("/TrimBox", page.mediabox)]
            margin = safe_mm * MM
            if any(not (trim[0] + margin - 0.5 <= f.x <= trim[2] - margin and trim[1] + margin <= f.y <= trim[3] - margin)
                   for f in frags):
                close.append(number)
        if close:
            report.errors.append(f"texte à moins de {safe_mm:g} mm du bord de coupe (pages {_pages_text(close)}) : "
                                 "il risque d'être rogné")
    if check_toc:
        _check_toc(pdf, fragments, report)


def _check_toc(pdf, fragments, report) -> None:
    """Every TOC line's number equals the page its link leads to."""
    index = _page_index(pdf)
    toc_pages = [n for n, frags in enumerate(fragments, start=1)
                 if any(f.text.strip().lower() == "sommaire" for f in frags)]
    if not toc_pages:
        report.errors.append("sommaire introuvable (aucune page ne porte le titre « Sommaire »)")
        return
    number = toc_pages[0]
    links = [(rect, target) for rect, target in _link_targets(pdf, pdf.pages[number - 1], index)]
    if not links:
        report.errors.append(f"page {number} : le sommaire n'a pas de liens cliquables")
        return
    for rect, target in links:
        x0, y0, x1, y1 = rect
        inside = [f for f in fragments[number - 1] if x0 - 1 <= f.x <= x1 + 1 and y0 - 1 <= f.y <= y1 + 1]
        words = " ".join(f.text for f in sorted(inside, key=lambda f: f.x)).split()
        label = " ".join(words[:-1]) or "?"
        if not words or not words[-1].isdigit():
            report.errors.append(f"sommaire : pas de numéro de page pour « {label} »")
        elif target is None:
            report.errors.append(f"sommaire : le lien « {label} » ne mène à aucune page")
        elif int(words[-1]) != target:
            report.errors.append(f"sommaire : « {label} » annoncé page {words[-1]} mais commence page {target}")


def check_pdf(
    path: Path,
    *,
    trim_mm: tuple[float, float] = (210, 297),
    bleed_mm: float = 0,
    max_mb: float = 20,
    expect_page_numbers: bool = True,
    covers: bool = True,
    check_toc: bool = True,
    min_ppi: int = 200,
    warn_ppi: int = 450,
    safe_mm: float = 5,
    crop_marks: bool = False,
    lang: str = "fr",
    expect_pages: int | None = None,
    tagged: bool = True,
) -> CheckReport:
    """Run every print-ready check on `path` (see the module docstring)."""
    report = CheckReport()
    path = Path(path)
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        report.errors.append(f"PDF illisible : {exc}")
        return report
    with pdf:
        problems = pdf.check_pdf_syntax()
        for problem in problems[:5]:
            report.errors.append(f"structure PDF invalide (qpdf --check) : {problem}")
        size = file_size_mb(path)
        if size > max_mb:
            report.errors.append(f"fichier trop lourd : {size:.1f} Mo (au plus {max_mb:g} Mo) : réduisez les images")
        if expect_pages is not None and len(pdf.pages) != expect_pages:
            report.errors.append(f"{len(pdf.pages)} pages au lieu de {expect_pages}")
        if tagged and not ("/StructTreeRoot" in pdf.Root and pdf.Root.get("/MarkInfo", {}).get("/Marked", False)):
            report.errors.append("PDF non balisé (tagged) : il est illisible pour les lecteurs d'écran")
        _check_boxes(pdf, report, trim_mm, bleed_mm, crop_marks)
        _check_fonts(pdf, report)
        _check_images(pdf, report, min_ppi, warn_ppi)
        _check_metadata(pdf, report, lang)
        fragments = page_fragments(path)
        _check_text(pdf, fragments, report, covers=covers, expect_page_numbers=expect_page_numbers,
                    check_toc=check_toc, bleed_mm=bleed_mm, safe_mm=safe_mm)
    return report
