"""The agenda as iCalendar: parsed back, one VEVENT per event, correct time zones."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from airf_site.site.calendar import render_calendar


@pytest.fixture(scope="module")
def calendar(sample_project, sample_index):
    return Calendar.from_ical(render_calendar(sample_project, sample_index))


def test_one_event_per_content_event(calendar, sample_index, sample_project):
    events = calendar.walk("VEVENT")
    assert len(events) == len(sample_index.events)
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    for doc in sample_index.events:
        event = by_uid[f"{doc.id}@www.regions-francophones.org"]
        assert str(event["SUMMARY"]) == doc.titre
        assert str(event["URL"]) == sample_project.absolute_url(doc.url)
        start = event.decoded("DTSTART")
        assert start == doc.debut and start.utcoffset() == doc.debut.utcoffset()


def test_time_zones_are_declared(calendar, sample_index):
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    # Zones that are plain GMT all year (Dakar, Abidjan) are written in UTC ("Z"): same instant.
    used = {e.fuseau for e in sample_index.events if e.debut.tzname() not in ("GMT", "UTC")}
    assert used <= zones
    for event in calendar.walk("VEVENT"):
        tzid = event["DTSTART"].params.get("TZID")
        assert tzid in zones or event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert "Africa/Casablanca" in used  # the April 2025 Bureau in Morocco
    rabat = next(e for e in calendar.walk("VEVENT") if "rabat" in str(e["UID"]))
    assert rabat["DTSTART"].params["TZID"] == "Africa/Casablanca"


def test_dtstamp_is_the_build_date(calendar, sample_project, sample_index):
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == sample_project.now.astimezone(dt.UTC)
    assert render_calendar(sample_project, sample_index) == render_calendar(sample_project, sample_index)
