"""The calendars: one event and a series' feed, parsed back with icalendar."""

from datetime import UTC, datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.testing.factories import sign_in

from .. import services
from ..models import Series
from .organiser_helpers import berlin, make_event

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    return icalendar.Calendar.from_ical(response.content)


def _events(calendar: icalendar.Calendar) -> list:
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize(
    ("starts_at", "utc"),
    [
        # Summer time (CEST, UTC+2) and winter time (CET, UTC+1).
        (berlin(2030, 7, 2, 18), datetime(2030, 7, 2, 16, tzinfo=UTC)),
        (berlin(2030, 1, 15, 18), datetime(2030, 1, 15, 17, tzinfo=UTC)),
    ],
)
def test_an_event_starts_at_the_right_instant_in_berlin_time(client, network, users, starts_at, utc):
    event = make_event(
        network, users["coordinator"], publish=True, starts_at=starts_at, ends_at=starts_at.replace(hour=20)
    )
    calendar = _calendar(client.get(reverse("events:ics", args=[event.pk])))
    (vevent,) = _events(calendar)
    start = vevent.decoded("dtstart")
    assert start.astimezone(UTC) == utc
    assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Berlin:" in calendar.to_ical()


def test_the_calendar_carries_a_time_zone_with_summer_and_winter_time(client, network, users):
    event = make_event(network, users["coordinator"], publish=True)
    calendar = _calendar(client.get(reverse("events:ics", args=[event.pk])))
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Berlin"
    assert timezone.walk("DAYLIGHT")
    assert timezone.walk("STANDARD")
    assert not calendar.get_missing_tzids()


def test_the_uid_stays_and_the_facts_are_the_public_pages(client, network, users):
    event = make_event(
        network,
        users["coordinator"],
        publish=True,
        format="hybrid",
        online_url="https://meet.example.org/geheim",
        street="Hauptstraße 1",
        postcode="33330",
    )
    first = _events(_calendar(client.get(reverse("events:ics", args=[event.pk]))))[0]
    second = _events(_calendar(client.get(reverse("events:ics", args=[event.pk]))))[0]
    assert first["uid"] == second["uid"] == f"{event.uid}@augenhoehe"
    assert first["summary"] == "Über den Tellerrand"
    assert first["description"] == "Impulse zu Integration und Teilhabe"
    assert "Hauptstraße 1" in first["location"]
    assert first["url"].endswith(reverse("events:detail", args=[event.pk]))
    assert first["status"] == "CONFIRMED"
    assert int(first["sequence"]) == 0
    assert "dtstamp" in first
    # The online link goes to confirmed participants by mail, never into a public calendar.
    assert b"meet.example.org" not in client.get(reverse("events:ics", args=[event.pk])).content


def test_a_cancelled_event_is_cancelled_in_the_calendar_with_a_new_sequence(client, network, users):
    event = make_event(network, users["coordinator"], publish=True)
    with network_scope(network):
        services.event_cancel(event=event, actor=users["coordinator"])
    (vevent,) = _events(_calendar(client.get(reverse("events:ics", args=[event.pk]))))
    assert vevent["status"] == "CANCELLED"
    assert int(vevent["sequence"]) == 1


def test_the_series_feed_holds_its_public_events_to_subscribe(client, network, users):
    with network_scope(network):
        series = services.series_create(
            network=network, actor=users["coordinator"], title="Über den Tellerrand"
        )
    summer = make_event(
        network,
        users["coordinator"],
        publish=True,
        series=series,
        title="Sommer",
        starts_at=berlin(2030, 7, 2, 18),
        ends_at=berlin(2030, 7, 2, 20),
    )
    winter = make_event(
        network,
        users["coordinator"],
        publish=True,
        series=series,
        title="Winter",
        starts_at=berlin(2030, 12, 2, 18),
        ends_at=berlin(2030, 12, 2, 20),
    )
    make_event(
        network, users["coordinator"], series=series, title="Entwurf", online_url="https://x.example.org"
    )
    calendar = _calendar(client.get(reverse("events:series_ics", args=[series.pk])))
    assert calendar["X-WR-CALNAME"] == "Über den Tellerrand"
    assert "REFRESH-INTERVAL" in calendar
    assert "X-PUBLISHED-TTL" in calendar
    vevents = _events(calendar)
    assert [str(v["summary"]) for v in vevents] == ["Sommer", "Winter"]
    assert {str(v["uid"]) for v in vevents} == {f"{summer.uid}@augenhoehe", f"{winter.uid}@augenhoehe"}
    assert [v.decoded("dtstart").utcoffset().total_seconds() / 3600 for v in vevents] == [2, 1]
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_the_series_feed_escapes_line_breaks_in_its_name_and_description(client, network, users):
    """A title typed with a line break and a description of several lines stay text: no line of the
    feed starts with what was typed after a break (it would be a property of its own)."""
    staff = Client()
    sign_in(staff, users["coordinator"])
    response = staff.post(
        reverse("events:series_new"),
        {
            "title": "Reihe\nzweite Zeile",
            "description": "Erste Zeile, mit Komma\r\nZweite Zeile; Semikolon\r\nDTSTART:19700101T000000Z",
            "topic": "",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        series = Series.objects.get()
    make_event(network, users["coordinator"], publish=True, series=series)
    response = client.get(reverse("events:series_ics", args=[series.pk]))
    calendar = _calendar(response)
    assert not calendar.get_missing_tzids()
    unfolded = response.content.replace(b"\r\n ", b"")
    assert b"\r\nX-WR-CALNAME:Reihe\\nzweite Zeile\r\n" in unfolded
    assert (
        b"\r\nX-WR-CALDESC:Erste Zeile\\, mit Komma\\nZweite Zeile\\; Semikolon\\n"
        b"DTSTART:19700101T000000Z\r\n"
    ) in unfolded
    assert not [line for line in response.content.split(b"\r\n") if line.startswith(b"DTSTART:1970")]


def test_the_calendars_are_published_and_the_feed_asks_again_every_six_hours(client, network, users):
    with network_scope(network):
        series = services.series_create(network=network, actor=users["coordinator"], title="Reihe")
    event = make_event(network, users["coordinator"], publish=True, series=series)
    feed = client.get(reverse("events:series_ics", args=[series.pk])).content
    single = client.get(reverse("events:ics", args=[event.pk])).content
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in feed
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in feed
    assert b"\r\nMETHOD:PUBLISH\r\n" in feed
    assert b"\r\nMETHOD:PUBLISH\r\n" in single


def test_the_series_feed_leaves_out_a_drafts_online_link(client, network, users):
    with network_scope(network):
        series = services.series_create(network=network, actor=users["coordinator"], title="Reihe")
    make_event(network, users["coordinator"], publish=True, series=series)
    make_event(
        network,
        users["coordinator"],
        series=series,
        title="Entwurf online",
        format="online",
        online_url="https://meet.example.org/entwurf-geheim",
    )
    feed = client.get(reverse("events:series_ics", args=[series.pk])).content
    assert b"Entwurf online" not in feed
    assert b"entwurf-geheim" not in feed
    assert b"meet.example.org" not in feed


@pytest.mark.parametrize("year", [1, 9999])
def test_an_event_at_the_edge_of_the_calendar_still_exports(client, network, users, year):
    """Older data (or data entered before the form's limits) must not break the export."""
    day = (1, 2) if year == 1 else (12, 30)
    event = make_event(
        network,
        users["coordinator"],
        publish=True,
        starts_at=berlin(year, *day, 10),
        ends_at=berlin(year, *day, 12),
    )
    calendar = _calendar(client.get(reverse("events:ics", args=[event.pk])))
    assert len(_events(calendar)) == 1
    assert not calendar.get_missing_tzids()
