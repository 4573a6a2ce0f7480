"""Events as iCalendar (RFC 5545): one event to import, a series' feed to subscribe to.

Times are written in Europe/Berlin with a VTIMEZONE (summer and winter time) so that a calendar
elsewhere shows the right hour; the UID stays, SEQUENCE counts the changes a calendar must follow.
Only what the public page shows goes in: never the online link (confirmed participants get it by mail).
"""

from collections.abc import Iterable
from datetime import date, timedelta

import icalendar
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from .choices import EventStatus, Format
from .models import Event, Series
from .selectors import EVENT_TIMEZONE

PRODID = "-//Augenhöhe//Veranstaltungen//DE"
# How often a subscribed calendar should ask again.
REFRESH = timedelta(hours=6)
# The time zone's transitions are written for a year around the events, within what Python's dates
# (and icalendar's arithmetic on them) can hold; the form accepts only near dates, older data stays
# exportable.
EARLIEST = date(1, 1, 1)
LATEST = date(9998, 12, 31)
MARGIN = timedelta(days=366)


def _location(event: Event) -> str:
    place = [event.place_name, event.street, " ".join(part for part in (event.postcode, event.town) if part)]
    where = ", ".join(part for part in place if part)
    if event.format == Format.ONLINE:
        return str(Format.ONLINE.label)
    if event.format == Format.HYBRID:
        return f"{where} / {Format.ONLINE.label}" if where else str(Format.ONLINE.label)
    return where


def _vevent(event: Event, request: HttpRequest, stamp) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"{event.uid}@augenhoehe")
    component.add("sequence", event.sequence)
    component.add("dtstamp", stamp)
    component.add("dtstart", event.starts_at.astimezone(EVENT_TIMEZONE))
    component.add("dtend", event.ends_at.astimezone(EVENT_TIMEZONE))
    component.add("summary", event.title)
    if event.description:
        component.add("description", event.description)
    location = _location(event)
    if location:
        component.add("location", location)
    component.add("url", request.build_absolute_uri(reverse("events:detail", kwargs={"pk": event.pk})))
    component.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return component


def _calendar(events: Iterable[Event], request: HttpRequest) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    stamp = timezone.now()
    days: list[date] = []
    for event in events:
        calendar.add_component(_vevent(event, request, stamp))
        days += [event.starts_at.date(), event.ends_at.date()]
    # The time zone's transitions around the events only: a year before and after is enough.
    if days:
        first = max(min(days), EARLIEST + MARGIN) - MARGIN
        last = min(max(days), LATEST - MARGIN) + MARGIN
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def event_calendar(event: Event, *, request: HttpRequest) -> bytes:
    return _calendar([event], request).to_ical()


def series_calendar(series: Series, events: Iterable[Event], *, request: HttpRequest) -> bytes:
    """The series' feed: its name, and how often to refresh, for calendars that subscribe.

    The ``X-`` properties have no known type: their text is given as ``vText`` (escaped line
    breaks, commas, semicolons) and the refresh time as ``vDuration`` (``PT6H``)."""
    calendar = _calendar(events, request)
    calendar.add("x-wr-calname", icalendar.vText(series.title))
    if series.description:
        calendar.add("x-wr-caldesc", icalendar.vText(series.description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
    return calendar.to_ical()
