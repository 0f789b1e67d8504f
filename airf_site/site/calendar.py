"""The agenda as iCalendar (icalendar library): every event with its own time zone.

Times keep the event's zone (TZID=Africa/Casablanca for the Bureau in Morocco) with the
matching VTIMEZONE blocks, so calendar apps show the right local time anywhere. DTSTAMP is
the injected build date: the same sources give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event

from airf_site.content.index import ContentIndex
from airf_site.content.models import Evenement
from airf_site.project import Project

CALENDAR_PATH = "agenda.ics"


def uid(project: Project, event: Evenement) -> str:
    """Stable UID: the event's slug at the site's host (never changes between builds)."""
    host = project.site_url.split("//", 1)[-1].split("/", 1)[0]
    return f"{event.id}@{host}"


def render_event(project: Project, index: ContentIndex, event: Evenement) -> Event:
    item = Event()
    item.add("uid", uid(project, event))
    item.add("dtstamp", project.now.astimezone(dt.UTC))
    item.add("dtstart", event.debut)
    item.add("dtend", event.fin)
    item.add("summary", event.titre)
    url = project.absolute_url(event.url)
    lines = [event.resume]
    if event.replay:
        lines.append(f"Replay : {event.replay}")
    if event.inscription and event.debut > index.now:
        lines.append(f"Inscription : {event.inscription}")
    lines.append(f"Détails : {url}")
    item.add("description", "\n\n".join(lines))
    item.add("location", "En ligne" if event.en_ligne and not event.lieu else (event.lieu or ""))
    item.add("url", url)
    item.add("categories", [event.type_label])
    item.add("status", "CONFIRMED")
    item.add("transp", "OPAQUE")
    return item


def render_calendar(project: Project, index: ContentIndex) -> bytes:
    """The whole agenda as .ics bytes (pure)."""
    cal = Calendar()
    cal.add("prodid", "-//AIRF//Agenda du site//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Agenda de l'AIRF")
    cal.add("x-wr-timezone", "Europe/Paris")
    for event in sorted(index.events, key=lambda e: (e.debut, e.id)):
        cal.add_component(render_event(project, index, event))
    # VTIMEZONE for every TZID used (Europe/Paris, Africa/Casablanca...), generated from zoneinfo.
    cal.add_missing_timezones()
    # icalendar collects the zones in a set: sort them (same bytes whatever the hash seed).
    zones = sorted((c for c in cal.subcomponents if c.name == "VTIMEZONE"), key=lambda c: str(c["TZID"]))
    cal.subcomponents = zones + [c for c in cal.subcomponents if c.name != "VTIMEZONE"]
    return cal.to_ical()


def write_calendar(site_dir: Path, project: Project, index: ContentIndex) -> Path:
    path = site_dir / CALENDAR_PATH
    path.write_bytes(render_calendar(project, index))
    return path
