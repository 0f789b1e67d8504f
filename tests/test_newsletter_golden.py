"""Golden files: the sample issue 2026-11 built from the repository's sample content.

After an intended change (layout, sample content), regenerate with:
    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_newsletter_golden.py
and review the diff of tests/golden/newsletter/ before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXED_NOW, copy_repo_sources
from test_newsletter_support import Tree, check
from typography_checks import faults, html_faults

from airf_site.mail.checks import check_email
from airf_site.newsletter import build as newsletter
from airf_site.project import Project

GOLDEN = Path(__file__).parent / "golden" / "newsletter"
ISSUE = "2026-11"


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    root = copy_repo_sources(tmp_path_factory.mktemp("echantillon"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = check(project)
    _config, issues, _ = newsletter.load(project, index)
    target = newsletter.build_issue(project, index, newsletter.find_issue(issues, ISSUE))
    return project, index, issues, target


@pytest.mark.parametrize("name", ["brevo.html", "email.txt"])
def test_matches_golden(sample_build, name):
    _project, _index, _issues, target = sample_build
    produced = (target / name).read_text(encoding="utf-8")
    golden = GOLDEN / f"{ISSUE}.{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8", newline="\n")
    assert golden.is_file(), f"{golden} manquant : lancez UPDATE_GOLDEN=1 pytest {__file__}"
    assert produced == golden.read_text(encoding="utf-8"), (
        f"{name} a changé : si c'est voulu, UPDATE_GOLDEN=1 pytest {__file__} puis relisez le diff")


def test_sample_issues_pass_every_check(sample_build):
    project, index, issues, _target = sample_build
    assert {i.id for i in issues} >= {"2026-10", "2026-11", "2026-s2"}
    assert {i.audience for i in issues} == {"membres", "partenaires"}
    for issue in issues:
        rendered = newsletter.render_issue(project, index, issue)
        assert newsletter.check_rendered(project, rendered) == [], issue.id
        assert len(rendered.brevo_html.encode()) < 102 * 1024
        for image in rendered.images.values():
            assert image.path.stat().st_size <= 200 * 1024


def test_sample_issue_content(sample_build):
    project, _index, _issues, target = sample_build
    tree = Tree((target / "brevo.html").read_text(encoding="utf-8"))
    for heading in ("Actualités", "Appels à projets", "Agenda", "Fiches techniques"):
        assert heading in tree.text
    assert check_email((target / "brevo.html").read_text(encoding="utf-8"), "brevo.html") == []


def test_site_publishes_archive_and_images_where_the_email_points(sample_build):
    """End to end with the site builder: /lettres/<id>/ and its images at the e-mail's addresses."""
    from airf_site.build import site_pages
    from airf_site.site.build import build_site

    project, index, issues, target = sample_build
    site = build_site(project, index, site_pages(project, index))
    html = (target / "brevo.html").read_text(encoding="utf-8")
    for img in Tree(html).find("img"):
        path = img["src"].removeprefix(project.site_url)
        assert (site / path).is_file(), f"{path} absent du site"
    page = (site / "lettres" / ISSUE / "index.html").read_text(encoding="utf-8")
    assert page == (target / "web.html").read_text(encoding="utf-8")
    listing = (site / "lettres" / "index.html").read_text(encoding="utf-8")
    assert all(f"{i.id}/" in listing for i in issues if not i.meta.brouillon)


def test_reader_text_in_french_typography(sample_build):
    """The 2026-11 issue (25 straight apostrophes in the HTML, 22 in the text version before):
    HTML for Brevo, web version and text version are typeset; Brevo tags keep their quotes."""
    _project, _index, _issues, target = sample_build
    assert html_faults([target / "brevo.html", target / "web.html"]) == []
    text = (target / "email.txt").read_text(encoding="utf-8")
    assert faults(text) == []
    assert "{{ contact.PRENOM|default:'" in text
