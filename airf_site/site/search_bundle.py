"""Pagefind's bundle made deterministic and light to download, before the build writes it.

Pagefind 1.5's files are gzip-compressed CBOR after a signature. Two of its habits are
corrected here, on the decoded data:

- it writes the values of each filter in hash-map order, which changes from run to run:
  `prepare_bundle` sorts them and names the files after their content;
- it sizes word-index chunks by the positions of a word's unaccented form only, so the
  accented words of French ("économie", "élus", "écoles", "efficacité"...) pile up in one
  chunk: 198 KB on the 3,000-page benchmark site, downloaded whole by a first search for
  « efficacité ». `split_chunks` splits such chunks with the accented forms counted.

Both rewrite the meta file (and pagefind-entry.json, which names it). A search reads a chunk
through the [from, to] range the meta file gives it; the ranges of split chunks
(`chunk_bounds`) make the browser find every word where it found it before the split
(a property test runs Pagefind's lookup on both; a Chromium test compares the results).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from typing import Any

import cbor2

from airf_site.errors import BuildError

SIGNATURE = b"pagefind_dcd"  # start of every decompressed Pagefind index file
# Word positions per chunk, counted with the accented forms (Pagefind's own count, set through
# PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE in search_index.py, leaves them out).
CHUNK_POSITIONS = 500
# Only chunks bigger than this (compressed) are decoded and split: decoding all 330 chunks of
# the benchmark site would cost the build 0.6 s, and smaller chunks are small enough to fetch.
SPLIT_ABOVE = 64 * 1024


def load_cbor(data: bytes) -> Any:
    """The value of a Pagefind index file (gzip, signature, CBOR)."""
    data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise BuildError("index de recherche : fichier Pagefind inattendu")
    return cbor2.loads(data[len(SIGNATURE):])


def dump_cbor(value: Any) -> bytes:
    """A Pagefind index file for `value` (the same bytes for the same value)."""
    # Level 6: half the time of gzip's default 9 on the benchmark's split chunks, for 1 % more bytes.
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=6, mtime=0)


def _named(language: str, data: bytes, length: int = 7) -> str:
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def prepare_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle `files` as the site publishes it: filter values sorted, oversized chunks
    split (`split_chunks`), the meta file and pagefind-entry.json pointing at the new names."""
    files = dict(files)
    entry = json.loads(files["pagefind-entry.json"])
    for language, info in entry["languages"].items():
        meta = load_cbor(files.pop(f"pagefind.{info['hash']}.pf_meta"))
        filters = []
        for name, old_hash in meta[3]:
            filter_name, values = load_cbor(files.pop(f"filter/{old_hash}.pf_filter"))
            data = dump_cbor([filter_name, sorted(values, key=lambda v: v[0])])
            files[f"filter/{(new_hash := _named(language, data))}.pf_filter"] = data
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        meta[2] = split_chunks(files, meta[2], language)
        data = dump_cbor(meta)
        info["hash"] = _named(language, data, 10)
        files[f"pagefind.{info['hash']}.pf_meta"] = data
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files


def _positions(word: list[Any]) -> int:
    """Positions of one index entry ([stem, pages, [[accented form, pages]...]]), as Pagefind
    counts them (a page counts one more than its positions), accented forms included."""
    count = sum(len(page[1]) + 1 for page in word[1])
    for _form, pages in word[2] if len(word) > 2 else ():
        count += sum(len(page[1]) + 1 for page in pages)
    return count


def split_chunks(files: dict[str, bytes], chunks: list[list[str]], language: str) -> list[list[str]]:
    """The meta file's chunk list ([from, to, name]...) with every chunk over SPLIT_ABOVE bytes
    replaced in `files` by chunks of about CHUNK_POSITIONS positions each."""
    out = []
    for low, high, name in chunks:
        path = f"index/{name}.pf_index"
        if len(files[path]) <= SPLIT_ABOVE:
            out.append([low, high, name])
            continue
        words = load_cbor(files[path])[0]
        groups = group_words([(word[0], _positions(word)) for word in words], CHUNK_POSITIONS)
        if len(groups) == 1:  # one word alone, or words extending each other: left whole
            out.append([low, high, name])
            continue
        del files[path]
        parts = [words[start:end] for start, end in groups]
        for (first, last), part in zip(chunk_bounds([(p[0][0], p[-1][0]) for p in parts], low, high), parts, strict=True):
            data = dump_cbor([part])
            files[f"index/{(new := _named(language, data))}.pf_index"] = data
            out.append([first, last, new])
    return out


def group_words(words: list[tuple[str, int]], limit: int) -> list[tuple[int, int]]:
    """[start, end) slices of `words` ((stem, positions), sorted) holding about `limit`
    positions each, as Pagefind groups them (a group ends with the word that reaches the
    limit) — but never ending just before a word that extends one of the group's words.

    That exception keeps every word findable — the browser's second lookup pass compares words
    cut to the length of a range's ends, so a range ending on "econom" would also claim
    "economis" if that word opened the next chunk — and keeps a word with all its extensions
    in the one chunk a search for it loads (a search for « économie » also finds « économiser »).
    """
    groups, start, size = [], 0, 0
    for i, (_stem, positions) in enumerate(words):
        size += positions
        following = words[i + 1][0] if i + 1 < len(words) else None
        if size >= limit and following is not None and not any(following.startswith(w) for w, _ in words[start:i + 1]):
            groups.append((start, i + 1))
            start, size = i + 1, 0
    groups.append((start, len(words)))
    return groups


def chunk_bounds(edges: list[tuple[str, str]], low: str, high: str) -> list[tuple[str, str]]:
    """The [from, to] ranges of consecutive chunks whose first and last words are `edges`,
    cut from one chunk whose range was (`low`, `high`).

    Each range but the last runs from its first word to its last (the first from `low`):
    `group_words` never cuts between a word and its extensions, so these whole words tell
    neighbours apart in both of the browser's lookup passes. The last keeps the whole range
    (`low`, `high`): the browser's first pass reaches it only for words the ranges before it
    do not hold, and its second pass (ranges cut to the word's length, in UTF-8 bytes) then
    sees exactly the range it saw before the split.
    """
    last = len(edges) - 1
    return [(low, high) if i == last else (low if i == 0 else first, end) for i, (first, end) in enumerate(edges)]
