"""Figures and tables of the annual report, computed from the ContentIndex (never typed twice).

Each key figure is a function of (index, year) → (value, label); each table lists the year's
events of some kinds. The names are the ones editors write in `rapport.yml` and in chapter
blocks such as ``[[chiffres membres, pays]]`` or ``[[tableau webinaires]]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..content.index import ContentIndex
from ..content.models import Evenement


@dataclass(frozen=True)
class Figure:
    """One key figure as printed: the number (already formatted) and what it counts."""

    name: str
    value: str
    label: str


def _fmt(number: int) -> str:
    # French thousands separator: a narrow no-break space (1 250).
    return f"{number:,}".replace(",", "\u202f")


def events_of_year(index: ContentIndex, year: int, kinds: set[str] | None = None) -> list[Evenement]:
    """Events that started in `year` and were over at build time, in date order."""
    return [e for e in index.events
            if e.debut.year == year and e.fin <= index.now and (kinds is None or e.type in kinds)]


def webinars(index: ContentIndex, year: int) -> list[Evenement]:
    return events_of_year(index, year, {"webinaire"})


def _members(index, year):
    return len(index.members), "collectivités membres"


def _countries(index, year):
    return len(index.countries()), "pays représentés"


def _events(index, year):
    return len(events_of_year(index, year)), f"rencontres organisées en {year}"


def _webinars(index, year):
    return len(webinars(index, year)), "webinaires thématiques"


def _webinar_audience(index, year):
    return sum(e.participants or 0 for e in webinars(index, year)), "participants aux webinaires"


def _participants(index, year):
    return sum(e.participants or 0 for e in events_of_year(index, year)), "participants à nos rencontres"


def _news(index, year):
    return sum(1 for n in index.news if n.date.year == year), "actualités publiées"


def _calls(index, year):
    return sum(1 for c in index.calls if c.date.year == year), "appels à projets relayés"


def _fiches(index, year):
    return sum(1 for f in index.fiches if f.date.year == year), "fiches techniques publiées"


def _governance(index, year):
    kinds = {"bureau", "assemblee-generale"}
    return len(events_of_year(index, year, kinds)), "réunions des instances"


def _steering(index, year):
    return len(events_of_year(index, year, {"comite-pilotage"})), "comités de pilotage"


FIGURES: dict[str, Callable[[ContentIndex, int], tuple[int, str]]] = {
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


def figure(index: ContentIndex, year: int, name: str) -> Figure:
    """Compute the key figure `name` for `year`."""
    value, label = FIGURES[name](index, year)
    return Figure(name, _fmt(value), label)


def table_rows(index: ContentIndex, year: int, name: str) -> list[Evenement]:
    """Events listed by the table `name`."""
    return events_of_year(index, year, TABLES[name])
