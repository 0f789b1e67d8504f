"""Event times with their time zone spelled out, the same words on the site and in every version
of the newsletter (issue #12: webinars said "14 h 00 – 16 h 00" with no zone)."""

from __future__ import annotations

import re

import pytest
from conftest import FIXED_NOW, copy_repo_sources
from test_newsletter_support import Tree, check

from airf_site.newsletter import build as newsletter
from airf_site.project import Project
from airf_site.templating import period_fr

# A clock time ("14 h 00") in reader text; every one must belong to a period with its zone.
CLOCK = re.compile(r"\d{1,2}\sh\s\d{2}")
PERIOD_WITH_ZONE = re.compile(r"\d{1,2}\sh\s\d{2}\s–\s\d{1,2}\sh\s\d{2},\sheure\sd(?:e\s|’)\w")


def words(text: str) -> str:
    """Whitespace of any kind (no-break spaces, the text version's line wraps) as one space."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def issues(tmp_path_factory):
    root = copy_repo_sources(tmp_path_factory.mktemp("heures"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = check(project)
    _config, all_issues, _ = newsletter.load(project, index)
    built = {}
    for issue in all_issues:
        target = newsletter.build_issue(project, index, issue)
        built[issue.id] = {
            "brevo.html": words(Tree((target / "brevo.html").read_text(encoding="utf-8")).text),
            "web.html": words(Tree((target / "web.html").read_text(encoding="utf-8")).text),
            "email.txt": words((target / "email.txt").read_text(encoding="utf-8")),
        }
    return index, built


def test_every_listed_event_says_when_with_its_zone_in_every_version(issues):
    index, built = issues
    seen = 0
    for issue_id, versions in built.items():
        for event in index.events:
            period = words(period_fr(event.debut, event.fin))
            present = [name for name, text in versions.items() if words(event.titre.replace("'", "’")) in text]
            for name in present:
                assert period in versions[name], (issue_id, name, event.url, period)
                seen += 1
    assert seen >= 9  # three versions of at least three events (webinar, Bureau, General Assembly)


def test_no_clock_time_without_its_zone_in_the_newsletters(issues):
    _index, built = issues
    clocks = 0
    for issue_id, versions in built.items():
        for name, text in versions.items():
            found = CLOCK.findall(text)
            clocks += len(found)
            # each clock time is the start or the end of a period followed by its zone
            assert len(found) == 2 * len(PERIOD_WITH_ZONE.findall(text)), (issue_id, name)
    assert clocks >= 6


def test_webinar_period_in_the_sample_letter(issues):
    _index, built = issues
    for text in built["2026-11"].values():
        assert "19 janvier 2027, 14 h 00 – 16 h 00, heure de Paris" in text
        assert "16 – 17 juin 2027" in text and "9 h 00 (heure de Tunis)" not in text
