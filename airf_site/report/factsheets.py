"""Fact sheets (fiches techniques) as 2-page A4 PDFs, in the report's visual identity.

`build_factsheets(project, index)` (registered in build.py) writes `build/fiches/<slug>.pdf`
for every published fact sheet, all printed in one Chromium session. Each sheet is fitted to
exactly two pages: the layout takes a `--scale` (type and image sizes); it is rendered at
100 %, then shrunk step by step until it fits. Page 2 always starts with the results, so a
short sheet still has its two faces (recto: context and actions, verso: what came out of it).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf
from markupsafe import Markup

from airf_site.content.index import ContentIndex
from airf_site.content.models import Fiche
from airf_site.countries import country_name
from airf_site.errors import BuildError
from airf_site.paths import content_file
from airf_site.print.checks import CheckReport, check_pdf, image_placements
from airf_site.print.prepress import bleed_problems, resolution_problems
from airf_site.print.printer import Printer, font_face_css, postprocess
from airf_site.project import Project
from airf_site.templating import create_env
from airf_site.write import atomic_dir

OUTPUT_DIR = "fiches"
PAGES = 2
# Scales tried in order: 100 % first, then smaller type and images.
SCALES = [1.0, 0.94, 0.88, 0.83, 0.78, 0.74, 0.7]
MIN_PPI = 300  # images are never printed larger than this resolution allows (the printing norm)
# nor so small that they pass the checks' "too fine" line (450 ppi): the site's own images
# (1600 px wide) are not to be shrunk for the sheet, so the sheet does not shrink them either
MAX_PPI = 440
MAX_IMAGE_MM = 170.0


def _image(project: Project, ref) -> dict | None:
    """Image of a fact sheet with its largest printable width (≥ MIN_PPI) and its smallest
    (≤ MAX_PPI) in mm."""
    path = content_file(project.content_dir, ref.src)  # refuses what `airf check` refuses
    from PIL import Image

    with Image.open(path) as img:
        width_mm = min(MAX_IMAGE_MM, img.width / MIN_PPI * 25.4)
        least_mm = min(MAX_IMAGE_MM, img.width / MAX_PPI * 25.4)
    return {"uri": path.resolve().as_uri(), "alt": ref.alt, "legende": ref.legende, "width_mm": round(width_mm, 2),
            "least_mm": round(least_mm, 2)}


def render_factsheet_html(project: Project, index: ContentIndex, fiche: Fiche, *, scale: float = 1.0,
                          env=None) -> str:
    """A fact sheet as print HTML (pure). `scale` shrinks type and images to fit two pages.

    `env` (from `create_env`) may be passed to reuse compiled templates across sheets.
    """
    env = env or create_env(project)
    member = index.member(fiche.collectivite)
    projet = index.project(fiche.projet)
    themes = [t for t in (index.theme(tid) for tid in fiche.themes) if t is not None]
    colour = projet.couleur if projet else (themes[0].couleur if themes else "#1d4e89")
    return env.get_template("print/fiche.html.j2").render(
        fiche=fiche,
        member=member,
        country=country_name(fiche.pays),
        projet=projet,
        themes=themes,
        colour=colour,
        scale=scale,
        fonts_css=Markup(font_face_css()),
        body=Markup(fiche.html),
        images=[img for img in (_image(project, ref) for ref in fiche.images) if img],
        url=project.absolute_url(fiche.url),
    )


def write_fitted(printer: Printer, project: Project, index: ContentIndex, fiche: Fiche, out: Path,
                 env=None) -> float:
    """Print `fiche` to `out` on exactly two pages (IO: Chromium); returns the scale used."""
    env = env or create_env(project)
    for scale in SCALES:
        html = render_factsheet_html(project, index, fiche, scale=scale, env=env)
        printer.print_html(html, out, base_dir=project.content_dir)
        if printer.page_count(out) <= PAGES:
            return scale
    raise BuildError(f"{fiche.source} : la fiche ne tient pas sur deux pages même réduite à "
                     f"{int(SCALES[-1] * 100)} % : raccourcissez le texte ou retirez une image")


def finish(project: Project, index: ContentIndex, fiche: Fiche, out: Path) -> CheckReport:
    """Post-process and check one printed sheet; returns the CheckReport."""
    member = index.member(fiche.collectivite)
    postprocess(out, title=f"Fiche technique : {fiche.titre}",
                author="Association internationale des régions francophones (AIRF)",
                subject=fiche.resume if not member else f"{member.nom} — {fiche.resume}",
                created=project.now)
    report = check_pdf(out, bleed_mm=0, max_mb=5, expect_pages=PAGES, covers=False, check_toc=False)
    # the print shop's checks that apply to a sheet printed as is: 300 ppi photos (warning below),
    # no artwork touching the trim without bleed
    with pikepdf.open(out) as pdf:
        _errors, warnings = resolution_problems(image_placements(pdf))
    report.warnings += warnings
    report.errors += bleed_problems(out)
    return report


def build_factsheets(project: Project, index: ContentIndex, *, log=None) -> list[Path]:
    """Write build/fiches/<slug>.pdf for every fact sheet (one browser session), checked.

    While Chromium prints a sheet, the previous one is post-processed and checked in a worker
    thread: the main thread only waits for Chromium then, so the two overlap.
    """
    target = project.build_dir / OUTPUT_DIR
    if not index.fiches:
        with atomic_dir(target):
            pass  # no sheet left: an empty folder, so no stale PDF reaches the site
        return []  # and no Chromium started for nothing
    written, problems, pending = [], [], []
    env = create_env(project)
    with atomic_dir(target) as tmp, Printer() as printer, ThreadPoolExecutor(max_workers=1) as worker:
        for fiche in index.fiches:
            out = tmp / f"{fiche.id}.pdf"
            scale = write_fitted(printer, project, index, fiche, out, env=env)
            pending.append((fiche, scale, worker.submit(finish, project, index, fiche, out)))
            written.append(target / out.name)
        for fiche, scale, future in pending:
            report = future.result()
            problems += [f"{fiche.source} : {m}" for m in report.errors]
            if log:
                for message in report.warnings:
                    log(f"avertissement : {fiche.source} : {message}")
                if scale < 1:
                    log(f"{fiche.source} : réduite à {int(scale * 100)} % pour tenir sur deux pages")
        if problems:
            raise BuildError("fiches techniques non conformes :\n  - " + "\n  - ".join(problems))
    return written
