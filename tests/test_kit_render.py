"""Kit layouts as HTML (no browser): name fitting, badge grid, folded cards, programme days,
poster, venue plan (the organisers' image or none), QR codes, unbreakable URLs, escaping; and the `airf kit` command's French failures.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_repo_sources

from airf_site.cli import cli
from airf_site.content.models import PARIS
from airf_site.kit.participants import Participant
from airf_site.kit.render import (
    PER_SHEET,
    badge_sheets,
    date_range_fr,
    fit_pt,
    programme_days,
    render_badges,
    render_cards,
    render_poster,
    render_programme,
    render_programme_html,
    render_url,
)

DATA = Path(__file__).resolve().parent / "data" / "participants"

EVENT = """\
---
titre: Réunion du Bureau <Porto-Novo>
type: bureau
debut: 2027-04-13 09:00
fin: 2027-04-14 13:00
fuseau: Africa/Porto-Novo
resume: Le Bureau prépare l'Assemblée générale.
lieu: Palais des congrès, Porto-Novo, Bénin
inscription: https://example.org/inscription
date_limite_inscription: 2027-03-31
programme:
  - jour: 2027-04-14
    debut: "09:00"
    titre: Relevé de décisions
  - debut: "14:00"
    fin: "15:00"
    titre: Budget 2027
    intervenant: Le trésorier
    salle: Salle A
  - debut: "09:00"
    fin: "10:00"
    titre: Ouverture
---
## Accès

Navette depuis l'aéroport.
"""


@pytest.fixture
def setup(make_project):
    make_project.write("content/evenements/bureau-2027.md", EVENT)
    shutil.copytree(REPO / "layouts", make_project.root / "layouts")
    index, diags = make_project.load()
    assert not [d for d in diags if d.is_error], diags
    return make_project.project(), index.events[0]


def person(nom="Diallo", prenom="Awa", role="membre", **kw):
    return Participant(line=2, prenom=prenom, nom=nom, fonction=kw.get("fonction", "Présidente"),
                       collectivite=kw.get("collectivite", "Région de Ségou"), pays=kw.get("pays", "ML"), role=role)


class Tags(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, dict(attrs)))

    def with_class(self, name):
        return [a for t, a in self.items if name in (a.get("class") or "").split()]


def test_fit_pt_shrinks_long_names_within_bounds():
    short = fit_pt("SARR", 78, 22, 11)
    long = fit_pt("EL IDRISSI BEN ABDELKRIM", 78, 22, 11)
    longer = fit_pt("DE LA ROCHEFOUCAULD-VASSEUR DE SAINT-EXUPÉRY", 78, 22, 11)
    assert short == 22 and 11 < long < 22 and longer == 11
    assert fit_pt("", 78, 22, 11) == 22


def test_date_ranges():
    day = lambda d, h=9: dt.datetime(2027, d // 100, d % 100, h, tzinfo=PARIS)  # noqa: E731
    assert date_range_fr(day(616), day(616, 17)) == "16\xa0juin\xa02027"
    assert date_range_fr(day(616), day(617)) == "16 – 17\xa0juin\xa02027"
    assert date_range_fr(day(630), day(701)) == "30\xa0juin – 1er\xa0juillet\xa02027"
    assert date_range_fr(day(601), day(602)) == "1er – 2\xa0juin\xa02027"


def test_programme_days_sorted_and_grouped(setup):
    _project, event = setup
    days = programme_days(event)
    assert [d.date.isoformat() for d in days] == ["2027-04-13", "2027-04-14"]
    assert [s.titre for s in days[0].sessions] == ["Ouverture", "Budget 2027"]
    assert days[0].label == "mardi\xa013\xa0avril\xa02027"


def test_badge_grid_eight_per_sheet_with_crop_marks(setup):
    project, event = setup
    people = [person(nom=f"Nom{i:02d}", role=["membre", "partenaire", "equipe", "intervenant"][i % 4]) for i in range(19)]
    assert [len(s) for s in badge_sheets(people)] == [8, 8, 3] and PER_SHEET == 8
    tags = Tags(render_badges(project, event, people))
    assert len(tags.with_class("sheet")) == 3
    badges = tags.with_class("badge")
    assert len(badges) == 19
    # Positions tile a 2 × 4 grid of 90 × 60 mm centred on A4.
    lefts = sorted({float(b["style"].split("left: ")[1].split("mm")[0]) for b in badges})
    tops = sorted({float(b["style"].split("top: ")[1].split("mm")[0]) for b in badges})
    assert lefts == [15.0, 105.0] and tops == [28.5, 88.5, 148.5, 208.5]
    assert {c for b in badges for c in b["class"].split()} >= {"role-membre", "role-partenaire", "role-equipe", "role-intervenant"}
    assert len(tags.with_class("mark")) == 3 * 2 * (3 + 5)  # both ends of every cut line, on each sheet


def test_cards_have_the_name_twice_and_the_top_half_turned(setup):
    project, event = setup
    html = render_cards(project, event, [person(nom="Vandenberghe", prenom="Éloïse")])
    tags = Tags(html)
    assert len(tags.with_class("half")) == 2 and len(tags.with_class("top")) == 1
    assert html.count(">Vandenberghe<") == 2 and html.count(">Éloïse<") == 2
    assert ".half.top { top: 0; transform: rotate(180deg); }" in html
    assert "size" not in html.split("@page")[1].split("}")[0]  # the Printer sets the sheet size


def test_participant_text_is_escaped(setup):
    project, event = setup
    html = render_badges(project, event, [person(nom="<script>alert(1)</script>")])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Réunion du Bureau &lt;Porto-Novo&gt;" in html


def test_programme_booklet_and_fragment(setup):
    project, event = setup
    fragment = render_programme_html(project, event)
    tags = Tags(fragment)
    assert [a["datetime"] for t, a in tags.items if t == "time" and "datetime" in a] == ["2027-04-13", "2027-04-14"]
    assert sum(1 for t, a in tags.items if t == "td" and a.get("class") == "seance") == 3
    assert "14\xa0h\xa000" in fragment and "Salle A" in fragment and "Le trésorier" in fragment
    assert "Salle\xa0: Salle" not in fragment  # the room's name already says it
    booklet = render_programme(project, event, notes_pages=2)
    assert booklet.count('class="notes"') == 2
    assert "font-size: 8.8pt" not in booklet
    assert "font-size: 8.8pt" in render_programme(project, event, compact=True)
    assert fragment.strip() in booklet
    assert "Navette depuis l’aéroport" in booklet
    # Registration closed on 31 March 2027 but "now" is 2026-11-28: still open.
    assert "https://example.org/inscription" in re.sub(r"<[^>]+>", "", booklet)


def test_poster_shows_every_day_and_hides_a_closed_registration(setup, make_project):
    project, event = setup
    html = render_poster(project, event, 3)
    assert "calc(297mm + 2 * var(--bleed))" in html and "--bleed: 3mm" in html
    assert "mardi\xa013\xa0avril\xa02027" in html and "mercredi\xa014\xa0avril\xa02027" in html
    assert "Inscription avant le 31\xa0mars\xa02027" in html
    late = project.__class__.load(project.root, now=dt.datetime(2027, 4, 2, 12, tzinfo=PARIS))
    assert "Inscription avant" not in render_poster(late, event, 3)


def test_no_invented_map_without_the_organisers_plan(setup):
    project, event = setup
    html = render_programme(project, event)
    assert "Plan de situation" not in html and "<line " not in html and 'class="plan"' not in html


def test_the_organisers_plan_is_printed_with_an_alt_text(setup):
    project, event = setup
    planned = event.model_copy(update={"lieu_plan": "images/evenements/plan.png"})
    images = Tags(render_programme(project, planned)).with_class("plan")
    assert images == [{"class": "plan", "src": "images/evenements/plan.png",
                       "alt": "Plan d'accès : Palais des congrès, Porto-Novo, Bénin"}]


def test_urls_wrap_only_after_a_slash():
    html = str(render_url("https://inscriptions.regions-francophones.org/assemblee-generale-2027"))
    pieces = re.findall(r'<span class="nobr">([^<]*)</span>', html)
    assert pieces == ["https://inscriptions.regions-francophones.org/", "assemblee-generale-2027"]
    assert html.count("<wbr>") == 1 and "".join(pieces) == "https://inscriptions.regions-francophones.org/assemblee-generale-2027"
    assert str(render_url("https://x.org/a<b>")).count("&lt;b&gt;") == 1


def test_poster_and_programme_carry_a_qr_code_of_the_registration(setup):
    project, event = setup
    for html in (render_poster(project, event, 3), render_programme(project, event)):
        svg = ET.fromstring(re.search(r"<svg.*?</svg>", html, re.S).group(0))
        assert svg.get("aria-label") == "Code QR : inscription" and svg.get("class") == "qr"
        assert "https://example.org/inscription" in re.sub(r"<[^>]+>", "", html)


# --- the command ---------------------------------------------------------------------------


@pytest.fixture
def repo_copy(tmp_path):
    return copy_repo_sources(tmp_path / "projet")


def run(root, *args):
    return CliRunner().invoke(cli, ["--root", str(root), "kit", *args])


def test_unknown_event_is_a_french_error_with_a_hint(repo_copy):
    result = run(repo_copy, "assemblee-generale-2072")
    assert result.exit_code == 1
    assert "événement « assemblee-generale-2072 » introuvable" in result.output
    assert "vouliez-vous dire « assemblee-generale-2027 » ?" in result.output
    assert "Traceback" not in result.output


def test_missing_export_and_strict_keep_the_previous_kit(repo_copy):
    previous = repo_copy / "build" / "kit" / "assemblee-generale-2027"
    previous.mkdir(parents=True)
    (previous / "badges.pdf").write_bytes(b"ancien kit")
    result = run(repo_copy, "assemblee-generale-2027", "--inscriptions", str(repo_copy / "absent.csv"))
    assert result.exit_code == 1 and "fichier des inscriptions introuvable" in result.output
    result = run(repo_copy, "assemblee-generale-2027", "--inscriptions", str(DATA / "assemblee-generale-2027.csv"),
                 "--strict")
    assert result.exit_code == 1
    assert "assemblee-generale-2027.csv:31: avertissement : Bruno Keller : pays inconnu « Zembla »" in result.output
    assert "Rien n'a été publié." in result.output
    assert (previous / "badges.pdf").read_bytes() == b"ancien kit"


@pytest.mark.parametrize("plan, message", [
    ("images/evenements/plan-absent.png", "image introuvable"),
    ("pages/plan.png", "plan d'accès hors du dossier des images « pages/plan.png »"),
])
def test_lieu_plan_is_checked_like_an_image(make_project, plan, message):
    make_project.write("content/pages/plan.png", "pas une image du dossier images/")
    make_project.write("content/evenements/bureau-2027.md", EVENT.replace("lieu: Palais", f"lieu_plan: {plan}\nlieu: Palais"))
    _index, diags = make_project.load()
    errors = [d for d in diags if d.is_error]
    assert len(errors) == 1 and message in errors[0].message
    assert errors[0].path.endswith("bureau-2027.md") and errors[0].line == 8
