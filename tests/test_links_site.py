"""Link check on the real sample site (site only, no PDF): every page, anchor and image link
resolves; only the PDFs produced by the other builders (report, fact sheets) may be missing."""

from __future__ import annotations

from conftest import FIXED_NOW, copy_repo_sources

from airf_site.build import build
from airf_site.project import Project
from airf_site.site.links import check_links


def test_sample_site_has_no_broken_link(tmp_path):
    root = copy_repo_sources(tmp_path)
    project = Project.load(root, now=FIXED_NOW)
    build(project, ["site"], log=lambda *a, **k: None)
    site = root / "build" / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    diags = check_links(site, project.site_url, display_root=root)
    errors = [d for d in diags if d.is_error and ".pdf" not in d.message]
    assert errors == [], "\n".join(d.format() for d in errors)
