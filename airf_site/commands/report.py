"""`airf report`: build the annual report PDFs, or check any PDF against the print-ready rules.

    airf report 2025                 les deux PDF du rapport 2025 dans build/report/
    airf report 2025 --crop-marks    avec traits de coupe sur la version imprimeur
    airf report --check FICHIER.pdf  contrôle d'un PDF (fond perdu détecté d'après sa BleedBox ;
                                     contrôles de l'imprimeur pour un fichier PDF/X)

Heavy modules are imported inside the command so that `airf --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


def detect_bleed_mm(path: Path) -> float:
    """Bleed declared by the first page (BleedBox beyond TrimBox), in mm; 0 without BleedBox."""
    import pikepdf

    from airf_site.print.printer import MM

    try:
        with pikepdf.open(path) as pdf:
            page = pdf.pages[0].obj
            if "/BleedBox" not in page or "/TrimBox" not in page:
                return 0.0
            return round((float(page.TrimBox[0]) - float(page.BleedBox[0])) / MM, 2)
    except (pikepdf.PdfError, IndexError, OSError):
        return 0.0  # unreadable: check_pdf says so in French


def is_print_file(path: Path) -> bool:
    """True for a PDF/X print file (an output intent GTS_PDFX): the print shop's checks apply."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            return any(i.get("/S") == "/GTS_PDFX" for i in pdf.Root.get("/OutputIntents", []))
    except (pikepdf.PdfError, OSError):
        return False


def run_checks(path: Path, **options) -> int:
    """Print the report of `check_pdf` on `path` in French; 0 when clean, 1 otherwise."""
    from airf_site.print.checks import check_pdf

    report = check_pdf(path, **options)
    for message in report.warnings:
        click.echo(f"{path}: avertissement : {message}", err=True)
    for message in report.errors:
        click.echo(f"{path}: erreur : {message}", err=True)
    if report.errors:
        click.echo(f"{len(report.errors)} problème(s) : ce PDF n'est pas prêt pour l'impression.", err=True)
        return 1
    click.echo(f"{path} : tous les contrôles sont passés.")
    return 0


@click.command(name="report")
@click.argument("year", required=False, type=int, metavar="[ANNÉE]")
@click.option("--crop-marks", is_flag=True, help="ajouter les traits de coupe à la version imprimeur")
@click.option("--check", "check_files", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              metavar="FICHIER", help="contrôler un PDF déjà produit (peut être répété)")
@click.pass_context
def command(ctx: click.Context, year: int | None, crop_marks: bool, check_files: tuple[Path, ...]) -> None:
    """Rapport d'activité annuel en PDF (écran et imprimeur), ou contrôle d'un PDF."""
    from airf_site.commands.common import get_project, print_diagnostics, run_guarded

    if check_files:
        from airf_site.report.build import PRINT_MAX_MB, SCREEN_MAX_MB

        status = 0
        for path in check_files:
            bleed = detect_bleed_mm(path)
            if is_print_file(path):
                # a PDF/X print file: untagged, no links (its TOC is checked on the screen version)
                status |= run_checks(path, bleed_mm=bleed, max_mb=PRINT_MAX_MB, tagged=False, check_toc=False,
                                     print_mode=True, booklet=True)
            else:
                status |= run_checks(path, bleed_mm=bleed, max_mb=PRINT_MAX_MB if bleed else SCREEN_MAX_MB)
        sys.exit(status)

    from airf_site.build import check_project
    from airf_site.report.build import build_report
    from airf_site.report.sources import available_years

    project = get_project(ctx)
    index, warnings = run_guarded(check_project, project)
    print_diagnostics(warnings)
    years = [year] if year else available_years(project)[-1:]
    if not years:
        click.echo("erreur : aucun rapport dans annual_report/ (voir docs/rapport.md)", err=True)
        sys.exit(1)
    written = run_guarded(build_report, project, index, years=years, crop_marks=crop_marks,
                          log=lambda m: click.echo(m, err=True))
    for path in written:
        size = path.stat().st_size / 1_000_000
        click.echo(f"{path.relative_to(project.root)} ({size:.1f} Mo) : contrôles passés")
