"""Site search with Pagefind, fed from the build (no second reading of the written site).

Each indexed page hands the build one small HTML *record*: its main content (the template's
output, without the Material chrome, with `data-pagefind-ignore` on navigation blocks) plus
hidden filter, sort and meta tags. At the end of the build `write_index` gives every record to
Pagefind's indexing service (PyPI `pagefind[bin]`: the binary runs as a child process) which
writes `pagefind/` into the site: French stemming (`<html lang="fr">`), fragments fetched on
demand, filters by kind, priority and project, sort by date.

French elisions (l' d' qu' n' s' j' c' m' t' jusqu' lorsqu' puisqu', straight or curly) are
removed from the indexed text here and from the query in `assets/search.js`: Pagefind keeps
"l’impression" as one word otherwise, and "impression" would not find it.

What is indexed: news, fact sheets, events, calls, static pages, project pages (their own
text, not the lists), the newsletter archive and the report pages. Listings (home, news pages,
archives, agenda, catalogue, themes, members) are not: they would outrank what they list.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html as html_lib
import itertools
import json
import logging
import os
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

import cbor2

from airf_site.errors import BuildError

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
# Labels of the "kind" filter, as readers see them in the search dialog.
KINDS = {"article.html": "Actualité", "fiche.html": "Fiche technique", "event.html": "Événement",
         "call.html": "Appel à projets"}
PAGE, NEWSLETTER, REPORT = "Page", "Lettre d'information", "Rapport d'activité"
# Files of the Pagefind bundle the site does not use (we ship our own small dialog instead of
# Pagefind's UIs): removed so the site carries only what a reader may download.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js", "wasm.unknown.pagefind")

# Word positions per index chunk (Pagefind's default: 20,000). A search downloads the chunks
# holding its words: with the default, a word on every page of a 3,000-page site came with
# three other frequent words in a 235 KB chunk. Pagefind 1.5 counts only a word's unaccented
# form toward the size, so accented words still share chunks; at 500 the chunk of
# « biodiversité » is 99 KB, a rare word's a few hundred bytes, for ~2 KB more in the meta
# file every first search loads (measured with bench/bench_search.py). Set through Pagefind's
# environment variable (named unstable: the version is pinned, and a test checks it works).
INDEX_CHUNK_SIZE = 500
# An elided article or pronoun at the start of a word, followed by a letter: "l’", "d'", "qu'"…
_ELIDED = r"(?<![^\W\d_])(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’‘ʼ]"
ELISION = re.compile(_ELIDED + r"(?=[^\W\d_])", re.IGNORECASE)
_ELIDED_END = re.compile(_ELIDED + r"$", re.IGNORECASE)
_ALT = re.compile(r'(\balt=")([^"]*)(")', re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
# Characters without which a text node comes out of `strip_elisions_html` unchanged.
_TOUCHED = re.compile("['’‘ʼ&<>]")
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style|head)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
# Blocks side by side in the layout ("<strong>340</strong><span>jeunes</span>") are one word
# to Pagefind without a space between them.
_BLOCK_END = re.compile(r"(</(?:p|div|li|h[1-6]|td|th|dt|dd|figcaption|span|strong|blockquote|section)>)", re.IGNORECASE)


def strip_elisions(text: str) -> str:
    """Plain text without elided articles: "L’efficacité d'irrigation" → "efficacité irrigation"."""
    return ELISION.sub("", text)


def strip_elisions_html(fragment: str) -> str:
    """The same on the text of an HTML fragment and on `alt` texts, which Pagefind indexes too.

    An elision before inline markup ("l'<strong>Assemblée</strong>") is removed as well.
    """
    parts = _TAG.split(fragment)
    has_alt = _ALT.search(fragment) is not None
    for i in range(0, len(parts), 2):  # even items are text between tags, odd items are tags
        part = parts[i]
        # Most text nodes hold no apostrophe, entity or stray bracket: they stay as they are
        # (unescaping then escaping them would give them back unchanged).
        if part and _TOUCHED.search(part):
            text = strip_elisions(html_lib.unescape(part))
            if _ELIDED_END.search(text):
                following = next((t for t in itertools.islice(parts, i + 2, None, 2) if t), "")
                if html_lib.unescape(following)[:1].isalpha():
                    text = _ELIDED_END.sub("", text)
            parts[i] = html_lib.escape(text, quote=False)
        if has_alt and i + 1 < len(parts):
            parts[i + 1] = _ALT.sub(_strip_alt, parts[i + 1])
    return "".join(parts)


def _strip_alt(m: re.Match[str]) -> str:
    return m.group(1) + html_lib.escape(strip_elisions(html_lib.unescape(m.group(2)))) + m.group(3)


# An element Pagefind ignores for indexing (the bare attribute: `="index"` and `="all"` are kept).
_IGNORED = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?\sdata-pagefind-ignore(?=[\s/>])[^>]*>")
_SAME_TAG: dict[str, re.Pattern[str]] = {}


def drop_ignored(fragment: str) -> str:
    """`fragment` without the elements marked `data-pagefind-ignore` (related reading, pager,
    tags): Pagefind would parse them only to leave them out, so the index is the same (tested)
    for less work. A block holding filters or meta (which Pagefind still reads) is kept."""
    out: list[str] = []
    pos = 0
    while (m := _IGNORED.search(fragment, pos)) is not None:
        name = m.group(1).lower()
        same = _SAME_TAG.get(name)
        if same is None:
            same = _SAME_TAG[name] = re.compile(rf"<(/?){name}\b[^>]*?(/?)>", re.IGNORECASE)
        depth, end = 1, -1
        for tag in same.finditer(fragment, m.end()):
            if tag.group(1):
                depth -= 1
            elif not tag.group(2):
                depth += 1
            if depth == 0:
                end = tag.end()
                break
        if end < 0 or "data-pagefind-" in fragment[m.end():end].replace("data-pagefind-ignore", ""):
            out.append(fragment[pos:m.end()])  # unclosed, or holds filters: left to Pagefind
            pos = m.end()
            continue
        out.append(fragment[pos:m.start()])
        pos = end
    out.append(fragment[pos:])
    return "".join(out)


def _hidden(tag: str, name: str, value: str) -> str:
    return f'<span data-pagefind-{tag}="{name}">{html_lib.escape(value, quote=False)}</span>'


def render_record(site: Any, title: str, fragment: str, kind: str, doc: Any = None,
                  date: Any = None) -> str:
    """The HTML Pagefind indexes for one page: `fragment` (the page's main content) with its
    kind, priorities, project and date as filters, sort key and meta (pure)."""
    tags = [_hidden("meta", "title", title), _hidden("filter", "type", kind), _hidden("meta", "type", kind)]
    for theme_id in getattr(doc, "themes", None) or []:
        theme = site.themes.get(theme_id)
        if theme is not None:
            tags.append(_hidden("filter", "priorite", theme.titre))
    project = site.projects.get(getattr(doc, "projet", None) or "")
    if project is not None:
        tags.append(_hidden("filter", "projet", project.titre))
    date = date if date is not None else getattr(doc, "date", None)
    if date is not None:
        day = date.date() if hasattr(date, "date") else date
        tags += [_hidden("sort", "date", day.isoformat()), _hidden("meta", "date", site.date_label(day))]
    body = _BODY.search(fragment)
    content = _BLOCK_END.sub(r"\1 ", drop_ignored(_SCRIPT.sub("", body.group(1) if body else fragment)))
    return ('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><main data-pagefind-body>'
            f'{strip_elisions_html(content)}'
            f'<div data-pagefind-ignore="index" hidden>{"".join(tags)}</div></main></body></html>')


class PagefindService:
    """The `pagefind --service` child process.

    Same protocol as the `pagefind` package's asyncio client (base64 JSON messages ended by a
    comma on stdin/stdout), without its 0.1 s pause before reading each answer, which would
    cost five minutes at 3,000 pages. Pages are sent in page order and their answers read while
    they are sent (the service indexes on every core); the index is the same as with one page
    at a time, so the same site gives the same bytes (tested).
    """

    def __init__(self, executable: Path, log_file: IO[bytes]):
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(INDEX_CHUNK_SIZE))
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=log_file, env=env)
        self._next_id = 0
        self._pending = bytearray()

    def _write(self, payload: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
        self.process.stdin.write(base64.b64encode(message) + b",")

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        end = self._pending.find(b",")
        while end < 0:
            chunk = self.process.stdout.read1(1 << 16)
            if not chunk:
                raise RuntimeError("le programme s'est arrêté pendant l'indexation")
            start = len(self._pending)
            self._pending += chunk
            end = self._pending.find(b",", start)
        raw = bytes(self._pending[:end])
        del self._pending[:end + 1]
        answer = json.loads(base64.b64decode(raw))["payload"]
        if answer.get("type") == "Error":
            raise RuntimeError(answer.get("message", "erreur inconnue"))
        return answer

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request, wait for its answer; raises RuntimeError on an error answer."""
        assert self.process.stdin is not None
        self._write(payload)
        self.process.stdin.flush()
        return self._read()

    def send_all(self, payloads: list[dict[str, Any]]) -> None:
        """Send `payloads` from a thread while reading their answers (a pipe holds 64 KB: writing
        everything before reading would block both sides)."""
        assert self.process.stdin is not None
        failure: list[BaseException] = []

        def writer() -> None:
            try:
                for payload in payloads:
                    self._write(payload)
                self.process.stdin.flush()
            except OSError as exc:  # the service stopped: the reader reports it
                failure.append(exc)

        thread = threading.Thread(target=writer, name="pagefind-writer", daemon=True)
        thread.start()
        try:
            for _ in payloads:
                self._read()
        except BaseException:
            self.process.kill()  # unblocks the writer if the service stopped reading
            raise
        finally:
            thread.join()
        if failure:
            raise RuntimeError(str(failure[0]))

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def find_pagefind() -> Path:
    """The Pagefind binary shipped by PyPI's `pagefind-bin` (through `pagefind[bin]`)."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None or not Path(executable).exists():
        raise BuildError("index de recherche : le programme Pagefind est introuvable. "
                         "Installez le paquet « pagefind[bin] » (make setup).")
    return Path(executable)


def index_records(records: list[tuple[str, str]]) -> dict[str, bytes]:
    """Pagefind's bundle for `records` ((site URL, record HTML), in page order): path → bytes.

    The files come back through the service (GetFiles) rather than being written by it, so the
    build writes them itself, once they are complete and made deterministic.
    """
    with tempfile.TemporaryFile() as errors:
        service = PagefindService(find_pagefind(), errors)
        try:
            index_id = service.send({"type": "NewIndex", "config": {"force_language": "fr"}})["index_id"]
            service.send_all([{"type": "AddFile", "index_id": index_id, "url": "/" + url,
                               "file_path": None, "file_contents": record} for url, record in records])
            files = service.send({"type": "GetFiles", "index_id": index_id})["files"]
            return {f["path"]: base64.b64decode(f["content"]) for f in files}
        except (OSError, RuntimeError, ValueError, KeyError) as exc:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip()[-500:]
            raise BuildError(f"index de recherche : Pagefind a échoué ({exc}{' : ' + detail if detail else ''}). "
                             "Le site précédent est conservé.") from None
        finally:
            service.close()


def write_index(site_dir: Path, records: list[tuple[str, str]]) -> None:
    """Index `records` ((site URL, record HTML), in page order) into `site_dir/pagefind/`."""
    started = time.perf_counter()
    files = canonicalize_filters(index_records(records))
    for name, data in sorted(files.items()):
        if name in UNUSED:
            continue
        target = site_dir / INDEX_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    log.info("index de recherche : %d pages en %.2f s", len(records), time.perf_counter() - started)


SIGNATURE = b"pagefind_dcd"  # start of every decompressed Pagefind index file


def _load_cbor(data: bytes) -> Any:
    data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise BuildError("index de recherche : fichier Pagefind inattendu")
    return cbor2.loads(data[len(SIGNATURE):])


def _dump_cbor(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def canonicalize_filters(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle `files` with filter files and meta files that are the same for the same site.

    Pagefind 1.5 writes the values of each filter in hash-map order, which changes from run to
    run (its fragments and word index are stable): sort them, rename the files after their
    content and point the meta file (and pagefind-entry.json) at the new names.
    """
    files = dict(files)
    entry = json.loads(files["pagefind-entry.json"])
    for language, info in entry["languages"].items():
        meta = _load_cbor(files.pop(f"pagefind.{info['hash']}.pf_meta"))
        filters = []
        for name, old_hash in meta[3]:
            filter_name, values = _load_cbor(files.pop(f"filter/{old_hash}.pf_filter"))
            data = _dump_cbor([filter_name, sorted(values, key=lambda v: v[0])])
            new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
            files[f"filter/{new_hash}.pf_filter"] = data
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        data = _dump_cbor(meta)
        info["hash"] = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        files[f"pagefind.{info['hash']}.pf_meta"] = data
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return files
