"""Pagefind's word-index chunks split where accented words pile up (site/search_bundle.py):
every word is still found in the chunk a browser asks for, and no chunk is left oversized."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from airf_site.site import search_bundle


def _cut(text: str, length: int) -> bytes | None:
    """`text`'s first `length` UTF-8 bytes, or None off a character boundary (Rust's str::get)."""
    data = text.encode()
    try:
        data[:length].decode()
    except UnicodeDecodeError:
        return None
    return data[:length]


def request_chunk(chunks: list[tuple[str, str]], term: str) -> int | None:
    """The chunk Pagefind's browser code loads for `term` (pagefind_web's request_indexes, on
    UTF-8 bytes like Rust: a strict pass on the [from, to] ranges, then a pass on ranges cut
    to the term's length, skipping a range that cannot be cut there)."""
    for i, (low, high) in enumerate(chunks):
        if low.encode() <= term.encode() <= high.encode():
            return i
    for i, (low, high) in enumerate(chunks):
        n, m = min(len(term.encode()), len(low.encode())), min(len(term.encode()), len(high.encode()))
        cuts = _cut(term, n), _cut(low, n), _cut(term, m), _cut(high, m)
        if None not in cuts and cuts[0] >= cuts[1] and cuts[2] <= cuts[3]:
            return i
    return None


def pagefind_bounds(groups: list[list[str]]) -> list[tuple[str, str]]:
    """Pagefind's chunk_meta: first and last words, shortened between neighbours to the
    prefixes that tell them apart."""
    bounds = [[g[0], g[-1]] for g in groups]
    for left, right in zip(bounds, bounds[1:]):
        a, b = left[1], right[0]
        common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        left[1], right[0] = a[:common + 1], b[:common + 1]
    return [(low, high) for low, high in bounds]


def pagefind_groups(words: list[str], sizes: list[int]) -> list[list[str]]:
    groups, at = [], 0
    for size in sizes:
        if at < len(words):
            groups.append(words[at:at + size])
            at += size
    if at < len(words):
        groups.append(words[at:])
    return groups


WORDS = st.lists(st.text(alphabet="abcdeéz0ب", min_size=1, max_size=6), min_size=2, max_size=40, unique=True).map(sorted)


@given(WORDS, st.lists(st.integers(1, 6), max_size=12), st.data())
def test_split_chunks_are_found_where_the_whole_chunk_was(words, sizes, data):
    """Pagefind's browser lookup on random words, chunked the way Pagefind chunks them, then
    one chunk split by group_words with random word sizes: a word it found before the split
    it still finds, in the chunk that holds it."""
    groups = pagefind_groups(words, sizes)
    before = pagefind_bounds(groups)
    k = data.draw(st.integers(0, len(groups) - 1))
    weights = data.draw(st.lists(st.integers(1, 300), min_size=len(groups[k]), max_size=len(groups[k])))
    slices = search_bundle.group_words(list(zip(groups[k], weights)), 500)
    parts = [groups[k][a:b] for a, b in slices]
    assert [w for p in parts for w in p] == groups[k] and all(parts)
    inner = search_bundle.chunk_bounds([(p[0], p[-1]) for p in parts], *before[k])
    after_groups = groups[:k] + parts + groups[k + 1:]
    after = before[:k] + inner + before[k + 1:]
    for word in words:
        found = request_chunk(before, word)
        if found is not None and word in groups[found]:
            again = request_chunk(after, word)
            assert again is not None and word in after_groups[again], (word, before, after)


def test_group_words_never_parts_a_word_from_its_extensions():
    words = [("eau", 600), ("econom", 600), ("economi", 10), ("economis", 600), ("ecosystem", 1), ("ecout", 900)]
    assert search_bundle.group_words(words, 500) == [(0, 1), (1, 4), (4, 6)]
    assert search_bundle.group_words([("a", 1), ("b", 2)], 500) == [(0, 2)]
    # "abd" extends "ab", not "abc": still in the chunk a search for "ab" loads.
    assert search_bundle.group_words([("ab", 600), ("abc", 1), ("abd", 1), ("b", 1)], 500) == [(0, 3), (3, 4)]


@given(st.lists(st.tuples(st.text(alphabet="abcé", min_size=1, max_size=5), st.integers(1, 400)),
                min_size=1, max_size=30, unique_by=lambda w: w[0]).map(sorted))
def test_a_word_and_all_its_extensions_share_a_chunk(words):
    groups = search_bundle.group_words(words, 500)
    assert groups[0][0] == 0 and groups[-1][1] == len(words)
    assert all(a[1] == b[0] for a, b in zip(groups, groups[1:]))
    chunk_of = {stem: k for k, (a, b) in enumerate(groups) for stem, _ in words[a:b]}
    for stem, _ in words:
        assert {chunk_of[w] for w, _ in words if w.startswith(stem)} == {chunk_of[stem]}


def test_chunk_bounds_use_whole_words_and_keep_the_range_for_the_last():
    assert search_bundle.chunk_bounds([("apple", "apple"), ("apricot", "banana"), ("peach", "peach")],
                                      "ap", "p") == [("ap", "apple"), ("apricot", "banana"), ("ap", "p")]
    assert search_bundle.chunk_bounds([("cath", "cathartic")], "c", "d") == [("c", "d")]


def _entry(stem: str, forms: dict[str, int], plain: int = 0) -> list:
    pages = lambda n: [[p, [-25, 3, 9], []] for p in range(n)]  # noqa: E731
    return [stem, pages(plain), [[form, pages(n)] for form, n in forms.items()]]


def test_split_chunks_counts_accented_forms_and_keeps_every_word(monkeypatch):
    words = [_entry("eau", {}, 40), _entry("ecol", {"écoles": 300}), _entry("econom", {"économie": 300, "économique": 2}),
             _entry("efficacit", {"efficacité": 300}), _entry("elus", {"élus": 300}), _entry("en", {}, 5)]
    files = {"index/fr_big.pf_index": search_bundle.dump_cbor([words]), "index/fr_small.pf_index": b"x"}
    monkeypatch.setattr(search_bundle, "SPLIT_ABOVE", 100)
    monkeypatch.setattr(search_bundle, "CHUNK_POSITIONS", 500)
    meta = [["a", "c", "fr_small"], ["d", "en", "fr_big"]]
    out = search_bundle.split_chunks(files, meta, "fr")
    assert out[0] == ["a", "c", "fr_small"] and "index/fr_big.pf_index" not in files
    parts = [search_bundle.load_cbor(files[f"index/{name}.pf_index"])[0] for _low, _high, name in out[1:]]
    assert [w for part in parts for w in part] == words  # nothing lost, nothing reordered
    assert [[w[0] for w in part] for part in parts] == [["eau", "ecol"], ["econom"], ["efficacit"], ["elus"], ["en"]]
    assert (out[1][0], out[-1][0], out[-1][1]) == ("d", "d", "en")
    for part in parts:
        for word in part:
            found = request_chunk([(low, high) for low, high, _ in out], word[0])
            assert found is not None and word in search_bundle.load_cbor(files[f"index/{out[found][2]}.pf_index"])[0]


def test_small_chunks_and_single_words_stay_as_they_are(monkeypatch):
    lone = search_bundle.dump_cbor([[_entry("econom", {"économie": 900})]])
    files = {"index/fr_lone.pf_index": lone}
    monkeypatch.setattr(search_bundle, "SPLIT_ABOVE", 10)
    assert search_bundle.split_chunks(files, [["e", "f", "fr_lone"]], "fr") == [["e", "f", "fr_lone"]]
    assert files == {"index/fr_lone.pf_index": lone}
