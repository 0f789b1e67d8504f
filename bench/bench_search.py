"""Search benchmark (issue 16): Pagefind's cost in the site build and for a reader, at N = 3,000.

On the synthetic corpus of bench_site.py (N news + N/10 fact sheets + N/10 events) plus the
sample's real news, calls and events (so the issue's queries have pages to find):
- the site build as a whole process, with and without the search index (airf option
  `recherche: false`), in alternated pairs (AIRF_BENCH_PAIRS, default 3): what indexing adds
  to the wall time (best times, and the median of the pairs), the CPU time it adds, the wait
  for Pagefind after the last page (logged by the build) and peak memory (the Pagefind child
  included);
- in Chromium, against the built site served on loopback: bytes downloaded by the first search
  (every response body, counted by the server) and time to the results on screen: typed at
  once right after opening (Pagefind's loading included), then each query of the issue typed
  key by key on a cold cache (time from the last key), then warm searches; and the ranking
  check: for each query the first result's title or main text contains the word.

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

PAIRS = int(os.environ.get("AIRF_BENCH_PAIRS", "3"))
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
    """Build the site in a child process: wall and CPU seconds (every process of the build,
    Pagefind's included), peak RSS (MB), seconds waited for Pagefind after the last page."""
    probe = ("import resource, subprocess, sys, time, json;"
             "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "dt = time.perf_counter() - t; u = resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(json.dumps([r.returncode, dt, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime, r.stderr[-4000:]]))")
    env = dict(os.environ, AIRF_BUILD_DATE="2026-11-28", PYTHONPATH=str(REPO))
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-c", BUILD, str(root)],
                         capture_output=True, text=True, env=env)
    code, seconds, peak, cpu, log = json.loads(out.stdout.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"échec de la construction :\n{log}")
    line = next((x for x in log.splitlines() if "index de recherche" in x), None)
    if line is None:  # built without the index
        return {"site_s": seconds, "peak_mb": peak, "cpu_s": cpu}
    wait_s = float(line.rsplit(";", 1)[1].split()[0])
    pages = int(line.split(":", 1)[1].split()[0])
    return {"site_s": seconds, "peak_mb": peak, "cpu_s": cpu, "wait_s": wait_s, "indexed": pages}


# Watches the search dialog while a query is typed key by key: time of the last keystroke, and
# of the moment the result count for the whole query is announced.
WATCH_TYPING = """q => {
  const status = document.querySelector('#airf-search-status');
  window.__last = 0; window.__done = 0;
  document.addEventListener('input', () => { window.__last = performance.now(); window.__done = 0; }, true);
  new MutationObserver(() => { if (!window.__done && status.textContent.includes(q)) window.__done = performance.now(); })
    .observe(status, { childList: true, characterData: true, subtree: true });
}"""
KEY_DELAY_MS = 150  # a quick typist; every pause over 40 ms lets a search start on the letters so far


def typed(browser: object, server: object, url: str, query: str) -> tuple[int, float]:
    """A reader's first search on a cold cache: open the dialog, type `query` key by key.
    Bytes downloaded from the click on, and milliseconds from the last key to the results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(url + "actualites/")
    page.wait_for_load_state("networkidle")
    before = len(server.sent)  # type: ignore[attr-defined]
    page.click("button.airf-search-open")
    page.wait_for_selector("dialog.airf-search[open] input[type=search]")
    page.evaluate(WATCH_TYPING, query)
    page.keyboard.type(query, delay=KEY_DELAY_MS)
    page.wait_for_function("window.__done > 0", timeout=30000)
    elapsed = page.evaluate("window.__done - window.__last")
    page.wait_for_timeout(300)  # the result fragments still on their way
    sent = server.sent[before:]  # type: ignore[attr-defined]
    context.close()
    return sum(s[1] for s in sent), elapsed


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
        rows["typed"] = [(query, *typed(browser, server, url, query)) for query in QUERIES]
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
        for _ in range(PAIRS):  # alternated: the machine is shared, and its file system slows down
            set_search(root, False)  # after mass deletions (each build replaces the last one's site)
            bare.append(build(root))
            set_search(root, True)
            built.append(build(root))
        ratios = sorted(b["site_s"] / a["site_s"] for a, b in zip(bare, built))
        cpu_added = sorted(b["cpu_s"] - a["cpu_s"] for a, b in zip(bare, built))
        without = min(b["site_s"] for b in bare)
        best = min(built, key=lambda b: b["site_s"])
        site = root / "build/site"
        index_bytes = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
        started = time.perf_counter()
        seen = browse(site)
        browse_s = time.perf_counter() - started
    print(f"N = {n} ; {os.cpu_count()} cœurs ; charge moyenne {os.getloadavg()[0]:.1f} ; {PAIRS} paires de constructions alternées")
    print(f"construction du site : {best['site_s']:.2f} s avec l'index ({best['indexed']} pages), "
          f"{without:.2f} s sans (meilleurs temps) → {100 * (best['site_s'] / without - 1):+.0f} % ; "
          f"médiane des paires {100 * (ratios[len(ratios) // 2] - 1):+.0f} % (de {100 * (ratios[0] - 1):+.0f} à "
          f"{100 * (ratios[-1] - 1):+.0f} %) (objectif ≤ 20 %)")
    print(f"temps de calcul ajouté par l'index (tous les processus, Pagefind compris) : médiane "
          f"{cpu_added[len(cpu_added) // 2]:.1f} s ; attente de Pagefind après la dernière page : {best['wait_s']:.2f} s")
    print(f"mémoire maximale de la construction (Pagefind compris) : {best['peak_mb']:.0f} Mo (objectif ≤ 1 024)")
    print(f"taille du dossier pagefind/ : {index_bytes / 1e6:.1f} Mo")
    for query, raw, packed, elapsed in seen["first"]:
        print(f"première recherche « {query} » tapée d'un coup dès l'ouverture : {raw / 1024:.0f} Ko envoyés tels quels, "
              f"{packed / 1024:.0f} Ko si l'hébergeur compresse le texte (objectif ≤ 300) ; résultats en {elapsed:.0f} ms "
              "(chargement de Pagefind compris)")
    for query, raw, elapsed in seen["typed"]:
        print(f"première recherche « {query} » tapée touche par touche ({KEY_DELAY_MS} ms) : {raw / 1024:.0f} Ko "
              f"(objectif ≤ 300) ; résultats {elapsed:.0f} ms après la dernière touche (objectif < 300)")
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
