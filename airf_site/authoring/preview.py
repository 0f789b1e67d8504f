"""Live preview for `airf serve`: build the site, serve it on localhost, rebuild on change.

- Only the site is rebuilt (the fast path: no PDF), in a background thread, after a short
  debounce so one "save" that touches several files triggers one build.
- On validation errors the terminal prints them and every HTML page of the preview is replaced
  by an error page listing them (`path:line: message`, in French): the editor never looks at a
  stale page believing it is up to date.
- Each HTML page gets a tiny script polling `/_airf/version`; the page reloads when a build
  finishes (live reload without websockets or third-party code).
- `/_apercu/` lists the newsletter and report outputs found in build/ (HTML previews).

The pages the preview shows of its own (error page, warning banner, `/_apercu/`) are rendered
by `authoring/preview_pages.py`.
"""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from airf_site.authoring.preview_pages import (
    PREVIEW_DIRS,
    current_issue_ids,
    inject_reload,
    localize_email_images,
    render_error_page,
    render_preview_index,
)
from airf_site.build import build
from airf_site.caches import BuildCaches
from airf_site.content.placeholders import check_placeholders
from airf_site.errors import AirfError, ContentError, Diagnostic, summarize
from airf_site.project import Project

WATCHED = ("content", "layouts", "newsletters", "annual_report", "mkdocs.yml")
# Host names the preview answers to: a page on another site cannot reach it by DNS rebinding.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def request_path(raw: str) -> str | None:
    """The URL path of a request, decoded and normalised; None when it climbs with « .. »."""
    path = unquote(urlsplit(raw).path)
    parts = path.split("/")
    if ".." in parts or "\\" in path or "\x00" in path:
        return None
    return path


def local_host(header: str | None, bound: str) -> bool:
    """Whether a Host header names this machine (or the address the preview was bound to)."""
    if not header:
        return False
    name = header.strip().lower()
    if name.startswith("["):
        name = name[: name.find("]") + 1]
    elif name.count(":") == 1:
        name = name.split(":")[0]
    return name in LOCAL_HOSTS or (bound not in ("0.0.0.0", "::", "") and name == bound.lower())
# Decap CMS bundle (5 MB: installed from npm on demand, never committed nor published).
DECAP_BUNDLE = Path(".cache/npm/node_modules/decap-cms/dist/decap-cms.js")
DEBOUNCE = 0.25  # seconds of quiet before rebuilding
# Editors' swap/backup files: saving them must not trigger a build.
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part", ".crdownload")

BuildFunc = Callable[[Project], list[Diagnostic]]


def build_site_only(project: Project) -> list[Diagnostic]:
    """Default fast path: validate everything, build only the site; returns the warnings."""

    warnings = build(project, ["site"], log=lambda *a, **k: None, placeholders=False)
    # « À compléter » left by `airf new`: a warning here (the preview must still show the page).
    todo = [Diagnostic(d.path, d.line, d.message, "avertissement", d.hint) for d in check_placeholders(project)]
    return sorted(set(warnings) | set(todo))


@dataclass
class PreviewState:
    """What the server shows: the build version, and the errors of the last build if it failed."""

    version: int = 0
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    crash: str | None = None  # unexpected failure (a bug, not the editor's fault)
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Preview:
    """The preview server: state, HTTP server, rebuild thread and file watcher."""

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 8000,
                 build_func: BuildFunc = build_site_only, log: Callable[[str], None] = print,
                 caches: BuildCaches | None = None):
        self.root = Path(root).resolve()
        self.caches = caches  # kept across rebuilds (airf_site/caches.py); None: none
        self.host = host
        self.build_func = build_func
        self.log = log
        self.state = PreviewState()
        self.site_dir = self.root / "build" / "site"
        self._changed = threading.Event()
        self._stop = threading.Event()
        self._build_lock = threading.Lock()
        self._observer: Any = None  # watchdog's Observer once watching
        self._serving = False
        self._touched: set[str] = set()  # top-level folders changed since the last build
        self.server = ThreadingHTTPServer((host, port), self._handler_class())
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    # --- building ---

    def rebuild(self) -> bool:
        """Build once; update the state shown by the server. True when the site was updated."""
        with self._build_lock:
            started = time.perf_counter()
            errors: list[Diagnostic] = []
            warnings: list[Diagnostic] = []
            crash = None
            try:
                warnings = self.build_func(Project.load(self.root, caches=self.caches))
            except ContentError as exc:
                errors = list(exc.diagnostics)
            except AirfError as exc:
                crash = str(exc)
            except Exception:  # a bug must not kill the preview: show it and keep watching
                crash = traceback.format_exc()
            seconds = time.perf_counter() - started
            with self.state.lock:
                self.state.errors, self.state.warnings, self.state.crash = errors, warnings, crash
                self.state.seconds = seconds
                self.state.version += 1
            self._report(seconds)
            return not errors and crash is None

    def rebuild_newsletters(self) -> None:
        """After a change in newsletters/: the e-mails too (build/newsletters/), for /_apercu/."""
        try:
            build(Project.load(self.root, caches=self.caches), ["newsletters"], log=lambda *a, **k: None, placeholders=False)
        except ContentError as exc:
            for diag in exc.diagnostics:
                self.log(diag.format())
            return
        except Exception as exc:  # the site preview keeps working; say what failed
            self.log(f"erreur : lettres d'information non reconstruites ({exc})")
            return
        with self.state.lock:
            self.state.version += 1
        self.log(f"Lettres d'information reconstruites — {self.url}_apercu/")

    def _report(self, seconds: float) -> None:
        state = self.state
        for diag in state.errors + state.warnings:
            self.log(diag.format())
        if state.errors:
            self.log(summarize(state.errors + state.warnings) + " Le navigateur affiche ces erreurs.")
        elif state.crash:
            self.log(f"erreur : {state.crash.strip()}")
        else:
            self.log(f"Site reconstruit en {seconds:.2f} s — {self.url}")

    def _rebuild_loop(self) -> None:
        while not self._stop.is_set():
            if not self._changed.wait(timeout=0.5):
                continue
            # Debounce: wait until the files have been quiet for DEBOUNCE seconds.
            while True:
                self._changed.clear()
                if self._stop.wait(DEBOUNCE) or not self._changed.is_set():
                    break
            if not self._stop.is_set():
                with self.state.lock:
                    touched, self._touched = self._touched, set()
                if self.rebuild() and "newsletters" in touched:
                    self.rebuild_newsletters()

    def notify(self, path: str) -> None:
        """Called by the watcher for each changed path."""
        name = Path(path).name
        if name.startswith((".#", "#")) or name.endswith(IGNORED_SUFFIXES):
            return
        try:
            top = Path(path).resolve().relative_to(self.root).parts[0]
        except (ValueError, IndexError):
            top = ""
        with self.state.lock:
            self._touched.add(top)
        self._changed.set()

    def start_watching(self) -> None:
        """Watch the source folders (watchdog) and rebuild in a background thread."""
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        preview = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed_no_write"):
                    return  # reads (inotify) are not changes
                if event.is_directory and event.event_type == "modified":
                    return
                preview.notify(getattr(event, "dest_path", "") or event.src_path)

        observer = Observer()
        handler = Handler()
        for name in WATCHED:
            path = self.root / name
            if path.is_dir():
                observer.schedule(handler, str(path), recursive=True)
        if (self.root / "mkdocs.yml").is_file():
            observer.schedule(handler, str(self.root), recursive=False)
        observer.daemon = True
        observer.start()
        self._observer = observer
        threading.Thread(target=self._rebuild_loop, name="airf-rebuild", daemon=True).start()

    def serve_forever(self) -> None:
        self._serving = True
        self.server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        self._stop.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
        if self._serving:  # shutdown() waits for serve_forever: never call it if not serving
            self.server.shutdown()
        self.server.server_close()

    # --- serving ---

    def _handler_class(self):
        preview = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(preview.site_dir), **kwargs)

            def log_message(self, format, *args):  # noqa: A002 - quiet: the terminal is for errors
                pass

            def end_headers(self):
                # The preview changes constantly: never let the browser cache it.
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def do_HEAD(self):
                self.do_GET()

            def do_GET(self):
                if not local_host(self.headers.get("Host"), preview.host):
                    return self._send(HTTPStatus.FORBIDDEN, "<h1>Hôte non autorisé</h1>".encode())
                path = request_path(self.path)
                if path is None:
                    return self._send(404, b"<h1>Page introuvable</h1>")
                state = preview.state
                if path == "/_airf/version":
                    data = {"version": state.version, "erreurs": len(state.errors), "secondes": round(state.seconds, 3)}
                    return self._send(200, json.dumps(data).encode(), "application/json")
                if path.rstrip("/") == "/_apercu":
                    issues = current_issue_ids(preview.root / "newsletters")
                    return self._send(200, render_preview_index(preview.root / "build", issues).encode())
                if path.startswith("/_apercu/"):
                    return self._serve_build_file(path.removeprefix("/_apercu/"))
                if path == "/admin" or path.startswith("/admin/"):
                    return self._serve_admin(path.removeprefix("/admin").lstrip("/") or "index.html")
                if (state.errors or state.crash) and self._is_page(path):
                    page = render_error_page(state.errors, state.crash, state.version)
                    return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, page.encode())
                target = Path(self.translate_path(self.path))
                if target.is_dir() and path.endswith("/"):
                    target = target / "index.html"
                if target.suffix == ".html" and target.is_file():
                    return self._send(200, inject_reload(target.read_bytes(), state.version, state.warnings))
                if not target.exists() and self._is_page(path):
                    missing = preview.site_dir / "404.html"
                    body = missing.read_bytes() if missing.is_file() else \
                        b"<!doctype html><html lang=fr><meta charset=utf-8><h1>Page introuvable</h1></html>"
                    return self._send(404, inject_reload(body, state.version))
                return super().do_GET()

            def _serve_build_file(self, rel: str):
                build = (preview.root / "build").resolve()
                target = (build / rel).resolve()
                # The folder is read from the resolved path, not the request: a « .. » or a link
                # cannot lead from newsletters/ to the kit's member lists.
                if not target.is_relative_to(build) or target.relative_to(build).parts[:1] not in [
                        (d,) for d in PREVIEW_DIRS] or not target.is_file():
                    return self._send(404, "<h1>Aperçu introuvable</h1>".encode())
                ctype = self.guess_type(str(target))
                if ctype.startswith("text/"):
                    ctype += "; charset=utf-8"
                body = target.read_bytes()
                parts = target.relative_to(build).parts
                if parts[0] == "newsletters" and len(parts) == 3 and parts[2] == "brevo.html":
                    site_url = Project.load(preview.root).site_url
                    body = localize_email_images(body.decode("utf-8"), site_url, parts[1]).encode("utf-8")
                if target.suffix == ".html":
                    body = inject_reload(body, preview.state.version)
                return self._send(200, body, ctype)

            def _serve_admin(self, rel: str):
                """Decap CMS, local only: content/admin/ and the bundle installed from npm."""
                if rel == "decap-cms.js":
                    target = preview.root / DECAP_BUNDLE
                    if not target.is_file():
                        message = ("/* Decap CMS n'est pas installé : lancez « npm install --prefix .cache/npm "
                                   "decap-cms » puis rechargez la page. */")
                        return self._send(404, message.encode(), "text/javascript; charset=utf-8")
                    return self._send(200, target.read_bytes(), "text/javascript; charset=utf-8")
                if rel == "config.yml":
                    # Generated afresh: the select lists follow today's members, themes, projects.
                    from airf_site.authoring.guide import decap_data, render_decap_config

                    config = render_decap_config(decap_data(preview.root / "content"))
                    return self._send(200, config.encode(), "text/yaml; charset=utf-8")
                admin = (preview.root / "content" / "admin").resolve()
                target = (admin / rel).resolve()
                if not target.is_relative_to(admin) or not target.is_file():
                    return self._send(404, b"<h1>Introuvable</h1>")
                ctype = "text/yaml; charset=utf-8" if target.suffix == ".yml" else "text/html; charset=utf-8"
                return self._send(200, target.read_bytes(), ctype)

            @staticmethod
            def _is_page(path: str) -> bool:
                return path.endswith("/") or path.endswith(".html") or "." not in path.rsplit("/", 1)[-1]

        return Handler

