"""`airf newsletter`: build issues, check any HTML e-mail, push a draft campaign to Brevo.

    airf newsletter                 la dernière lettre (par date)
    airf newsletter 2026-11         une lettre donnée
    airf newsletter --all           toutes les lettres
    airf newsletter --check FICHIER contrôle un e-mail HTML quelconque
    airf newsletter push 2026-11 [--test adresse@exemple.org]

Heavy modules are imported inside the commands: `airf --help` and other commands stay fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click


class _IssueGroup(click.Group):
    """A group whose first argument may be an issue name instead of a sub-command."""

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "construire", self.commands["construire"], args
        return super().resolve_command(ctx, args)

    def format_usage(self, ctx, formatter):
        formatter.write_usage(ctx.command_path, "[--all | --check FICHIER] [NUMÉRO] | push NUMÉRO [--test ADRESSE]")


def _project(ctx: click.Context):
    from airf_site.commands.common import get_project

    return get_project(ctx)


def _build(ctx: click.Context, issue_id: str | None, all_: bool) -> None:
    from airf_site.build import check_project
    from airf_site.commands.common import print_diagnostics, run_guarded
    from airf_site.newsletter import build as newsletter
    project = _project(ctx)
    index, warnings = run_guarded(check_project, project)
    print_diagnostics(warnings)
    _config, issues, _diags = newsletter.load(project, index)
    chosen = issues if all_ else [run_guarded(newsletter.find_issue, issues, issue_id)]
    for issue in chosen:
        target = run_guarded(newsletter.build_issue, project, index, issue,
                             log=lambda m: click.echo(m, err=True))
        rel = target.relative_to(project.root)
        size = (target / "brevo.html").stat().st_size
        weight = f"{size / 1024:.1f}".replace(".", ",")  # French decimal comma
        click.echo(f"Lettre {issue.id} ({issue.audience}) : {rel}/brevo.html ({weight} Ko), "
                   f"{rel}/email.txt, {rel}/web.html")
        # Nothing disappears silently: every item « auto » left out, with the reason.
        click.echo(newsletter.render_selection_note(issue).rstrip("\n"))
    for old in newsletter.prune_outputs(project, issues):
        click.echo(f"Ancienne lettre retirée de build/newsletters/ : {old} (plus de fichier newsletters/{old}.md)")


@click.group(name="newsletter", cls=_IssueGroup, invoke_without_command=True)
@click.option("--all", "all_", is_flag=True, help="construire toutes les lettres")
@click.option("--check", "check_file", type=click.Path(dir_okay=False, path_type=Path),
              help="contrôler un e-mail HTML (taille, images, liens, balises Brevo…) sans rien construire")
@click.option("--web", is_flag=True, help="avec --check : version web (sans balises Brevo)")
@click.pass_context
def command(ctx: click.Context, all_: bool, check_file: Path | None, web: bool) -> None:
    """Lettres d'information : construit la dernière lettre (ou NUMÉRO) dans build/newsletters/."""
    if ctx.invoked_subcommand is not None:
        return
    if check_file is not None:
        _check_file(check_file, brevo=not web)
        return
    _build(ctx, None, all_)


@command.command(name="construire", hidden=True)
@click.argument("issue")
@click.pass_context
def build_one(ctx: click.Context, issue: str) -> None:
    """Construit la lettre NUMÉRO (ex. 2026-11)."""
    _build(ctx, issue, False)


def _check_file(path: Path, brevo: bool) -> None:
    from airf_site.commands.common import print_diagnostics
    from airf_site.mail.checks import check_email

    if not path.is_file():
        click.echo(f"erreur : fichier introuvable « {path} »", err=True)
        sys.exit(1)
    html = path.read_bytes().decode("utf-8", errors="replace")
    diags = check_email(html, str(path), brevo=brevo)
    print_diagnostics(diags)
    if any(d.is_error for d in diags):
        sys.exit(1)
    size = len(html.encode("utf-8")) / 1024
    weight = f"{size:.1f}".replace(".", ",")  # French decimal comma
    click.echo(f"{path} : aucun problème bloquant ({weight} Ko).")


@command.command(name="push")
@click.argument("issue")
@click.option("--test", "test_emails", multiple=True, metavar="ADRESSE",
              help="envoyer aussi un e-mail de test à cette adresse (option répétable)")
@click.pass_context
def push(ctx: click.Context, issue: str, test_emails: tuple[str, ...]) -> None:
    """Crée la campagne brouillon de la lettre NUMÉRO dans Brevo (clé dans BREVO_API_KEY)."""
    from airf_site.build import check_project
    from airf_site.commands.common import run_guarded
    from airf_site.newsletter import build as newsletter
    from airf_site.newsletter.brevo import push_issue

    project = _project(ctx)
    index, _warnings = run_guarded(check_project, project)
    config, issues, _diags = newsletter.load(project, index)
    chosen = run_guarded(newsletter.find_issue, issues, issue)
    rendered = newsletter.render_issue(project, index, chosen)
    run_guarded(newsletter._raise_on_errors, newsletter.check_rendered(project, rendered))
    result = run_guarded(push_issue, config, chosen, rendered.brevo_html, list(test_emails),
                         api_key=os.environ.get("BREVO_API_KEY"))
    lists = ", ".join(map(str, result.list_ids))
    done = "mise à jour" if result.updated else "créée"
    click.echo(f"Campagne brouillon n° {result.campaign_id} {done} dans Brevo pour la lettre {chosen.id} "
               + (f"(listes {lists})." if lists else "(aucune liste dans newsletters/config.yml : "
                  "choisissez les destinataires dans Brevo)."))
    if result.tested:
        click.echo("E-mail de test envoyé à : " + ", ".join(result.tested))
    click.echo("Vérifiez-la dans Brevo (Campagnes › Brouillons) avant de la programmer.")
