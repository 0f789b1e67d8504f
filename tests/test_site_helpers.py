"""Helpers shared by the site tests: build a tree, parse HTML with the stdlib, serve on loopback."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socketserver
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from conftest import FIXED_NOW, copy_repo_sources

import airf_site.build as orchestration
from airf_site.content.loader import load_project
from airf_site.project import Project
from airf_site.site.build import build_site


class Page(HTMLParser):
    """Every start tag with its attributes, and the visible text, of one HTML file."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.chunks: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def links(self) -> list[str]:
        return [a["href"] for t, a in self.tags if t == "a" and "href" in a]

    def meta(self, prop: str) -> str | None:
        for t, a in self.tags:
            if t == "meta" and (a.get("property") == prop or a.get("name") == prop):
                return a.get("content")
        return None


def read_page(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def resolve(url: str, href: str) -> str:
    """Relative href found on page `url` → site-relative URL ('../../x/' from 'a/b/' → 'x/')."""
    parts = [p for p in url.split("/") if p]
    href = href.split("#")[0].split("?")[0]
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece not in (".", ""):
            parts.append(piece)
    return "/".join(parts) + ("/" if href.endswith("/") and parts else "")


def sample_tree(dest: Path, extra: dict[str, str] | None = None) -> Path:
    """A copy of the repo's sources under `dest` (copy_repo_sources), plus `extra` files (path → text)."""
    copy_repo_sources(dest)
    for rel, text in (extra or {}).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dest


@contextlib.contextmanager
def pinned_date(day: str = "2026-11-28") -> Iterator[None]:
    old = os.environ.get("AIRF_BUILD_DATE")
    os.environ["AIRF_BUILD_DATE"] = day
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("AIRF_BUILD_DATE", None)
        else:
            os.environ["AIRF_BUILD_DATE"] = old


def build_tree(root: Path, before=None):
    """Load and build the site of the tree at `root` with the fixed test date; (project, index, site).

    `before(project, index)` runs between loading and building (e.g. to drop a PDF in build/).
    """
    with pinned_date():
        project = Project.load(root, now=FIXED_NOW)
        index, diags = load_project(project)
        assert not [d for d in diags if d.is_error], [d.format() for d in diags]
        if before is not None:
            before(project, index)
        site = build_site(project, index, orchestration.site_pages(project, index))
    return project, index, site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (random port); yields the base URL."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
