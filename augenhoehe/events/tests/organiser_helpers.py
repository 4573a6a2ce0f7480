"""Events for the organiser part's tests, made through the services as the pages make them."""

from datetime import datetime, timedelta

from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope

from .. import services
from ..selectors import EVENT_TIMEZONE


def berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=EVENT_TIMEZONE)


def make_event(network, actor, *, publish: bool = False, languages=("de",), days_ahead: int = 30, **fields):
    """An in-person event of ``network`` in ``days_ahead`` days, 18–20 h; published if asked."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    defaults = {
        "title": "Über den Tellerrand",
        "description": "Impulse zu Integration und Teilhabe",
        "format": "in_person",
        "starts_at": berlin(day.year, day.month, day.day, 18),
        "ends_at": berlin(day.year, day.month, day.day, 20),
        "place_name": "Stadtteilzentrum Nord",
        "town": "Gütersloh",
    }
    with network_scope(network):
        event = services.event_create(
            network=network, actor=actor, languages=list(languages), **(defaults | fields)
        )
        if publish:
            services.event_publish(event=event, actor=actor)
    return event


def event_form(**overrides) -> dict:
    """What the event form posts for a valid in-person event next month."""
    day = timezone.localdate() + timedelta(days=30)
    return {
        "title": "Infoabend Kita",
        "description": "Wie kommt mein Kind in die Kita?",
        "topic": "",
        "format": "in_person",
        "start_date": day.isoformat(),
        "start_time": "18:00",
        "end_date": "",
        "end_time": "20:00",
        "place_name": "Familienzentrum",
        "street": "Hauptstraße 1",
        "postcode": "33330",
        "town": "Gütersloh",
        "kreis": "05754",
        "online_url": "",
        "languages": ["de", "ar"],
        "capacity": "40",
        "deadline_date": "",
        "deadline_time": "",
        "registration_open": "on",
        "step_free": "yes",
        "accessibility_note": "Aufzug vorhanden",
    } | overrides
