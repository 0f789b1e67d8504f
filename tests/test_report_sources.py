"""Annual report without a browser: source validation, computed figures, SVG charts, HTML (golden).

Set UPDATE_GOLDEN=1 to rewrite tests/golden/report/ after an intended layout change.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_report_support import write_small_report

from airf_site.build import check_project
from airf_site.errors import ContentError
from airf_site.fonts import EXTENDED_DIR, NOTO_DIR, print_copies_dir
from airf_site.print.printer import FONT_DIR
from airf_site.report.build import check_sources, web_pages
from airf_site.report.charts import render_chart
from airf_site.report.data import figure, table_rows
from airf_site.report.render import css_string, render_report_html
from airf_site.report.sources import load_report
from airf_site.typography import fix_text

GOLDEN = Path(__file__).resolve().parent / "golden" / "report"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def small(make_project):
    write_small_report(make_project, image_px=(40, 40))
    index, diags = make_project.load()
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    return make_project, index


def diagnostics(builder, index):
    return [d.format() for d in check_sources(builder.project(), index)]


def test_valid_report_has_no_diagnostics(small):
    builder, index = small
    assert diagnostics(builder, index) == []
    sources, _ = load_report(builder.project(), 2025)
    assert [c.slug for c in sources.chapters] == ["coopr", "instances"]
    assert sources.chapters[0].footer_title == "COOP'R"


def test_sample_report_is_valid(sample_project, sample_index):
    assert [d.format() for d in check_sources(sample_project, sample_index) if d.is_error] == []


def test_errors_have_french_locations_and_hints(small):
    builder, index = small
    text = (builder.root / "annual_report/2025/rapport.yml").read_text(encoding="utf-8")
    text = text.replace("annee: 2025", "annee: 2025\nauteurs: x").replace("  - instances", "  - instance")
    text = text.replace("chiffres_cles: [membres,", "chiffres_cles: [membre,")
    builder.write("annual_report/2025/rapport.yml", text, dedent=False)
    chapter = builder.root / "annual_report/2025/chapitres/coopr.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("[[graphique participants-webinaires]]",
                                                                   "[[graphique participant-webinaires]]\n\n[[carte]]"),
                       encoding="utf-8")
    found = "\n".join(diagnostics(builder, index))
    assert "annual_report/2025/rapport.yml:4: erreur : champ inconnu « auteurs »" in found
    assert "conseil : vouliez-vous dire « auteur » ?" in found
    assert re.search(r"rapport.yml:\d+: erreur : chapitre introuvable : annual_report/2025/chapitres/instance.md"
                     r"\n    conseil : vouliez-vous dire « instances » \?", found)
    assert "chiffre clé inconnu « membre »" in found
    assert "coopr.md:15: erreur : « participant-webinaires » inconnu dans le bloc « graphique »" in found
    assert "conseil : vouliez-vous dire « participants-webinaires » ?" in found
    assert "coopr.md:17: erreur : bloc inconnu « carte »" in found
    # chapters not listed are published nowhere: a warning names the file
    assert "chapitres/instances.md:1: avertissement : chapitre absent de la liste" in found


def test_missing_image_and_bad_year(small):
    builder, index = small
    (builder.root / "annual_report/2025/images/photo.jpg").unlink()
    text = (builder.root / "annual_report/2025/rapport.yml").read_text(encoding="utf-8")
    builder.write("annual_report/2025/rapport.yml", text.replace("annee: 2025", "annee: 2024"), dedent=False)
    found = "\n".join(diagnostics(builder, index))
    assert "rapport.yml:3: erreur : « annee » vaut 2024 dans le dossier 2025" in found
    assert "chapitres/coopr.md:7: erreur : image introuvable : « images/photo.jpg »" in found


def test_invalid_sources_stop_the_build_check(small):
    builder, _index = small
    builder.write("annual_report/2025/rapport.yml", "titre: [\n")
    with pytest.raises(ContentError) as info:
        check_project(builder.project())
    assert any(d.path == "annual_report/2025/rapport.yml" for d in info.value.diagnostics)


def test_figures_are_computed_from_the_content(small):
    _builder, index = small
    values = {name: figure(index, 2025, name).value
              for name in ("membres", "pays", "webinaires", "participants-webinaires", "evenements", "actualites")}
    # the 2026 webinar (999 participants) is outside the report's year
    assert values == {"membres": "3", "pays": "2", "webinaires": "2", "participants-webinaires": "120",
                      "evenements": "3", "actualites": "1"}


def test_blocks_narrowed_to_one_project(small):
    builder, index = small
    assert figure(index, 2025, "webinaires", "coopr").value == "2"
    assert figure(index, 2025, "evenements", "coopr").value == "2"  # not the General Assembly
    assert figure(index, 2025, "membres", "coopr").value == "3"  # membership is the network's
    assert [e.id for e in table_rows(index, 2025, "evenements", "coopr")] == ["webinaire-un", "webinaire-deux"]
    chapter = builder.root / "annual_report/2025/chapitres/instances.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(
        "[[tableau instances]]", "[[tableau instances, copr]]\n\n[[chiffres webinaires, copr]]\n\n"
        "[[chiffres webinaires, coopr]]"), encoding="utf-8")
    found = "\n".join(diagnostics(builder, index))
    assert "instances.md:7: erreur : projet inconnu « copr » dans le bloc « tableau »" in found
    assert "conseil : vouliez-vous dire « coopr » ?" in found
    assert "instances.md:9: erreur : « copr » inconnu dans le bloc « chiffres »" in found
    assert "instances.md:11" not in found  # a known project among figures is fine


def test_charts_are_vector_svg_proportional_to_the_data(small):
    _builder, index = small
    colours = {"primaire": "#1d4e89", "accent": "#e67e22", "fond": "#f3f6fa"}
    svg = ET.fromstring(str(render_chart("membres-par-pays", index, 2025, colours)))
    assert svg.find(f"{SVG}title").text == "Collectivités membres par pays"
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert labels == ["Maroc", "2", "Belgique", "1"]
    bars = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert bars[0] == pytest.approx(2 * bars[1])
    assert {r.get("fill") for r in svg.iter(f"{SVG}rect")} == {"#1d4e89"}
    webinars = ET.fromstring(str(render_chart("participants-webinaires", index, 2025, colours)))
    widths = [float(r.get("width")) for r in webinars.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1])  # 80 and 40 participants
    assert [r.get("fill") for r in webinars.iter(f"{SVG}rect")] == ["#1e8449", "#1e8449"]  # COOP'R's colour
    donut = ET.fromstring(str(render_chart("evenements-par-type", index, 2025, colours)))
    assert len(list(donut.iter(f"{SVG}path"))) == 2  # webinars and the General Assembly


def test_a_year_without_activity_still_renders(small):
    _builder, index = small
    colours = {"primaire": "#1d4e89", "accent": "#e67e22", "fond": "#f3f6fa"}
    for name in ("evenements-par-mois", "evenements-par-type", "participants-webinaires", "actualites-par-theme"):
        svg = ET.fromstring(str(render_chart(name, index, 2031, colours)))
        assert svg.find(f"{SVG}title") is not None
    donut = ET.fromstring(str(render_chart("evenements-par-type", index, 2031, colours)))
    assert [t.text for t in donut.iter(f"{SVG}text")] == ["0"]
    assert figure(index, 2031, "participants-webinaires").value == "0"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.h1, self._in_h1 = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        self._in_h1 = tag == "h1"

    def handle_data(self, data):
        if self._in_h1 and data.strip():
            self.h1.append(data.strip())
            self._in_h1 = False


def _normalise(html: str, root: Path) -> str:
    return (html.replace(root.resolve().as_uri(), "file:///PROJET").replace(FONT_DIR.as_uri(), "file:///POLICES")
            .replace(EXTENDED_DIR.as_uri(), "file:///POLICES-ETENDUES").replace(NOTO_DIR.as_uri(), "file:///POLICES-NOTO")
            .replace(print_copies_dir().as_uri(), "file:///POLICES-NOTO"))


def test_report_html_structure_and_golden(small):
    builder, index = small
    project = builder.project()
    sources, _ = load_report(project, 2025)
    html = render_report_html(project, index, sources, bleed_mm=3,
                              toc_pages={"editorial": 2, "chiffres": 4, "ch-coopr": 5, "ch-instances": 8})
    parser = _Collector()
    parser.feed(html)
    assert parser.h1 == ["Éditorial", "L’année 2025 en chiffres", "COOP’R\xa0: la biodiversité", "La vie des instances"]
    assert set(parser.links) <= set(parser.ids) and len(parser.links) == 4
    assert "&amp;#39;" not in html and "&#39;" not in html.split("<style>")[1].split("</style>")[0]
    assert 'content: "Rapport d’activité 2025 · 1. COOP’R"' in html  # running footer, CSS-escaped
    assert "8 rue Paul Montrochet" in html and "69002 Lyon" in html
    assert "<svg" in html and "[[" not in html
    golden = GOLDEN / "rapport-petit.html"
    normalised = _normalise(html, builder.root)
    if os.environ.get("UPDATE_GOLDEN"):  # by hand, after an intended change: then read the diff
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(normalised, encoding="utf-8")
    assert golden.is_file(), f"{golden} manquant : lancez UPDATE_GOLDEN=1 pytest {__file__}"
    assert normalised == golden.read_text(encoding="utf-8")


def test_css_strings_are_escaped_for_style_elements():
    assert str(css_string('Dit "non" </style>')) == '"Dit \\"non\\" \\3C /style>"'


def test_sample_web_page_links_logos_to_the_site(sample_project, sample_index):
    page = next(p for p in web_pages(sample_project, sample_index) if p.url == "rapport/2025/")
    assert "file://" not in page.html
    logos = re.findall(r'<img src="([^"]+)"', page.html)
    assert logos and all(src.startswith("../../images/partenaires/") for src in logos)
    for src in logos:
        assert (sample_project.content_dir / src.removeprefix("../../")).is_file()


def test_nothing_to_print_starts_no_browser(make_project, monkeypatch):
    from airf_site.report import build as report
    from airf_site.report import factsheets

    def no_browser():
        raise AssertionError("Chromium ne doit pas être lancé")

    monkeypatch.setattr(report, "Printer", no_browser)
    monkeypatch.setattr(factsheets, "Printer", no_browser)
    index, _diags = make_project.load()
    assert report.build_report(make_project.project(), index) == []
    assert factsheets.build_factsheets(make_project.project(), index) == []


def test_web_pages_for_the_site(small):
    builder, index = small
    pages = web_pages(builder.project(), index)
    assert len(pages) == 1
    page = pages[0]
    assert page.url == "rapport/2025/" and page.standalone is False
    assert page.title == "Rapport d'activité 2025"
    assert 'href="../rapport-annuel-2025.pdf"' in page.html
    assert "file://" not in page.html and "[[" not in page.html
    assert '<section id="coopr"><h2>COOP’R\xa0: la biodiversité</h2>' in page.html
    assert "<h3" in page.html and '<div class="airf-figures">' in page.html


def test_project_chapter_figures_are_computed_for_that_project(sample_project, sample_index):
    """A chapter with `projet:` counts that project's items only (TERR'ESS has 2 sheets in 2025)."""
    sources, diags = load_report(sample_project, 2025, {p.id for p in sample_index.projects})
    assert sources is not None, diags
    html = render_report_html(sample_project, sample_index, sources)
    start = html.index('id="ch-terress"')
    chapter = html[start:html.index('<section class="opener', start + 1)]
    shown = dict((label, value) for value, label in re.findall(
        r'class="figure-value">([^<]+)</span><span class="figure-label">([^<]+)<', chapter))
    terress_2025 = [f for f in sample_index.fiches if f.projet == "terress" and f.date.year == 2025]
    everyone_2025 = [f for f in sample_index.fiches if f.date.year == 2025]
    assert len(terress_2025) != len(everyone_2025)  # otherwise the test would prove nothing
    assert shown["fiches techniques publiées"] == str(len(terress_2025))
    webinars = [e for e in sample_index.events if e.projet == "terress" and e.type == "webinaire"
                and e.debut.year == 2025 and e.fin <= sample_index.now]
    assert shown["webinaires thématiques"] == str(len(webinars))


def test_unknown_chapter_project_is_reported(small):
    builder, index = small
    first = sorted((builder.root / "annual_report" / "2025" / "chapitres").glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("titre:", "projet: terres\ntitre:", 1), encoding="utf-8")
    messages = diagnostics(builder, index)
    assert any("projet inconnu « terres »" in m and ":2:" in m for m in messages), messages


def test_finance_chapter_shows_the_data_file(sample_project, sample_index):
    """Income and spending come from finances.yml, as charts and a table, totals computed."""
    import yaml

    from airf_site.report.finances import euros

    data = yaml.safe_load((sample_project.root / "annual_report" / "2025" / "finances.yml").read_text("utf-8"))
    sources, diags = load_report(sample_project, 2025, {p.id for p in sample_index.projects},
                                 {t.id for t in sample_index.themes})
    assert sources is not None and sources.finances is not None, diags
    html = render_report_html(sample_project, sample_index, sources)
    start = html.index('id="ch-finances"')
    chapter = html[start:html.index('<section class="opener', start + 1)]
    assert 'aria-label="Ressources 2025 par origine"' in chapter
    assert 'aria-label="Emplois 2025 par priorité stratégique"' in chapter
    for line in data["ressources"]:
        assert fix_text(line["source"]) in chapter  # typeset like every text
    income = sum(line["montant"] for line in data["ressources"])
    spending = sum(line["montant"] for line in data["emplois"])
    assert f"Total des ressources</th><td class=\"num nowrap\">{euros(income)}" in chapter
    assert f"Total des emplois</th><td class=\"num nowrap\">{euros(spending)}" in chapter
    # a spending line naming a priority is shown with the priority's title
    assert "Environnement, eau, énergies et climat" in chapter


def test_finances_errors_are_located(small):
    builder, index = small
    folder = builder.root / "annual_report" / "2025"
    (folder / "finances.yml").write_text("exercice: 2024\nressources:\n  - source: Cotisations\n    montant: -3\n"
                                         "emplois:\n  - montant: 10\n", encoding="utf-8")
    messages = "\n".join(diagnostics(builder, index))
    assert "finances.yml:4: erreur : « montant » (élément 1 de « ressources ») : doit être au moins 0" in messages
    assert "finances.yml:6: erreur : « emplois » (élément 1) : indiquez soit « priorite »" in messages


def test_chart_labels_are_never_cut(sample_index):
    from airf_site.report.charts import hbar_chart, text_width

    label = "Environnement, eau, énergies et climat"
    svg = str(hbar_chart("Essai", [(label, 3, "#1e8449"), ("Jeunesse", 12, "#e67e22")]))
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    first = next(t for t in root.iter(f"{ns}text") if t.text == label)  # the whole label, no "…"
    # right-aligned at x: it starts at x - width, inside the drawing
    assert float(first.get("x")) - text_width(label, 12) >= 0
    bar = next(root.iter(f"{ns}rect"))
    assert float(bar.get("x")) > float(first.get("x"))


def test_closing_illustrations_differ_per_chapter_and_stay_flat():
    """Seven chapters, seven motifs; flat colours only (the CMYK conversion has no gradients)."""
    from airf_site.report.art import render_art

    arts = [str(render_art(n, "#1d4e89", 170, 90)) for n in range(1, 8)]
    motifs = set()
    for art in arts:
        root = ET.fromstring(art)
        assert root.get("aria-hidden") == "true" and root.get("height") == "90.0mm"
        kinds = [el.tag.split("}")[1] for el in root][1:]  # after the background
        assert kinds and "Gradient" not in art and "pattern" not in art
        motifs.add(tuple(sorted(set(kinds))) + (len(kinds),))
    assert len(motifs) == 7


def test_end_marker_stays_inside_the_last_paragraph():
    from airf_site.report.render import end_marker

    html = "<h2>Titre</h2><p>Premier.</p><table><tr><td>x</td></tr></table><p>Dernier mot.</p>"
    assert end_marker(html, "fin-x").endswith('Dernier mot.<span class="pass-marker">@@fin-x@@</span></p>')


class _OpenerArt(HTMLParser):
    """The shapes of the motif on each chapter opener: {section id: Counter of (tag, attributes)}."""

    def __init__(self):
        super().__init__()
        self.openers: dict[str, Counter] = {}
        self._current: str | None = None
        self._in_art = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._current = attrs["id"] if "opener" in attrs.get("class", "").split() else None
            self._in_art = False
        elif tag == "svg" and self._current and "opener-art" in attrs.get("class", ""):
            assert attrs.get("aria-hidden") == "true"  # decoration: not read out
            self._in_art = True
            self.openers[self._current] = Counter()
        elif self._in_art and tag in ("circle", "ellipse", "rect", "path", "polygon", "line"):
            self.openers[self._current][(tag, tuple(sorted(attrs)))] += 1

    def handle_endtag(self, tag):
        if tag == "svg":
            self._in_art = False


def test_each_chapter_opener_has_its_own_motif(sample_project, sample_index):
    """Every opener carries a generated motif across its top, and no two chapters share one:
    the shapes drawn (kind, attributes, how many) differ from chapter to chapter."""
    sources, diags = load_report(sample_project, 2025, {p.id for p in sample_index.projects},
                                 {t.id for t in sample_index.themes})
    assert sources is not None, diags
    html = render_report_html(sample_project, sample_index, sources, bleed_mm=3)
    parser = _OpenerArt()
    parser.feed(html)
    assert list(parser.openers) == [f"ch-{c.slug}" for c in sources.chapters]
    assert all(sum(shapes.values()) >= 8 for shapes in parser.openers.values())
    signatures = [frozenset(shapes.items()) for shapes in parser.openers.values()]
    assert len(set(signatures)) == len(signatures) == 7
    # the band runs into the bleed: it starts at the sheet's corner and spans the sheet's width
    widths = set(re.findall(r'<svg[^>]*class="opener-art"[^>]*width="([\d.]+)mm"', html))
    assert widths == {"216.0"}


def test_cover_carries_the_logo_and_the_year_once(sample_project, sample_index):
    sources, diags = load_report(sample_project, 2025, {p.id for p in sample_index.projects},
                                 {t.id for t in sample_index.themes})
    assert sources is not None, diags
    html = render_report_html(sample_project, sample_index, sources, bleed_mm=3)
    cover = html[html.index('<section class="cover"'):html.index("</section>")]
    logo = re.search(r'<svg[^>]*class="logo"[^>]*role="img"[^>]*aria-label="([^"]+)"', cover)
    assert logo and "AIRF" in logo.group(1)
    assert cover.count("<path") >= 4  # the four quarter rings, drawn as vectors
    text = re.sub(r"<[^>]+>", " ", cover.split("</svg>", 1)[1])
    assert text.count("2025") == 1  # the year once, large; not in the title as well
