"""The calendar file of an event (RFC 5545), written with ``icalendar``: one VEVENT with a stable
UID (so a second download updates the entry instead of adding one), the times in UTC, the place
or the online link, and the event page's address."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from kierunek.core.notify import site_link

from .models import Event

PRODID = "-//WUP Krakow//Kierunek events//PL"


def event_location(event: Event) -> str:
    if event.gmina_id is None:
        return event.online_url
    parts = [event.address, event.gmina.name if event.gmina else ""]
    return ", ".join(p for p in parts if p)


def event_ics(event: Event, *, page_path: str, now: datetime | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    entry.add("uid", f"event-{event.pk}@kierunek")
    entry.add("dtstamp", (now or datetime.now(UTC)).astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    if event.description:
        entry.add("description", event.description)
    location = event_location(event)
    if location:
        entry.add("location", location)
    entry.add("url", site_link(page_path))
    calendar.add_component(entry)
    return calendar.to_ical()
