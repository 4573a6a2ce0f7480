"""Writes to a network's pool of interpreters and their bookings: validated, atomic, audited."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action

from .choices import BookingStatus
from .models import Booking, Interpreter, InterpreterLanguage

# What a withdrawal erases at once: how to reach the person and where and when they work.
CONTACT_FIELDS = ("email", "phone", "places", "availability")


def _set_languages(interpreter: Interpreter, languages: list[str]) -> None:
    if not languages:
        raise ValidationError({"languages": _("Bitte wählen Sie mindestens eine Sprache.")})
    rows = [
        InterpreterLanguage(network=interpreter.network, interpreter=interpreter, code=code)
        for code in dict.fromkeys(languages)
    ]
    for row in rows:
        row.full_clean(exclude=["interpreter"])
    InterpreterLanguage.objects.filter(interpreter=interpreter).delete()
    InterpreterLanguage.objects.bulk_create(rows)


def _consent_recorded(interpreter: Interpreter, actor, given_before: date | None) -> None:
    # A (new) consent date is recorded by the person who enters it; a listed person is listed again.
    if interpreter.consent_given_on and interpreter.consent_given_on != given_before:
        interpreter.consent_recorded_by = actor
        interpreter.consent_withdrawn_at = None


@transaction.atomic
def interpreter_create(*, network: Network, actor, languages: list[str], **fields: Any) -> Interpreter:
    """Add a person to the network's pool; listed only once ``consent_given_on`` is set."""
    interpreter = Interpreter(network=network, **fields)
    _consent_recorded(interpreter, actor, None)
    interpreter.full_clean()
    interpreter.save()
    _set_languages(interpreter, languages)
    log_action(
        subject=interpreter,
        action="interpreters.interpreter.added",
        actor=actor,
        network=network,
        data={"languages": sorted(set(languages)), "listed": interpreter.is_listed},
    )
    return interpreter


@transaction.atomic
def interpreter_update(
    *, interpreter: Interpreter, actor, languages: list[str], **fields: Any
) -> Interpreter:
    """Change a person of the pool; a new consent date records ``actor`` as who took it."""
    given_before = interpreter.consent_given_on
    for name, value in fields.items():
        setattr(interpreter, name, value)
    _consent_recorded(interpreter, actor, given_before)
    interpreter.full_clean()
    interpreter.save()
    _set_languages(interpreter, languages)
    log_action(
        subject=interpreter,
        action="interpreters.interpreter.changed",
        actor=actor,
        network=interpreter.network,
        data={"languages": sorted(set(languages)), "listed": interpreter.is_listed},
    )
    return interpreter


@transaction.atomic
def interpreter_consent_withdraw(*, interpreter: Interpreter, actor) -> Interpreter:
    """The person withdrew their consent: hidden from the pool at once, contact data erased now.

    The name stays, so that past bookings still say who interpreted; open bookings are cancelled."""
    if interpreter.consent_withdrawn_at is not None:
        raise ValidationError(_("Die Einwilligung ist schon widerrufen."))
    interpreter.consent_withdrawn_at = timezone.now()
    for name in CONTACT_FIELDS:
        setattr(interpreter, name, "")
    interpreter.save(update_fields=["consent_withdrawn_at", *CONTACT_FIELDS])
    cancelled = Booking.objects.filter(
        interpreter=interpreter,
        status__in=[BookingStatus.REQUESTED, BookingStatus.CONFIRMED],
        starts_at__gte=timezone.now(),
    ).update(status=BookingStatus.CANCELLED)
    log_action(
        subject=interpreter,
        action="interpreters.consent.withdrawn",
        actor=actor,
        network=interpreter.network,
        data={"bookings_cancelled": cancelled},
    )
    return interpreter


@transaction.atomic
def booking_create(
    *,
    interpreter: Interpreter,
    actor,
    starts_at: datetime,
    language: str,
    cooperation: Cooperation | None = None,
    occasion: str = "",
    fee_agreed: Decimal | None = None,
    note: str = "",
) -> Booking:
    """Book a listed person of the pool for a cooperation of the same network, at a time to come."""
    if not interpreter.is_listed:
        raise ValidationError({"interpreter": _("Ohne Einwilligung ist die Person nicht buchbar.")})
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Eine neue Buchung liegt in der Zukunft.")})
    booking = Booking(
        network=interpreter.network,
        interpreter=interpreter,
        cooperation=cooperation,
        occasion=occasion,
        starts_at=starts_at,
        language=language,
        fee_agreed=fee_agreed,
        note=note,
        created_by=actor,
    )
    booking.full_clean()
    booking.save()
    log_action(
        subject=booking,
        action="interpreters.booking.added",
        actor=actor,
        network=booking.network,
        data={
            "interpreter": interpreter.pk,
            "cooperation": booking.cooperation_id,
            "language": language,
            "status": booking.status,
        },
    )
    return booking


@transaction.atomic
def booking_status_set(*, booking: Booking, status: str, actor) -> Booking:
    """Move a booking to ``status`` (angefragt, zugesagt, abgesagt, erledigt)."""
    if status not in BookingStatus.values:
        raise ValidationError({"status": _("Bitte wählen Sie einen Stand aus der Liste.")})
    before = booking.status
    booking.status = status
    booking.full_clean()
    booking.save(update_fields=["status"])
    log_action(
        subject=booking,
        action="interpreters.booking.status.changed",
        actor=actor,
        network=booking.network,
        data={"from": before, "status": status},
    )
    return booking
