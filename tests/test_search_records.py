"""Search records (airf_site/site/search.py) without a browser: elisions, escaping, filters."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from airf_site.site.search import render_record, strip_elisions, strip_elisions_html
from airf_site.site.search_bundle import prepare_bundle


@pytest.mark.parametrize("text, expected", [
    ("l'efficacité", "efficacité"),
    ("L’impression", "impression"),
    ("d'irrigation et d’eau", "irrigation et eau"),
    ("Côte d'Ivoire", "Côte Ivoire"),
    ("qu'il, jusqu'à, lorsqu’on, puisqu'elle", "il, à, on, elle"),
    ("n'est, s'il, j'ai, c'est, m'a, t'es", "est, il, ai, est, a, es"),
    ("aujourd'hui", "aujourd'hui"),            # not an elision: inside a word
    ("COOP'R et TERR'ESS", "COOP'R et TERR'ESS"),  # project names keep their apostrophe
    ("l'", "l'"), ("l' eau", "l' eau"),        # nothing elided
    ("« l’AIRF »", "« AIRF »"),
    ("Saint-Louis", "Saint-Louis"),
])
def test_strip_elisions(text, expected):
    assert strip_elisions(text) == expected


def test_strip_elisions_html_touches_text_and_alt_only():
    fragment = '<a href="/l\'eau/" title="l\'eau">l&#39;eau &amp; l&rsquo;énergie</a> <img alt="d&#x27;ici &lt;3" src="l\'x.png">'
    assert strip_elisions_html(fragment) == ('<a href="/l\'eau/" title="l\'eau">eau &amp; énergie</a> '
                                             '<img alt="ici &lt;3" src="l\'x.png">')
    # Before inline markup too; not before a number or at the end.
    assert strip_elisions_html("une voix à l'<strong>Assemblée</strong>") == "une voix à <strong>Assemblée</strong>"
    assert strip_elisions_html("l’<em>&Eacute;cole</em>") == "<em>École</em>"
    assert strip_elisions_html("vers l'<b>2</b> et l'</p>") == "vers l'<b>2</b> et l'</p>"


class _Tags(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


@given(st.text(alphabet=st.sampled_from(list("lLdqu'’ aé<>&\"=/bcitj")), max_size=60))
def test_strip_elisions_html_never_creates_markup(text):
    import html

    fragment = f"<p class=\"x\">{html.escape(text, quote=False)}</p>"
    out = _Tags(strip_elisions_html(fragment))
    assert out.tags == [("p", [("class", "x")])]
    assert "".join(out.text) == strip_elisions(text)


def _site():
    theme = SimpleNamespace(titre="Environnement, eau, énergies et climat")
    return SimpleNamespace(themes={"env": theme}, projects={"coopr": SimpleNamespace(titre="COOP'R")},
                           date_label=lambda d: f"{d.day}/{d.month}/{d.year}")


def test_record_escapes_title_and_carries_filters():
    doc = SimpleNamespace(themes=["env", "inconnu"], projet="coopr", date=dt.date(2026, 3, 1))
    record = render_record(_site(), '<script>alert("x")</script> & co', "<h1>T</h1><p>l’eau</p>", "Actualité", doc)
    assert "<script>" not in record and "&lt;script&gt;" in record
    assert '<html lang="fr">' in record and "<p>eau</p>" in record
    assert '<span data-pagefind-filter="priorite">Environnement, eau, énergies et climat</span>' in record
    assert '<span data-pagefind-filter="projet">COOP\'R</span>' in record
    assert '<span data-pagefind-sort="date">2026-03-01</span>' in record
    assert '<span data-pagefind-meta="date">1/3/2026</span>' in record
    assert record.count("data-pagefind-filter=") == 3  # type, one known theme, the project


def test_record_of_a_whole_document_keeps_the_body_only():
    page = ("<!doctype html><html><head><title>x</title><style>p{}</style></head><body><p>Lettre</p>"
            "<script>var l = 'l’eau';</script></body></html>")
    record = render_record(_site(), "Lettre", page, "Lettre d'information", date=dt.date(2026, 11, 1))
    assert "<title>" not in record and "<script>" not in record and "p{}" not in record
    assert "<p>Lettre</p>" in record
    # Adjacent blocks stay separate words.
    assert "<strong>340</strong> <span>jeunes</span> " in render_record(
        _site(), "F", "<strong>340</strong><span>jeunes</span>", "Fiche technique")


def _pack(value) -> bytes:
    import cbor2

    return gzip.compress(b"pagefind_dcd" + cbor2.dumps(value), mtime=0)


def test_prepare_bundle_sorts_filter_values_and_renames():
    import cbor2

    files = {"filter/fr_aaaaaaa.pf_filter": _pack(["type", [["b", [1]], ["a", [0, 2]]]]),
             "pagefind.fr_0000000000.pf_meta": _pack(["1.5.2", [], [], [["type", "fr_aaaaaaa"]], [], []]),
             "pagefind-entry.json": json.dumps({"version": "1.5.2", "languages": {"fr": {
                 "hash": "fr_0000000000", "wasm": "fr", "page_count": 3}}}).encode(),
             "pagefind.js": b"js"}
    out = prepare_bundle(files)
    assert prepare_bundle(files) == out
    entry = json.loads(out["pagefind-entry.json"])
    meta_name = f"pagefind.{entry['languages']['fr']['hash']}.pf_meta"
    meta = cbor2.loads(gzip.decompress(out[meta_name])[12:])
    [(name, filter_hash)] = meta[3]
    assert name == "type" and re.fullmatch(r"fr_[0-9a-f]{7}", filter_hash)
    assert sorted(out) == sorted([meta_name, f"filter/{filter_hash}.pf_filter", "pagefind-entry.json", "pagefind.js"])
    values = cbor2.loads(gzip.decompress(out[f"filter/{filter_hash}.pf_filter"])[12:])
    assert values == ["type", [["a", [0, 2]], ["b", [1]]]]


def test_pagefind_service_failure_is_a_french_build_error(monkeypatch, tmp_path):
    """A Pagefind that dies mid-way gives a BuildError in French, not a traceback or a hang."""
    from airf_site.errors import BuildError
    from airf_site.site import search_index as search

    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nhead -c 10 >/dev/null\necho 'panique : index impossible' >&2\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setattr(search, "find_pagefind", lambda: fake)
    with pytest.raises(BuildError) as info:
        search.index_records([("a/", "<p>x</p>")] * 50)
    assert str(info.value).startswith("index de recherche : Pagefind a échoué")
    assert "panique : index impossible" in str(info.value)


def test_index_records_same_bytes_one_by_one_or_pipelined():
    """Sending pages while reading answers gives the index that one-at-a-time sending gives."""
    import tempfile

    from airf_site.site import search_index as search

    records = [(f"p{i}/", f'<html lang="fr"><body><main data-pagefind-body><h1>Page {i}</h1>'
                f"<p>biodiversité {'eau ' * (i % 7)} société n{i}</p></main></body></html>") for i in range(120)]
    pipelined = search.index_records(records)
    with tempfile.TemporaryFile() as errors:
        service = search.PagefindService(search.find_pagefind(), errors)
        try:
            index_id = service.send({"type": "NewIndex", "config": {"force_language": "fr"}})["index_id"]
            for url, record in records:
                service.send({"type": "AddFile", "index_id": index_id, "url": "/" + url,
                              "file_path": None, "file_contents": record})
            files = service.send({"type": "GetFiles", "index_id": index_id})["files"]
        finally:
            service.close()
    import base64

    assert pipelined == prepare_bundle({f["path"]: base64.b64decode(f["content"]) for f in files})
    assert sum(1 for name in pipelined if name.startswith("fragment/")) == 120


def test_drop_ignored_removes_bare_ignored_blocks_only():
    from airf_site.site.search import drop_ignored

    kept = ('<div data-pagefind-ignore="index" hidden><span data-pagefind-filter="type">T</span></div>'
            '<div data-pagefind-ignore><span data-pagefind-meta="m">M</span></div>')
    fragment = ('<p>a</p>\n<div data-pagefind-ignore><div>x<div>y</div></div><h2 id="b">À lire</h2></div>\n<p>c</p>'
                '<NAV class="p" data-pagefind-ignore>n</nav>' + kept + '<p data-pagefind-ignore-not>d</p>'
                '<ul data-pagefind-ignore><li>sans fin')
    assert drop_ignored(fragment) == ('<p>a</p>\n\n<p>c</p>' + kept + '<p data-pagefind-ignore-not>d</p>'
                                      '<ul data-pagefind-ignore><li>sans fin')


def _wrap(content: str) -> str:
    return f'<html lang="fr"><body><main data-pagefind-body>{content}</main></body></html>'


def test_index_is_the_same_without_the_ignored_blocks():
    """Pagefind leaves ignored blocks out: dropping them before indexing changes no byte."""
    from airf_site.site import search, search_index

    pages = [(f"p{i}/", f'<h1 id="t">Titre {i}</h1>\n<ul class="airf-tags" data-pagefind-ignore><li>étiquette</li></ul>'
              f'<p>biodiversité {"eau " * (i % 5)}</p>\n<div data-pagefind-ignore><h2 id="a-lire-aussi">À lire aussi</h2>'
              f'<div class="airf-cards"><article><h3>Voisin {i + 1} société</h3></article></div></div>\n'
              f'<nav class="airf-pager" data-pagefind-ignore><a href="x">précédent</a></nav><p>fin{i}</p>'
              '<div data-pagefind-ignore="index" hidden><span data-pagefind-filter="type">Actualité</span></div>')
             for i in range(40)]
    whole = search_index.index_records([(u, _wrap(c)) for u, c in pages])
    dropped = search_index.index_records([(u, _wrap(search.drop_ignored(c))) for u, c in pages])
    assert "société" not in "".join(search.drop_ignored(c) for _, c in pages)
    assert whole == dropped


def test_index_chunks_hold_few_word_positions():
    """INDEX_CHUNK_SIZE reaches Pagefind: 30 words with 600 positions each get a chunk each
    (one chunk at Pagefind's default of 20,000), so a search downloads little index."""
    from airf_site.site import search_index as search

    text = " ".join(f"mot{k} " * 5 for k in range(30))
    files = search.index_records([(f"p{i}/", _wrap(f"<p>{text}</p>")) for i in range(100)])
    assert search.INDEX_CHUNK_SIZE == 500
    assert sum(1 for name in files if name.startswith("index/")) >= 25


def test_site_without_search_has_no_index_and_no_button(make_project):
    """`recherche: false` (the benchmark's baseline): no pagefind/ folder, no search button;
    the default build has both."""
    from test_site_build import small_tree
    from test_site_helpers import build_tree

    root = small_tree(make_project, count=3)
    site = build_tree(root)[2]
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert 'class="md-header__button md-icon airf-search-open"' in (site / "index.html").read_text(encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      news_per_page: 20\n",
                      "      news_per_page: 20\n      recherche: false\n"), encoding="utf-8")
    site = build_tree(root)[2]
    assert not (site / "pagefind").exists()
    pages = [p for p in site.rglob("*.html")]
    assert len(pages) > 10
    assert [p for p in pages if "airf-search-open" in p.read_text(encoding="utf-8")] == []


def test_indexer_left_half_way_stops_pagefind():
    """A build failing while pages are being indexed leaves no Pagefind process behind."""
    from airf_site.site.search_index import SearchIndexer

    with pytest.raises(KeyError), SearchIndexer() as indexer:
        indexer.add("a/", _wrap("<p>biodiversité</p>"))
        process = indexer._service.process
        raise KeyError("une page sans gabarit")
    assert process.poll() is not None
    assert not indexer._writer.is_alive() and not indexer._reader.is_alive()


def test_indexer_error_answer_is_a_french_build_error(monkeypatch):
    """Pagefind refusing a page (an error answer, the service still running) gives the
    BuildError, not a hang: the index id below does not exist."""
    from airf_site.errors import BuildError
    from airf_site.site.search_index import SearchIndexer

    with SearchIndexer() as indexer:
        indexer._index_id = 999
        indexer.add("a/", _wrap("<p>x</p>"))
        indexer.finish()
        with pytest.raises(BuildError) as info:
            indexer.files()
    assert str(info.value).startswith("index de recherche : Pagefind a échoué (")


def test_indexer_record_that_cannot_be_sent_is_an_error_not_a_hang():
    """A record the writer cannot encode (a lone surrogate, which content validation refuses
    upstream) stops the indexing with the BuildError instead of leaving the build waiting."""
    from airf_site.errors import BuildError
    from airf_site.site.search_index import SearchIndexer

    with SearchIndexer() as indexer:
        indexer.add("a/", _wrap("<p>biodiversité</p>"))
        indexer.add("b/", _wrap("<p>\ud800</p>"))
        indexer.finish()
        with pytest.raises(BuildError) as info:
            indexer.files()
    assert "Pagefind a échoué" in str(info.value)
    assert "surrogate" in str(info.value)


def _bundle(text: str) -> dict[str, bytes]:
    from airf_site.site import search_index

    return search_index.index_records([(f"p{i}/", _wrap(f"<h1>Page {i}</h1><p>{text} n{i}</p>")) for i in range(6)])


def test_write_index_links_files_to_the_cache_and_checks_them(tmp_path):
    """Index files are hard links to a cached copy: a rebuild creates none of the unchanged
    ones again; a cached copy that differs is written again, stale copies go."""
    from airf_site.site.search_index import INDEX_DIR, UNUSED, write_index

    cache, files = tmp_path / "cache", _bundle("biodiversité eau")
    expected = {n: d for n, d in files.items() if n not in UNUSED}
    write_index(tmp_path / "a", files, cache)
    first = {p.relative_to(tmp_path / "a" / INDEX_DIR).as_posix(): p for p in (tmp_path / "a" / INDEX_DIR).rglob("*") if p.is_file()}
    assert {n: p.read_bytes() for n, p in first.items()} == expected
    assert any(n.startswith("fragment/") for n in first) and all(p.stat().st_nlink == 2 for p in first.values())
    tampered = next(p for n, p in first.items() if n.startswith("fragment/"))
    name = tampered.relative_to(tmp_path / "a" / INDEX_DIR).as_posix()
    (cache / name).unlink()
    (cache / name).write_bytes(b"autre chose")
    (cache / "fragment" / "ancien.pf_fragment").write_bytes(b"x")
    write_index(tmp_path / "b", files, cache)
    second = tmp_path / "b" / INDEX_DIR
    assert (second / name).read_bytes() == expected[name]  # the tampered copy was not trusted
    same = [n for n in first if n != name]
    assert all((second / n).stat().st_ino == (cache / n).stat().st_ino for n in same)
    assert not (cache / "fragment" / "ancien.pf_fragment").exists()
    assert sorted(p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file()) == sorted(first)


def test_write_index_copies_where_hard_links_fail(tmp_path, monkeypatch):
    from airf_site.site import search_index

    def refuse(*args):
        raise OSError("pas de liens ici")

    files = _bundle("société")
    monkeypatch.setattr(search_index.os, "link", refuse)
    search_index.write_index(tmp_path / "site", files, tmp_path / "cache")
    plain = tmp_path / "plain"
    search_index.write_index(plain, files)
    written = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    assert written == {p.relative_to(plain).as_posix(): p.read_bytes() for p in plain.rglob("*") if p.is_file()}
    assert all(p.stat().st_nlink == 1 for p in (tmp_path / "site").rglob("*") if p.is_file())


def test_unexpected_pagefind_file_is_a_french_build_error(monkeypatch):
    """A bundle the toolkit cannot read (another Pagefind version) stops the build with the
    French message, not a thread's traceback or a hang."""
    from airf_site.errors import BuildError
    from airf_site.site import search_bundle, search_index

    monkeypatch.setattr(search_bundle, "SIGNATURE", b"autre_format")
    with pytest.raises(BuildError) as info:
        search_index.index_records([("a/", _wrap("<p>eau</p>"))])
    assert str(info.value) == "index de recherche : fichier Pagefind inattendu"


def test_pagefind_runs_one_runtime_thread_for_the_same_index(monkeypatch):
    """TOKIO_WORKER_THREADS=1 reaches Pagefind (less CPU on cores the render fills) and the
    index is byte for byte the one Pagefind builds with its default threads."""
    import pathlib
    import subprocess

    from airf_site.site import search_index

    records = [(f"p{i}/", _wrap(f"<h1>Page {i}</h1><p>biodiversité société {'eau ' * (i % 6)} n{i}</p>"))
               for i in range(150)]
    with search_index.SearchIndexer() as indexer:
        environ = pathlib.Path(f"/proc/{indexer._service.process.pid}/environ").read_bytes().split(b"\0")
        assert b"TOKIO_WORKER_THREADS=1" in environ
    one = search_index.index_records(records)
    popen = subprocess.Popen

    def default_threads(args, **kwargs):
        kwargs["env"] = {k: v for k, v in kwargs["env"].items() if k != "TOKIO_WORKER_THREADS"}
        return popen(args, **kwargs)

    monkeypatch.setattr(search_index.subprocess, "Popen", default_threads)
    assert search_index.index_records(records) == one
