"""Packaging: the lock file pins every dependency of pyproject.toml (a dependency added without
`make lock` fails here, not on a colleague's machine), and the wheel's package data exists."""

from __future__ import annotations

import re
import tomllib

from conftest import REPO
from packaging.requirements import Requirement

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)", line)
        if match:
            pins.setdefault(normal(match.group(1)), []).append(match.group(2))
    return pins


def test_lock_pins_every_dependency_within_its_range():
    project = PYPROJECT["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]
    pins = locked()
    missing = [str(r) for r in wanted if normal(r.name) not in pins]
    assert missing == [], "lancez « make lock » après avoir changé pyproject.toml"
    outside = [(str(r), pins[normal(r.name)]) for r in wanted
               if not any(r.specifier.contains(v, prereleases=True) for v in pins[normal(r.name)])]
    assert outside == [], "lancez « make lock » après avoir changé pyproject.toml"
    blocks = re.split(r"\n(?=[A-Za-z0-9._-]+==)", (REPO / "requirements.lock").read_text(encoding="utf-8"))[1:]
    assert len(blocks) >= len(pins)
    assert [b.split()[0] for b in blocks if "--hash=sha256:" not in b] == []  # pip installs it with --require-hashes


def test_package_data_exists_and_license_is_spdx():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["airf_site"]
    package = REPO / "airf_site"
    assert "py.typed" in patterns and (package / "py.typed").is_file()
    for pattern in patterns:
        assert list(package.glob(pattern)), f"package-data « {pattern} » ne désigne aucun fichier"
