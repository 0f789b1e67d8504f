"""Build the website: MkDocs (with the airf plugin) into a temp folder, swapped in at the end.

`build_site(project, index)` reuses the validated index, collects pages offered by the
newsletter and report outputs (`web_pages(project, index)`), copies the PDFs built before it
(fact sheets, annual report) and replaces `build/site/` only when everything succeeded.
"""

from __future__ import annotations

import logging
import shutil
import traceback
from pathlib import Path

import jinja2

from ..build import optional_module
from ..content.index import ContentIndex
from ..errors import BuildError
from ..project import Project
from .write import atomic_dir

# Outputs that may publish pages on the site: name of the listing → module.
EXTRA_SOURCES = {"lettres": "airf_site.outputs.newsletter", "rapport": "airf_site.outputs.report"}


def collect_extra_pages(project: Project, index: ContentIndex) -> dict[str, list[dict]]:
    """Pages offered by other outputs through `web_pages(project, index)`, when they exist."""
    extra: dict[str, list[dict]] = {}
    for name, module_name in EXTRA_SOURCES.items():
        func = getattr(optional_module(module_name), "web_pages", None)
        if func is not None:
            extra[name] = list(func(project, index))
    return extra


def copy_pdfs(project: Project, site_dir: Path) -> None:
    """build/fiches/<slug>.pdf → site/fiches/<slug>/<slug>.pdf; build/report/*.pdf → site/rapport/."""
    fiches = project.build_dir / "fiches"
    for pdf in sorted(fiches.glob("*.pdf")) if fiches.is_dir() else []:
        target = site_dir / "fiches" / pdf.stem / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    report = project.build_dir / "report"
    for pdf in sorted(report.glob("*.pdf")) if report.is_dir() else []:
        target = site_dir / "rapport" / pdf.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)


def run_mkdocs(project: Project, index: ContentIndex, site_dir: Path, extra: dict[str, list[dict]]) -> None:
    """Run `mkdocs build --strict` through its Python API into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from ..mkdocs_plugin import preloaded

    config_file = project.root / "mkdocs.yml"
    if not config_file.exists():
        raise BuildError("mkdocs.yml est introuvable à la racine du projet")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        with preloaded(project, index, extra):
            config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
            build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        raise BuildError(f"la construction du site a échoué : {exc}. Le site précédent est conservé.") from None
    except jinja2.TemplateError as exc:
        # A typo in layouts/ (StrictUndefined) must stop the build with its location, not a traceback.
        raise BuildError(f"{template_location(exc, project)}erreur de gabarit : {exc.message}. "
                         "Le site précédent est conservé.") from None


def template_location(exc: BaseException, project: Project) -> str:
    """'layouts/web/airf/article.html:12: ' for the innermost template frame of `exc`, if any."""
    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):
        path, line = Path(exc.filename), exc.lineno
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
        if not frames:
            return ""
        path, line = Path(frames[-1].filename), frames[-1].lineno
    try:
        path = path.resolve().relative_to(project.root)
    except ValueError:
        pass
    return f"{path}:{line}: "


def build_site(project: Project, index: ContentIndex) -> Path:
    """Build the site into build/site/ atomically; returns the folder."""
    extra = collect_extra_pages(project, index)
    target = project.build_dir / "site"
    with atomic_dir(target) as tmp:
        run_mkdocs(project, index, tmp, extra)
        copy_pdfs(project, tmp)
    return target
