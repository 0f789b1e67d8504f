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
    # the PDFs a site-only build does not make are named as such, with the command that makes them
    pdfs = [d for d in diags if ".pdf" in d.message]
    assert pdfs and all("make all" in d.hint for d in pdfs)


def test_broken_links_are_reported_in_the_markdown_source(tmp_path):
    """A broken link written in an article is located at the article's own file and line."""
    from airf_site.content.loader import load_project
    from airf_site.site.links import document_sources

    root = copy_repo_sources(tmp_path)
    article = root / "content" / "actualites" / "2026-11-02-liens-casses.md"
    article.write_text("---\ntitre: Liens cassés\ndate: 2026-11-02\nresume: Un essai.\n---\n\n"
                       "Premier paragraphe.\n\nVoir [l'agenda](/agenda/evenement-disparu/) et\n"
                       "[la page](/a-propos/#section-absente).\n", encoding="utf-8")
    project = Project.load(root, now=FIXED_NOW)
    build(project, ["site"], log=lambda *a, **k: None)
    index, _diags = load_project(project)
    diags = check_links(root / "build" / "site", project.site_url, display_root=root,
                        sources=document_sources(root, index))
    mine = sorted((d.line, d.message) for d in diags if d.path == "content/actualites/2026-11-02-liens-casses.md")
    assert [line for line, _message in mine] == [9, 10], "\n".join(d.format() for d in diags)
    # the address as the editor wrote it, not as the page links it (../../agenda/…)
    assert mine[0][1] == "lien cassé : « /agenda/evenement-disparu/ » ne correspond à aucun fichier du site"
    assert "ancre introuvable : « #section-absente »" in mine[1][1] and "/a-propos/#section-absente" in mine[1][1]
    assert not [d for d in diags if "liens-casses/index.html" in d.path]
