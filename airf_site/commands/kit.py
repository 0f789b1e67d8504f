"""`airf kit <événement>`: programme, poster, badges and name cards of a governance meeting.

Row problems of the registration export (missing name, unknown country, duplicate...) are
printed as warnings with their line and the other participants still print; `--strict` turns
them into a failure. Content errors and PDF check failures exit 1 and keep the previous kit.
"""

from __future__ import annotations

from pathlib import Path

import click

from airf_site.build import check_project
from airf_site.errors import summarize


@click.command(name="kit")
@click.argument("evenement")
@click.option("--inscriptions", type=click.Path(dir_okay=False, path_type=Path),
              help="export CSV ou XLSX des inscriptions (par défaut : private/inscriptions/<événement>.csv)")
@click.option("--relances", is_flag=True,
              help="liste des membres pas encore inscrits (import Brevo) et e-mail de relance")
@click.option("--contacts", type=click.Path(dir_okay=False, path_type=Path),
              help="export des contacts des membres (CRM) pour les relances (par défaut : réglage « contacts » "
                   "de private/kit.yml)")
@click.option("--strict", is_flag=True, help="une ligne d'inscription erronée fait échouer")
@click.pass_context
def command(ctx: click.Context, evenement: str, inscriptions: Path | None, relances: bool,
            contacts: Path | None, strict: bool) -> None:
    """Construit le kit d'une réunion dans build/kit/<événement>/ : programme, affiche, badges, chevalets."""
    from airf_site.commands.common import get_project, print_diagnostics, run_guarded
    from airf_site.kit.build import build_kit

    project = get_project(ctx)
    index, warnings = run_guarded(check_project, project)
    print_diagnostics(warnings)
    result = run_guarded(build_kit, project, index, evenement, inscriptions=inscriptions,
                         relances=relances, contacts=contacts, strict=strict)
    for diag in result.diagnostics:
        click.echo(diag.format(), err=True)
    if result.diagnostics:
        click.echo(f"{summarize(result.diagnostics)} Les autres participants sont imprimés.", err=True)
    for message in result.messages:
        click.echo(message)
    click.echo(f"Kit construit dans {result.folder.relative_to(project.root)}/ :")
    for path in result.files:
        click.echo(f"  {path}")
