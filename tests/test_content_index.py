"""ContentIndex (content/index.py): the order of every listing and what each query keeps, at
the boundaries a reader notices (an event ending at the build minute, a call closing today)."""

from __future__ import annotations

import datetime as dt

from airf_site.content.index import ContentIndex, french_key
from airf_site.content.models import Actualite, Appel, Evenement, Fiche, Membre, Page, Partenaire, Projet, Theme
from airf_site.project import PARIS

NOW = dt.datetime(2026, 11, 28, 12, 0, tzinfo=PARIS)


def doc(model, slug: str, **fields):
    item = model.model_validate({"titre": slug.capitalize(), **fields})
    item._slug = slug
    return item


def news(slug: str, day: str, **fields) -> Actualite:
    return doc(Actualite, slug, date=day, resume="R", **fields)


def event(slug: str, start: str, end: str, **fields) -> Evenement:
    return doc(Evenement, slug, type="webinaire", debut=start, fin=end, resume="R", en_ligne=True, **fields)


def call(slug: str, deadline: str, **fields) -> Appel:
    return doc(Appel, slug, date="2026-01-01", date_limite=deadline, bailleur="B", resume="R",
               eligibles="Membres", lien="https://example.org/appel", **fields)


def fiche(slug: str, day: str) -> Fiche:
    return doc(Fiche, slug, date=day, resume="R", collectivite="a", pays="MA", contexte="C",
               actions=["a"], resultats=["r"], enseignements=["e"], contact="Direction")


def project(slug: str) -> Projet:
    return doc(Projet, slug, nom_complet="N", resume="R", annee_debut=2024, cofinanceur="C", couleur="#112233")


def member(ident: str, nom: str, pays: str) -> Membre:
    return Membre(id=ident, nom=nom, pays=pays, type="région")


def theme(ident: str, numero: int) -> Theme:
    return Theme(id=ident, numero=numero, titre=ident, resume="R", couleur="#112233")


def ids(items) -> list[str]:
    return [i.id for i in items]


def test_listings_are_sorted_when_the_index_is_built():
    index = ContentIndex(
        now=NOW,
        news=[news("b", "2026-03-01"), news("a", "2026-03-01"), news("c", "2026-05-01"), news("d", "2025-12-31")],
        fiches=[fiche("x", "2026-01-01"), fiche("z", "2026-02-01"), fiche("y", "2026-02-01")],
        events=[event("late", "2026-12-05 10:00", "2026-12-05 11:00"),
                event("b", "2026-12-01 10:00", "2026-12-01 11:00"),
                event("a", "2026-12-01 10:00", "2026-12-01 12:00")],
        calls=[call("z", "2027-01-01"), call("b", "2026-12-15"), call("a", "2026-12-15")],
        projects=[project("terress"), project("coopr")],
        pages=[doc(Page, "contact", ordre=50), doc(Page, "apropos", ordre=50), doc(Page, "accueil", ordre=1),
               doc(Page, "mentions")],
        themes=[theme("eau", 4), theme("francophonie", 1), theme("economie", 2)],
        members=[member("m3", "Tunis", "TN"), member("m2", "Dakar", "SN"), member("m1", "Ziguinchor", "SN"),
                 member("m0", "Agadir", "MA")],
        partners=[Partenaire(id="p2", nom="Zeta", type="technique", logo="l.png"),
                  Partenaire(id="p1", nom="Alpha", type="technique", logo="l.png"),
                  Partenaire(id="p0", nom="Omega", type="financier", logo="l.png")],
    )
    assert ids(index.news) == ["c", "b", "a", "d"]  # newest first; same day: reverse slug order
    assert ids(index.fiches) == ["z", "y", "x"]
    assert ids(index.events) == ["a", "b", "late"]  # by start, then slug
    assert ids(index.calls) == ["a", "b", "z"]  # closing soonest first
    assert ids(index.projects) == ["coopr", "terress"]
    assert ids(index.pages) == ["accueil", "apropos", "contact", "mentions"]  # menu order, default 100
    assert [t.numero for t in index.themes] == [1, 2, 4]
    assert [m.nom for m in index.members] == ["Agadir", "Dakar", "Ziguinchor", "Tunis"]
    assert [p.nom for p in index.partners] == ["Omega", "Alpha", "Zeta"]  # financier before technique


def test_sort_again_after_the_loader_appends():
    index = ContentIndex(now=NOW)
    index.news += [news("old", "2020-01-01"), news("new", "2026-01-01")]
    index.sort()
    assert ids(index.news) == ["new", "old"]


def test_lookups_by_identifier():
    eau, coopr, rabat = theme("eau", 4), project("coopr"), member("rabat", "Rabat", "MA")
    index = ContentIndex(now=NOW, themes=[theme("climat", 1), eau], projects=[project("terress"), coopr],
                         members=[member("dakar", "Dakar", "SN"), rabat])
    assert index.theme("eau") is eau and index.theme("inconnu") is None
    assert index.project("coopr") is coopr and index.project(None) is None and index.project("x") is None
    assert index.member("rabat") is rabat and index.member("kenitra") is None


def test_documents_and_urls_cover_every_published_kind_in_a_stable_order():
    index = ContentIndex(now=NOW, pages=[doc(Page, "contact")], projects=[project("coopr")],
                         news=[news("atelier", "2026-01-01")], fiches=[fiche("puits", "2026-01-01")],
                         events=[event("copil", "2026-12-01 10:00", "2026-12-01 11:00")],
                         calls=[call("fonds", "2026-12-15")])
    assert [(d.kind, d.id) for d in index.documents()] == [
        ("page", "contact"), ("projet", "coopr"), ("actualite", "atelier"), ("fiche", "puits"),
        ("evenement", "copil"), ("appel", "fonds")]
    urls = index.by_url()
    assert list(urls) == ["contact/", "projets/coopr/", "actualites/atelier/", "fiches/puits/", "agenda/copil/",
                          "appels/fonds/"]
    assert urls["agenda/copil/"].id == "copil"


def test_an_event_ending_at_the_build_minute_is_still_upcoming():
    index = ContentIndex(now=NOW, events=[
        event("fini", "2026-11-28 10:00", "2026-11-28 11:59"),
        event("pile", "2026-11-28 11:00", "2026-11-28 12:00"),
        event("ancien", "2026-10-01 10:00", "2026-10-01 11:00"),
        event("avant-ancien", "2026-10-01 09:00", "2026-10-01 09:30"),
        event("demain", "2026-11-29 10:00", "2026-11-29 11:00"),
    ])
    assert ids(index.upcoming_events()) == ["pile", "demain"]
    assert ids(index.past_events()) == ["fini", "ancien", "avant-ancien"]  # most recent first


def test_past_events_with_the_same_start_are_ordered_by_slug_descending():
    index = ContentIndex(now=NOW, events=[event("a", "2026-10-01 10:00", "2026-10-01 11:00"),
                                          event("b", "2026-10-01 10:00", "2026-10-01 12:00")])
    assert ids(index.past_events()) == ["b", "a"]


def test_a_call_closing_today_is_still_open():
    index = ContentIndex(now=NOW, calls=[call("aujourdhui", "2026-11-28"), call("hier", "2026-11-27"),
                                         call("avant-hier", "2026-11-26"), call("demain", "2026-11-29"),
                                         call("b-hier", "2026-11-27")])
    assert index.today == dt.date(2026, 11, 28)
    assert ids(index.open_calls()) == ["aujourdhui", "demain"]
    assert ids(index.closed_calls()) == ["hier", "b-hier", "avant-hier"]  # most recently closed first


def test_news_since_a_day_excludes_that_day():
    index = ContentIndex(now=NOW, news=[news("veille", "2026-11-01"), news("jour", "2026-11-02"),
                                        news("lendemain", "2026-11-03")])
    assert ids(index.news_since(dt.date(2026, 11, 2))) == ["lendemain"]


def test_countries_are_distinct_and_sorted():
    index = ContentIndex(now=NOW, members=[member("a", "A", "SN"), member("b", "B", "BF"), member("c", "C", "SN")])
    assert index.countries() == ["BF", "SN"]


def test_members_by_country_sorts_names_without_their_accents():
    index = ContentIndex(now=NOW, members=[member("e", "Épinal", "FR"), member("f", "Fès", "FR"),
                                           member("d", "Dijon", "FR"), member("s", "Saint-Louis", "SN")])
    assert {pays: [m.nom for m in ms] for pays, ms in index.members_by_country().items()} == {
        "FR": ["Dijon", "Épinal", "Fès"], "SN": ["Saint-Louis"]}


def test_french_key_ignores_case_and_accents_then_breaks_ties_with_them():
    assert french_key("Écluse") == ("ecluse", "Écluse")
    names = ["Été", "ete", "Etre", "été", "Eu"]
    assert sorted(names, key=french_key) == ["ete", "Été", "été", "Etre", "Eu"]  # code point order breaks ties


def test_with_theme_and_with_project_filter_documents():
    eau = news("eau", "2026-01-01", themes=["eau", "climat"], projet="coopr")
    climat = news("climat", "2026-01-02", themes=["climat"])
    page = doc(Page, "contact")  # no themes, no project
    items = [eau, climat, page]
    index = ContentIndex(now=NOW)
    assert ids(index.with_theme("eau", items)) == ["eau"]
    assert ids(index.with_theme("climat", items)) == ["eau", "climat"]
    assert index.with_theme("contact", items) == []
    assert ids(index.with_project("coopr", items)) == ["eau"]
    assert index.with_project("terress", items) == []
