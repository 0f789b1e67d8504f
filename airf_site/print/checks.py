"""Print-ready checks on a finished PDF; every message in French, saying what to fix.

`check_pdf(path, ...)` returns a `CheckReport` (errors, warnings). It checks: PDF syntax
(qpdf's check through pikepdf), fonts embedded and none of Type 3, page size and
TrimBox/BleedBox, image resolution at printed size, Title/Author/Subject/language, page
numbers on every page but the covers, table-of-contents numbers equal to the pages the links
lead to, no HTML entities leaking into the text, text kept away from the trim, file size.
With `print_mode` it adds the print shop's checks (prepress.py): PDF/X-4 in CMYK, 300 ppi
images (warning; error under 200), artwork touching the trim runs into the bleed; `booklet`
asks a multiple of 4 pages and page numbers on the outer edge; `accessible` the PDF/UA basics
of screen.py (artifacts, alt texts, link descriptions).

What is read from the PDF (text with positions, links, images, fonts) comes from pdf_text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from airf_site.print.pdftext import (  # noqa: F401
    Fragment,
    fonts_used,
    heading_pages,
    image_placements,
    is_embedded,
    link_targets,
    page_fragments,
    page_index,
    scan_pages,
)
from airf_site.print.prepress import (
    bleed_problems,
    booklet_problems,
    folio_problems,
    pdfx_problems,
    resolution_problems,
)
from airf_site.print.printer import MM, file_size_mb
from airf_site.print.screen import ua_problems

BOX_TOLERANCE_MM = 0.05
ENTITY_RE = re.compile(r"&(?:amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-fA-F]+);")


@dataclass
class CheckReport:
    """Result of `check_pdf`: errors fail the build, warnings are shown."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


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
    for name, font in sorted(fonts_used(pdf).items()):
        if font.get("/Subtype") == "/Type3":
            report.errors.append(f"police de Type 3 « {name.lstrip('/')} » : utilisez une police TrueType statique "
                                 "(les imprimeurs refusent le Type 3)")
        elif not is_embedded(font):
            report.errors.append(f"police non incorporée « {name.lstrip('/')} » : le PDF s'afficherait "
                                 "avec une police de remplacement")


def _check_images(placements, report, min_ppi, warn_ppi) -> None:
    low, high = [], []
    for page, w_px, h_px, w_pt, h_pt in placements:
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


def _check_text(pdf, fragments, report, *, covers, expect_page_numbers, check_toc, bleed_mm, safe_mm,
                unnumbered=()) -> None:
    count = len(pdf.pages)
    cover_pages = ({1, count} if covers else set()) | set(unnumbered)
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
            if any(not (trim[0] + margin - 0.5 <= x <= trim[2] - margin and trim[1] + margin <= y <= trim[3] - margin)
                   for f in frags for x, y in f.points()):
                close.append(number)
        if close:
            report.errors.append(f"texte à moins de {safe_mm:g} mm du bord de coupe (pages {_pages_text(close)}) : "
                                 "il risque d'être rogné")
    if check_toc:
        _check_toc(pdf, fragments, report)


def _check_toc(pdf, fragments, report) -> None:
    """Every TOC line's number equals the page its link leads to."""
    index = page_index(pdf)
    toc_pages = [n for n, frags in enumerate(fragments, start=1)
                 if any(f.text.strip().lower() == "sommaire" for f in frags)]
    if not toc_pages:
        report.errors.append("sommaire introuvable (aucune page ne porte le titre « Sommaire »)")
        return
    number = toc_pages[0]
    links = [(rect, target) for rect, target in link_targets(pdf, pdf.pages[number - 1], index)]
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
    print_mode: bool = False,
    booklet: bool = False,
    unnumbered: tuple[int, ...] = (),
    accessible: bool = False,
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
        fragments, placements = scan_pages(pdf)
        _check_images(placements, report, min_ppi, warn_ppi)
        if accessible:
            report.errors += [f"accessibilité (PDF/UA) : {m}" for m in ua_problems(pdf)]
        if print_mode:
            errors, warnings = resolution_problems(placements, min_ppi=min_ppi)
            report.warnings += warnings  # below min_ppi: already an error of _check_images
            report.errors += pdfx_problems(pdf)
        if booklet:
            # a booklet's inside covers (2nd and 3rd cover pages) may carry no page number
            unnumbered = tuple(unnumbered) + (2, len(pdf.pages) - 1)
            report.errors += booklet_problems(len(pdf.pages))
            report.errors += folio_problems(pdf, fragments, covers=covers)
        _check_metadata(pdf, report, lang)
        _check_text(pdf, fragments, report, covers=covers, expect_page_numbers=expect_page_numbers,
                    check_toc=check_toc, bleed_mm=bleed_mm, safe_mm=safe_mm, unnumbered=unnumbered)
    if print_mode:
        try:
            report.errors += bleed_problems(path)
        except (FileNotFoundError, OSError) as exc:
            report.errors.append(f"contrôle du fond perdu impossible ({exc}) : installez poppler-utils (pdftoppm)")
    return report
