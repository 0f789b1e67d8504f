"""The embedded sample content: loads cleanly and covers what every output needs to show.

Other outputs (site, newsletter, report, kit) are demonstrated and tested on this content, so
its coverage is a contract: both projects, the four themes, past and upcoming events, open and
closed calls, members in 15 countries, images with alternative text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import FIXED_NOW, REPO
from PIL import Image

from airf_site.content.loader import load_project
from airf_site.samples import images as sample_images

CONTENT = REPO / "content"
THEMES = {"francophonie-des-territoires", "francophonie-economique", "jeunesse-et-formation",
          "environnement-eau-energies-climat"}
FOUNDERS = {"auvergne-rhone-alpes": "FR", "rabat-sale-kenitra": "MA", "tombouctou": "ML"}
ALLOWED_EMAILS = {"contact@regions-francophones.org"}


@pytest.fixture(scope="module")
def loaded(sample_project):
    return load_project(sample_project)


@pytest.fixture(scope="module")
def index(loaded):
    return loaded[0]


def test_sample_loads_without_any_diagnostic(loaded):
    _index, diags = loaded
    assert [d.format() for d in diags] == []  # warnings included: `airf check --strict` must pass


def test_news_cover_two_years_both_projects_and_all_themes(index):
    news = index.news
    assert len(news) >= 15
    years = {n.date.year for n in news}
    assert {2025, 2026} <= years and years <= {2025, 2026}
    assert max(n.date for n in news) <= FIXED_NOW.date()
    assert {n.projet for n in news} >= {"coopr", "terress"}
    assert set().union(*(n.themes for n in news)) == THEMES
    assert all(n.auteur and "@" not in n.auteur for n in news)
    assert sum(1 for n in news if n.image) >= 6
    assert any(d.kind == "actualite" for d in index.drafts)


def test_news_files_are_dated_and_bodies_are_articles(index):
    for item in index.news:
        name = Path(item.source).name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.md", name), name
        assert name.startswith(item.date.isoformat()), f"{name}: la date du nom diffère de « date »"
        words = len(re.findall(r"\w+", item.body))
        assert 150 <= words <= 400, f"{name}: {words} mots"
        assert "<h2" in item.html, f"{name}: pas d'intertitre"
    assert sum("<table" in n.html for n in index.news) >= 3
    assert sum('<a href="https://' in n.html for n in index.news) >= 3


def test_fact_sheets_come_from_members_in_several_countries(index):
    fiches = index.fiches
    assert len(fiches) == 6
    assert len({f.pays for f in fiches}) >= 4
    assert {f.projet for f in fiches} == {"coopr", "terress"}
    for fiche in fiches:
        member = index.member(fiche.collectivite)
        assert member is not None and member.pays == fiche.pays
        assert fiche.actions and fiche.resultats and fiche.enseignements and fiche.contexte
        assert len(fiche.chiffres_cles) >= 3
        assert fiche.images and all(img.alt for img in fiche.images)
        assert "@" not in fiche.contact


def _events(index, kind, year):
    return [e for e in index.events if e.type == kind and e.debut.year == year]


def test_governance_meetings_of_2025(index):
    (bureau,) = [e for e in _events(index, "bureau", 2025) if e.debut.month == 4]
    assert bureau.fuseau == "Africa/Casablanca" and "Maroc" in bureau.lieu
    assert bureau.debut.utcoffset() == dt.timedelta(hours=1)
    (assembly,) = _events(index, "assemblee-generale", 2025)
    assert assembly.debut.month == 6 and "Lyon" in assembly.lieu
    assert len(assembly.programme) >= 6
    assert {s.jour for s in assembly.programme} == {dt.date(2025, 6, 25), dt.date(2025, 6, 26)}
    assert all(s.salle for s in assembly.programme)
    assert not any("@" in (s.intervenant or "") for s in assembly.programme)


def test_past_events_have_minutes_and_webinars_have_replays(index):
    past = index.past_events()
    assert len(index.events) >= 12 and len(past) >= 8
    assert all(e.has_minutes for e in past)
    webinars = [e for e in past if e.type == "webinaire"]
    assert {e.projet for e in webinars} == {"coopr", "terress"}
    assert {e.debut.year for e in webinars} == {2025, 2026}
    assert all(e.replay and e.participants for e in webinars)
    assert {"comite-pilotage", "regroupement-technique"} <= {e.type for e in past}


def test_upcoming_events_in_2027(index):
    upcoming = index.upcoming_events()
    assert upcoming and all(e.debut.year == 2027 for e in upcoming)
    types = {e.type for e in upcoming}
    assert {"webinaire", "bureau", "assemblee-generale"} <= types
    assert any(e.type == "webinaire" and e.inscription for e in upcoming)
    (assembly,) = [e for e in upcoming if e.type == "assemblee-generale"]
    assert assembly.programme and assembly.date_limite_inscription < assembly.date
    assert assembly.inscription.startswith("https://")


def test_calls_open_and_closed(index):
    assert len(index.calls) == 6
    closed, open_ = index.closed_calls(), index.open_calls()
    assert 2 <= len(closed) <= 3 and 3 <= len(open_) <= 4
    assert all(dt.date(2026, 12, 1) <= c.date_limite <= dt.date(2027, 3, 31) for c in open_)
    for call in index.calls:
        assert call.bailleur and call.eligibles and call.themes and call.lien.startswith("https://")
        assert call.montant_min is not None and call.montant_min <= call.montant_max


def test_members_in_fifteen_countries_with_founders(index):
    assert len(index.members) >= 45
    countries = index.countries()
    assert len(countries) == 15
    assert {"BE", "FR", "RO", "MA", "TN", "CI", "CM", "BJ", "CA"} <= set(countries)
    for ident, country in FOUNDERS.items():
        member = index.member(ident)
        assert member is not None and member.pays == country and member.adhesion == 2002
    assert all(m.site is None or m.site.startswith("https://") for m in index.members)


def test_partners_have_existing_png_logos(index):
    assert 5 <= len(index.partners) <= 7
    assert {p.type for p in index.partners} == {"technique", "financier"}
    for partner in index.partners:
        with Image.open(CONTENT / partner.logo) as logo:
            assert logo.format == "PNG"


def test_static_pages(index):
    pages = {p.id: p for p in index.pages}
    assert {"a-propos", "contact", "mentions-legales", "donnees-personnelles", "adherer"} <= set(pages)
    about = pages["a-propos"].body
    # The network's size is computed from the member list ([[nombre …]] markers, see test_site_design).
    for fact in ("2002", "Auvergne-Rhône-Alpes", "Rabat-Salé-Kénitra", "Tombouctou", "[[nombre membres]]",
                 "[[nombre pays]] pays", "23 juin 2022"):
        assert fact in about, fact
    assert "8 rue Paul Montrochet" in pages["contact"].body and "69002 Lyon" in pages["contact"].body


def _referenced_images(index):
    """(source, src, alt) of every image the content refers to."""
    for doc in [*index.news, *index.events, *index.projects, *index.drafts]:
        if getattr(doc, "image", None):
            yield doc.source, doc.image, doc.image_alt
    for fiche in index.fiches:
        for img in fiche.images:
            yield fiche.source, img.src, img.alt


def test_every_image_exists_has_alt_and_fits_the_budget(index):
    refs = list(_referenced_images(index))
    assert len(refs) >= 20
    for source, src, alt in refs:
        assert alt and len(alt) >= 20, f"{source}: texte alternatif trop court"
        path = CONTENT / src
        with Image.open(path) as img:
            if src.startswith("images/projets/"):
                assert img.width == img.height
            else:
                assert (img.format, img.size) == ("JPEG", (1600, 900)), src
        assert path.stat().st_size <= 250 * 1024, src
    total = sum(p.stat().st_size for p in (CONTENT / "images").rglob("*") if p.is_file())
    assert total < 8 * 1024 * 1024


def test_generator_matches_committed_images_list():
    listed = {p.relative_to(CONTENT).as_posix() for p in sample_images.write_all(CONTENT, dry_run=True)}
    on_disk = {p.relative_to(CONTENT).as_posix() for p in (CONTENT / "images").rglob("*")
               if p.is_file() and p.parent.name in {"actualites", "evenements", "fiches", "projets", "partenaires"}}
    assert listed == on_disk


def test_generator_is_deterministic():
    def render() -> bytes:
        buf = io.BytesIO()
        sample_images.render_illustration("test-determinisme", "carte", "territoires").save(buf, "JPEG", quality=82)
        return buf.getvalue()

    assert render() == render()
    folder, name, style, palette, extra = sample_images.ILLUSTRATIONS[0]
    first = sample_images.render_illustration(name, style, palette, **extra)
    assert first.size == (1600, 900)


def test_no_personal_email_in_content():
    found = set()
    for path in CONTENT.rglob("*"):
        if path.suffix in {".md", ".yml"} and "admin" not in path.relative_to(CONTENT).parts:
            found |= set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", path.read_text(encoding="utf-8")))
    assert found <= ALLOWED_EMAILS
