"""Build the website: MkDocs (with the airf plugin) into a temp folder, swapped in at the end.

`build_site(project, index, pages)` reuses the validated index and the pages offered by the
newsletter and report outputs (typed `SitePage`s), copies the PDFs built before it
(fact sheets, annual report) and replaces `build/site/` only when everything succeeded.
"""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import jinja2

from airf_site.content.index import ContentIndex
from airf_site.errors import BuildError
from airf_site.project import Project
from airf_site.site.model import site_documents
from airf_site.site.prerender import TemplateFailure, template_location
from airf_site.site.redirects import write_redirects
from airf_site.site.thumbnails import plan_thumbnails, write_thumbnails
from airf_site.sitepage import SitePage, group_pages
from airf_site.write import atomic_dir


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


def run_mkdocs(project: Project, index: ContentIndex, site_dir: Path, pages: list[SitePage]) -> None:
    """Run `mkdocs build --strict` through its Python API into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from airf_site.site.mkdocs_plugin import AirfPlugin

    config_file = project.root / "mkdocs.yml"
    if not config_file.exists():
        raise BuildError("mkdocs.yml est introuvable à la racine du projet")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        plugin = config.plugins.get("airf")
        if not isinstance(plugin, AirfPlugin):
            raise BuildError("mkdocs.yml : le greffon « airf » manque dans « plugins: » ; "
                             "ajoutez la ligne « - airf » (voir docs/site.md)")
        refuse_unsupported_plugins(config, config_file.read_text(encoding="utf-8"))
        # The one seam: the plugin receives the validated model, never loads it again.
        plugin.preload(project, index, group_pages(pages))
        build(config)
    except (Abort, ConfigurationError, PluginError) as exc:
        raise BuildError(f"la construction du site a échoué : {exc}. Le site précédent est conservé.") from None
    except TemplateFailure as exc:  # an article's template, serial or in a worker (site/prerender.py)
        raise BuildError(f"{exc}. Le site précédent est conservé.") from None
    except jinja2.TemplateError as exc:
        # A typo in layouts/ (StrictUndefined) must stop the build with its location, not a traceback.
        failure = TemplateFailure(template_location(exc, project.root), exc.message or str(exc))
        raise BuildError(f"{failure}. Le site précédent est conservé.") from None


def refuse_unsupported_plugins(config: object, text: str) -> None:
    """Stop the build, naming every plugin of mkdocs.yml the toolkit does not support, with its line.

    Most pages never pass through MkDocs' page events (docs/site.md): a plugin working on those
    events would silently see ~20 pages out of thousands, so it is refused rather than half-run.
    """
    from airf_site.site.mkdocs_plugin import SUPPORTED_PLUGINS, unsupported_plugins

    names = unsupported_plugins(config)
    if not names:
        return
    supported = " et ".join(f"« {name} »" for name in SUPPORTED_PLUGINS.values())
    problems = [f"mkdocs.yml:{line}: greffon MkDocs non pris en charge « {written} »"
                for line, written in (_written(text, name) for name in names)]
    raise BuildError("\n".join(problems) + f"\n    conseil : le site ne prend en charge que {supported} ; "
                     "retirez les autres de « plugins: » (voir docs/site.md)")


def _written(text: str, plugin: str) -> tuple[int, str]:
    """(line, name as written) of `- plugin` in mkdocs.yml; Material's plugins load as
    "material/<name>" but are usually written "<name>". (1, plugin) when not found."""
    for name in (plugin, plugin.split("/")[-1]):
        pattern = re.compile(rf"^\s*-\s*['\"]?{re.escape(name)}['\"]?\s*(:|$)")
        for number, line in enumerate(text.splitlines(), 1):
            if pattern.match(line):
                return number, name
    return 1, plugin


def build_site(project: Project, index: ContentIndex, pages: list[SitePage] | None = None) -> Path:
    """Build the site into build/site/ atomically; returns the folder.

    `pages` are the pages other outputs publish on the site (newsletter archive, report),
    already rendered; the orchestration (`airf_site.build`) collects them.
    """
    target = project.build_dir / "site"
    with atomic_dir(target) as tmp:
        run_mkdocs(project, index, tmp, pages or [])
        write_redirects(tmp, project, index)
        copy_pdfs(project, tmp)
        # The same plan the pages were rendered with (pure): cards and files always agree.
        plan = plan_thumbnails(site_documents(index), project.content_dir)
        write_thumbnails(plan, project.content_dir, tmp, project.build_dir / ".cache" / "vignettes")
    return target
