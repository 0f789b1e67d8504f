"""The newsletter in Chromium, light and dark schemes: every text readable (WCAG ≥ 4.5:1).

Each visible element holding text is measured: its computed colour against its effective
background (the first ancestor, itself included, whose computed background is not
transparent). Dark mode is Chromium's emulated `prefers-color-scheme: dark`, which applies the
layout's dark style sheet over the inline colours as Apple Mail and Outlook do. The images of
the live site are served from the build, so the screenshots (NEWSLETTER_SCREENSHOTS) show them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXED_NOW, copy_repo_sources
from test_newsletter_support import check

from airf_site.newsletter import build as newsletter
from airf_site.newsletter.theme import ACCENTS, DARK, LIGHT
from airf_site.project import Project

pytestmark = pytest.mark.browser

ISSUES = ("2026-11", "2026-s2")  # the sample content: one letter of each audience
MEASURE = """() => {
  const rgba = (c) => { const v = c.match(/[\\d.]+/g).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    let bg = null;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) { bg = c; break; }
    }
    found.push({tag: el.tagName.toLowerCase(), text: el.textContent.trim().slice(0, 50),
                color: rgba(getComputedStyle(el).color), background: bg});
  }
  return found;
}"""


def _luminance(rgb) -> float:
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _hex(value: str) -> tuple[int, int, int]:
    return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))


def test_contrast_helper_matches_known_ratios():
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
    # The issue's report: agenda dates #102a43 on #14181d were 1.22:1.
    assert round(contrast(_hex("#102a43"), _hex("#14181d")), 2) == 1.22


def test_palettes_keep_4_5_to_1():
    for palette in (LIGHT, DARK):
        for name in ("text", "heading", "muted", "link", "alert"):
            for ground in ("background", "outer"):
                assert contrast(_hex(palette[name]), _hex(palette[ground])) >= 4.5, (name, ground)
    for accent in ACCENTS.values():
        assert contrast(_hex("#ffffff"), _hex(accent)) >= 4.5


@pytest.fixture(scope="module")
def built(tmp_path_factory, chromium_path):
    from airf_site.print.browser import launch

    root = copy_repo_sources(tmp_path_factory.mktemp("sombre"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = check(project)
    _config, issues, _ = newsletter.load(project, index)
    targets = {i.id: newsletter.build_issue(project, index, i) for i in issues if i.id in ISSUES}
    with launch() as browser:
        yield project, browser, targets


def _open(browser, project, target: Path, scheme: str, width: int, name: str = "brevo.html"):
    """The e-mail in Chromium; scheme « outlook »: light, with the markers Outlook.com's dark mode adds."""
    page = browser.new_page(viewport={"width": width, "height": 900},
                            color_scheme="light" if scheme == "outlook" else scheme)
    images = project.absolute_url(f"lettres/{target.name}/images/")

    def route(request_route, _request=None):
        url = request_route.request.url
        if url.startswith("file:"):
            return request_route.continue_()
        if url.startswith(images):  # the live site's copy is the build's
            return request_route.fulfill(path=str(target / "images" / url.removeprefix(images)))
        return request_route.abort()

    page.route("**/*", route)
    page.goto((target / name).as_uri())
    if scheme == "outlook":
        # Outlook.com marks what its dark mode recolours (data-ogsc: text, data-ogsb: backgrounds)
        # instead of honouring prefers-color-scheme; the layout's [data-ogs*] rules must then apply.
        page.evaluate("document.body.setAttribute('data-ogsc', ''); document.body.setAttribute('data-ogsb', '')")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark", "outlook"])
@pytest.mark.parametrize("issue_id,name", [(i, "brevo.html") for i in ISSUES] + [("2026-11", "web.html")])
def test_every_text_element_keeps_4_5_to_1(built, issue_id, name, scheme):
    project, browser, targets = built
    folder = os.environ.get("NEWSLETTER_SCREENSHOTS")
    for width in (600, 375):
        page = _open(browser, project, targets[issue_id], scheme, width, name)
        found = page.evaluate(MEASURE)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{folder}/{issue_id}-{name}-{scheme}-{width}.png", full_page=True)
        page.close()
        assert len(found) > 40  # every heading, date, summary, link and button is measured
        poor = [(e["tag"], e["text"], round(contrast(e["color"], e["background"]), 2))
                for e in found if contrast(e["color"], e["background"]) < 4.5]
        assert poor == [], f"{issue_id} {name} ({scheme}, {width} px) : contraste insuffisant {poor}"
        if scheme in ("dark", "outlook"):
            # The dark style sheet applied: the body text is light on a dark ground.
            body = next(e for e in found if e["text"].startswith("Bonjour"))
            assert _luminance(body["background"]) < 0.05 and _luminance(body["color"]) > 0.5


def test_deadlines_and_agenda_dates_are_recoloured_in_dark_mode(built):
    """The two failures of the issue: agenda dates (#102a43) and « Date limite » lines (#a61b1b)."""
    project, browser, targets = built
    page = _open(browser, project, targets["2026-11"], "dark", 600)
    colours = page.evaluate("""() => ({
      deadline: getComputedStyle([...document.querySelectorAll('strong')].find(s => s.textContent.startsWith('Date limite'))).color,
      agenda: getComputedStyle([...document.querySelectorAll('strong.titre')].find(s => /\\d{4}/.test(s.textContent))).color,
      button: getComputedStyle([...document.querySelectorAll('a')].find(a => a.textContent.startsWith('Consulter'))).color,
    })""")
    page.close()
    assert colours == {"deadline": "rgb(255, 155, 148)", "agenda": "rgb(245, 247, 250)", "button": "rgb(255, 255, 255)"}
