"""The editor's first day, replayed and timed step by step (issue #15).

Clone the repository, set it up with the README's command, write a news item with a photo,
check it, preview it in `airf serve` (first page served, then the rebuild after an edit), build
the latest newsletter and push it to Brevo — a loopback stub standing in for Brevo's API, so
nothing leaves the machine. Prints one line per step with its duration.

Usage: python bench/bench_first_day.py [--reuse-venv]
  --reuse-venv  link the running virtualenv instead of a fresh set-up (skips the slow step)
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PHOTO = "content/images/actualites"


class BrevoStub(http.server.BaseHTTPRequestHandler):
    """Answers like Brevo's API v3: lists no campaign, creates one (201), accepts updates."""

    calls: list[tuple[str, str]] = []

    def _answer(self, status: int, body: dict | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _record(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.calls.append((self.command, self.path))

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._record()
        self._answer(200, {"campaigns": [], "count": 0})

    def do_POST(self) -> None:  # noqa: N802
        self._record()
        self._answer(201, {"id": 4242})

    def do_PUT(self) -> None:  # noqa: N802
        self._record()
        self._answer(204)

    def log_message(self, *args) -> None:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], cwd: Path, env: dict) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"échec de « {' '.join(cmd)} » :\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_for(url: str, timeout: float, accept=lambda body: True) -> bytes:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                body = answer.read()
                if accept(body):
                    return body
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} ne répond pas après {timeout:.0f} s")


def fill_news(path: Path, photo: str) -> None:
    """What the editor types: a summary, a photo with its alt text, a body."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'^resume: .*$', 'resume: "Trente élus et agents réunis à Cotonou sur la gestion de l\'eau."',
                  text, flags=re.M)
    text = re.sub(r'^image:.*$', f'image: "{photo}"', text, flags=re.M)
    text = re.sub(r'^image_alt:.*$', 'image_alt: "Les participants de l\'atelier dans la salle"', text, flags=re.M)
    head, _sep, _body = text.partition("\n---\n")
    body = "L'atelier a réuni trente élus et agents.\n\n## Ce qui a été décidé\n\n- un plan d'action ;\n- un suivi.\n"
    path.write_text(f"{head}\n---\n\n{body}", encoding="utf-8")


def main(argv: list[str]) -> int:
    reuse = "--reuse-venv" in argv
    steps: list[tuple[str, float]] = []

    def step(label: str, func):
        start = time.perf_counter()
        result = func()
        steps.append((label, time.perf_counter() - start))
        print(f"  {label:<60} {steps[-1][1]:8.2f} s", flush=True)
        return result

    with tempfile.TemporaryDirectory(prefix="premier-jour-") as tmp:
        root = Path(tmp) / "site-airf"
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "CI")}
        env["AIRF_BUILD_DATE"] = "2026-11-28"
        step("clonage du dépôt (git clone)", lambda: run(["git", "clone", "-q", str(REPO), str(root)], Path(tmp), env))
        if reuse:
            def link() -> None:
                (root / ".venv").symlink_to(Path(sys.prefix))
                # The shared venv is installed from this checkout: keep imports on the clone.
                env["PYTHONPATH"] = str(root)
            step("installation (environnement existant réutilisé)", link)
        else:
            step("installation (make setup browser : virtualenv, paquets, Chromium)",
                 lambda: run(["make", "setup", "browser"], root, env))
        airf = [str(root / ".venv" / "bin" / "python"), "-m", "airf_site.cli", "--root", str(root)]
        created = step("nouvelle actualité (airf new actualite)", lambda: run(
            airf + ["new", "actualite", "Atelier eau à Cotonou", "--date", "2026-11-27", "--projet", "coopr",
                    "--theme", "environnement-eau-energies-climat"], root, env).strip().splitlines()[-1])
        news = root / created
        photos = sorted((root / PHOTO).glob("*.jpg"))
        photo = f"images/actualites/photo-cotonou{photos[0].suffix}"
        shutil.copyfile(photos[0], root / "content" / photo)
        fill_news(news, photo)
        step("vérification (airf check)", lambda: run(airf + ["check"], root, env))

        port = free_port()
        server = subprocess.Popen(airf + ["serve", "--port", str(port)], cwd=root, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            slug = news.stem.split("-", 3)[3]
            page = f"http://127.0.0.1:{port}/actualites/{slug}/"
            step("aperçu : première page servie (airf serve)", lambda: wait_for(page, 120))
            version = json.loads(wait_for(f"http://127.0.0.1:{port}/_airf/version", 10))["version"]
            news.write_text(news.read_text(encoding="utf-8").replace("trente élus", "trente-deux élus"),
                            encoding="utf-8")
            step("aperçu : page à jour après une modification", lambda: wait_for(
                f"http://127.0.0.1:{port}/_airf/version", 60,
                accept=lambda body: json.loads(body)["version"] != version))
            wait_for(page, 10, accept=lambda body: b"trente-deux" in body)
        finally:
            server.terminate()
            server.wait(timeout=10)

        step("lettre d'information (airf newsletter)", lambda: run(airf + ["newsletter"], root, env))
        stub_port = free_port()
        stub = http.server.ThreadingHTTPServer(("127.0.0.1", stub_port), BrevoStub)
        threading.Thread(target=stub.serve_forever, daemon=True).start()
        config = root / "newsletters" / "config.yml"
        config.write_text(re.sub(r"^api:.*$", "", config.read_text(encoding="utf-8"), flags=re.M)
                          + f'\napi: "http://127.0.0.1:{stub_port}/v3"\n', encoding="utf-8")
        issues = sorted(p.stem for p in (root / "newsletters").glob("*.md") if not p.name.startswith("_"))
        push_env = dict(env, BREVO_API_KEY="cle-de-demonstration")
        try:
            step("envoi vers Brevo (airf newsletter push, serveur local)",
                 lambda: run(airf + ["newsletter", "push", issues[-1]], root, push_env))
        finally:
            stub.shutdown()
        if not any(method == "POST" for method, _path in BrevoStub.calls):
            raise SystemExit("aucune campagne n'a été envoyée au serveur Brevo local")
    total = sum(seconds for _label, seconds in steps)
    print(f"  {'total':<60} {total:8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
