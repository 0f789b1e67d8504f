"""The pages `airf serve` shows of its own: the error page that replaces the site while the
content has errors, the warnings banner, the live-reload script, and `/_apercu/` (the
newsletter and report outputs found in build/). Pure rendering, no IO but listing build/.
"""

from __future__ import annotations

import html
from pathlib import Path

from airf_site.errors import Diagnostic, summarize

PREVIEW_DIRS = ("newsletters", "report", "fiches")  # build/<dir> shown under /_apercu/

RELOAD_SCRIPT = """<script>/* airf serve : rechargement automatique */
(function(){var v=%d;setInterval(function(){fetch("/_airf/version",{cache:"no-store"})
.then(function(r){return r.json()}).then(function(d){if(d.version!==v){location.reload()}})
.catch(function(){})},700)})();</script>"""


def render_error_page(errors: list[Diagnostic], crash: str | None, version: int) -> str:
    """The page shown instead of the site while the content has errors (pure)."""
    items = "\n".join(
        "<li><code>{}</code> : {}{}</li>".format(
            html.escape(f"{d.path}:{d.line}"), html.escape(d.message),
            f"<br><span class=conseil>conseil : {html.escape(d.hint)}</span>" if d.hint else "")
        for d in errors)
    title = summarize(errors) if errors else "La construction du site a échoué."
    body = f"<ol>{items}</ol>" if errors else f"<pre>{html.escape(crash or '')}</pre>"
    advice = ("Corrigez ces lignes puis enregistrez le fichier : la page se rechargera toute seule."
              if errors else "Ce n'est pas une erreur de contenu : signalez ce message à l'équipe technique.")
    return f"""<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Erreurs dans le contenu — aperçu AIRF</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}}
h1{{color:#b00020}}li{{margin:.6rem 0}}code{{background:#f3f3f3;padding:.1rem .3rem}}
.conseil{{color:#555}}</style></head>
<body><h1>Le site n'a pas pu être mis à jour</h1>
<p><strong>{html.escape(title)}</strong></p>
{body}
<p>{html.escape(advice)}</p>
{RELOAD_SCRIPT % version}
</body></html>
"""


def render_warning_banner(warnings: list[Diagnostic]) -> str:
    """A folded box at the bottom of preview pages listing the warnings (pure; '' if none)."""
    if not warnings:
        return ""
    items = "".join(f"<li><code>{html.escape(f'{d.path}:{d.line}')}</code> : {html.escape(d.message)}</li>"
                    for d in warnings[:20])
    more = f"<li>… et {len(warnings) - 20} autres (voir le terminal)</li>" if len(warnings) > 20 else ""
    return ('<details id="airf-avertissements" style="position:fixed;bottom:0;left:0;right:0;z-index:9999;'
            'max-height:40vh;overflow:auto;background:#fff8e1;border-top:3px solid #f0a500;'
            'font:14px/1.4 system-ui,sans-serif;color:#222;padding:.4rem 1rem">'
            f"<summary>Aperçu : {len(warnings)} avertissement{'s' if len(warnings) > 1 else ''} "
            f"(non bloquant{'s' if len(warnings) > 1 else ''}, à corriger avant publication)</summary>"
            f"<ul>{items}{more}</ul></details>")


def inject_reload(page: bytes, version: int, warnings: list[Diagnostic] | None = None) -> bytes:
    """Add the live-reload script (and the warnings box) before ``</body>`` (or at the end)."""
    script = (render_warning_banner(warnings or []) + RELOAD_SCRIPT % version).encode()
    marker = page.rfind(b"</body>")
    if marker == -1:
        return page + script
    return page[:marker] + script + page[marker:]


def current_issue_ids(newsletters_dir: Path) -> set[str]:
    """Ids of the issues that exist (newsletters/*.md, « _ » files excepted)."""
    if not newsletters_dir.is_dir():
        return set()
    return {p.stem for p in newsletters_dir.glob("*.md") if not p.name.startswith("_")}


def _preview_files(build_dir: Path, name: str, issues: set[str] | None) -> list[Path]:
    folder = build_dir / name
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".pdf", ".txt"))
    if name == "newsletters" and issues is not None:
        # Only the issues that still exist: a renamed issue's old e-mail must not be picked.
        files = [p for p in files if p.relative_to(folder).parts[0] in issues]
    return files


def _selection_notes(build_dir: Path, files: list[Path]) -> str:
    """What « auto » left out of each issue (build/newsletters/<id>/selection.txt), shown as is."""
    notes = [p for p in files if p.name == "selection.txt"]
    return "".join(f"<pre style=\"white-space:pre-wrap\">{html.escape(p.read_text(encoding='utf-8'))}</pre>"
                   for p in notes)


def render_preview_index(build_dir: Path, issues: set[str] | None = None) -> str:
    """/_apercu/: links to the newsletter and report outputs present in build/.

    `issues`: ids of the existing newsletter issues; outputs of other (removed, renamed) issues
    are not listed.
    """
    sections = []
    labels = {"newsletters": "Lettres d'information", "report": "Rapport annuel", "fiches": "Fiches techniques"}
    for name in PREVIEW_DIRS:
        folder = build_dir / name
        files = _preview_files(build_dir, name, issues)
        if files:
            links = "".join(f'<li><a href="/_apercu/{html.escape(p.relative_to(build_dir).as_posix())}">'
                            f"{html.escape(p.relative_to(folder).as_posix())}</a></li>" for p in files)
        else:
            command = {"newsletters": "make newsletter", "report": "make report", "fiches": "make fiches"}[name]
            links = f"<li>rien pour l'instant : lancez « {command} »</li>"
        notes = _selection_notes(build_dir, files) if name == "newsletters" else ""
        sections.append(f"<h2>{labels[name]}</h2><ul>{links}</ul>{notes}")
    site = build_dir / "site"
    web = [(f"/{name}/", label) for name, label in (("lettres", "Lettres d'information (versions web, sur le site)"),
                                                     ("rapport", "Rapport annuel (version web, sur le site)"))
           if (site / name / "index.html").is_file()]
    online = "".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for href, label in web)
    return ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Aperçus — AIRF</title></head>"
            "<body style=\"font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto\">"
            "<h1>Aperçus</h1><p><a href=\"/\">← retour au site</a></p>"
            + (f"<h2>Sur le site</h2><ul>{online}</ul>" if online else "")
            + "<p>Les e-mails des lettres (<code>brevo.html</code>) se reconstruisent dès qu'un fichier de "
              "<code>newsletters/</code> est enregistré.</p>" + "".join(sections) + "</body></html>")


EMAIL_PREVIEW_NOTE = (
    '<div style="font:14px/1.4 system-ui,sans-serif;background:#fff3c4;color:#3d2c00;padding:8px 12px;'
    'border-bottom:1px solid #c9a400">Aperçu local : les images sont lues dans build/. Dans l\'e-mail envoyé, '
    'elles viennent de {site} : elles n\'apparaîtront chez les destinataires qu\'une fois le site publié.</div>')


def localize_email_images(page: str, site_url: str, issue_id: str) -> str:
    """The e-mail as the preview shows it: its images read from the local build, with a note.

    The e-mail points at the live site (lettres/<id>/images/…), where the images appear only
    once the site is published; the preview serves the copies of build/newsletters/<id>/images/.
    """
    prefix = site_url.rstrip("/") + f"/lettres/{issue_id}/images/"
    page = page.replace(f'src="{prefix}', f'src="/_apercu/newsletters/{issue_id}/images/')
    note = EMAIL_PREVIEW_NOTE.format(site=html.escape(site_url))
    start = page.find("<body")
    end = page.find(">", start) + 1 if start != -1 else 0
    return page[:end] + note + page[end:]
