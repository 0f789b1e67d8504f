"""Search benchmark (issue 16): Pagefind's cost in the site build and for a reader, at N = 3,000.

On the synthetic corpus of bench_site.py (N news + N/10 fact sheets + N/10 events) plus the
sample's real news, calls and events (so the issue's queries have pages to find):
- the site build as a whole process, with and without the search index (airf option
  `recherche: false`), best of two alternated runs each: what indexing adds to the wall time
  (Pagefind indexes while the pages render: only its last step shows), the wait for Pagefind
  after the last page (logged by the build) and peak memory (the Pagefind child included);
- in Chromium, against the built site served on loopback: bytes downloaded by the first search
  (every response body, counted by the server), time from the last keystroke to the results on
  screen (first search, then warm), and the ranking check: for each query the first result's
  title or main text contains the word.

Usage: python bench/bench_search.py [N]   (default 3000). Exits 1 when a ranking check fails.
AIRF_BENCH_KEEP=folder keeps the generated tree and its site there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(HERE), str(REPO), str(REPO / "tests")]

from bench_site import generate, set_search  # noqa: E402

QUERIES = {"l'efficacité": "efficacité", "efficacite": "efficacité", "l’impression": "impression",
           "d'irrigation": "irrigation", "Côte d'Ivoire": "côte d'ivoire", "société": "société",
           "Saint-Louis": "saint-louis", "biodiversité": "biodiversité"}
BUILD = r'''
import logging, sys
logging.basicConfig(level=logging.WARNING, format="%(name)s %(message)s")
logging.getLogger("airf_site.site.search").setLevel(logging.INFO)
from airf_site.cli import main
sys.argv = ["airf", "--root", sys.argv[1], "build", "--site"]
main()
'''
# Types `query` at once, then waits for the result count to be announced; milliseconds.
TIMED_SEARCH = """async q => {
  const input = document.querySelector('dialog.airf-search input[type=search]');
  const status = document.querySelector('#airf-search-status');
  input.value = ''; input.dispatchEvent(new Event('input'));
  const t0 = performance.now();
  input.value = q; input.dispatchEvent(new Event('input'));
  await new Promise(resolve => { const check = () => status.textContent.includes(q) ? resolve() : setTimeout(check, 2); check(); });
  return performance.now() - t0;
}"""


def add_sample_content(root: Path) -> None:
    """The sample's news, calls and events (and their images) into the synthetic tree."""
    for folder in ("actualites", "appels", "evenements"):
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
        for path in sorted((REPO / "content" / folder).glob("*.md")):
            shutil.copy2(path, root / "content" / folder / path.name)
    shutil.copytree(REPO / "content/images", root / "content/images", dirs_exist_ok=True)


def build(root: Path) -> dict:
    """Build the site in a child process: wall seconds, peak RSS (MB), indexing seconds."""
    probe = ("import resource, subprocess, sys, time, json;"
             "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "dt = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(json.dumps([r.returncode, dt, u.ru_maxrss / 1024, r.stderr[-4000:]]))")
    env = dict(os.environ, AIRF_BUILD_DATE="2026-11-28", PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-c", BUILD, str(root)],
                         capture_output=True, text=True, env=env)
    code, seconds, peak, log = json.loads(out.stdout.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"échec de la construction :\n{log}")
    line = next((x for x in log.splitlines() if "index de recherche" in x), None)
    if line is None:  # built without the index
        return {"site_s": seconds, "peak_mb": peak}
    wait_s = float(line.rsplit(";", 1)[1].split()[0])
    pages = int(line.split(":", 1)[1].split()[0])
    return {"site_s": seconds, "peak_mb": peak, "wait_s": wait_s, "indexed": pages}


def browse(site: Path) -> dict:
    """First-search bytes and times to results, and the ranking check, in Chromium."""
    from test_search import MainText, folded, serve_counting

    from airf_site.print.browser import launch

    rows, ranking = {}, []
    with serve_counting(site) as (server, url), launch() as browser:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        for query in ("biodiversité", "Saint-Louis"):  # on every synthetic page / on a few real ones
            page.goto(url + "actualites/")
            page.wait_for_load_state("networkidle")
            before = len(server.sent)
            page.click("button.airf-search-open")
            elapsed = page.evaluate(TIMED_SEARCH, query)
            page.wait_for_load_state("networkidle")
            sent = server.sent[before:]
            rows.setdefault("first", []).append((query, sum(s[1] for s in sent), sum(s[2] for s in sent), elapsed))
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # cold cache
        page.goto(url + "actualites/")
        page.click("button.airf-search-open")
        warm = []
        for query, word in QUERIES.items():
            warm.append(page.evaluate(TIMED_SEARCH, query))
            result = page.eval_on_selector(".airf-search__result", """li => ({
                path: new URL(li.querySelector('a').href).pathname, title: li.querySelector('a').textContent})""")
            html = (site / result["path"].lstrip("/") / "index.html").read_text(encoding="utf-8")
            text = folded(" ".join(MainText(html).chunks))
            ok = folded(word) in folded(result["title"]) or folded(word) in text
            ranking.append((query, result["title"], ok))
        rows["warm_ms"] = sorted(warm)
    rows["ranking"] = ranking
    return rows


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 3000
    keep = os.environ.get("AIRF_BENCH_KEEP")  # a folder to keep the generated tree in
    with tempfile.TemporaryDirectory(prefix="airf-bench-search-") as tmp:
        root = generate(Path(keep or tmp) / f"n{n}", n)
        add_sample_content(root)
        bare, built = [], []
        for _ in range(2):  # alternated, best of two: the machine is shared
            set_search(root, False)
            bare.append(build(root))
            set_search(root, True)
            built.append(build(root))
        without = min(b["site_s"] for b in bare)
        built = min(built, key=lambda b: b["site_s"])
        site = root / "build/site"
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        started = time.perf_counter()
        seen = browse(site)
        browse_s = time.perf_counter() - started
    print(f"N = {n} ; {os.cpu_count()} cœurs ; charge moyenne {os.getloadavg()[0]:.1f}")
    print(f"construction du site : {built['site_s']:.2f} s avec l'index ({built['indexed']} pages), "
          f"{without:.2f} s sans → +{100 * (built['site_s'] / without - 1):.0f} % (objectif ≤ 20 %) ; "
          f"attente de Pagefind après la dernière page : {built['wait_s']:.2f} s")
    print(f"mémoire maximale de la construction (Pagefind compris) : {built['peak_mb']:.0f} Mo (objectif ≤ 1 024)")
    print(f"taille du dossier pagefind/ : {index_bytes / 1e6:.1f} Mo")
    for query, raw, packed, elapsed in seen["first"]:
        print(f"première recherche « {query} » : {raw / 1024:.0f} Ko envoyés tels quels, {packed / 1024:.0f} Ko "
              f"si l'hébergeur compresse le texte (objectif ≤ 300) ; résultats en {elapsed:.0f} ms "
              "après la frappe (chargement de Pagefind compris)")
    warm = seen["warm_ms"]
    print(f"recherches suivantes : médiane {warm[len(warm) // 2]:.0f} ms, max {warm[-1]:.0f} ms (objectif < 300)")
    failed = 0
    for query, title, ok in seen["ranking"]:
        failed += not ok
        print(f"  {'ok ' if ok else 'NON'} {query!r:18} → {title}")
    print(f"(navigateur : {browse_s:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
