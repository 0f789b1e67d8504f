"""`airf serve` benchmark: how long after saving one news item the preview shows it.

On a copy of the repository's sample content (in a temp folder), builds the site once (cold),
then edits one news item several times and times (1) `Preview.rebuild()` — the fast path the
watcher triggers: validate everything, build the site only — and (2) the whole loop through the
file watcher: from the file write to the new version being served (includes the debounce).
Also times validation alone (`load_project`) so the ratio rebuild/validation is measured in the
same run. Target: rebuild < 2 s. Exits 1 only when it cannot run (no site builder).

Usage: python bench/bench_serve.py [ROUNDS]   (default: 5)
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from airf_site.build import resolve  # noqa: E402
from airf_site.content.loader import load_project  # noqa: E402
from airf_site.preview import DEBOUNCE, Preview  # noqa: E402
from airf_site.project import Project  # noqa: E402

TARGET = 2.0


def _copy_sources(dest: Path) -> None:
    for name in ("content", "layouts", "newsletters", "annual_report", "mkdocs.yml"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)


def main(argv: list[str]) -> int:
    rounds = int(argv[0]) if argv else 5
    if resolve("site") is None:
        print("bench_serve : le constructeur du site (airf_site.outputs.site) n'existe pas encore")
        return 1
    with tempfile.TemporaryDirectory(prefix="airf-bench-serve-") as tmp:
        root = Path(tmp)
        _copy_sources(root)
        news = [p for p in sorted((root / "content" / "actualites").glob("*.md"))
                if "brouillon: true" not in p.read_text(encoding="utf-8")][-1]
        original = news.read_text(encoding="utf-8")
        logs: list[str] = []
        preview = Preview(root, port=0, log=logs.append)
        start = time.perf_counter()
        ok = preview.rebuild()
        cold = time.perf_counter() - start
        if not ok:
            print("\n".join(logs))
            return 1

        validation = []
        for _ in range(rounds):
            start = time.perf_counter()
            load_project(Project.load(root))
            validation.append(time.perf_counter() - start)

        rebuilds = []
        for i in range(rounds):
            news.write_text(original + f"\nParagraphe ajouté n° {i}.\n", encoding="utf-8")
            start = time.perf_counter()
            assert preview.rebuild(), "\n".join(logs[-20:])
            rebuilds.append(time.perf_counter() - start)
        page = root / "build" / "site" / "actualites"
        assert any(f"Paragraphe ajouté n° {rounds - 1}" in p.read_text(encoding="utf-8")
                   for p in page.rglob("index.html")), "the edit is not in the rebuilt site"

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

    med_validation, med_rebuild, med_loop = (statistics.median(v) for v in (validation, rebuilds, loops))
    print(f"sample site, {rounds} rounds, median seconds (debounce {DEBOUNCE:.2f} s)")
    print(f"{'measure':<42}{'seconds':>10}")
    print(f"{'cold build (first rebuild)':<42}{cold:>10.3f}")
    print(f"{'validation only (load_project)':<42}{med_validation:>10.3f}")
    print(f"{'rebuild after editing one news item':<42}{med_rebuild:>10.3f}   (max {max(rebuilds):.3f})")
    print(f"{'save → new version served (watcher)':<42}{med_loop:>10.3f}   (max {max(loops):.3f})")
    print(f"{'ratio rebuild / validation':<42}{med_rebuild / med_validation:>10.1f}")
    verdict = "OK" if med_rebuild < TARGET else "AU-DESSUS DE L'OBJECTIF"
    print(f"target rebuild < {TARGET:.1f} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
