"""Site build benchmark: the full `airf build --site` against a bare Python-Markdown pass.

Generates a synthetic French corpus (N news items + N/10 fact sheets + N/10 events, with
headings, lists, tables, links and images) in a temp folder, then times, each as a whole
process: (1) the floor — read every Markdown file, convert it with Python-Markdown (the site's
extensions), write the HTML; (2) the full site build (pages, listings, feeds, ICS, search
index); (3) the same build without the search index (airf option `recherche: false`). Prints a
table with the ratio site/floor (wall clock: the site converts Markdown on all cores; CPU
time: the total work), what the search index adds to the wall time, t(3000)/t(1000) and peak
memory.

Usage: python bench/bench_site.py [N ...]   (default: 100 1000 3000)
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("AIRF_BENCH_REPEAT", "2"))
THEMES = ["francophonie-des-territoires", "francophonie-economique", "jeunesse-et-formation",
          "environnement-eau-energies-climat"]
COUNTRIES = [("MA", "rabat-sale-kenitra"), ("FR", "auvergne-rhone-alpes"), ("SN", "dakar"),
             ("BE", "wallonie"), ("TN", "sfax"), ("CI", "abidjan"), ("CM", "littoral"), ("BJ", "atlantique")]
WORDS = ("l'efficacité énergétique des collectivités territoriales francophones passe par une "
         "coopération décentralisée entre régions élus équipes techniques économie sociale et solidaire "
         "biodiversité gestion de l'eau jeunesse formation professionnelle écoles développement "
         "durable gouvernance régionale plaidoyer investissement entreprises marchés locaux").split()

FLOOR = r'''
import sys, time
from pathlib import Path
import markdown
sys.path.insert(0, sys.argv[3])
from airf_site.markdown import EXTENSIONS, EXTENSION_CONFIGS
src, out = Path(sys.argv[1]), Path(sys.argv[2])
md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
for path in sorted(src.rglob("*.md")):
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[-1]
    html = md.reset().convert(body)
    target = out / path.relative_to(src).with_suffix(".html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
'''


def sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, i: int) -> str:
    """French Markdown with headings, lists, a table, links and an image (~600 words)."""
    parts = [sentence(rng, 30), "", f"![Photo d'illustration {i}](/images/bench.png)", ""]
    for h in range(3):
        parts += [f"## Partie {h + 1} : {sentence(rng, 4)[:-1]}", "", " ".join(sentence(rng) for _ in range(5)), ""]
        parts += [f"- {sentence(rng, 6)}" for _ in range(4)] + [""]
        parts += [f"Voir [le site de la région](https://example.org/{i}/{h}) et *{rng.choice(WORDS)}*.", ""]
    parts += ["| Indicateur | 2024 | 2025 |", "|---|---|---|"]
    parts += [f"| {rng.choice(WORDS)} | {rng.randint(1, 900)} | {rng.randint(1, 900)} |" for _ in range(5)]
    parts += ["", "### Enseignements", "", "1. " + sentence(rng), "2. " + sentence(rng), ""]
    return "\n".join(parts)


def generate(root: Path, n: int, seed: int = 42) -> Path:
    """A project tree with N news items, N/10 fact sheets and N/10 events (+ the repo's config)."""
    rng = random.Random(seed)
    content = root / "content"
    for name in ("layouts", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    (content / "donnees").mkdir(parents=True)
    shutil.copy2(REPO / "content/donnees/themes.yml", content / "donnees/themes.yml")
    members = "".join(f"- id: {m}\n  nom: Région {m.title()}\n  pays: {c}\n  type: région\n" for c, m in COUNTRIES)
    (content / "donnees/membres.yml").write_text(members, encoding="utf-8")
    (content / "images").mkdir()
    from PIL import Image

    Image.new("RGB", (800, 450), (29, 78, 137)).save(content / "images/bench.png")
    (content / "projets").mkdir()
    for proj, colour in (("coopr", "#1e8449"), ("terress", "#c0392b")):
        (content / f"projets/{proj}.md").write_text(
            f"---\ntitre: {proj.upper()}\nnom_complet: Projet {proj}\nresume: \"{sentence(rng, 15)}\"\n"
            f"annee_debut: 2024\ncofinanceur: MEAE\ncouleur: \"{colour}\"\nthemes: [{THEMES[0]}]\n---\n"
            + body(rng, 0), encoding="utf-8")
    if (REPO / "newsletters/config.yml").exists():  # the newsletter output checks its settings
        (root / "newsletters").mkdir()
        shutil.copy2(REPO / "newsletters/config.yml", root / "newsletters/config.yml")
    for kind in ("actualites", "fiches", "evenements"):
        (content / kind).mkdir()
    for i in range(n):
        day = f"20{20 + i % 7}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        themes = ", ".join(rng.sample(THEMES, 2))
        projet = ["coopr", "terress", None][i % 3]
        head = (f"---\ntitre: \"{sentence(rng, 6)[:-1]} n° {i}\"\ndate: {day}\nresume: \"{sentence(rng, 20)}\"\n"
                f"themes: [{themes}]\n" + (f"projet: {projet}\n" if projet else "") + "---\n")
        (content / f"actualites/{day}-actu-{i}.md").write_text(head + body(rng, i), encoding="utf-8")
    for i in range(max(1, n // 10)):
        pays, member = COUNTRIES[i % len(COUNTRIES)]
        head = (f"---\ntitre: Fiche {i}\ndate: 2025-{1 + i % 12:02d}-10\nresume: \"{sentence(rng, 12)}\"\n"
                f"collectivite: {member}\npays: {pays}\nprojet: coopr\nthemes: [{THEMES[i % 4]}]\n"
                f"contexte: \"{sentence(rng, 20)}\"\nactions: [\"{sentence(rng)}\", \"{sentence(rng)}\"]\n"
                f"resultats: [\"{sentence(rng)}\"]\nenseignements: [\"{sentence(rng)}\"]\n"
                f"contact: Direction de la coopération\n---\n")
        (content / f"fiches/fiche-{i}.md").write_text(head + body(rng, i), encoding="utf-8")
    for i in range(max(1, n // 10)):
        day = f"20{22 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        head = (f"---\ntitre: Webinaire {i}\ntype: webinaire\ndebut: {day} 10:00\nfin: {day} 12:00\n"
                f"resume: \"{sentence(rng, 12)}\"\nen_ligne: true\nthemes: [{THEMES[i % 4]}]\n---\n"
                "## Compte rendu\n\n")
        (content / f"evenements/webinaire-{i}.md").write_text(head + body(rng, i), encoding="utf-8")
    return root


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """Run `cmd` in a child that reports (wall seconds, peak RSS MB, CPU seconds) of its children."""
    probe = ("import resource, subprocess, sys, time, json;"
             "t = time.perf_counter(); r = subprocess.run(sys.argv[1:]);"
             "dt = time.perf_counter() - t;"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN);"
             "print(json.dumps([r.returncode, dt, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime]))")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, env=env)
    code, seconds, peak, cpu = json.loads(out.stdout.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{out.stderr[-3000:]}")
    return seconds, peak, cpu


def set_search(root: Path, on: bool) -> None:
    """The generated tree's mkdocs.yml with or without the search index (airf `recherche`)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("      recherche: false\n", "")
    if not on:
        text = text.replace("      news_per_page: 20\n", "      news_per_page: 20\n      recherche: false\n")
        if "recherche: false" not in text:
            raise SystemExit("mkdocs.yml : option « news_per_page » introuvable sous « airf: »")
    config.write_text(text, encoding="utf-8")


def run(n: int, work: Path, repeat: int = REPEAT) -> dict:
    """Best of `repeat` alternated runs of the floor and the site (the machine is shared)."""
    root = generate(work / f"n{n}", n)
    # This tree's code (not whichever `airf` the virtualenv points at).
    env = dict(os.environ, AIRF_BUILD_DATE="2026-11-28", PYTHONPATH=str(REPO))
    airf = [sys.executable, "-m", "airf_site.cli"]
    floors, sites, bare = [], [], []
    for _ in range(repeat):
        floors.append(timed([sys.executable, "-c", FLOOR, str(root / "content"), str(work / f"floor{n}"), str(REPO)]))
        set_search(root, False)
        bare.append(timed([*airf, "--root", str(root), "build", "--site"], env=env))
        set_search(root, True)
        sites.append(timed([*airf, "--root", str(root), "build", "--site"], env=env))
    (floor_s, floor_mb, floor_cpu), (site_s, site_mb, site_cpu) = min(floors), min(sites)
    pages = sum(1 for _ in (root / "build/site").rglob("index.html"))
    return {"n": n, "floor": floor_s, "site": site_s, "ratio": site_s / floor_s, "pages": pages,
            "floor_mb": floor_mb, "site_mb": site_mb, "floor_cpu": floor_cpu, "site_cpu": site_cpu,
            "bare": min(bare)[0]}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [100, 1000, 3000]
    with tempfile.TemporaryDirectory(prefix="airf-bench-") as tmp:
        rows = [run(n, Path(tmp)) for n in sizes]
    print(f"meilleur de {REPEAT} essais alternés ; {os.cpu_count()} cœurs ; charge moyenne {os.getloadavg()[0]:.1f}")
    print(f"{'N':>6} {'pages':>6} {'plancher (s)':>13} {'site (s)':>9} {'ratio':>6} "
          f"{'sans recherche (s)':>19} {'ratio':>6} {'recherche':>10} "
          f"{'CPU plancher':>13} {'CPU site':>9} {'ratio CPU':>10} {'mém. site (Mo)':>15}")
    for r in rows:
        print(f"{r['n']:>6} {r['pages']:>6} {r['floor']:>13.2f} {r['site']:>9.2f} {r['ratio']:>6.2f} "
              f"{r['bare']:>19.2f} {r['bare'] / r['floor']:>6.2f} {100 * (r['site'] / r['bare'] - 1):>+9.0f} % "
              f"{r['floor_cpu']:>13.2f} {r['site_cpu']:>9.2f} {r['site_cpu'] / r['floor_cpu']:>10.2f} {r['site_mb']:>15.0f}")
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 3000 in by_n:
        print(f"t(3000)/t(1000) : site {by_n[3000]['site'] / by_n[1000]['site']:.2f}, "
              f"plancher {by_n[3000]['floor'] / by_n[1000]['floor']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
