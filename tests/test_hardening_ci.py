"""Issue #18, rows 13 and 14: atomic output under concurrency; CI annotations and pinned workflow."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
import yaml

from airf_site.commands.common import github_annotation
from airf_site.errors import Diagnostic
from airf_site.write import atomic_dir

REPO = Path(__file__).resolve().parent.parent


# --- row 13: two builds at once, a killed build ------------------------------------------------


def test_two_builds_at_once_do_not_race(tmp_path):
    target = tmp_path / "site"
    errors: list[BaseException] = []
    inside = threading.Event()

    def build(name: str, pause: float) -> None:
        try:
            with atomic_dir(target) as tmp:
                inside.set()
                (tmp / "index.html").write_text(name, encoding="utf-8")
                time.sleep(pause)
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    first = threading.Thread(target=build, args=("un", 0.5))
    first.start()
    inside.wait(5)
    second = threading.Thread(target=build, args=("deux", 0.0))
    second.start()
    first.join(10)
    second.join(10)
    assert errors == []
    # The second build waited for the first: its output is the one left.
    assert (target / "index.html").read_text(encoding="utf-8") == "deux"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_a_killed_build_are_cleaned(tmp_path):
    target = tmp_path / "site"
    for stale in (".site.tmp-abc123", ".site.old", ".site.old-0f0f"):
        (tmp_path / stale / "x").mkdir(parents=True)
    (tmp_path / "autre").mkdir()
    with atomic_dir(target) as tmp:
        (tmp / "a").write_text("a", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autre", "site"]


def test_failed_build_keeps_previous_output(tmp_path):
    target = tmp_path / "site"
    with atomic_dir(target) as tmp:
        (tmp / "a").write_text("ancien", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_dir(target) as tmp:
        (tmp / "a").write_text("nouveau", encoding="utf-8")
        raise RuntimeError("panne")
    assert (target / "a").read_text(encoding="utf-8") == "ancien"


# --- row 14: annotation injection and the workflow ------------------------------------------


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command as the GitHub runner does (properties split on ',' then '=')."""
    match = re.fullmatch(r"::(\w+) (.*?)::(.*)", line)
    assert match, line
    unescape = lambda v: v.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")  # noqa: E731
    props = dict(p.split("=", 1) for p in match[2].split(","))
    return match[1], {k: unescape(v) for k, v in props.items()}, unescape(match[3])


def test_annotation_file_name_cannot_inject_properties():
    name = "content/actualites/a,title=X,line=999::x.md"
    diag = Diagnostic(name, 3, "100 % : ligne\r\ncassée", hint="x,y::z")
    line = github_annotation(diag)
    assert "\n" not in line and "\r" not in line
    level, props, message = parse_command(line)
    assert level == "error" and props == {"file": name, "line": "3"}
    assert message == "100 % : ligne\r\ncassée — conseil : x,y::z"


def _uses(data) -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "uses":
                found.append(value)
            found += _uses(value)
    elif isinstance(data, list):
        for item in data:
            found += _uses(item)
    return found


def test_actions_and_container_are_pinned_by_digest():
    text = (REPO / ".github/workflows/site.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    uses = _uses(data)
    assert len(uses) >= 6
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", ref), ref
        line = next(line for line in text.splitlines() if ref in line)
        assert re.search(r"# v\d+\.\d+\.\d+$", line), line  # the comment names the release
    image = data["jobs"]["build"]["container"]["image"]
    assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image)
    gitlab = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert gitlab["default"]["image"] == image


def test_checkout_does_not_keep_the_token():
    data = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    for job in data["jobs"].values():
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
