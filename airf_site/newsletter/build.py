"""Newsletter output: build issues into build/newsletters/<id>/ and give the site its archive.

- `check_sources(project, index)`: diagnostics of newsletters/ (run by `airf check` and builds);
- `build_issue` / `build_newsletters`: brevo.html, email.txt, web.html, selection.txt (what
  « auto » left out, and why) and images/ per issue, written atomically after the e-mail checks
  passed on the generated HTML; `prune_outputs` removes the folders of issues that no longer
  exist (a renamed file must not leave an old e-mail that could be sent by mistake);
- `web_pages(project, index)`: the archive pages /lettres/<id>/ for the site (newest first),
  with the resized images the site must publish under lettres/<id>/images/.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from airf_site.content.index import ContentIndex
from airf_site.errors import BuildError, ContentError, Diagnostic
from airf_site.mail.checks import check_email
from airf_site.newsletter.model import Config, Issue, issue_files, load_config, load_issues
from airf_site.newsletter.render import EmailImage, RenderContext, prepare_images, render_email, render_text
from airf_site.project import Project
from airf_site.sitepage import SitePage
from airf_site.write import atomic_dir, write_text

# Per project root: the index the results were computed from (compared by identity, so a
# rebuild in `airf serve` with a new index never reuses stale results) and the results.
_LOADED: dict[str, tuple[ContentIndex, tuple[Config, list[Issue], list[Diagnostic]]]] = {}
_RENDERED: dict[tuple[str, str], tuple[ContentIndex, RenderedIssue]] = {}


@dataclass
class RenderedIssue:
    """The three renderings of one issue plus its images."""

    issue: Issue
    brevo_html: str
    text: str
    web_html: str
    images: dict[str, EmailImage]
    config: Config


def load(project: Project, index: ContentIndex) -> tuple[Config, list[Issue], list[Diagnostic]]:
    """Config, issues (sorted by date) and diagnostics, computed once per (project, index)."""
    key = str(project.root)
    cached = _LOADED.get(key)
    if cached is None or cached[0] is not index:
        config, diags = load_config(project)
        if not issue_files(project):
            diags = []  # a project without newsletters needs no Brevo settings
        issues, more = load_issues(project, index, config)
        _LOADED[key] = (index, (config, issues, sorted(set(diags + more))))
        for stale in [k for k, (idx, _r) in _RENDERED.items() if k[0] == key and idx is not index]:
            del _RENDERED[stale]
    return _LOADED[key][1]


def check_sources(project: Project, index: ContentIndex) -> list[Diagnostic]:
    """Every problem in newsletters/ (issues and config.yml)."""
    return list(load(project, index)[2])


def _raise_on_errors(diags: list[Diagnostic]) -> None:
    if any(d.is_error for d in diags):
        raise ContentError(diags)


def find_issue(issues: list[Issue], issue_id: str | None) -> Issue:
    """The issue named `issue_id`, or the latest one (by date) when None."""
    if not issues:
        raise BuildError("aucune lettre dans newsletters/ : créez par exemple newsletters/2026-12.md "
                         "(voir docs/newsletter.md)")
    if issue_id is None:
        return issues[-1]
    issue_id = issue_id.removesuffix(".md").split("/")[-1]
    for issue in issues:
        if issue.id == issue_id:
            return issue
    from airf_site.errors import did_you_mean

    hint = did_you_mean(issue_id, [i.id for i in issues]) or ""
    raise BuildError(f"lettre « {issue_id} » introuvable dans newsletters/. {hint} "
                     f"Lettres disponibles : {', '.join(i.id for i in issues)}".replace("  ", " "))


def render_issue(project: Project, index: ContentIndex, issue: Issue) -> RenderedIssue:
    """Render the issue in its three forms (cached: the site reuses the build's rendering)."""
    key = (str(project.root), issue.id)
    cached = _RENDERED.get(key)
    if cached is None or cached[0] is not index or cached[1].issue is not issue:
        config = load(project, index)[0]
        ctx = RenderContext(project, index, config, issue, prepare_images(project, issue))
        rendered = RenderedIssue(issue, render_email(ctx, brevo=True), render_text(ctx, brevo=True),
                                 render_email(ctx, brevo=False), ctx.images, config)
        _RENDERED[key] = (index, rendered)
    return _RENDERED[key][1]


def check_rendered(project: Project, rendered: RenderedIssue) -> list[Diagnostic]:
    """E-mail checks on the Brevo HTML and the web version; errors name the issue's file."""
    issue = rendered.issue
    files = {project.absolute_url(img.site_path(issue.id)): img.path for img in rendered.images.values()}
    where = f"{issue.source} → brevo.html"
    config = rendered.config
    required = tuple(t for t in ("unsubscribe", "mirror", "update_profile") if t != "mirror" or config.miroir)
    diags = check_email(rendered.brevo_html, where, brevo=True, image_files=files, brevo_links=required)
    web = check_email(rendered.web_html, f"{issue.source} → web.html", brevo=False)
    # The web page uses links relative to /lettres/<id>/ and local images on purpose.
    diags += [d for d in web if "relatif" not in d.message and "adresse d'image" not in d.message]
    return sorted(diags)


def build_issue(project: Project, index: ContentIndex, issue: Issue, log=None) -> Path:
    """Write build/newsletters/<id>/ (brevo.html, email.txt, web.html, images/) once checks pass."""
    rendered = render_issue(project, index, issue)
    diags = check_rendered(project, rendered)
    _raise_on_errors(diags)
    for diag in diags:
        (log or _stderr)(diag.format())
    target = project.build_dir / "newsletters" / issue.id
    with atomic_dir(target) as tmp:
        write_text(tmp / "selection.txt", render_selection_note(issue))
        write_text(tmp / "brevo.html", rendered.brevo_html)
        write_text(tmp / "email.txt", rendered.text)
        write_text(tmp / "web.html", rendered.web_html)
        for image in sorted(rendered.images.values(), key=lambda i: i.name):
            (tmp / "images").mkdir(exist_ok=True)
            shutil.copyfile(image.path, tmp / "images" / image.name)
    return target


def render_selection_note(issue: Issue) -> str:
    """selection.txt: what the « auto » selections left out, and why (French, one line each)."""
    head = f"Lettre {issue.id} ({issue.source}) : éléments laissés de côté par « auto »"
    if not issue.excluded:
        return f"{head} : aucun.\n"
    return head + " :\n" + "".join(f"- {e.format()}\n" for e in issue.excluded)


def prune_outputs(project: Project, issues: list[Issue]) -> list[str]:
    """Remove build/newsletters/<id>/ of issues that no longer exist; return the removed ids."""
    folder = project.build_dir / "newsletters"
    current = {issue.id for issue in issues}
    removed = []
    if folder.is_dir():
        for child in sorted(folder.iterdir()):
            # Dot-folders are atomic_dir's temporary folders: never ours to judge.
            if child.is_dir() and not child.name.startswith(".") and child.name not in current:
                shutil.rmtree(child)
                removed.append(child.name)
    return removed


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def build_newsletters(project: Project, index: ContentIndex) -> list[Path]:
    """Build every issue (`airf build --all` / `--newsletters`)."""
    config, issues, diags = load(project, index)
    _raise_on_errors(diags)
    built = [build_issue(project, index, issue) for issue in issues]
    prune_outputs(project, issues)
    return built


def web_pages(project: Project, index: ContentIndex) -> list[SitePage]:
    """Archive pages for the site, newest first; drafts are left out.

    Each page is standalone (the complete web version, published as it is at <url>index.html)
    and carries the resized images, which the site writes beside the page, i.e. at
    lettres/<id>/images/<name> where the e-mail expects them.
    """
    _config, issues, diags = load(project, index)
    _raise_on_errors(diags)
    pages = []
    for issue in sorted(issues, key=lambda i: (i.meta.date, i.id), reverse=True):
        if issue.meta.brouillon:
            continue
        rendered = render_issue(project, index, issue)
        pages.append(SitePage(
            section="lettres", url=issue.url, title=issue.title, date=issue.meta.date,
            summary=issue.meta.apercu, audience=issue.audience, html=rendered.web_html, standalone=True,
            # Written beside the page by the site (docs/site.md): lettres/<id>/images/<name>,
            # the addresses the e-mail's images point at.
            files={f"images/{img.name}": img.path
                   for img in sorted(rendered.images.values(), key=lambda i: i.name)},
        ))
    return pages
