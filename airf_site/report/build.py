"""The annual activity report: print-ready PDF, screen PDF and web pages from `annual_report/<year>/`.

`build_report(project, index)` (registered in build.py) writes into `build/report/`:
- `rapport-annuel-<year>.pdf`: screen version, A4, tagged, bookmarks, clickable table of contents;
- `rapport-annuel-<year>-impression.pdf`: print-shop version, PDF/X-4 in CMYK (FOGRA39, see
  print/pdfx.py), 3 mm bleed, TrimBox/BleedBox, optional crop marks, a multiple of 4 pages.

Chromium has no `target-counter()`, so the table of contents is filled in two passes: a quick
first rendering (untagged, full-bleed pictures left out) carries an invisible marker where each
section starts; the page each marker landed on is read back from the PDF, then the final
version is printed with those numbers and the screen version is cut from it (same type area).
Both PDFs are checked (pdf_checks; the TOC check compares the numbers with the links' targets)
before the previous output is replaced: a failed check fails the build and leaves the old
files in place.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from html import unescape
from pathlib import Path
from typing import NamedTuple

from airf_site.content.index import ContentIndex
from airf_site.errors import BuildError, ContentError, Diagnostic
from airf_site.markdown import render_markdown
from airf_site.print.checks import check_pdf, page_fragments
from airf_site.print.colour import Converter, output_profile
from airf_site.print.pdfx import convert_to_pdfx
from airf_site.print.printer import MM, Printer, postprocess
from airf_site.print.screen import finish_tagged
from airf_site.project import Project
from airf_site.report.render import render_report_html, sections, web_fragments
from airf_site.report.sources import ReportSources, available_years, load_report
from airf_site.sitepage import SitePage
from airf_site.typography import fix_html, fix_text
from airf_site.write import atomic_dir

BLEED_MM = 3.0
BOTTOM_MARGIN_MM = 22.0  # the layout's bottom margin (rapport.css.j2), under the bleed
ART_MIN_MM = 35.0  # below this, a chapter's last page is left as it is
ART_GAP_MM = 20.0  # kept between the text and the closing illustration: its margin, the last line's descent, rounding
SCREEN_MAX_MB = 5.0
PRINT_MAX_MB = 20.0
OUTPUT_DIR = "report"
MARKER_RE = re.compile(r"@@([a-z0-9-]+)@@")
HEADING_RE = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>", re.S)


def screen_name(year: int) -> str:
    """File name of the screen version."""
    return f"rapport-annuel-{year}.pdf"


def print_name(year: int) -> str:
    """File name of the print-shop version."""
    return f"rapport-annuel-{year}-impression.pdf"


def check_sources(project: Project, index: ContentIndex) -> list[Diagnostic]:
    """Diagnostics of every report folder (run by `airf check` and before every build)."""
    diags: list[Diagnostic] = []
    for year in available_years(project):
        _sources, found = load_report(project, year, project_ids(index), theme_ids(index))
        diags += found
    return diags


def project_ids(index: ContentIndex) -> set[str]:
    """Ids of the cooperation projects, to check blocks naming one."""
    return {p.id for p in index.projects}


def theme_ids(index: ContentIndex) -> set[str]:
    """Ids of the strategic priorities, to check the finances' spending lines."""
    return {t.id for t in index.themes}


def load_or_fail(project: Project, year: int, index: ContentIndex) -> ReportSources:
    """Validated sources of `year`, or ContentError with every diagnostic."""
    sources, diags = load_report(project, year, project_ids(index), theme_ids(index))
    if sources is None:
        raise ContentError(diags)
    return sources


def _metadata(sources: ReportSources) -> dict:
    settings = sources.settings
    subject = f"Rapport d'activité {sources.year} de l'Association internationale des régions francophones"
    if settings.sous_titre:
        subject += f" : {settings.sous_titre}"
    return {"title": settings.titre, "author": settings.auteur, "subject": subject,
            "keywords": f"AIRF, rapport d'activité, {sources.year}, régions francophones"}


def write_pdfs(project: Project, index: ContentIndex, sources: ReportSources, out_dir: Path,
               printer: Printer, *, crop_marks: bool = False, converter: Converter | None = None) -> Printed:
    """Print both versions of one year's report into `out_dir` (two-pass TOC).

    The print version is converted to PDF/X-4 (CMYK, `converter`'s profile, FOGRA39 by default).
    """
    converter = converter or Converter(output_profile())
    year = sources.year
    draft = out_dir / f".passe-1-{year}.pdf"
    # First pass: untagged (faster) with invisible markers where each section starts.
    html = render_report_html(project, index, sources, bleed_mm=BLEED_MM, markers=True)
    printer.print_html(html, draft, base_dir=sources.folder, read_roots=[project.content_dir], bleed_mm=BLEED_MM, tagged=False)
    positions = marker_positions(draft)
    pages = {anchor: page for anchor, (page, _y) in positions.items()}
    missing = [s.title for s in sections(sources) if s.anchor not in pages]
    if missing:
        raise BuildError(f"rapport {year} : début de section introuvable dans le PDF : {', '.join(missing)}")
    total = printer.page_count(draft)
    draft.unlink()
    # A saddle-stitched booklet has a multiple of 4 pages: designed pages fill the gap.
    filler = -total % 4
    meta = _metadata(sources)
    impression = out_dir / print_name(year)
    for art in (art_space(sources, positions), None):
        html = render_report_html(project, index, sources, bleed_mm=BLEED_MM, toc_pages=pages, filler_pages=filler,
                                  art_mm=art)
        printer.print_html(html, impression, base_dir=sources.folder, read_roots=[project.content_dir],
                           bleed_mm=BLEED_MM)
        # a closing illustration that did not fit would push the pages the TOC announces:
        # printed again without them (a page left partly blank rather than a wrong TOC)
        if printer.page_count(impression) == total + filler:
            break
    # The screen version is the same rendering cut to the trim: the type area is identical,
    # so one print serves both versions.
    screen = out_dir / screen_name(year)
    shutil.copyfile(impression, screen)
    postprocess(screen, **meta, bleed_mm=BLEED_MM, cut_bleed=True, created=project.now)
    finish_tagged(screen, titles=source_titles(sources))
    postprocess(impression, **meta, bleed_mm=BLEED_MM, crop_marks=crop_marks, created=project.now)
    convert_to_pdfx(impression, converter=converter)
    final = total + filler
    # the inside back cover (last padding page) carries no page number, like the covers
    return Printed(screen, impression, (final - 1,) if filler else ())


def source_titles(sources: ReportSources) -> list[str]:
    """Every heading of the report as written in the sources, typeset as printed (apostrophes,
    no-break spaces): the bookmarks' titles are restored from them."""
    titles = [s.title for s in sections(sources)]
    for chapter in sources.chapters:
        for heading in HEADING_RE.findall(render_markdown(chapter.body)):
            titles.append(unescape(re.sub(r"<[^>]+>", "", heading)))
    return [fix_text(title) for title in titles]


class Printed(NamedTuple):
    """The two PDFs of one year and the pages that carry no number by design (besides covers)."""

    screen: Path
    impression: Path
    unnumbered: tuple[int, ...] = ()


def marker_pages(path: Path) -> dict[str, int]:
    """Section anchor → page where its "@@anchor@@" marker landed (first pass)."""
    return {anchor: page for anchor, (page, _y) in marker_positions(path).items()}


def marker_positions(path: Path) -> dict[str, tuple[int, float]]:
    """Marker → (page, baseline in points from the sheet's bottom) where it landed (first pass)."""
    found: dict[str, tuple[int, float]] = {}
    for number, fragments in enumerate(page_fragments(path), start=1):
        for fragment in fragments:
            for anchor in MARKER_RE.findall(fragment.text):
                found.setdefault(anchor, (number, fragment.y))
    return found


def art_space(sources: ReportSources, positions: dict[str, tuple[int, float]]) -> dict[str, float]:
    """Chapter slug → height (mm) of the illustration filling its last page, when worth it.

    The "@@fin-<slug>@@" marker sits where the chapter's text ends; below it, down to the
    bottom margin, the page would stay blank.
    """
    space = {}
    for chapter in sources.chapters:
        found = positions.get(f"fin-{chapter.slug}")
        if found is None:
            continue
        free = found[1] / MM - BLEED_MM - BOTTOM_MARGIN_MM - ART_GAP_MM
        if free >= ART_MIN_MM:
            space[chapter.slug] = round(free, 1)
    return space


def check_outputs(screen: Path, impression: Path, *, crop_marks: bool = False,
                  unnumbered: tuple[int, ...] = ()) -> tuple[list[str], list[str]]:
    """Run the print-ready checks on both versions: (errors, warnings), file name first."""
    errors, warnings = [], []
    for path, bleed, limit in ((screen, 0.0, SCREEN_MAX_MB), (impression, BLEED_MM, PRINT_MAX_MB)):
        printing = bleed > 0
        report = check_pdf(path, trim_mm=(210, 297), bleed_mm=bleed, max_mb=limit,
                           crop_marks=crop_marks and printing, tagged=not printing, accessible=not printing,
                           print_mode=printing, booklet=printing, unnumbered=unnumbered,
                           check_toc=not printing)  # the print file has no links: TOC checked on screen
        errors += [f"{path.name} : {m}" for m in report.errors]
        warnings += [f"{path.name} : {m}" for m in report.warnings]
    return errors, warnings


def build_report(project: Project, index: ContentIndex, *, years: list[int] | None = None,
                 crop_marks: bool = False, log=None) -> list[Path]:
    """Build the report PDFs of `years` (default: every year under annual_report/) into build/report/.

    Raises ContentError on invalid sources and BuildError when a check fails; in both cases the
    previous build/report/ is left untouched.
    """
    years = years or available_years(project)
    if not years:
        return []  # no annual_report/<year>/ in this project: nothing to print, no browser
    all_sources = [load_or_fail(project, year, index) for year in years]
    target = project.build_dir / OUTPUT_DIR
    written: list[Path] = []
    with atomic_dir(target) as tmp:
        if target.is_dir():
            # Keep the other years' PDFs: only the years rebuilt are replaced.
            for old in target.iterdir():
                if old.is_file():
                    shutil.copy2(old, tmp / old.name)
        with Printer() as printer:
            for sources in all_sources:
                screen, impression, unnumbered = write_pdfs(project, index, sources, tmp, printer,
                                                            crop_marks=crop_marks)
                errors, warnings = check_outputs(screen, impression, crop_marks=crop_marks, unnumbered=unnumbered)
                for message in warnings:
                    if log:
                        log(f"avertissement : {message}")
                if errors:
                    raise BuildError("le rapport ne passe pas les contrôles d'impression :\n  - "
                                     + "\n  - ".join(errors))
                written += [target / screen.name, target / impression.name]
    return written


def _scoped_ids(html: str, anchor: str) -> str:
    """Ids of one chapter prefixed with its anchor, and its own links to them: chapters are
    rendered apart, so two "Perspectives" headings or two footnotes 1 would share an id on the
    page (RGAA 8.2)."""
    html = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{anchor}-{m.group(1)}"', html)
    return re.sub(r'\bhref="#([^"]+)"', lambda m: f'href="#{anchor}-{m.group(1)}"', html)


def web_pages(project: Project, index: ContentIndex) -> list[SitePage]:
    """The reports as web pages for the site: one page per year under `rapport/<year>/`.

    Each page is a fragment for the site's layout; `pdf` and `pdf_impression` name the files the site copies from
    build/report/ (the site publishes them in rapport/, hence the "../" links). Invalid sources
    give no page (the build reports them through check_sources).
    """
    pages = []
    for year in available_years(project):
        sources, _diags = load_report(project, year, project_ids(index), theme_ids(index))
        if sources is None:
            continue
        fragments = web_fragments(project, index, sources)
        parts = []
        nav = "".join(f'<li><a href="#{anchor}">{_esc(title)}</a></li>' for anchor, title, _html in fragments)
        parts.append(f'<nav class="rapport-sommaire" aria-label="Sommaire"><ol>{nav}</ol></nav>')
        parts.append(f'<p class="rapport-pdf"><a href="../{screen_name(year)}">Télécharger le rapport en PDF</a> · '
                     f'<a href="../{print_name(year)}">version pour l\'imprimeur</a></p>')
        for anchor, title, html in fragments:
            parts.append(f'<section id="{anchor}"><h2>{_esc(title)}</h2>{_scoped_ids(html, anchor)}</section>')
        settings = sources.settings
        pages.append(SitePage(
            section="rapport", url=f"rapport/{year}/", title=settings.titre,
            # a past year's report is dated from its last day; the current one from the build
            date=dt.date(year, 12, 31) if year < project.now.year else project.now.date(),
            # The parts are joined from f-strings and fragments: typeset the page's text once.
            summary=settings.sous_titre or settings.titre, html=fix_html("\n".join(parts)), standalone=False,
            year=year, pdf=screen_name(year), pdf_impression=print_name(year),
        ))
    return pages


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
