"""The newsletter in Chromium at 600 px (desktop mail) and 375 px (phone): no horizontal scroll.

Screenshots go to NEWSLETTER_SCREENSHOTS (a folder) when set, to look at them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_newsletter_support import check, small_project

from airf_site.newsletter import build as newsletter

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(tmp_path_factory, chromium_path):
    from airf_site.print.browser import launch

    builder = small_project(tmp_path_factory.mktemp("navigateur"))
    project = builder.project()
    index, _ = check(project)
    _config, issues, _ = newsletter.load(project, index)
    targets = {i.id: newsletter.build_issue(project, index, i) for i in issues if i.id in ("2026-11", "2026-s2")}
    with launch() as browser:
        yield browser, targets


@pytest.mark.parametrize("issue_id,name", [("2026-11", "brevo.html"), ("2026-11", "web.html"), ("2026-s2", "web.html")])
@pytest.mark.parametrize("width", [375, 600])
def test_no_horizontal_scroll(pages, issue_id, name, width):
    browser, targets = pages
    page = browser.new_page(viewport={"width": width, "height": 900})
    remote: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file:"):
            return request_route.continue_()
        remote.append(url)
        return request_route.abort()

    page.route("**/*", route)
    page.goto((targets[issue_id] / name).as_uri())
    scroll = page.evaluate("document.documentElement.scrollWidth")
    body_text = page.inner_text("body")
    images = page.evaluate("[...document.images].map(i => [i.getAttribute('alt'), i.naturalWidth])")
    folder = os.environ.get("NEWSLETTER_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{issue_id}-{name}-{width}.png", full_page=True)
    page.close()
    assert scroll <= width, f"défilement horizontal : {scroll} px pour {width} px"
    assert "Bonjour" in body_text and "AIRF" in body_text
    assert all(alt for alt, _w in images)
    if name == "web.html":
        # The archive page loads nothing from elsewhere and its images are found.
        assert remote == [] and all(w > 0 for _alt, w in images)
    else:
        assert all(url.startswith("https://www.regions-francophones.org/lettres/") for url in remote)
