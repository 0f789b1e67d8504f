"""The MkDocs seam and parallel rendering: unsupported plugins (Material's search included) are
refused, template errors keep their location in worker processes."""

from __future__ import annotations

import functools
import os
import pickle
import time

import pytest
from test_site_build import small_tree, snapshot
from test_site_helpers import build_tree

import airf_site.site.prerender as prerender
from airf_site.errors import BuildError
from airf_site.site.mkdocs_plugin import SUPPORTED_PLUGINS

AIRF_BLOCK = "  - airf:\n      news_per_page: 20\n"


def airf_last(text: str) -> str:
    """mkdocs.yml with the airf plugin moved after every other plugin."""
    assert AIRF_BLOCK in text
    text = text.replace(AIRF_BLOCK, "")
    head, tail = text.split("\nplugins:\n", 1)
    lines = tail.split("\n")
    end = next(i for i, line in enumerate(lines) if line and not line.startswith(" "))
    return head + "\nplugins:\n" + "\n".join(lines[:end]).rstrip("\n") + "\n" + AIRF_BLOCK + "\n" + "\n".join(lines[end:])


def test_material_search_plugin_is_refused(make_project):
    """The site's search is Pagefind: Material's lunr search would index the nav pages only."""
    root = small_tree(make_project, count=1)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - search\n"), encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build_tree(root)
    assert "greffon MkDocs non pris en charge « search »" in str(info.value)


def test_unsupported_plugin_is_refused_in_french(make_project):
    root = small_tree(make_project, count=1)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\nplugins:\n", "\nplugins:\n  - tags\n  - offline\n"), encoding="utf-8")
    line = text.split("\n").index("plugins:") + 2
    with pytest.raises(BuildError) as info:
        build_tree(root)
    message = str(info.value)
    assert message.splitlines()[:2] == [
        f"mkdocs.yml:{line}: greffon MkDocs non pris en charge « tags »",
        f"mkdocs.yml:{line + 1}: greffon MkDocs non pris en charge « offline »",
    ]
    assert "conseil : le site ne prend en charge que « airf »" in message
    assert not (root / "build" / "site").exists()


def test_supported_plugins_are_those_of_the_sample():
    from conftest import REPO
    from mkdocs.config import load_config

    assert set(load_config(str(REPO / "mkdocs.yml")).plugins) == set(SUPPORTED_PLUGINS)


def broken_article(root):
    template = root / "layouts/web/airf/article.html"
    lines = template.read_text(encoding="utf-8").split("\n")
    lines.insert(2, "{{ faute_de_frappe }}")
    template.write_text("\n".join(lines), encoding="utf-8")


def build_error(root) -> str:
    with pytest.raises(BuildError) as info:
        build_tree(root)
    return str(info.value)


def test_template_error_same_message_serial_and_parallel(make_project, monkeypatch):
    root = small_tree(make_project, count=6)
    broken_article(root)
    serial = build_error(root)
    assert serial == ("layouts/web/airf/article.html:3: erreur de gabarit : 'faute_de_frappe' is undefined. "
                      "Le site précédent est conservé.")
    monkeypatch.setattr(prerender, "MIN_PARALLEL", 1)
    monkeypatch.setattr(prerender, "MAIN_RENDERS", False)  # only the spawned workers render
    monkeypatch.setattr(prerender, "workers_available", lambda: 2)
    assert build_error(root) == serial


def test_parallel_rendering_gives_the_same_site(make_project, monkeypatch):
    root = small_tree(make_project, count=12)
    serial = snapshot(build_tree(root)[2])
    monkeypatch.setattr(prerender, "MIN_PARALLEL", 1)
    monkeypatch.setattr(prerender, "CHUNK", 5)
    monkeypatch.setattr(prerender, "MAIN_RENDERS", False)
    monkeypatch.setattr(prerender, "workers_available", lambda: 2)
    submitted = []
    real = prerender.ProcessPoolExecutor

    class Counting(real):
        def submit(self, fn, *args, **kwargs):
            submitted.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(prerender, "ProcessPoolExecutor", Counting)
    parallel = snapshot(build_tree(root)[2])
    assert submitted.count("_run") >= 3  # every article rendered in the worker, 5 per chunk
    assert parallel.keys() == serial.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []


def pid_job(parent: int) -> int:
    """Slow in the main process (12 s for all the jobs), instant in a worker: both get chunks
    however slowly the worker starts on a loaded machine."""
    if os.getpid() == parent:
        time.sleep(0.03)
    return os.getpid()


def test_main_process_and_workers_share_the_jobs(tmp_path):
    """Results come back in job order, each chunk from one process; the main process renders too."""
    jobs = [functools.partial(pid_job, os.getpid())] * 400
    seen: list[tuple[int, int]] = []
    pids = prerender.run_jobs(jobs, tmp_path, workers=2, on_result=lambda i, pid: seen.append((i, pid)))
    assert len(pids) == 400
    assert seen == list(enumerate(pids))  # every result handed over once, in job order
    assert os.getpid() in pids
    assert len(set(pids)) == 2
    chunks = [pids[i:i + prerender.CHUNK] for i in range(0, 400, prerender.CHUNK)]
    assert all(len(set(chunk)) == 1 for chunk in chunks)


def tagged_pid_job(parent: int, where: str = "worker") -> tuple[int, str]:
    if os.getpid() == parent:
        time.sleep(0.03)
    return os.getpid(), where


def test_main_options_reach_the_main_process_jobs_only(tmp_path):
    """The plugin has the main process hand its pages back (written later) with `main_options`;
    workers, which write their own pages, never get them."""
    jobs = [functools.partial(tagged_pid_job, os.getpid())] * 400
    results = prerender.run_jobs(jobs, tmp_path, workers=2, main_options={"where": "main"})
    assert {where for pid, where in results if pid == os.getpid()} == {"main"}
    assert {where for pid, where in results if pid != os.getpid()} == {"worker"}
    serial = prerender.run_jobs(jobs[:5], tmp_path, workers=1, main_options={"where": "main"})
    assert serial == [(os.getpid(), "main")] * 5


def test_template_failure_survives_pickling():
    failure = prerender.TemplateFailure("layouts/web/airf/article.html:3: ", "'x' is undefined")
    again = pickle.loads(pickle.dumps(failure))
    assert str(again) == "layouts/web/airf/article.html:3: erreur de gabarit : 'x' is undefined"


def test_results_handed_over_in_job_order_serial_too(tmp_path):
    jobs = [functools.partial(int, str(k)) for k in range(7)]
    seen: list[tuple[int, int]] = []
    assert prerender.run_jobs(jobs, tmp_path, workers=1, on_result=lambda i, r: seen.append((i, r))) == list(range(7))
    assert seen == [(k, k) for k in range(7)]
