"""Build orchestration: validate everything, then run each output builder.

The layer above the outputs (with the CLI and the preview): it knows every output, collects
the pages other outputs publish on the website (`SitePage`) and hands them to the site, so
outputs never import each other.
"""

from __future__ import annotations

from collections.abc import Callable

from airf_site.content.index import ContentIndex
from airf_site.content.loader import load_project
from airf_site.content.placeholders import check_placeholders
from airf_site.errors import ContentError, Diagnostic
from airf_site.newsletter import build as newsletter
from airf_site.paths import scan_links
from airf_site.project import Project
from airf_site.report import build as report
from airf_site.report.factsheets import build_factsheets
from airf_site.site.build import build_site
from airf_site.sitepage import SitePage

# Output names in build order: the site copies the PDFs built before it.
TARGETS = ("fiches", "newsletters", "report", "site")


def check_project(project: Project, strict: bool = False,
                  placeholders: bool = True) -> tuple[ContentIndex, list[Diagnostic]]:
    """Load everything; raise ContentError if there are errors (or warnings under `strict`).

    `placeholders=False` leaves « À compléter » markers out (the live preview shows them as
    warnings so a half-filled page can still be previewed).
    """
    index, diags = load_project(project)
    # Outputs with their own sources (newsletters/, annual_report/) add their own checks.
    extra = newsletter.check_sources(project, index) + report.check_sources(project, index)
    # Symbolic links in the other source folders are refused like those of content/.
    extra += scan_links(project.newsletters_dir, project.root) + scan_links(project.report_dir, project.root)
    # A scaffolded file still holding « À compléter » must not be published.
    if placeholders:
        extra += check_placeholders(project)
    diags = sorted(set(diags + extra))
    if any(d.is_error for d in diags) or (strict and diags):
        raise ContentError(diags)
    return index, diags


def site_pages(project: Project, index: ContentIndex) -> list[SitePage]:
    """Pages the newsletter archive and the annual report publish on the website."""
    return newsletter.web_pages(project, index) + report.web_pages(project, index)


def build(project: Project, targets: list[str], strict: bool = False,
          log: Callable[[str], None] = print, placeholders: bool = True) -> list[Diagnostic]:
    """Validate, then build `targets` in order. Returns the warnings."""
    index, diags = check_project(project, strict=strict, placeholders=placeholders)
    if "fiches" in targets:
        build_factsheets(project, index)
    if "newsletters" in targets:
        newsletter.build_newsletters(project, index)
    if "report" in targets:
        report.build_report(project, index)
    if "site" in targets:
        build_site(project, index, site_pages(project, index))
    return diags
