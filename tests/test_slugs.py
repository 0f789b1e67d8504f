"""Recurring titles ("mai", "atelier-noel") across years: the collision says which slug to write,
and a site may put the year in news addresses instead."""

from __future__ import annotations

import shutil

from conftest import REPO

NEWS = "---\ntitre: {title}\ndate: {day}\nresume: Les nouvelles du mois.\n---\nTexte.\n"


def test_collision_suggests_the_year(make_project):
    make_project.write("content/actualites/2024-05-02-mai.md", NEWS.format(title="Mai", day="2024-05-02"))
    make_project.write("content/actualites/2025-05-03-mai.md", NEWS.format(title="Mai", day="2025-05-03"))
    _index, diags = make_project.load()
    [diag] = [d for d in diags if "même adresse" in d.message]
    assert diag.is_error and "/actualites/mai/" in diag.message
    # reported on the later file, which gets its year
    assert diag.path == "content/actualites/2025-05-03-mai.md"
    suggested = "mai-2025"
    assert f"slug: {suggested}" in diag.hint and "annee_dans_adresses_actualites" in diag.hint
    # following the hint resolves it
    path = make_project.root / diag.path
    path.write_text(path.read_text(encoding="utf-8").replace("titre: Mai", f"titre: Mai\nslug: {suggested}"),
                    encoding="utf-8")
    _index, diags = make_project.load()
    assert not [d for d in diags if "même adresse" in d.message]


def test_same_year_collision_suggests_the_month(make_project):
    make_project.write("content/actualites/2024-05-02-atelier.md", NEWS.format(title="Atelier", day="2024-05-02"))
    make_project.write("content/actualites/2024-12-03-atelier.md", NEWS.format(title="Atelier", day="2024-12-03"))
    _index, diags = make_project.load()
    [diag] = [d for d in diags if "même adresse" in d.message]
    assert diag.path == "content/actualites/2024-12-03-atelier.md"
    assert "« slug: atelier-2024-12 »" in diag.hint


def test_year_in_news_addresses(make_project):
    for name in ("layouts", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, make_project.root / name)
    config = make_project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  airf:\n", "  airf:\n    annee_dans_adresses_actualites: true\n", 1), encoding="utf-8")
    make_project.write("content/actualites/2024-05-02-mai.md", NEWS.format(title="Mai", day="2024-05-02"))
    make_project.write("content/actualites/2025-05-03-mai.md", NEWS.format(title="Mai", day="2025-05-03"))
    index, diags = make_project.load()
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    assert sorted(n.url for n in index.news) == ["actualites/2024/mai/", "actualites/2025/mai/"]
    from airf_site.build import build

    build(make_project.project(), ["site"], log=lambda *a, **k: None)
    site = make_project.root / "build" / "site"
    for year in (2024, 2025):
        page = (site / "actualites" / str(year) / "mai" / "index.html").read_text(encoding="utf-8")
        assert "Mai" in page and 'href="../../../' in page  # links relative to the deeper page
