"""Run the article jobs on all CPU cores: Markdown conversion, templates, shell, file write.

Converting Markdown is most of a large build's work and every article is independent. The jobs
(picklable partials over the built `Site` and the folder shells) are pickled once to a file read
by worker processes started with `spawn` — safe on macOS and in threaded processes such as the
live preview, unlike `fork` — while the main process renders chunks too, so the workers' start
(importing the toolkit, unpickling the model) costs no wall-clock time. Workers write their
pages themselves; only small results (search entries, the HTML the feeds need) travel back.

A template error keeps its `path:line` either way: `run_job` turns it into a `TemplateFailure`
(picklable, location computed where the traceback still exists), serial or parallel alike.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import pickle
import tempfile
import traceback
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

import jinja2

MIN_PARALLEL = 200  # below this, starting workers costs more than it saves
CHUNK = 40
START_METHOD = "spawn"  # the same on Linux, macOS and Windows; `fork` is unsafe on macOS
IN_FLIGHT = 2  # chunks queued per worker, so a worker never waits for the main process
MAIN_RENDERS = True  # the main process renders chunks too (tests turn it off to exercise the workers)

_JOBS: Sequence[Callable[[], Any]] = ()
_ROOT: Path = Path(".")


class TemplateFailure(Exception):
    """A template error in a page job, with its location (picklable, unlike the traceback)."""

    def __init__(self, location: str, message: str):
        super().__init__(location, message)
        self.location, self.message = location, message

    def __str__(self) -> str:
        return f"{self.location}erreur de gabarit : {self.message}"


def template_location(exc: BaseException, root: Path) -> str:
    """'layouts/web/airf/article.html:12: ' for the innermost template frame of `exc`, if any."""
    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):
        path, line = Path(exc.filename), exc.lineno  # type: ignore[attr-defined]
    else:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
        if not frames:
            return ""
        path, line = Path(frames[-1].filename), frames[-1].lineno
    try:
        path = path.resolve().relative_to(root.resolve())
    except ValueError:
        pass
    return f"{path}:{line}: "


def run_job(job: Callable[[], Any], root: Path) -> Any:
    """`job()`, a template error becoming a `TemplateFailure` located relative to `root`."""
    try:
        return job()
    except jinja2.TemplateError as exc:
        raise TemplateFailure(template_location(exc, root), exc.message or str(exc)) from None


def _init_worker(payload: str) -> None:
    global _JOBS, _ROOT
    try:
        with open(payload, "rb") as f:
            _JOBS, _ROOT = pickle.load(f)
    except FileNotFoundError:
        pass  # started after the main process finished everything alone: nothing to do


def _ready() -> bool:
    return True


def _run(bounds: tuple[int, int]) -> list[Any]:
    start, end = bounds
    return [run_job(job, _ROOT) for job in _JOBS[start:end]]


def workers_available() -> int:
    """Processes to use, the main one included (1: everything in-process)."""
    return min(os.cpu_count() or 1, 8)


def run_jobs(jobs: Sequence[Callable[..., Any]], root: Path, workers: int | None = None,
             on_result: Callable[[int, Any], None] | None = None,
             main_options: dict[str, Any] | None = None) -> list[Any]:
    """Results of `jobs` in order, computed by the main process and `workers - 1` spawned ones.

    `on_result(i, result)` is called in the main thread as results come in, in job order
    (a chunk finished early waits for the ones before it), so the search index can be fed
    while the rest renders, in an order that does not depend on timing. The jobs the main
    process runs are called with the keyword arguments `main_options` (the plugin has them
    hand their file back instead of writing it, to write it while Pagefind finishes).
    """
    workers = workers or workers_available()

    def local(job: Callable[..., Any]) -> Any:
        return run_job(functools.partial(job, **main_options) if main_options else job, root)

    if len(jobs) < MIN_PARALLEL or workers < 2:
        out = []
        for i, job in enumerate(jobs):
            out.append(local(job))
            if on_result is not None:
                on_result(i, out[-1])
        return out
    # The jobs reach the workers through a file: sent through the start-up pipe instead, they
    # would block the main process until each worker has finished starting.
    scratch = tempfile.TemporaryDirectory(prefix="airf-jobs-")
    payload = os.path.join(scratch.name, "jobs.pickle")
    with open(payload, "wb") as f:
        pickle.dump((list(jobs), root), f, protocol=pickle.HIGHEST_PROTOCOL)
    bounds = [(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
    results: list[list[Any] | None] = [None for _ in bounds]
    todo = deque(range(len(bounds)))
    emitted = 0  # chunks handed to on_result
    in_flight: dict[Future, int] = {}
    pool = ProcessPoolExecutor(max_workers=workers - 1, mp_context=multiprocessing.get_context(START_METHOD),
                               initializer=_init_worker, initargs=(payload,))
    # Workers get chunks only once started (the probe returned): until then the main process
    # works alone, so a slow start never leaves chunks waiting in a queue at the end.
    ready = [pool.submit(_ready) for _ in range(workers - 1)]

    def emit() -> None:
        nonlocal emitted
        while emitted < len(bounds) and (done := results[emitted]) is not None:
            if on_result is not None:
                for offset, result in enumerate(done):
                    on_result(bounds[emitted][0] + offset, result)
            emitted += 1

    def collect_and_refill() -> None:
        for future in [f for f in in_flight if f.done()]:
            results[in_flight.pop(future)] = future.result()
            emit()
        started = sum(f.done() for f in ready)
        while todo and len(in_flight) < IN_FLIGHT * started:
            chunk = todo.popleft()  # chunks are taken in order, so results come in nearly in order
            in_flight[pool.submit(_run, bounds[chunk])] = chunk

    finished = False
    try:
        collect_and_refill()
        while todo and not MAIN_RENDERS:
            wait([*in_flight, *(f for f in ready if not f.done())], return_when=FIRST_COMPLETED)
            collect_and_refill()
        while todo:
            chunk = todo.popleft()
            start, end = bounds[chunk]
            done = []
            for job in jobs[start:end]:
                done.append(local(job))
                collect_and_refill()
            results[chunk] = done
            emit()
        for future, chunk in sorted(in_flight.items(), key=lambda item: item[1]):
            results[chunk] = future.result()
            emit()
        finished = True
    finally:
        # Workers still starting are not waited for: they have nothing left to do and exit.
        pool.shutdown(wait=finished and all(f.done() for f in ready), cancel_futures=True)
        scratch.cleanup()
    return [result for chunk in results for result in chunk or ()]
