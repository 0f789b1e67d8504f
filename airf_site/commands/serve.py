"""`airf serve` (`make serve`): live preview of the site on http://127.0.0.1:8000.

Builds the site, serves it, and rebuilds when content/, layouts/, newsletters/ or
annual_report/ change; errors show in the terminal and in the browser (see preview.py).
The preview keeps its caches (compiled templates, parsed front matter) across rebuilds in one
`BuildCaches` object handed to every build (airf_site/caches.py).
"""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import click

from airf_site.authoring.preview import Preview
from airf_site.caches import BuildCaches


@click.command(name="serve")
@click.option("--port", "-p", type=int, default=8000, show_default=True, help="port local")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="adresse d'écoute (gardez 127.0.0.1 : l'aperçu n'est visible que sur cet ordinateur)")
@click.option("--ouvrir", is_flag=True, help="ouvre le navigateur sur l'aperçu")
@click.pass_context
def command(ctx: click.Context, port: int, host: str, ouvrir: bool) -> None:
    """Aperçu en direct : sert le site et le reconstruit à chaque modification."""
    root = Path(ctx.find_root().obj or ".")
    try:
        preview = Preview(root, host=host, port=port, log=lambda text: click.echo(text, err=True),
                          caches=BuildCaches())
    except OSError as exc:
        click.echo(f"erreur : impossible d'écouter sur {host}:{port} ({exc.strerror}) ; "
                   f"essayez « airf serve --port {port + 1} »", err=True)
        sys.exit(1)
    click.echo("Construction du site…", err=True)
    preview.rebuild()
    preview.start_watching()
    click.echo(f"Aperçu : {preview.url}  (aperçus des lettres et du rapport : {preview.url}_apercu/)", err=True)
    click.echo("Surveille content/, layouts/, newsletters/, annual_report/. Ctrl+C pour arrêter.", err=True)
    if ouvrir:
        webbrowser.open(preview.url)
    try:
        preview.serve_forever()
    except KeyboardInterrupt:
        click.echo("\nAperçu arrêté.", err=True)
    finally:
        preview.stop()
