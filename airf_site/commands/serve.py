"""`airf serve` (`make serve`): live preview of the site on http://127.0.0.1:8000.

Builds the site, serves it, and rebuilds when content/, layouts/, newsletters/ or
annual_report/ change; errors show in the terminal and in the browser (see preview.py).
"""

from __future__ import annotations

import sys
import webbrowser
from pathlib import Path

import click

from airf_site.authoring.preview import Preview

# Caches for the long-lived preview process (never used by one-shot builds).
_CACHES_ON = False


def enable_build_caches() -> None:
    """Speed up repeated builds in this process; outputs are unchanged.

    - Jinja: MkDocs and our templating create a fresh Environment per build and recompile
      every template (~30 % of a rebuild). An in-memory bytecode cache keyed by template and
      checked against the source's checksum (Jinja's own mechanism) skips that, and an edited
      layout is recompiled since its checksum changes.
    - Front matter: each build parses every file's YAML (pure-Python PyYAML), sometimes twice
      (validation, then the MkDocs plugin). Results are memoised on the file's exact bytes and
      deep-copied on return, so a changed file is always re-parsed.
    """
    global _CACHES_ON
    if _CACHES_ON:
        return
    _CACHES_ON = True
    import copy

    import jinja2

    from airf_site.content import frontmatter

    class MemoryBytecodeCache(jinja2.BytecodeCache):
        def __init__(self) -> None:
            self.store: dict[str, bytes] = {}

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            data = self.store.get(bucket.key)
            if data is not None:
                bucket.bytecode_from_string(data)

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            self.store[bucket.key] = bucket.bytecode_to_string()

    shared = MemoryBytecodeCache()
    original_init = jinja2.Environment.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if self.bytecode_cache is None:
            self.bytecode_cache = shared

    jinja2.Environment.__init__ = init

    parse = frontmatter.parse_document
    memo: dict[tuple[bytes, str], object] = {}

    def parse_document(raw: bytes, path: str):
        key = (raw, path)
        if key not in memo:
            if len(memo) > 5000:
                memo.clear()
            memo[key] = parse(raw, path)
        return copy.deepcopy(memo[key])

    # Modules that imported the function by name keep their own reference: patch them too.
    for module in list(sys.modules.values()):
        if getattr(module, "parse_document", None) is parse:
            module.parse_document = parse_document


@click.command(name="serve")
@click.option("--port", "-p", type=int, default=8000, show_default=True, help="port local")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="adresse d'écoute (gardez 127.0.0.1 : l'aperçu n'est visible que sur cet ordinateur)")
@click.option("--ouvrir", is_flag=True, help="ouvre le navigateur sur l'aperçu")
@click.pass_context
def command(ctx: click.Context, port: int, host: str, ouvrir: bool) -> None:
    """Aperçu en direct : sert le site et le reconstruit à chaque modification."""
    root = Path(ctx.find_root().obj or ".")
    enable_build_caches()
    try:
        preview = Preview(root, host=host, port=port, log=lambda text: click.echo(text, err=True))
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
