"""Finding and installing Chromium: AIRF_CHROMIUM first, then the system, then apt as root."""

from __future__ import annotations

import subprocess

import pytest

from airf_site.errors import BuildError
from airf_site.print import browser


def test_airf_chromium_wins(monkeypatch, tmp_path):
    exe = tmp_path / "mon-chromium"
    exe.write_text("#!/bin/sh\n")
    monkeypatch.setenv("AIRF_CHROMIUM", str(exe))
    assert browser.find_chromium() == str(exe)
    monkeypatch.setenv("AIRF_CHROMIUM", str(tmp_path / "absent"))
    assert browser.find_chromium() is None


def test_ensure_installs_debian_chromium_as_root(monkeypatch):
    found = iter([None, "/usr/bin/chromium"])
    calls = []
    monkeypatch.setattr(browser, "find_chromium", lambda use_playwright=True: next(found))
    monkeypatch.setattr(browser.os, "geteuid", lambda: 0)
    monkeypatch.setattr(browser.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    monkeypatch.setattr(browser.subprocess, "run", lambda cmd, **kw: calls.append(cmd) or subprocess.CompletedProcess(cmd, 0))
    assert browser.ensure_chromium() == "/usr/bin/chromium"
    assert calls == [["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]]


def test_ensure_without_root_says_what_to_do(monkeypatch):
    monkeypatch.setattr(browser, "find_chromium", lambda use_playwright=True: None)
    monkeypatch.setattr(browser.os, "geteuid", lambda: 1000)
    with pytest.raises(BuildError, match="Installez le paquet « chromium »"):
        browser.ensure_chromium()
