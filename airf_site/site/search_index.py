"""Pagefind's index of the site, built while the pages are rendered.

`SearchIndexer` runs Pagefind's indexing service (PyPI `pagefind[bin]`: the binary runs as a
child process) and hands it each page's record (site/search.py) as soon as the page is
rendered, so Pagefind indexes on its own core while the build renders the rest: only the
final step (GetFiles: building the word index and fragments) is left once the last page is
rendered, and the build writes its feeds and agenda meanwhile. The files come back through
the service rather than being written by it, so the build writes them itself once they are
complete and ready to publish (site/search_bundle.py).

Pagefind numbers pages in the order they arrive: the index is the same for the same site
only if the records come in the same order, so callers add them in a fixed order (never the
order in which parallel workers happen to finish).
"""

from __future__ import annotations

import base64
import io
import json
import logging
import os
import queue
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from airf_site.errors import BuildError
from airf_site.site.search_bundle import prepare_bundle

log = logging.getLogger(__name__)

INDEX_DIR = "pagefind"
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
_GET_FILES, _STOP = object(), object()  # markers in the writer's queue


class PagefindService:
    """The `pagefind --service` child process.

    Same protocol as the `pagefind` package's asyncio client (base64 JSON messages ended by a
    comma on stdin/stdout), without its 0.1 s pause before reading each answer, which would
    cost five minutes at 3,000 pages.
    """

    def __init__(self, executable: Path, log_file: IO[bytes]):
        # One worker thread for Pagefind's async runtime (tokio reads TOKIO_WORKER_THREADS):
        # its indexing is sequential anyway; alone, it then spends ~10 % less CPU on the
        # benchmark's pages (within the noise of a whole build). Same index, byte for byte (tested).
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(INDEX_CHUNK_SIZE), TOKIO_WORKER_THREADS="1")
        self.process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=log_file, env=env)
        self._next_id = 0
        self._pending = bytearray()

    def write(self, payload: dict[str, Any]) -> None:
        """Send one request without waiting for its answer (buffered: `flush` sends it)."""
        assert self.process.stdin is not None
        self._next_id += 1
        # UTF-8 rather than \u escapes: a French page is ~10 % fewer bytes to encode and decode.
        message = json.dumps({"message_id": self._next_id, "payload": payload}, ensure_ascii=False).encode("utf-8")
        self.process.stdin.write(base64.b64encode(message) + b",")

    def flush(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.flush()

    def read(self) -> dict[str, Any]:
        """The next answer; raises RuntimeError on an error answer or when the service stopped."""
        stdout = self.process.stdout
        assert isinstance(stdout, io.BufferedReader)  # read1: what has arrived, without waiting for more
        end = self._pending.find(b",")
        while end < 0:
            chunk = stdout.read1(1 << 16)
            if not chunk:
                raise RuntimeError("le programme s'est arrêté pendant l'indexation")
            start = len(self._pending)
            self._pending += chunk
            end = self._pending.find(b",", start)
        raw = bytes(self._pending[:end])
        del self._pending[:end + 1]
        answer: dict[str, Any] = json.loads(base64.b64decode(raw))["payload"]
        if answer.get("type") == "Error":
            raise RuntimeError(answer.get("message", "erreur inconnue"))
        return answer

    def send(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request, wait for its answer; raises RuntimeError on an error answer."""
        self.write(payload)
        self.flush()
        return self.read()

    def close(self) -> None:
        """End the service: close its input, give it 10 s to exit, then kill it."""
        if self.process.stdin is not None:
            try:
                self.process.stdin.close()
            except OSError:  # it stopped with unread input: nothing left to send
                pass
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


class SearchIndexer:
    """One Pagefind index built in the background: `add` each page's record, then `files()`.

    A writer thread sends the records (a pipe holds 64 KB: the caller never waits for
    Pagefind) while a reader thread takes the answers; both only move bytes, so they cost the
    rendering little of the GIL. Use it as a context manager: leaving it stops the service, also
    when the build fails half-way.
    """

    def __init__(self) -> None:
        self._errors = tempfile.TemporaryFile()
        self._service = PagefindService(find_pagefind(), self._errors)
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._files: dict[str, bytes] | None = None
        self.count = 0  # pages added
        self.indexed = 0  # pages Pagefind has answered for
        try:
            self._index_id = self._service.send({"type": "NewIndex", "config": {"force_language": "fr"}})["index_id"]
        except (OSError, RuntimeError, ValueError, KeyError) as exc:
            error = self._error(exc)
            self.close()
            raise error from None
        self._writer = threading.Thread(target=self._write_loop, name="pagefind-writer", daemon=True)
        self._reader = threading.Thread(target=self._read_loop, name="pagefind-reader", daemon=True)
        self._writer.start()
        self._reader.start()

    def __enter__(self) -> SearchIndexer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, url: str, record: str) -> None:
        """Queue the record of the page at site URL `url` ("actualites/x/")."""
        self.count += 1
        self._queue.put({"type": "AddFile", "index_id": self._index_id, "url": "/" + url,
                         "file_path": None, "file_contents": record})

    def finish(self) -> None:
        """No more pages: Pagefind starts building the index files (returns at once)."""
        self._queue.put(_GET_FILES)

    def files(self) -> dict[str, bytes]:
        """Pagefind's bundle, path → bytes, ready to publish (`prepare_bundle`; waits for it);
        a BuildError if Pagefind failed."""
        self._reader.join()
        if self._files is None:
            try:  # a service that stopped by itself has written its last words: wait for them
                self._service.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                pass
            failure = self._failure or RuntimeError("index inachevé")
            error = failure if isinstance(failure, BuildError) else self._error(failure)
            self.close()
            raise error
        return self._files

    def close(self) -> None:
        """Stop the service and the threads (idempotent)."""
        self._queue.put(_STOP)
        if self._files is None:
            self._service.process.kill()  # unblocks a writer or reader still waiting on it
        writer, reader = getattr(self, "_writer", None), getattr(self, "_reader", None)
        if writer is not None:
            writer.join(timeout=10)  # before its pipe is closed under it
        self._service.close()
        if reader is not None:
            reader.join(timeout=10)
        self._errors.close()

    def _write_loop(self) -> None:
        try:
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    self._service.flush()  # let Pagefind work while the next pages render
                    item = self._queue.get()
                if item is _STOP:
                    return
                if item is _GET_FILES:
                    self._service.write({"type": "GetFiles", "index_id": self._index_id})
                    self._service.flush()
                    return
                self._service.write(item)
        except Exception as exc:  # noqa: BLE001 — the service stopped, or a record could not be sent
            self._failure = self._failure or exc
            self._service.process.kill()  # the reader then meets the end of the output: no hang

    def _read_loop(self) -> None:
        try:
            while True:
                answer = self._service.read()
                if answer.get("type") == "GetFiles":
                    # Made ready here, on this thread, while the build writes its last pages.
                    self._files = prepare_bundle({f["path"]: base64.b64decode(f["content"]) for f in answer["files"]})
                    return
                self.indexed += 1
        except Exception as exc:  # noqa: BLE001 — any failure here becomes the build's French error
            self._failure = self._failure or exc

    def _error(self, exc: BaseException) -> BuildError:
        try:
            self._errors.seek(0)
            detail = self._errors.read().decode("utf-8", "replace").strip()[-500:]
        except ValueError:  # already closed
            detail = ""
        return BuildError(f"index de recherche : Pagefind a échoué ({exc}{' : ' + detail if detail else ''}). "
                          "Le site précédent est conservé.")


def index_records(records: list[tuple[str, str]]) -> dict[str, bytes]:
    """Pagefind's bundle for `records` ((site URL, record HTML), in a fixed order), ready to
    publish: path → bytes."""
    with SearchIndexer() as indexer:
        for url, record in records:
            indexer.add(url, record)
        indexer.finish()
        return indexer.files()


def write_index(site_dir: Path, files: dict[str, bytes], cache_dir: Path | None = None) -> None:
    """Write the bundle `files` (ready to publish: `SearchIndexer.files`) into
    `site_dir/pagefind/`, without the files the site does not use.

    With `cache_dir`, each file is a hard link to its copy there, made only when new or changed:
    most of a rebuild's 4,000 files are then links, not new files. On this kind of machine (ext4
    without a journal) creating a file right after a build deleted the previous site's thousands
    of files costs up to 0.5 ms, the file system skipping recently freed inodes one by one, and
    deleting the old site then frees none of these inodes. Files whose bytes differ from their
    cached copy are written again: the cache is checked, never trusted.
    """
    bundle = {name: data for name, data in files.items() if name not in UNUSED}
    out = site_dir / INDEX_DIR
    for folder in sorted({(out / name).parent for name in bundle}):
        folder.mkdir(parents=True, exist_ok=True)
    for name, data in sorted(bundle.items()):
        if cache_dir is None or not _link_cached(cache_dir / name, out / name, data):
            (out / name).write_bytes(data)
    if cache_dir is not None:
        _prune(cache_dir, set(bundle))


def _link_cached(cached: Path, target: Path, data: bytes) -> bool:
    """Hard-link `target` to `cached`, (re)written first unless it already holds `data`;
    False where the file system has no hard links (another device, a FAT disk...)."""
    try:
        same = cached.read_bytes() == data
    except OSError:
        same = False
    try:
        if not same:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(cached.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(cached)  # atomic: a build stopped half-way leaves no truncated copy
        os.link(cached, target)
    except OSError:
        return False
    return True


def _prune(cache_dir: Path, kept: set[str]) -> None:
    """Remove what `cache_dir` holds besides the files `kept` (the last build's bundle)."""
    for folder, _, names in os.walk(cache_dir):
        for name in names:
            path = Path(folder) / name
            if path.relative_to(cache_dir).as_posix() not in kept:
                path.unlink(missing_ok=True)
