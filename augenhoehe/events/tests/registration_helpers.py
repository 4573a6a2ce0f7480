"""Shared by the registration's tests: an event to register for, and the links in the mails."""

import re
from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.events.choices import EventStatus, Format
from augenhoehe.events.models import Event, EventOrganiser, Registration, RegistrationQuestion

CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/events/registration/confirm/[^/\s]+/)")
CANCEL_LINK = re.compile(r"https?://[^/\s]+(/events/registration/cancel/[^/\s]+/)")


def make_event(network, **fields) -> Event:
    """A published event of ``network`` a week from now, in person and online (hybrid)."""
    start = timezone.now() + timedelta(days=7)
    values = {
        "title": "Über den Tellerrand: Impulse zu Integration",
        "status": EventStatus.PUBLISHED,
        "format": Format.HYBRID,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "place_name": "Stadtteilzentrum Nord",
        "street": "Hauptstraße 1",
        "postcode": "33330",
        "town": "Gütersloh",
        "online_url": "https://meet.example.org/tellerrand-geheim",
        "capacity": 2,
    } | fields
    with scopes_disabled():
        return Event.objects.create(network=network, **values)


def add_question(event, label="Mit welchem Hintergrund nehmen Sie teil?", **fields) -> RegistrationQuestion:
    with scopes_disabled():
        return RegistrationQuestion.objects.create(network=event.network, event=event, label=label, **fields)


def co_organise(event, organisation) -> EventOrganiser:
    with scopes_disabled():
        return EventOrganiser.objects.create(network=event.network, event=event, organisation=organisation)


def form_data(**fields) -> dict:
    return {"name": "Ayşe Yılmaz", "email": "ayse@example.org", "consent": "on"} | fields


def link(message, pattern=CONFIRM_LINK) -> str:
    """The path of the confirm (or cancel) link in a mail's text."""
    found = pattern.search(message.body)
    assert found, message.body
    return found[1]


def registrations(event) -> list[Registration]:
    with scopes_disabled():
        return list(Registration.objects.filter(event=event).order_by("pk"))


def register_and_confirm(client, event, mailoutbox, email: str, name: str = "Teilnehmer") -> Registration:
    """Register ``email`` through the form and confirm through the mail's link."""
    before = len(mailoutbox)
    response = client.post(f"/events/{event.pk}/register/", form_data(name=name, email=email))
    assert response.status_code == 302, response.content.decode()[:2000]
    confirm = link(mailoutbox[before])
    assert client.post(confirm).status_code == 200
    with scopes_disabled():
        return Registration.objects.get(event=event, email=email)
