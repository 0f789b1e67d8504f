"""Newsletter benchmark: `airf newsletter 2026-11` as a whole process (Python start-up included).

Copies the repository's sources to a temp folder, then times, each as a separate process:
(1) `airf --help` (start-up and imports: the floor), (2) the issue built with an empty image
cache (first build), (3) the issue built again (resized images cached). Prints the median of
each and the ratios; the target is under 2 s for one issue.

Usage: python bench/bench_newsletter.py [ISSUE] [RUNS]   (default: 2026-11 5)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0


def _airf() -> list[str]:
    exe = Path(sys.executable).with_name("airf")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "airf_site.cli"]


def _time(cmd: list[str], cwd: Path, env: dict, before=None) -> float:
    if before:
        before()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{done.stderr}")
    return elapsed


def main(argv: list[str]) -> int:
    issue = argv[0] if argv else "2026-11"
    runs = int(argv[1]) if len(argv) > 1 else 5
    env = dict(os.environ, AIRF_BUILD_DATE="2026-11-28")
    with tempfile.TemporaryDirectory(prefix="bench-lettre-") as tmp:
        root = Path(tmp)
        for name in ("content", "layouts", "newsletters", "annual_report", "mkdocs.yml"):
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, root / name)
            elif src.exists():
                shutil.copy2(src, root / name)
        cmd = _airf() + ["--root", str(root), "newsletter", issue]
        cache = root / "build" / ".cache"
        _time(cmd, root, env)  # warm the OS file cache and .pyc files once
        floor = [_time(_airf() + ["--help"], root, env) for _ in range(runs)]
        cold = [_time(cmd, root, env, before=lambda: shutil.rmtree(cache, ignore_errors=True)) for _ in range(runs)]
        warm = [_time(cmd, root, env) for _ in range(runs)]
        size = (root / "build" / "newsletters" / issue / "brevo.html").stat().st_size
    rows = [("airf --help (démarrage)", floor), (f"lettre {issue}, images à redimensionner", cold),
            (f"lettre {issue}, images en cache", warm)]
    base = statistics.median(floor)
    print(f"{'mesure':45} {'médiane':>9} {'min':>7} {'max':>7} {'÷ démarrage':>12}")
    for label, values in rows:
        med = statistics.median(values)
        print(f"{label:45} {med:8.3f}s {min(values):6.3f}s {max(values):6.3f}s {med / base:11.2f}×")
    worst = statistics.median(cold)
    verdict = "OK" if worst < TARGET_SECONDS else "TROP LENT"
    print(f"brevo.html : {size / 1024:.1f} Ko ; objectif < {TARGET_SECONDS:.0f} s pour une lettre : {verdict} "
          f"({worst:.2f} s sans cache)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
