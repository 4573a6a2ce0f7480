"""Fixtures and helpers of the live polls' and the feedback's tests (imported by their modules)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.testing.factories import RepresentationFactory

from .. import polls
from ..choices import EventStatus, RegistrationStatus
from ..models import Event, EventOrganiser, Registration


def make_event(network, *, title="Über den Tellerrand", ended=False, **fields) -> Event:
    """An event of ``network``: running now, or (``ended``) over since yesterday."""
    now = timezone.now()
    starts = now - timedelta(days=1, hours=3) if ended else now - timedelta(hours=1)
    ends = now - timedelta(days=1) if ended else now + timedelta(hours=2)
    with network_scope(network):
        return Event.objects.create(
            network=network,
            title=title,
            status=fields.pop("status", EventStatus.PUBLISHED),
            starts_at=starts,
            ends_at=ends,
            **fields,
        )


def co_organise(event, organisation) -> None:
    with network_scope(event.network):
        EventOrganiser.objects.create(network=event.network, event=event, organisation=organisation)


def make_poll(event, *, kind="single", options=("Ja", "Nein"), question="Kommen Sie wieder?", open=True):
    with network_scope(event.network):
        poll = polls.poll_create(event=event, actor=None, question=question, kind=kind, options=list(options))
        if open:
            poll = polls.poll_open(poll=poll, actor=None)
    return poll


def register(event, *, name="Amal H.", email="amal@example.org", language="ar", **fields) -> Registration:
    with network_scope(event.network):
        return Registration.objects.create(
            network=event.network,
            event=event,
            name=name,
            email=email,
            language=language,
            status=fields.pop("status", RegistrationStatus.CONFIRMED),
            **fields,
        )


FEEDBACK_LINK = re.compile(r"/events/f/(?P<token>[A-Za-z0-9_-]+)/")


def feedback_token_in(message) -> str:
    found = FEEDBACK_LINK.search(message.body)
    assert found, message.body
    return found["token"]


# Named apart from the fixture, so that a test module imports it without shadowing its arguments.
@pytest.fixture(name="verein")
def verein_fixture(organisation_factory, users):
    """A co-organising organisation; the ``mso_member`` represents it."""
    organisation = organisation_factory(name="Syrischer Elternverein Verl")
    RepresentationFactory(user=users["mso_member"], organisation=organisation)
    return organisation


@pytest.fixture(name="event")
def event_fixture(network, verein):
    event = make_event(network)
    co_organise(event, verein)
    return event
