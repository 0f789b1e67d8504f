"""Shared fixtures: a tmp_path project builder, the sample project, and Chromium."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import textwrap
import unicodedata
from pathlib import Path

import pytest

from airf_site.content.loader import load_project
from airf_site.print.browser import find_chromium
from airf_site.project import PARIS, Project

REPO = Path(__file__).resolve().parent.parent
# A fixed "now" so tests about upcoming/past events and open/closed calls are stable.
FIXED_NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=PARIS)

THEMES = """\
- id: francophonie-des-territoires
  numero: 1
  titre: Francophonie des territoires
  resume: Décentralisation et gouvernance.
  couleur: "#1d4e89"
- id: environnement-eau-energies-climat
  numero: 4
  titre: Environnement, eau, énergies et climat
  resume: Climat et eau.
  couleur: "#1e8449"
"""
MEMBERS = """\
- id: rabat-sale-kenitra
  nom: Région Rabat-Salé-Kénitra
  pays: MA
  type: région
"""
PROJECT = """\
---
titre: COOP'R
nom_complet: Coopération biodiversité
resume: Un projet.
annee_debut: 2024
cofinanceur: MEAE
couleur: "#1e8449"
---
Texte.
"""


def ascii_id(value: str | bytes) -> str:
    """A test id pytest can select again by node id: ASCII, no backslash or control character.

    mutmut re-runs each test by its node id; pytest writes « é » or a newline in an id as
    `\\xe9` or `\\n`, which it then cannot find on its own command line (exit code 4).
    """
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^ -\[\]-~]+", "_", text)


def pytest_make_parametrize_id(config, val, argname):
    """Parametrized strings (French text, YAML with newlines) get an ASCII id (`ascii_id`)."""
    if isinstance(val, (str, bytes)):
        return ascii_id(val)
    return None


class ProjectBuilder:
    """Writes a small content tree under tmp_path; `load()` returns (index, diagnostics)."""

    def __init__(self, root: Path):
        self.root = root
        self.write("content/donnees/themes.yml", THEMES)
        self.write("content/donnees/membres.yml", MEMBERS)
        self.write("content/projets/coopr.md", PROJECT)

    def write(self, rel: str, text: str | bytes, dedent: bool = True) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8", newline="")
        return path

    def image(self, rel: str = "content/images/test.png") -> Path:
        from PIL import Image

        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (1200, 630), (29, 78, 137)).save(path)
        return path

    def project(self) -> Project:
        return Project.load(self.root, now=FIXED_NOW)

    def load(self):
        return load_project(self.project())


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectBuilder:
    return ProjectBuilder(tmp_path)


@pytest.fixture(scope="session")
def sample_project() -> Project:
    """The repository's own sample content, with the fixed build date."""
    return Project.load(REPO, now=FIXED_NOW)


@pytest.fixture(scope="session")
def sample_index(sample_project):
    index, diags = load_project(sample_project)
    return index


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Chromium's path; a missing browser fails under CI=true instead of skipping."""
    path = find_chromium()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium est introuvable alors que CI=true : lancez « make test » (il l'installe)")
        pytest.skip("Chromium introuvable (hors CI)")
    return path


def copy_repo_sources(dest: Path) -> Path:
    """Copy the project's sources (not build/ or .venv/) to `dest` for builds in isolation."""
    for name in ("content", "layouts", "newsletters", "annual_report", "mkdocs.yml"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest
