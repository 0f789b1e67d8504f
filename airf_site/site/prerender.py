"""Run the article jobs on all CPU cores: Markdown conversion, templates, shell, file write.

Converting Markdown is most of a large build's work and every article is independent, so the
jobs (closures over the already built `Site` and shells) run in forked workers, which inherit
them without pickling and write their page themselves; only small results (search entries,
the HTML the feeds need) travel back. Small sites, or systems without `fork`, run in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MIN_PARALLEL = 200  # below this, starting workers costs more than it saves
CHUNK = 40

_JOBS: Sequence[Callable[[], Any]] = ()


def _run(bounds: tuple[int, int]) -> list[Any]:
    start, end = bounds
    return [job() for job in _JOBS[start:end]]


def workers_available() -> int:
    """Worker processes to use: 1 (in-process) without `fork` or when other threads run.

    Forking a multi-threaded process (the live preview server, file watchers) can copy a lock
    held by another thread and hang the child, so those builds stay in-process.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return min(os.cpu_count() or 1, 8)


def run_jobs(jobs: Sequence[Callable[[], Any]], workers: int | None = None) -> list[Any]:
    """Results of `jobs` in order, computed by forked workers when worth it."""
    global _JOBS
    workers = workers or workers_available()
    if len(jobs) < MIN_PARALLEL or workers < 2:
        return [job() for job in jobs]
    _JOBS = jobs
    try:
        bounds = [(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run, bounds) for result in chunk]
    finally:
        _JOBS = ()
