"""`airf fiches`: every fact sheet as a 2-page A4 PDF in build/fiches/, or check a fact-sheet PDF.

    airf fiches                  toutes les fiches (une seule session du navigateur)
    airf fiches --check F.pdf    contrôle d'une fiche : deux pages A4, polices, images, métadonnées
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command(name="fiches")
@click.option("--check", "check_files", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              metavar="FICHIER", help="contrôler un PDF de fiche déjà produit (peut être répété)")
@click.pass_context
def command(ctx: click.Context, check_files: tuple[Path, ...]) -> None:
    """Fiches techniques en PDF (deux pages A4 chacune)."""
    from airf_site.commands.common import get_project, print_diagnostics, run_guarded

    if check_files:
        from airf_site.commands.report import run_checks

        status = 0
        for path in check_files:
            status |= run_checks(path, bleed_mm=0, max_mb=5, expect_pages=2, covers=False, check_toc=False)
        sys.exit(status)

    from airf_site.build import check_project
    from airf_site.report.factsheets import build_factsheets

    project = get_project(ctx)
    index, warnings = run_guarded(check_project, project)
    print_diagnostics(warnings)
    written = run_guarded(build_factsheets, project, index, log=lambda m: click.echo(m, err=True))
    for path in written:
        click.echo(f"{path.relative_to(project.root)} : 2 pages, contrôles passés")
    if not written:
        click.echo("Aucune fiche technique publiée dans content/fiches/.")
