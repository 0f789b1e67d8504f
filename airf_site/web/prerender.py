"""Convert every document's Markdown once, on all CPU cores, before the pages are rendered.

Markdown conversion is most of a large build's work and each document is independent, so
the bodies are converted in a pool of forked workers and stored in the documents' cache
(`doc.html`): the site, feeds, e-mail and print then reuse the same HTML.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable

from ..content.models import Document
from ..markdown import render_markdown

MIN_PARALLEL = 200  # below this, starting workers costs more than it saves
CHUNK = 50


def _convert(bodies: list[str]) -> list[str]:
    return [render_markdown(body) for body in bodies]


def prerender(documents: Iterable[Document], workers: int | None = None) -> int:
    """Fill the HTML cache of `documents` not rendered yet; returns how many were converted."""
    todo = [d for d in documents if d._html is None]
    workers = workers or min(os.cpu_count() or 1, 8)
    if len(todo) < MIN_PARALLEL or workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for doc in todo:
            doc.html  # noqa: B018 - fills the cache
        return len(todo)
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        for chunk, results in zip(chunks, pool.map(_convert, [[d.body for d in c] for c in chunks])):
            for doc, html in zip(chunk, results):
                doc._html = html
    return len(todo)
