"""Meetings kit on the sample General Assembly 2027: PDFs (structure, boxes, fonts, text), the
programme fragment, the reminders, determinism, and no personal data on the website.

One kit build per module (Chromium is launched once); the people are FICTITIOUS
(tests/data/participants/).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from conftest import FIXED_NOW, copy_repo_sources
from pypdf import PdfReader
from typography_checks import faults, html_faults, pdf_text

from airf_site.content.loader import load_project
from airf_site.kit.build import A3, A4, A4_LANDSCAPE, A5, build_kit, check_kit_pdf
from airf_site.kit.participants import load_participants
from airf_site.print.printer import MM
from airf_site.project import Project
from airf_site.typography import fix_text

DATA = Path(__file__).resolve().parent / "data" / "participants"
EVENT = "assemblee-generale-2027"
SOURCE = DATA / "assemblee-generale-2027.csv"
# Strings that identify the fictitious participants and contacts: none may reach build/site/.
PERSONAL = ["Diallo-Koné", "DIALLO-KONÉ", "Vandenberghe", "Agbodjan", "Rochefoucauld", "example.org",
            "Andrianarivelo", "Tremblay-Gagnon"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kit(tmp_path_factory, chromium_path):
    root = copy_repo_sources(tmp_path_factory.mktemp("kit"))
    project = Project.load(root, now=FIXED_NOW)
    index, _ = load_project(project)
    result = build_kit(project, index, EVENT, inscriptions=SOURCE, relances=True,
                       contacts=DATA / "contacts-fictifs.csv")
    participants, _ = load_participants(SOURCE, root, index.members)
    return project, index, result, participants


def _sizes_mm(path: Path, box: str = "/TrimBox") -> list[tuple[float, float]]:
    with pikepdf.open(path) as pdf:
        out = []
        for page in pdf.pages:
            x0, y0, x1, y1 = [float(v) for v in page.obj.get(box, page.mediabox)]
            out.append((round((x1 - x0) / MM, 1), round((y1 - y0) / MM, 1)))
        return out


def _fonts(path: Path) -> set[str]:
    names = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for font in ((page.obj.get("/Resources") or {}).get("/Font") or {}).values():
                assert font.get("/Subtype") != "/Type3"
                names.add(str(font.get("/BaseFont")).split("+")[-1])
    return names


def _text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def test_all_outputs_are_written(kit):
    project, _index, result, participants = kit
    folder = project.build_dir / "kit" / EVENT
    assert result.folder == folder
    expected = {"programme.pdf", "programme.html", "affiche.pdf", "badges.pdf", "chevalets.pdf",
                "relances/relances-brevo.csv", "relances/membres-non-inscrits.csv", "relances/relance-brevo.html",
                "relances/relance.txt", "relances/brevo-campagne.json"}
    assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == expected
    assert result.participants == len(participants) == 28
    assert [d.line for d in result.diagnostics] == [30, 31, 32, 33]


@pytest.mark.parametrize("name, size, bleed, pages, safe", [
    ("programme.pdf", A5, 3, None, 5), ("affiche.pdf", A3, 3, 1, 10), ("badges.pdf", A4, 0, 4, 10),
    ("chevalets.pdf", A4_LANDSCAPE, 3, 28, 5),
])
def test_pdf_structure(kit, name, size, bleed, pages, safe):
    project, _index, _result, _participants = kit
    path = project.build_dir / "kit" / EVENT / name
    trims = _sizes_mm(path)
    if pages is not None:
        assert len(trims) == pages
    assert set(trims) == {size}
    if bleed:
        assert set(_sizes_mm(path, "/BleedBox")) == {(size[0] + 2 * bleed, size[1] + 2 * bleed)}
        # Crop marks sit in a slug area outside the bleed: the sheet is larger still.
        (media_w, media_h), = set(_sizes_mm(path, "/MediaBox"))
        assert media_w > size[0] + 2 * bleed + 10 and media_h > size[1] + 2 * bleed + 10
    assert check_kit_pdf(path, size, bleed_mm=bleed, safe_mm=safe) == ([], [])
    fonts = _fonts(path)
    assert {"Lato-Regular", "Lato-Black"} & fonts, fonts
    # font_lato's Lato has no Romanian ă/ș/ț nor U+202F: the identity's extended range is Source
    # Sans Pro, then Noto Sans (airf_site/fonts.py), never a system font.
    assert all(f.startswith(("Lato", "SourceSansPro", "NotoSans")) for f in fonts), fonts
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo.Title).endswith("Assemblée générale 2027 – Sousse")
        assert str(pdf.Root.Lang) == "fr"


def test_programme_is_a_booklet_with_every_session(kit):
    project, index, _result, _participants = kit
    event = next(e for e in index.events if e.id == EVENT)
    path = project.build_dir / "kit" / EVENT / "programme.pdf"
    pages = _text(path)
    assert len(pages) % 4 == 0  # folded A5 sheets
    text = " ".join(" ".join(p.split()) for p in pages)
    for session in event.programme:
        assert " ".join(fix_text(session.titre).split()[:3]) in text
    assert "Informations pratiques" in text and "Plan de situation" not in text  # no invented map
    assert "Mercredi 16 juin 2027" in text


def test_badges_have_every_participant_with_role_and_country(kit):
    project, _index, _result, participants = kit
    pages = _text(project.build_dir / "kit" / EVENT / "badges.pdf")
    text = "\n".join(pages)
    squeezed = "".join(text.split())
    for person in participants:
        assert "".join(fix_text(person.nom).upper().split()) in squeezed, person.nom
    assert len(pages) == 4 and all(page.count("Assemblée générale 2027") == 8 for page in pages[:3])
    for label in ("MEMBRE", "PARTENAIRE", "ÉQUIPE", "INTERVENANT"):
        assert label in text
    assert "Bénin" in text and "BJ" in text
    assert "Koffi" in text  # no "ffi" ligature: names stay searchable
    assert "Zembla" not in text and "KELLER" not in text  # broken rows are not printed


def test_name_cards_print_the_name_twice_one_upside_down(kit):
    project, _index, _result, participants = kit
    path = project.build_dir / "kit" / EVENT / "chevalets.pdf"
    first = participants[0]
    pages = _text(path)
    assert len(pages) == len(participants)
    assert pages[0].count(first.nom.upper()) == 2
    # One copy runs right to left on the sheet (the half turned upside down), one left to right.
    directions = []

    def visit(text, cm, tm, _font, _size):
        if text.strip() == first.nom.upper():
            directions.append(tm[0] * cm[0] + tm[1] * cm[2] > 0)

    PdfReader(str(path)).pages[0].extract_text(visitor_text=visit)
    assert sorted(directions) == [False, True]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_programme_fragment_for_the_site(kit):
    project, index, _result, _participants = kit
    event = next(e for e in index.events if e.id == EVENT)
    html = (project.build_dir / "kit" / EVENT / "programme.html").read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(html)
    rows = [t for t, a in parser.tags if t == "td" and a.get("class") == "seance"]  # one per session
    headers = [a.get("scope") for t, a in parser.tags if t == "th"]
    assert headers == ["col", "col"] * 2  # each day's table names its columns (RGAA 5.7)
    days = [a["datetime"] for t, a in parser.tags if t == "time" and "datetime" in a]
    assert len(rows) == len(event.programme)
    assert days == ["2027-06-16", "2027-06-17"]
    assert "Table ronde\xa0: COOP’R et TERR’ESS" in html


def test_reminders(kit):
    project, index, _result, participants = kit
    folder = project.build_dir / "kit" / EVENT / "relances"
    rows = list(csv.reader(io.StringIO((folder / "relances-brevo.csv").read_text(encoding="utf-8")), delimiter=";"))
    assert rows[0] == ["EMAIL", "PRENOM", "NOM", "COLLECTIVITE", "PAYS"]
    emails = {r[0] for r in rows[1:]}
    # Ségou and Auvergne-Rhône-Alpes registered someone: their contacts get no reminder. The
    # Gouvernorat de Sousse did not (Inès Haddad comes from the Université de Sousse).
    assert emails == {"luc.fictif@example.org", "moussa.fictif@example.org", "julie.fictive@example.org",
                      "sami.fictif@example.org"}
    team = list(csv.DictReader(io.StringIO((folder / "membres-non-inscrits.csv").read_text(encoding="utf-8")), delimiter=";"))
    registered = {p.membre for p in participants if p.membre}
    assert len(team) == len(index.members) - len(registered)
    assert not registered & {r["IDENTIFIANT"] for r in team}
    html = (folder / "relance-brevo.html").read_text(encoding="utf-8")
    from airf_site.mail.checks import check_email

    assert [d for d in check_email(html, brevo=True) if d.is_error] == []
    assert "{{ contact.PRENOM|default:'à toutes et à tous' }}" in html
    assert 'href="{{ unsubscribe }}"' in html
    payload = json.loads((folder / "brevo-campagne.json").read_text(encoding="utf-8"))
    assert payload["htmlContent"] == html.rstrip("\n") + "\n" or payload["htmlContent"].strip() == html.strip()
    assert payload["sender"]["email"]
    text = (folder / "relance.txt").read_text(encoding="utf-8")
    event = next(e for e in index.events if e.id == EVENT)
    assert f"Inscrire ma délégation\xa0: {event.inscription}" in text
    assert f'href="{event.inscription}"' in html


def test_same_input_same_bytes_and_atomic_rebuild(kit):
    project, index, _result, _participants = kit
    folder = project.build_dir / "kit" / EVENT

    def digest():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}

    before = digest()
    build_kit(project, index, EVENT, inscriptions=SOURCE, relances=True, contacts=DATA / "contacts-fictifs.csv")
    assert digest() == before


def test_no_personal_data_reaches_the_site(kit):
    from airf_site.build import site_pages
    from airf_site.site.build import build_site

    project, index, _result, _participants = kit
    build_site(project, index, site_pages(project, index))
    site = project.build_dir / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        for needle in PERSONAL:
            assert needle.encode("utf-8") not in data, f"{needle} dans {path.relative_to(site)}"
    assert not list(site.rglob("badges.pdf")) and not list(site.rglob("*.csv"))


def test_kit_text_in_french_typography(kit):
    """Programme, poster, badges and table cards (PDF), the programme page and the reminder e-mail."""
    project, _index, _result, _participants = kit
    folder = project.build_dir / "kit" / EVENT
    for name in ("programme.pdf", "affiche.pdf", "badges.pdf", "chevalets.pdf"):
        assert faults(pdf_text(folder / name), pdf=True) == [], name
    assert html_faults([folder / "programme.html", folder / "relances/relance-brevo.html"]) == []
    assert faults((folder / "relances/relance.txt").read_text(encoding="utf-8")) == []
