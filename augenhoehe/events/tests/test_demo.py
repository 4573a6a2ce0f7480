"""The demo has the series of the source document: its held first date with programme, poll and
feedback, the next dates (one with seats left, one full with a waiting list, never overbooked), an
information evening in Arabic and German with an interpreter, and a women's brunch in Turkish."""

import random

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.directory.models import Organisation
from augenhoehe.events import figures, polls
from augenhoehe.events.choices import EventStatus, RegistrationStatus
from augenhoehe.events.demo import (
    BACKGROUND,
    FEEDBACK,
    SERIES_TITLE,
    People,
    _registrations,
    events_demo,
)
from augenhoehe.events.models import Event, Feedback, PollBallot, Registration, Series
from augenhoehe.events.registration import CONSENT_PURPOSE
from augenhoehe.privacy.models import Consent
from augenhoehe.testing.factories import sign_in


@pytest.mark.django_db
def test_the_demo_events(settings):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    call_command("demo", no_serve=True)
    now = timezone.now()
    with scopes_disabled():
        series = Series.objects.get(title=SERIES_TITLE)
        dates = list(Event.objects.filter(series=series).order_by("starts_at"))
        first, upcoming = dates[0], dates[1:]
        # The held first date, as the document prints it.
        assert first.title.startswith("Integration gemeinsam gestalten")
        start = timezone.localtime(first.starts_at)
        assert (start.date().isoformat(), start.hour, timezone.localtime(first.ends_at).hour) == (
            "2025-05-21",
            12,
            13,
        )
        programme = list(first.programme.all())
        assert [item.speaker for item in programme] == [
            "Manuel Erdmeier",
            "Gesche Zangs",
            "Dr. Anna Wiebke Klie",
            "Dr. Anna Noack",
            "Dr. Anna Noack",
        ]
        assert any(item.is_moderation for item in programme)
        assert "Multikulturelles Forum e.V." in [item.speaker_organisation for item in programme]
        poll = first.polls.get()
        assert poll.question.startswith("Mit welchem Hintergrund") and poll.kind == "single"
        assert polls.poll_for_code(poll.code) == poll  # its short link opens it
        ballots = PollBallot.objects.filter(poll=poll)
        assert 20 <= ballots.count() <= 41 and ballots.values("voter").distinct().count() == ballots.count()
        assert all(ballot.options.count() == 1 for ballot in ballots)
        assert sorted(Feedback.objects.filter(event=first).values_list("text", flat=True)) == sorted(
            text for _rating, text in FEEDBACK
        )
        held = figures.figures_for([first])
        assert held.registered >= 40 and held.attended >= 30 and held.attended <= held.confirmed
        assert held.backgrounds and sum(row.registered for row in held.backgrounds[0].rows) == held.registered

        # The next dates: to come, at noon, one with free seats, one full with a waiting list.
        assert len(upcoming) == 3 and all(event.starts_at > now for event in upcoming)
        assert all(timezone.localtime(event.starts_at).hour == 12 for event in upcoming)
        states = []
        for event in upcoming:
            confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
            waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
            states.append((confirmed < event.capacity, confirmed == event.capacity and waiting.exists()))
            if waiting.exists():
                last_seat = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
                assert min(waiting.values_list("queued_at", flat=True)) > max(
                    last_seat.values_list("queued_at", flat=True)
                )
        assert (True, False) in states and (False, True) in states
        # Moved together by whole weeks: the printed weekdays and spacing (16 July, 3 November,
        # 17 December 2025), the first a few weeks ahead; the series says so.
        days = [timezone.localtime(event.starts_at).date() for event in upcoming]
        assert [day.weekday() for day in days] == [2, 0, 2]
        assert [(b - a).days for a, b in zip(days, days[1:], strict=False)] == [110, 44]
        assert 7 <= (days[0] - timezone.localdate()).days <= 35
        assert "verschoben" in series.description

        # Never more confirmed than seats; every registration with its consent; waiting ones queued.
        for event in Event.objects.filter(capacity__isnull=False):
            assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() <= event.capacity
        registrations = Registration.objects.all()
        assert not registrations.filter(consent__isnull=True).exists()
        assert not registrations.filter(status=RegistrationStatus.WAITING, queued_at__isnull=True).exists()
        assert all(email.endswith("@example.org") for email in registrations.values_list("email", flat=True))
        assert registrations.values("email").distinct().count() == registrations.count()
        consent = Consent.objects.filter(purpose="event_registration").first()
        # The wording the registration form shows, under its version: one text per version.
        assert consent is not None and consent.version == CONSENT_PURPOSE.version
        assert consent.text == str(CONSENT_PURPOSE.text)

        # The information evening and the brunch, co-organised with demo organisations.
        evening = Event.objects.get(title__startswith="Informationsabend")
        assert set(evening.languages.values_list("code", flat=True)) == {"ar", "de"}
        assert evening.step_free == "yes" and evening.format == "in_person" and evening.starts_at > now
        assert evening.interpreter_bookings.filter(language="ar").exists()
        brunch = Event.objects.get(title__contains="Frauenfrühstück")
        assert list(brunch.languages.values_list("code", flat=True)) == ["tr"]
        evening_org = evening.organisers.get().organisation
        brunch_org = brunch.organisers.get().organisation
        assert evening_org != brunch_org
        assert Registration.objects.filter(event=brunch, via=brunch_org, checked_in_at__isnull=False).exists()
        assert Event.objects.filter(status=EventStatus.PUBLISHED).count() == 7
        # Believable answers: at the Arabic evening most of those who came through the association
        # speak Arabic at home; the brunch asks the series' background question, and whether they
        # came before as a question that is no background.
        evening_answers = figures.figures_for([evening]).backgrounds[0]
        assert max(evening_answers.rows, key=lambda row: row.registered).label == "Arabisch"
        brunch_figures = figures.figures_for([brunch])
        assert [b.title for b in brunch_figures.backgrounds] == [BACKGROUND]
        assert brunch.questions.filter(label="Waren Sie schon einmal bei uns?", is_background=False).exists()
        # The demo MSO login's organisation co-organises the parents' café in the Dortmund network.
        login_org = Organisation.objects.get(representations__user__username="mso-mitglied")
        # (its own space's demo adds an event to come; the café is past)
        cafe = Event.objects.get(organisers__organisation=login_org, ends_at__lt=now)
        assert cafe.network.slug == "dortmund" and cafe.ends_at < now
        assert Registration.objects.filter(event=cafe, via=login_org, checked_in_at__isnull=False).exists()

    # Loaded once.
    assert events_demo() == 0
    # The brunch's co-organiser's profile shows what it reached to the network's coordinator.
    client = Client()
    sign_in(client, User.objects.get(username="gt-koordination"))
    body = client.get(brunch_org.get_absolute_url()).content.decode()
    assert "Was die Veranstaltungen erreicht haben" in body
    assert "Informationsabend" in client.get(evening_org.get_absolute_url()).content.decode()
    # The member of the login's organisation sees what its events reached.
    member = Client()
    sign_in(member, User.objects.get(username="mso-mitglied"))
    assert (
        "Was die Veranstaltungen erreicht haben" in member.get(login_org.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_the_demo_never_confirms_more_than_the_seats(network, regions):
    from augenhoehe.events.tests.figures_world import event_make

    event = event_make(network, capacity=3)
    people = People(random.Random(1))
    with scopes_disabled():
        _registrations(event, people, random.Random(1), confirmed=2)
        with pytest.raises(ValueError, match="3 seats: 2 taken"):
            _registrations(event, people, random.Random(1), confirmed=2)
