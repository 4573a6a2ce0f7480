"""Writes of series, events, their programme, registration questions, co-organisers and interpreter
bookings: validated, atomic, audited.

A change that calendars must follow (date, time, place, a cancellation) raises the event's
``sequence``, so that a subscribed calendar replaces its entry instead of keeping the old one.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action
from augenhoehe.core.translations import changed_languages
from augenhoehe.directory.models import Organisation
from augenhoehe.interpreters.models import Booking

from .choices import EventStatus, Format, QuestionKind
from .models import (
    Event,
    EventLanguage,
    EventOrganiser,
    ProgrammeItem,
    Registration,
    RegistrationQuestion,
    Series,
)

# The fields a calendar entry is made of: a change to one of them is a new version of the entry.
SCHEDULE_FIELDS = ("starts_at", "ends_at", "format", "place_name", "street", "postcode", "town", "kreis_id")


@transaction.atomic
def series_create(*, network: Network, actor, **fields: Any) -> Series:
    """Start a series of the network."""
    series = Series(network=network, **fields)
    series.full_clean()
    series.save()
    log_action(
        subject=series,
        action="events.series.created",
        actor=actor,
        network=network,
        data={"translations": sorted(series.translations)},
    )
    return series


@transaction.atomic
def series_update(*, series: Series, actor, **fields: Any) -> Series:
    """Change a series' texts (and their versions in other languages) or topic."""
    translations_before = series.translations
    for name, value in fields.items():
        setattr(series, name, value)
    series.full_clean()
    series.save()
    log_action(
        subject=series,
        action="events.series.changed",
        actor=actor,
        network=series.network,
        data={"translations": changed_languages(translations_before, series.translations)},
    )
    return series


def _validate(event: Event) -> None:
    """The event's own rules, with each message on the field it is about."""
    errors: dict[str, Any] = {}
    # Instants are compared, not wall times: two times of one zone compare by the clock even where
    # it runs twice (the night summer time ends), while the database compares the instants.
    starts = event.starts_at.timestamp() if event.starts_at else None
    if starts is not None and event.ends_at and event.ends_at.timestamp() < starts:
        errors["ends_at"] = _("Das Ende liegt vor dem Beginn.")
    if (
        starts is not None
        and event.registration_deadline
        and event.registration_deadline.timestamp() > starts
    ):
        errors["registration_deadline"] = _("Der Anmeldeschluss darf nicht nach dem Beginn liegen.")
    if event.format in (Format.ONLINE, Format.HYBRID) and not event.online_url:
        errors["online_url"] = _("Eine Online- oder Hybrid-Veranstaltung braucht den Link.")
    if event.series is not None and event.series.network_id != event.network_id:
        errors["series"] = _("Die Reihe gehört zu einem anderen Netzwerk.")
    if errors:
        raise ValidationError(errors)
    event.full_clean()


def _set_languages(event: Event, languages: list[str]) -> None:
    rows = [EventLanguage(event=event, code=code) for code in dict.fromkeys(languages)]
    for row in rows:
        row.full_clean(exclude=["event"], validate_unique=False)
    EventLanguage.objects.filter(event=event).delete()
    EventLanguage.objects.bulk_create(rows)


@transaction.atomic
def event_create(*, network: Network, actor, languages: list[str], **fields: Any) -> Event:
    """Plan an event of the network, as a draft: nobody outside sees it before ``event_publish``."""
    event = Event(network=network, created_by=actor, status=EventStatus.DRAFT, **fields)
    _validate(event)
    event.save()
    _set_languages(event, languages)
    log_action(
        subject=event,
        action="events.event.created",
        actor=actor,
        network=network,
        data={"languages": sorted(set(languages)), "translations": sorted(event.translations)},
    )
    return event


@transaction.atomic
def event_update(*, event: Event, actor, languages: list[str], **fields: Any) -> Event:
    """Change an event; a new date, time or place is a new calendar version (``sequence``)."""
    before = {name: getattr(event, name) for name in SCHEDULE_FIELDS}
    translations_before = event.translations
    for name, value in fields.items():
        setattr(event, name, value)
    _validate(event)
    changed = sorted(name for name in SCHEDULE_FIELDS if getattr(event, name) != before[name])
    if changed:
        event.sequence += 1
    event.save()
    _set_languages(event, languages)
    log_action(
        subject=event,
        action="events.event.changed",
        actor=actor,
        network=event.network,
        data={
            "schedule": changed,
            "languages": sorted(set(languages)),
            "translations": changed_languages(translations_before, event.translations),
        },
    )
    return event


@transaction.atomic
def event_publish(*, event: Event, actor) -> Event:
    """Put a draft on the public pages (and in the series' calendar)."""
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Nur ein Entwurf kann veröffentlicht werden."))
    event.status = EventStatus.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    log_action(subject=event, action="events.event.published", actor=actor, network=event.network)
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor) -> Event:
    """Cancel a published event: it stays on the public pages, marked, and calendars show it cancelled."""
    if event.status != EventStatus.PUBLISHED:
        raise ValidationError(_("Nur eine veröffentlichte Veranstaltung kann abgesagt werden."))
    event.status = EventStatus.CANCELLED
    event.sequence = F("sequence") + 1
    event.save(update_fields=["status", "sequence", "updated_at"])
    event.refresh_from_db(fields=["sequence"])
    log_action(subject=event, action="events.event.cancelled", actor=actor, network=event.network)
    return event


@transaction.atomic
def organiser_add(*, event: Event, organisation: Organisation, actor) -> EventOrganiser:
    """Make an organisation co-organiser: its members then see the event and may edit it."""
    if EventOrganiser.objects.filter(event=event, organisation=organisation).exists():
        raise ValidationError(_("Diese Organisation veranstaltet bereits mit."))
    row = EventOrganiser.objects.create(network=event.network, event=event, organisation=organisation)
    log_action(
        subject=event,
        action="events.organiser.added",
        actor=actor,
        network=event.network,
        data={"organisation": organisation.pk},
    )
    return row


@transaction.atomic
def organiser_remove(*, row: EventOrganiser, actor) -> None:
    """The organisation no longer co-organises: its members lose the event from their list."""
    event, organisation_id = row.event, row.organisation_id
    row.delete()
    log_action(
        subject=event,
        action="events.organiser.removed",
        actor=actor,
        network=event.network,
        data={"organisation": organisation_id},
    )


@transaction.atomic
def booking_link(*, event: Event, booking: Booking, actor) -> None:
    """Note that a booking of the network's pool serves this event."""
    if booking.network_id != event.network_id:
        raise ValidationError(_("Die Buchung gehört zu einem anderen Netzwerk."))
    event.interpreter_bookings.add(booking)
    log_action(
        subject=event,
        action="events.event.changed",
        actor=actor,
        network=event.network,
        data={"booking_linked": booking.pk},
    )


@transaction.atomic
def booking_unlink(*, event: Event, booking: Booking, actor) -> None:
    """The booking no longer serves the event (a linked one: see ``selectors.linked_booking_get``)."""
    event.interpreter_bookings.remove(booking)
    log_action(
        subject=event,
        action="events.event.changed",
        actor=actor,
        network=event.network,
        data={"booking_unlinked": booking.pk},
    )


def _programme_changed(event: Event, actor, what: str, item_id: int) -> None:
    log_action(
        subject=event,
        action="events.programme.changed",
        actor=actor,
        network=event.network,
        data={what: item_id},
    )


@transaction.atomic
def programme_item_add(*, event: Event, actor, **fields: Any) -> ProgrammeItem:
    """Add an item at the end of the programme."""
    last = (
        ProgrammeItem.objects.filter(event=event)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    item = ProgrammeItem(network=event.network, event=event, position=(last or 0) + 1, **fields)
    item.full_clean()
    item.save()
    _programme_changed(event, actor, "added", item.pk)
    return item


@transaction.atomic
def programme_item_update(*, item: ProgrammeItem, actor, **fields: Any) -> ProgrammeItem:
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    _programme_changed(item.event, actor, "changed", item.pk)
    return item


@transaction.atomic
def programme_item_remove(*, item: ProgrammeItem, actor) -> None:
    event, pk = item.event, item.pk
    item.delete()
    _programme_changed(event, actor, "removed", pk)


@transaction.atomic
def programme_item_move(*, item: ProgrammeItem, actor, up: bool) -> None:
    """Swap the item with its neighbour above (``up``) or below; at either end nothing moves."""
    items = list(ProgrammeItem.objects.filter(event_id=item.event_id).select_for_update())
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(items):
        return
    items[index], items[other_index] = items[other_index], items[index]
    # Positions are renumbered, so items added with equal positions get a clear order too.
    for position, row in enumerate(items, start=1):
        row.position = position
    ProgrammeItem.objects.bulk_update(items, ["position"])
    _programme_changed(item.event, actor, "moved", item.pk)


def _validate_question(question: RegistrationQuestion) -> None:
    errors: dict[str, Any] = {}
    if question.kind == QuestionKind.CHOICE and len(question.option_list) < 2:
        errors["options"] = _("Eine Auswahl braucht mindestens zwei Antwortmöglichkeiten, eine pro Zeile.")
    if question.is_background:
        if question.kind != QuestionKind.CHOICE:
            errors["is_background"] = _(
                "Der Hintergrund wird als Auswahl gefragt, damit er sich auszählen lässt."
            )
        elif (
            RegistrationQuestion.objects.filter(event_id=question.event_id, is_background=True)
            .exclude(pk=question.pk)
            .exists()
        ):
            errors["is_background"] = _("Diese Veranstaltung fragt schon nach dem Hintergrund.")
    if errors:
        raise ValidationError(errors)
    question.full_clean()


def _questions_changed(event: Event, actor, what: str, question_id: int) -> None:
    log_action(
        subject=event,
        action="events.event.changed",
        actor=actor,
        network=event.network,
        data={f"question_{what}": question_id},
    )


@transaction.atomic
def question_add(*, event: Event, actor, **fields: Any) -> RegistrationQuestion:
    """Add a question to the registration form, after the others."""
    last = (
        RegistrationQuestion.objects.filter(event=event)
        .order_by("-position")
        .values_list("position", flat=True)
        .first()
    )
    question = RegistrationQuestion(network=event.network, event=event, position=(last or 0) + 1, **fields)
    _validate_question(question)
    question.save()
    _questions_changed(event, actor, "added", question.pk)
    return question


# What the given answers depend on: once someone registered, only the wording may change.
ANSWERED_FIELDS = ("kind", "option_list", "is_background")


def _has_registrations(event: Event) -> bool:
    return Registration.objects.filter(event_id=event.pk).exists()


@transaction.atomic
def question_update(*, question: RegistrationQuestion, actor, **fields: Any) -> RegistrationQuestion:
    """Change a question; after the first registration only its wording (the answers given stay
    answers to the same question, and the figures count the same choices)."""
    before = {name: getattr(question, name) for name in ANSWERED_FIELDS}
    for name, value in fields.items():
        setattr(question, name, value)
    changed = [name for name in ANSWERED_FIELDS if getattr(question, name) != before[name]]
    if changed and _has_registrations(question.event):
        message = _("Es gibt schon Anmeldungen: ändern Sie nur noch den Wortlaut der Frage.")
        raise ValidationError({"options" if name == "option_list" else name: message for name in changed})
    _validate_question(question)
    question.save()
    _questions_changed(question.event, actor, "changed", question.pk)
    return question


@transaction.atomic
def question_remove(*, question: RegistrationQuestion, actor) -> None:
    """Remove a question, while nobody has answered it."""
    if _has_registrations(question.event):
        raise ValidationError(
            _("Es gibt schon Anmeldungen: die Frage bleibt, damit die Antworten nicht verloren gehen.")
        )
    event, pk = question.event, question.pk
    question.delete()
    _questions_changed(event, actor, "removed", pk)
