"""Live reload in a real browser: the open page follows the edits (new text, then the error
page, then the fixed page) without anyone pressing reload."""

from __future__ import annotations

import threading

import pytest
from test_serve import NEWS, NEWSLETTER_CONFIG, fake_site_build

from airf_site.authoring.preview import Preview


@pytest.mark.browser
def test_open_page_reloads_itself(make_project, chromium_path):
    from airf_site.print.browser import launch

    news = make_project.write("content/actualites/2026-03-01-atelier.md", NEWS)
    make_project.write("newsletters/config.yml", NEWSLETTER_CONFIG)
    preview = Preview(make_project.root, port=0, build_func=fake_site_build, log=lambda s: None)
    assert preview.rebuild()
    threading.Thread(target=preview.serve_forever, daemon=True).start()
    try:
        with launch() as browser:
            page = browser.new_page()
            page.goto(preview.url)
            assert "Atelier à Rabat" in page.inner_text("body")

            news.write_text(NEWS.replace("Atelier à Rabat", "Atelier à Niamey"), encoding="utf-8")
            assert preview.rebuild()
            page.wait_for_function("document.body.innerText.includes('Atelier à Niamey')", timeout=15000)

            news.write_text(NEWS.replace("date: 2026-03-01", "date: 2026-02-30"), encoding="utf-8")
            assert not preview.rebuild()
            page.wait_for_function("document.title.startsWith('Erreurs')", timeout=15000)
            text = page.inner_text("body")
            assert "content/actualites/2026-03-01-atelier.md:3" in text and "ce jour n'existe pas" in text

            news.write_text(NEWS, encoding="utf-8")
            assert preview.rebuild()
            page.wait_for_function("document.body.innerText.includes('Atelier à Rabat')", timeout=15000)
    finally:
        preview.stop()
