"""Reads for the registration: the event as the public sees it, and the participant list as its
organisers see it. Both read across networks, each bounded by what it says."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled

from .choices import EventStatus, RegistrationStatus
from .models import Event, Registration, RegistrationQuestion


def public_event_get(*, pk) -> Event:
    """A published (or cancelled, which says so) event of any network, for anyone; a draft is not found."""
    with scopes_disabled():
        event = (
            Event.objects.select_related("network")
            .filter(pk=pk, status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
            .first()
        )
    if event is None:
        raise Http404
    return event


def questions_of(event: Event) -> list[RegistrationQuestion]:
    with scopes_disabled():
        return list(RegistrationQuestion.objects.filter(event_id=event.pk))


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waiting: int
    unconfirmed: int
    cancelled: int
    present: int
    seats_free: int | None  # None: not limited
    move_up: bool  # someone waits for a seat that is free (the seats were raised), before the event


def counts_of(event: Event) -> Counts:
    """How many registrations stand where, in one query, and the seats still free."""
    with scopes_disabled():
        figures = Registration.objects.filter(event_id=event.pk).aggregate(
            **{
                status.value: Count("pk", filter=Q(status=status))
                for status in (
                    RegistrationStatus.CONFIRMED,
                    RegistrationStatus.WAITING,
                    RegistrationStatus.UNCONFIRMED,
                    RegistrationStatus.CANCELLED,
                )
            },
            present=Count("pk", filter=Q(checked_in_at__isnull=False)),
        )
    free = None if event.capacity is None else max(0, event.capacity - figures["confirmed"])
    move_up = bool(figures["waiting"]) and free != 0 and event.starts_at > timezone.now()
    return Counts(seats_free=free, move_up=move_up, **figures)


@dataclass(frozen=True)
class Participant:
    registration: Registration
    answers: list[tuple[str, str]]  # (question, answer) in the questions' order


def participants_of(*, event: Event, query: str = "", questions: list[RegistrationQuestion] | None = None):
    """The registrations (confirmed, then waiting in their order, then unconfirmed and cancelled),
    each with its answers labelled; ``query`` narrows by name (or organisation, or address)."""
    questions = questions if questions is not None else questions_of(event)
    order: dict[str, int] = {
        RegistrationStatus.CONFIRMED: 0,
        RegistrationStatus.WAITING: 1,
        RegistrationStatus.UNCONFIRMED: 2,
        RegistrationStatus.CANCELLED: 3,
    }
    with scopes_disabled():
        registrations = Registration.objects.filter(event_id=event.pk).select_related("via")
        query = query.strip()[:100]
        if query:
            registrations = registrations.filter(
                Q(name__icontains=query) | Q(organisation_name__icontains=query) | Q(email__icontains=query)
            )
        found = list(registrations)
    found.sort(key=lambda r: (order.get(r.status, 9), r.queued_at or r.created_at, r.pk))
    return [
        Participant(
            registration,
            [(q.label, registration.answers.get(str(q.pk), "")) for q in questions],
        )
        for registration in found
    ]
