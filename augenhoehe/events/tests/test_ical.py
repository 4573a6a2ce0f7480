"""The calendars: one event and a series' feed, parsed back with icalendar."""

from datetime import UTC, datetime

import icalendar
import pytest
from django.urls import reverse

from augenhoehe.accounts.middleware import network_scope

from .. import services
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
