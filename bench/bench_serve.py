"""`airf serve` benchmark: how long after saving one news item the preview shows it.

On a copy of the repository's sample content (in a temp folder), builds the site once (cold),
then edits one news item several times and times (1) `Preview.rebuild()` — the fast path the
watcher triggers: validate everything, build the site only — and (2) the whole loop through the
file watcher: from the file write to the new version being served (includes the debounce).
Also times validation alone (`load_project`) so the ratio rebuild/validation is measured in the
same run. Target: rebuild < 2 s. Exits 1 only when it cannot run (no site builder).

Each mode runs in its own process: without caches, and with `airf serve`'s caches.

Usage: python bench/bench_serve.py [ROUNDS]   (default: 5)
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from airf_site.authoring.preview import DEBOUNCE, Preview  # noqa: E402
from airf_site.caches import BuildCaches  # noqa: E402
from airf_site.content.loader import load_project  # noqa: E402
from airf_site.project import Project  # noqa: E402

TARGET = 2.0


def _copy_sources(dest: Path) -> None:
    for name in ("content", "layouts", "newsletters", "annual_report", "mkdocs.yml"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)


def measure(rounds: int, caches: bool) -> dict[str, float]:
    """One run on a fresh copy of the sample content; median seconds of each measure."""
    with tempfile.TemporaryDirectory(prefix="airf-bench-serve-") as tmp:
        root = Path(tmp)
        _copy_sources(root)
        news = [p for p in sorted((root / "content" / "actualites").glob("*.md"))
                if "brouillon: true" not in p.read_text(encoding="utf-8")][-1]
        original = news.read_text(encoding="utf-8")
        logs: list[str] = []
        preview = Preview(root, port=0, log=logs.append, caches=BuildCaches() if caches else None)  # as `airf serve`
        start = time.perf_counter()
        if not preview.rebuild():
            raise SystemExit("\n".join(logs))
        cold = time.perf_counter() - start

        validation = []
        for _ in range(rounds):
            start = time.perf_counter()
            load_project(Project.load(root))
            validation.append(time.perf_counter() - start)

        rebuilds, cpu = [], []
        for i in range(rounds):
            news.write_text(original + f"\nParagraphe ajouté n° {i}.\n", encoding="utf-8")
            start, start_cpu = time.perf_counter(), time.process_time()
            assert preview.rebuild(), "\n".join(logs[-20:])
            rebuilds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        pages = root / "build" / "site" / "actualites"
        assert any(f"Paragraphe ajouté n°\u00a0{rounds - 1}" in p.read_text(encoding="utf-8")
                   for p in pages.rglob("index.html")), "the edit is not in the rebuilt site"

        # Through the watcher: file saved → new version served.
        preview.start_watching()
        time.sleep(0.5)
        loops = []
        for i in range(rounds):
            version = preview.state.version
            news.write_text(original + f"\nAutre paragraphe n° {i}.\n", encoding="utf-8")
            start = time.perf_counter()
            deadline = start + 60
            while preview.state.version == version and time.perf_counter() < deadline:
                time.sleep(0.01)
            loops.append(time.perf_counter() - start)
            time.sleep(0.3)
        preview.stop()
    return {"cold": cold, "validation": statistics.median(validation), "rebuild": statistics.median(rebuilds),
            "rebuild_max": max(rebuilds),
            "rebuild_cpu": statistics.median(cpu), "loop": statistics.median(loops), "loop_max": max(loops)}


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--un":  # child process: one mode, JSON on stdout
        print(json.dumps(measure(int(argv[1]), argv[2] == "on")))
        return 0
    rounds = int(argv[0]) if argv else 5
    results = {}
    # Each mode in its own process, so one mode's warm imports do not favour the other.
    for mode in ("off", "on"):
        out = subprocess.run([sys.executable, __file__, "--un", str(rounds), mode], capture_output=True,
                             text=True, check=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    off, on = results["off"], results["on"]
    print(f"sample site, {rounds} rounds each, median seconds (debounce {DEBOUNCE:.2f} s)")
    print(f"{'measure':<40}{'no cache':>10}{'airf serve':>12}")
    rows = [("cold build (first rebuild)", "cold"), ("validation only (load_project)", "validation"),
            ("rebuild after editing one news item", "rebuild"), ("  worst rebuild", "rebuild_max"),
            ("  CPU time of that rebuild", "rebuild_cpu"),
            ("save -> new version served (watcher)", "loop"), ("  worst save -> served", "loop_max")]
    for label, key in rows:
        print(f"{label:<40}{off[key]:>10.3f}{on[key]:>12.3f}")
    print(f"{'ratio rebuild / validation':<40}{off['rebuild'] / off['validation']:>10.1f}"
          f"{on['rebuild'] / on['validation']:>12.1f}")
    print(f"{'ratio airf serve / no cache (rebuild CPU)':<40}{on['rebuild_cpu'] / off['rebuild_cpu']:>22.2f}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(wall times grow with it; CPU times much less)")
    verdict = "OK" if on["rebuild"] < TARGET else "AU-DESSUS DE L'OBJECTIF"
    print(f"target: rebuild < {TARGET:.1f} s with airf serve: {verdict} ({on['rebuild']:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
