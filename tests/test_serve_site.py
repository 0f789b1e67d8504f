"""`airf serve` with the real site builder on a copy of the sample content: an edited news item
shows up after a rebuild, and a broken one replaces the page with the French error list."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest
from conftest import copy_repo_sources

from airf_site.authoring.preview import Preview


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = copy_repo_sources(tmp_path_factory.mktemp("serve-site"))
    logs: list[str] = []
    preview = Preview(root, port=0, log=logs.append)
    assert preview.rebuild(), "\n".join(logs)
    thread = threading.Thread(target=preview.serve_forever, daemon=True)
    thread.start()
    yield preview, root, logs
    preview.stop()


def _published_news(root):
    for path in sorted((root / "content" / "actualites").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "brouillon: true" not in text:
            return path, text
    raise AssertionError("no published news item in the sample content")


def test_edit_rebuild_error_and_recovery(served):
    preview, root, logs = served
    path, original = _published_news(root)
    slug = path.stem.split("-", 3)[3]
    status, page = _get(f"{preview.url}actualites/{slug}/")
    assert status == 200 and "/_airf/version" in page

    path.write_text(original + "\nUne phrase ajoutée pendant l'aperçu.\n", encoding="utf-8")
    assert preview.rebuild()
    status, page = _get(f"{preview.url}actualites/{slug}/")
    assert status == 200 and "Une phrase ajoutée pendant l’aperçu." in page  # typeset

    path.write_text(original.replace("titre:", "titre_:", 1), encoding="utf-8")
    assert not preview.rebuild()
    status, page = _get(f"{preview.url}actualites/{slug}/")
    rel = path.relative_to(root).as_posix()
    assert status == 500
    assert f"{rel}:2" in page and "champ inconnu « titre_ »" in page and "vouliez-vous dire « titre »" in page
    assert any(f"{rel}:2: erreur" in line for line in logs)

    path.write_text(original, encoding="utf-8")
    assert preview.rebuild()
    assert _get(f"{preview.url}actualites/{slug}/")[0] == 200


def test_saving_a_newsletter_rebuilds_its_email_preview(served):
    import time

    preview, root, logs = served
    issue = [p for p in sorted((root / "newsletters").glob("*.md")) if not p.name.startswith("_")][-1]
    preview.start_watching()
    time.sleep(0.3)
    issue.write_text(issue.read_text(encoding="utf-8") + "\nPost-scriptum de l'aperçu.\n", encoding="utf-8")
    email = root / "build" / "newsletters" / issue.stem / "brevo.html"
    deadline = time.monotonic() + 90
    while not (email.is_file() and "Post-scriptum de l" in email.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "\n".join(logs[-10:])
        time.sleep(0.1)
    status, page = _get(preview.url + "_apercu/")
    assert status == 200 and f"newsletters/{issue.stem}/brevo.html" in page and 'href="/lettres/"' in page


def _indexed_text(preview) -> str:
    """Every indexed page's URL and text, read from the Pagefind fragments the preview serves."""
    import gzip
    import json

    entry = json.loads(_get(preview.url + "pagefind/pagefind-entry.json")[1])
    assert list(entry["languages"]) == ["fr"]
    site = preview.site_dir / "pagefind" / "fragment"
    fragments = [json.loads(gzip.decompress(p.read_bytes())[len(b"pagefind_dcd"):]) for p in site.glob("*.pf_fragment")]
    return "\n".join(f["url"] + " " + f["content"] for f in fragments)


def test_search_index_follows_the_edits(served):
    """A news item added during `airf serve` is in the rebuilt search index, and gone once removed."""
    preview, root, logs = served
    news = root / "content/actualites/2026-11-27-apercu-recherche.md"
    news.write_text("---\ntitre: Un mot introuvable ailleurs\ndate: 2026-11-27\nresume: Essai de l'aperçu.\n---\n\n"
                    "Le mot zygomorphe n'apparaît que dans cette actualité de l'aperçu.\n", encoding="utf-8")
    try:
        assert preview.rebuild(), "\n".join(logs[-10:])
        assert "/actualites/apercu-recherche/ Un mot introuvable ailleurs" in _indexed_text(preview)
        assert "zygomorphe" in _indexed_text(preview)
    finally:
        news.unlink()
    assert preview.rebuild()
    assert "zygomorphe" not in _indexed_text(preview)
