"""A hand-made event for the figures' tests: eight registrations in every state, with known answers."""

from datetime import timedelta
from itertools import count

from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.events.choices import EventStatus, Format, QuestionKind, RegistrationStatus
from augenhoehe.events.models import Event, EventOrganiser, Registration, RegistrationQuestion, Series

OPTIONS = ["Verwaltung", "Migrantenselbstorganisation", "Wohlfahrtsverband"]
_numbers = count(1)


def event_make(network, *, organisers=(), days: int = 7, status=EventStatus.PUBLISHED, **fields) -> Event:
    """A published online event ``days`` from now (negative: past), co-organised by ``organisers``."""
    starts = timezone.now() + timedelta(days=days)
    with scopes_disabled():
        event = Event.objects.create(
            network=network,
            title=fields.pop("title", f"Mittagsimpuls {next(_numbers)}"),
            status=status,
            format=Format.ONLINE,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            **fields,
        )
        for organisation in organisers:
            EventOrganiser.objects.create(network=network, event=event, organisation=organisation)
    return event


def background_question(event, options=OPTIONS) -> RegistrationQuestion:
    with scopes_disabled():
        return RegistrationQuestion.objects.create(
            network_id=event.network_id,
            event=event,
            label="Mit welchem Hintergrund nehmen Sie teil?",
            kind=QuestionKind.CHOICE,
            options="\n".join(options),
            is_background=True,
        )


def registration_make(event, *, status, confirmed=True, checked_in=False, answers=None, via=None):
    now = timezone.now()
    number = next(_numbers)
    with scopes_disabled():
        return Registration.objects.create(
            network_id=event.network_id,
            event=event,
            status=status,
            name=f"Person {number}",
            email=f"person{number}@example.org",
            organisation_name="Verein",
            accessibility_needs="Rollstuhl",
            answers=answers or {},
            via=via,
            confirmed_at=now if confirmed else None,
            queued_at=now if status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING) else None,
            cancelled_at=now if status == RegistrationStatus.CANCELLED else None,
            checked_in_at=now if checked_in else None,
        )


def hand_made(network, organisation_x, organisation_y, *, days: int = -100) -> Event:
    """The event of the figures' tests (see ``test_figures``): held ``days`` from now."""
    event = event_make(network, organisers=[organisation_x, organisation_y], days=days)
    question = background_question(event)
    with scopes_disabled():
        text = RegistrationQuestion.objects.create(
            network=network, event=event, label="Was erwarten Sie?", kind=QuestionKind.TEXT
        )
    q, t = str(question.pk), str(text.pk)
    c, w, x, u = (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.UNCONFIRMED,
    )
    registration_make(
        event, status=c, checked_in=True, answers={q: "Verwaltung", t: "Ideen"}, via=organisation_x
    )
    registration_make(
        event, status=c, checked_in=True, answers={q: "Migrantenselbstorganisation"}, via=organisation_x
    )
    registration_make(event, status=c, answers={q: "Migrantenselbstorganisation", t: "Kontakte"})
    registration_make(event, status=c, checked_in=True, answers={t: "nichts"})
    registration_make(event, status=w, answers={q: "Verwaltung"}, via=organisation_y)
    registration_make(event, status=x, answers={q: "Migrantenselbstorganisation"}, via=organisation_x)
    registration_make(event, status=x, confirmed=False)
    registration_make(event, status=u, confirmed=False, answers={q: "Verwaltung"}, via=organisation_x)
    return event


def series_make(network, title="Über den Tellerrand") -> Series:
    with scopes_disabled():
        return Series.objects.create(network=network, title=title)
