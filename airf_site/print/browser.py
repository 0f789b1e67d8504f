"""Find, install and launch Chromium for PDF printing and browser tests.

Order: `AIRF_CHROMIUM`, then Debian's/the system's chromium, then Playwright's own download.
`python -m airf_site.print.browser ensure` installs Debian's `chromium` with apt when running as root
and none is found (Playwright cannot download browsers on machines without internet).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from airf_site.errors import BuildError

# Flags that keep Chromium from phoning home (refused connections slow start-up here) and let
# it run as root in containers.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--font-render-hinting=none",
]
SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]


def _playwright_browser() -> str | None:
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
        return path if path and Path(path).exists() else None
    except Exception:  # noqa: BLE001 - any failure means "no Playwright browser here"
        return None


def find_chromium(use_playwright: bool = True) -> str | None:
    """Path of a Chromium executable, or None."""
    env = os.environ.get("AIRF_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    for name in SYSTEM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return _playwright_browser() if use_playwright else None


def ensure_chromium() -> str:
    """Find Chromium or install Debian's package (root only); raise BuildError otherwise."""
    path = find_chromium()
    if path:
        return path
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Chromium introuvable : installation du paquet Debian « chromium »…", file=sys.stderr)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
        path = find_chromium()
        if path:
            return path
    raise BuildError(
        "Chromium est introuvable. Installez le paquet « chromium » (sudo apt-get install chromium) "
        "ou indiquez son chemin dans la variable AIRF_CHROMIUM."
    )


@contextlib.contextmanager
def launch(headless: bool = True) -> Iterator[object]:
    """Context manager yielding a Playwright Browser on the Chromium found."""
    from playwright.sync_api import sync_playwright

    path = find_chromium()
    if path is None:
        raise BuildError("Chromium est introuvable : lancez « make all » ou définissez AIRF_CHROMIUM.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=headless, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def main(argv: list[str]) -> int:
    if argv[:1] == ["ensure"]:
        try:
            print(ensure_chromium())
        except (BuildError, subprocess.CalledProcessError) as exc:
            print(f"erreur : {exc}", file=sys.stderr)
            return 1
        return 0
    path = find_chromium()
    print(path or "introuvable")
    return 0 if path else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
