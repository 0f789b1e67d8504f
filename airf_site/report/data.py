"""Figures and tables of the annual report, computed from the ContentIndex (never typed twice).

Each key figure is a function of (index, year) → (value, label); each table lists the year's
events of some kinds. The names are the ones editors write in `rapport.yml` and in chapter
blocks such as ``[[chiffres membres, pays]]`` or ``[[tableau webinaires]]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from airf_site.content.index import ContentIndex
from airf_site.content.models import Evenement


@dataclass(frozen=True)
class Figure:
    """One key figure as printed: the number (already formatted) and what it counts."""

    name: str
    value: str
    label: str


def _fmt(number: int) -> str:
    # French thousands separator: a narrow no-break space (1 250).
    return f"{number:,}".replace(",", "\u202f")


def events_of_year(index: ContentIndex, year: int, kinds: set[str] | None = None,
                   projet: str | None = None) -> list[Evenement]:
    """Events that started in `year` and were over at build time, in date order (of one project)."""
    return [e for e in index.events
            if e.debut.year == year and e.fin <= index.now and (kinds is None or e.type in kinds)
            and (projet is None or e.projet == projet)]


def webinars(index: ContentIndex, year: int, projet: str | None = None) -> list[Evenement]:
    """Webinars held in `year` (of one project when `projet` is given)."""
    return events_of_year(index, year, {"webinaire"}, projet)


def _of(items, year: int, projet: str | None) -> int:
    return sum(1 for item in items if item.date.year == year and (projet is None or item.projet == projet))


def _members(index, year, projet):
    return len(index.members), "collectivités membres"


def _countries(index, year, projet):
    return len(index.countries()), "pays représentés"


def _events(index, year, projet):
    return len(events_of_year(index, year, projet=projet)), f"rencontres organisées en {year}"


def _webinars(index, year, projet):
    return len(webinars(index, year, projet)), "webinaires thématiques"


def _webinar_audience(index, year, projet):
    return sum(e.participants or 0 for e in webinars(index, year, projet)), "participants aux webinaires"


def _participants(index, year, projet):
    return sum(e.participants or 0 for e in events_of_year(index, year, projet=projet)), "participants à nos rencontres"


def _news(index, year, projet):
    return _of(index.news, year, projet), "actualités publiées"


def _calls(index, year, projet):
    return _of(index.calls, year, projet), "appels à projets relayés"


def _fiches(index, year, projet):
    return _of(index.fiches, year, projet), "fiches techniques publiées"


def _governance(index, year, projet):
    return len(events_of_year(index, year, {"bureau", "assemblee-generale"}, projet)), "réunions des instances"


def _steering(index, year, projet):
    return len(events_of_year(index, year, {"comite-pilotage"}, projet)), "comités de pilotage"


# Name → function(index, year, project or None) → (value, label). Members and countries
# ignore the project: membership is the network's.
FIGURES: dict[str, Callable[[ContentIndex, int, str | None], tuple[int, str]]] = {
    "membres": _members,
    "pays": _countries,
    "evenements": _events,
    "webinaires": _webinars,
    "participants-webinaires": _webinar_audience,
    "participants": _participants,
    "actualites": _news,
    "appels": _calls,
    "fiches": _fiches,
    "instances": _governance,
    "comites-pilotage": _steering,
}

# Table name → event types listed (in date order) by [[tableau NAME]].
TABLES: dict[str, set[str]] = {
    "webinaires": {"webinaire"},
    "instances": {"bureau", "assemblee-generale"},
    "projets": {"comite-pilotage", "regroupement-technique", "atelier"},
    "evenements": {"webinaire", "comite-pilotage", "regroupement-technique", "bureau",
                   "assemblee-generale", "atelier", "autre"},
}


def figure(index: ContentIndex, year: int, name: str, projet: str | None = None) -> Figure:
    """Compute the key figure `name` for `year` (for one project when `projet` is given)."""
    value, label = FIGURES[name](index, year, projet)
    return Figure(name, _fmt(value), label)


def table_rows(index: ContentIndex, year: int, name: str, projet: str | None = None) -> list[Evenement]:
    """Events listed by the table `name` (of one project when `projet` is given)."""
    return events_of_year(index, year, TABLES[name], projet)
