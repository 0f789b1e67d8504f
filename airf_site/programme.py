"""An event's programme, grouped by day: one fragment shared by the website's event page and the
kit's printed booklet (layouts/shared/programme.html), so both always say the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from airf_site.content.models import Evenement, Seance
from airf_site.project import Project
from airf_site.templating import create_env, date_fr, date_range_fr  # noqa: F401 (re-exported for the kit)


@dataclass
class Day:
    """The sessions of one day of the programme."""

    date: dt.date
    label: str  # "mardi 22 juin 2027"
    sessions: list[Seance]


def programme_days(event: Evenement) -> list[Day]:
    """Sessions grouped by day (a session without `jour` is on the event's first day), sorted."""
    first = event.debut.date()
    ordered = sorted(event.programme, key=lambda s: (s.jour or first, s.debut, s.titre))
    days = []
    for day, sessions in groupby(ordered, key=lambda s: s.jour or first):
        days.append(Day(day, date_fr(day, "EEEE d MMMM y"), list(sessions)))
    return days


def render_programme_html(project: Project, event: Evenement) -> str:
    """HTML fragment of the programme (days, times, sessions, speakers, rooms).

    Self-contained and escaped: the site drops it into the event page, the booklet prints it.
    """
    days = programme_days(event)
    return create_env(project).get_template("shared/programme.html").render(event=event, days=days)
