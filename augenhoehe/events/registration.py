"""Registering for an event without an account: double opt-in, seats, waiting list, reminders.

A registration holds no seat until its address is confirmed (the link in the first mail). The seat
decision locks the event's row, so that two people confirming at once never take the same last
seat: PostgreSQL waits on ``SELECT … FOR UPDATE``; SQLite takes the write lock when the transaction
begins (``transaction_mode`` IMMEDIATE in the settings). Whoever finds no seat waits, in the order
they confirmed; a cancellation, more seats (``waiting_list_advance``) move the first up, until the
event begins. Registering takes no lock: one address registers once per event (not counting
cancelled registrations), which a unique index on (event, address) holds.

The writes run in short transactions; the mails go out after them, so that no mail server holds an
event's lock, and a mail server that is away loses a mail, not a registration.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.core.services import log_action
from augenhoehe.privacy.consents import register_purpose
from augenhoehe.privacy.models import Consent

from . import registration_mails as mails
from .choices import EventStatus, RegistrationStatus
from .models import Event, EventOrganiser, Registration
from .registration_links import LinkInvalid, registration_pk_of

logger = logging.getLogger(__name__)

# What a mail server that is away or refuses a mail raises through Django's SMTP backend.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

CONSENT_PURPOSE = register_purpose(
    "event_registration",
    label=_("Anmeldung zu einer Veranstaltung"),
    text=_(
        "Ich willige ein, dass meine Angaben (Name, E-Mail-Adresse, Organisation, Antworten und Bedarfe) "
        "gespeichert und an die Veranstaltenden weitergegeben werden, um diese Veranstaltung "
        "durchzuführen. Sie werden einige Zeit nach der Veranstaltung anonymisiert. Ich kann die "
        "Einwilligung jederzeit widerrufen, indem ich mich über den Link in jeder E-Mail abmelde."
    ),
    version="2026-12",
    per_occasion=True,
)


class RegistrationClosed(Exception):
    """The event takes no registration (now): ``message`` says why, in the person's words."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


# --- Reading a link, and what is open -------------------------------------------------------------


def registration_for_token(*, token: str, purpose: str) -> Registration:
    """The registration a link names. A person without an account holds it, in no network's
    scope: the signature bounds the read to the one row. Raises ``LinkInvalid``."""
    pk = registration_pk_of(token, purpose)
    with scopes_disabled():
        registration = Registration.objects.select_related("event", "network").filter(pk=pk).first()
    if registration is None or registration.anonymised_at is not None:
        # Deleted unconfirmed (after EVENT_CONFIRM_HOURS) or anonymised after the event.
        raise LinkInvalid("expired")
    if registration.event.is_past:
        raise LinkInvalid("past", registration.language)
    return registration


def closed_reason(event: Event, now: datetime | None = None):
    """Why ``event`` takes no registration now (a message), or None: it does."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return _("Die Veranstaltung wurde abgesagt.")
    if event.status != EventStatus.PUBLISHED:
        return _("Die Veranstaltung ist nicht veröffentlicht.")
    if event.ends_at < now or event.starts_at < now:
        return _("Die Veranstaltung hat schon begonnen oder ist vorbei.")
    if not event.registration_open:
        return _("Für diese Veranstaltung ist keine Anmeldung möglich.")
    if event.registration_deadline is not None and event.registration_deadline < now:
        return _("Der Anmeldeschluss ist vorbei.")
    return None


def co_organiser(*, event: Event, organisation_pk: int | None) -> int | None:
    """``organisation_pk`` if that organisation co-organises ``event`` (a ``?via=`` link), else None."""
    if organisation_pk is None:
        return None
    with scopes_disabled():
        found = EventOrganiser.objects.filter(event_id=event.pk, organisation_id=organisation_pk).exists()
    return organisation_pk if found else None


def seats_free(event: Event) -> int | None:
    """Seats not taken by confirmed participants; None: the seats are not limited."""
    if event.capacity is None:
        return None
    with scopes_disabled():
        taken = Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.CONFIRMED).count()
    return max(0, event.capacity - taken)


# --- Writes ----------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    registration: Registration
    moved_up: list[Registration] = field(default_factory=list)
    changed: bool = True


def _locked(event_pk: int) -> Event:
    """The event's row, locked until the transaction ends: every seat decision passes here."""
    return Event.objects.select_for_update(of=("self",)).select_related("network").get(pk=event_pk)


def _taken(event: Event) -> tuple[int, int]:
    """(confirmed, waiting) of ``event``, in one query."""
    figures = Registration.objects.filter(event_id=event.pk).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    return figures["confirmed"], figures["waiting"]


def _advance(event: Event, now: datetime, free: int | None, waiting: int) -> list[Registration]:
    """Move the first ``free`` waiting (all, if the seats are not limited) up, in the order they
    confirmed; call with the event locked. Not once the event has begun: a seat left then is no
    seat to come for."""
    if not waiting or free == 0 or event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return []
    queue = Registration.objects.filter(event_id=event.pk, status=RegistrationStatus.WAITING).order_by(
        "queued_at", "pk"
    )
    moved = list(queue if free is None else queue[:free])
    for registration in moved:
        registration.status = RegistrationStatus.CONFIRMED
        registration.queued_at = now
        # For the mail: the event and its network are read already.
        registration.event, registration.network = event, event.network
    Registration.objects.filter(pk__in=[r.pk for r in moved]).update(
        status=RegistrationStatus.CONFIRMED, queued_at=now
    )
    return moved


def _free(event: Event, confirmed: int) -> int | None:
    return None if event.capacity is None else max(0, event.capacity - confirmed)


def _send(send, registration: Registration, base_url: str | None) -> bool:
    """Send one mail; a mail server that is away is logged, not raised (the write is done)."""
    try:
        send(registration=registration, base_url=base_url)
    except MAIL_ERRORS:
        logger.warning("Mail to registration %s not sent", registration.pk, exc_info=True)
        return False
    return True


def _status_mail(registration: Registration, base_url: str | None) -> bool:
    """The mail that tells the person where they stand: confirm, confirmed or waiting."""
    if registration.status == RegistrationStatus.UNCONFIRMED:
        return _send(mails.confirm_request_send, registration, base_url)
    if registration.status == RegistrationStatus.CONFIRMED:
        return _send(mails.confirmed_send, registration, base_url)
    if registration.status == RegistrationStatus.WAITING:
        return _send(mails.waiting_send, registration, base_url)
    return True


@dataclass
class Submitted:
    registration: Registration
    created: bool  # False: the address was registered already; its mail went out again
    mailed: bool


def _active(event: Event, email: str) -> Registration | None:
    """The registration of ``email`` for ``event`` that is not cancelled, if any."""
    return (
        Registration.objects.select_related("event", "network")
        .filter(event_id=event.pk, email=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


@transaction.atomic
def _create(*, event: Event, email: str, fields: dict, language: str, via_pk: int | None) -> Registration:
    consent = Consent.objects.create(
        email=email,
        purpose=CONSENT_PURPOSE.code,
        version=CONSENT_PURPOSE.version,
        text=str(CONSENT_PURPOSE.text),
        language=language,
    )
    return Registration.objects.create(
        network=event.network,
        event=event,
        email=email,
        language=language,
        via_id=via_pk,
        consent=consent,
        **fields,
    )


def _submit(
    *, event: Event, email: str, fields: dict, language: str, via_pk: int | None
) -> tuple[Registration, bool]:
    """The registration of ``email`` and whether it is new. No lock: two tabs sending the same
    address at once meet at the unique index, and the second reads the first's row."""
    reason = closed_reason(event)
    if reason is not None:
        raise RegistrationClosed(reason)
    existing = _active(event, email)
    if existing is not None:
        return existing, False
    try:
        registration = _create(event=event, email=email, fields=fields, language=language, via_pk=via_pk)
    except IntegrityError:
        existing = _active(event, email)
        if existing is None:  # not the address's row that stood in the way
            raise
        return existing, False
    return registration, True


def registration_submit(
    *,
    event: Event,
    name: str,
    email: str,
    language: str,
    organisation_name: str = "",
    answers: dict[str, str] | None = None,
    interpretation: str = "",
    accessibility_needs: str = "",
    via_pk: int | None = None,
    base_url: str | None = None,
) -> Submitted:
    """Register ``email`` (unconfirmed) and mail it the link to confirm.

    The same address again (not cancelled) makes no second row: its mail goes out again (the
    confirmation request, or where it stands), and the page says the same either way, so that
    it tells nobody whether an address was registered. Raises ``RegistrationClosed``.
    """
    # Stored as one spelling, so that the unique index sees ``Ayse@…`` and ``ayse@…`` as one.
    email = email.strip().lower()
    fields = {
        "name": name.strip(),
        "organisation_name": organisation_name.strip(),
        "answers": answers or {},
        "interpretation": interpretation,
        "accessibility_needs": accessibility_needs.strip(),
    }
    with scopes_disabled():
        registration, created = _submit(
            event=event, email=email, fields=fields, language=language, via_pk=via_pk
        )
    return Submitted(registration, created, _status_mail(registration, base_url))


def confirm_refused(event: Event, registration: Registration, now: datetime):
    """Why ``registration`` may not be confirmed now (a message), or None: it may. Whoever
    registered before the deadline may confirm after it (within EVENT_CONFIRM_HOURS)."""
    if event.status == EventStatus.CANCELLED:
        return _("Die Veranstaltung wurde abgesagt.")
    if event.status != EventStatus.PUBLISHED:
        return _("Die Veranstaltung ist nicht veröffentlicht.")
    if event.starts_at <= now:
        return _("Die Veranstaltung hat schon begonnen oder ist vorbei.")
    if not event.registration_open:
        return _("Für diese Veranstaltung ist keine Anmeldung möglich.")
    deadline = event.registration_deadline
    if deadline is not None and deadline < registration.created_at:
        return _("Der Anmeldeschluss ist vorbei.")
    return None


@transaction.atomic
def _confirm(pk: int, event_pk: int) -> _Outcome:
    event = _locked(event_pk)
    registration = Registration.objects.get(pk=pk)
    registration.event, registration.network = event, event.network
    if registration.status != RegistrationStatus.UNCONFIRMED:
        return _Outcome(registration, changed=False)  # a second click
    now = timezone.now()
    refused = confirm_refused(event, registration, now)
    if refused is not None:
        raise RegistrationClosed(refused)
    confirmed, waiting = _taken(event)
    free = _free(event, confirmed)
    moved = _advance(event, now, free, waiting)  # whoever waits comes first
    if free is not None:
        free -= len(moved)
    registration.status = (
        RegistrationStatus.CONFIRMED if free is None or free > 0 else RegistrationStatus.WAITING
    )
    registration.confirmed_at = now
    registration.queued_at = now
    registration.save(update_fields=["status", "confirmed_at", "queued_at"])
    return _Outcome(registration, moved)


def registration_confirm(*, registration: Registration, base_url: str | None = None) -> Registration:
    """The address is confirmed: a seat if one is free, else the waiting list; the mail says which.
    Confirming twice changes nothing. Raises ``RegistrationClosed`` once the event is cancelled
    or has begun, its registration is closed, or the person registered after the deadline."""
    with scopes_disabled():
        outcome = _confirm(registration.pk, registration.event_id)
        if outcome.changed:
            _status_mail(outcome.registration, base_url)
        for moved in outcome.moved_up:
            _send(mails.moved_up_send, moved, base_url)
    return outcome.registration


@transaction.atomic
def _cancel(pk: int, event_pk: int) -> _Outcome:
    event = _locked(event_pk)
    registration = Registration.objects.get(pk=pk)
    registration.event, registration.network = event, event.network
    if registration.status == RegistrationStatus.CANCELLED:
        return _Outcome(registration, changed=False)
    now = timezone.now()
    freed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    # Cancelling is how the person withdraws the consent they gave with the form.
    if registration.consent_id is not None:
        Consent.objects.filter(pk=registration.consent_id, withdrawn_at__isnull=True).update(withdrawn_at=now)
    moved = []
    if freed:
        confirmed, waiting = _taken(event)
        moved = _advance(event, now, _free(event, confirmed), waiting)
    return _Outcome(registration, moved)


def registration_cancel(*, registration: Registration, base_url: str | None = None) -> Registration:
    """Cancel: the seat is free, and in the same transaction the first waiting person takes it
    (and is told). Cancelling twice changes nothing."""
    with scopes_disabled():
        outcome = _cancel(registration.pk, registration.event_id)
        for moved in outcome.moved_up:
            _send(mails.moved_up_send, moved, base_url)
    return outcome.registration


def waiting_list_advance(*, event: Event, actor=None, base_url: str | None = None) -> int:
    """Give free seats to the waiting list, first come first; how many moved up (each is mailed).

    For when the seats were raised or no longer limited: the organisers' section has a button for
    it ("Warteliste nachrücken lassen"); the form that edits ``Event.capacity`` calls it after saving.
    """
    with scopes_disabled(), transaction.atomic():
        locked = _locked(event.pk)
        confirmed, waiting = _taken(locked)
        moved = _advance(locked, timezone.now(), _free(locked, confirmed), waiting)
        if moved and actor is not None:
            log_action(
                subject=locked,
                action="events.event.changed",
                actor=actor,
                network=locked.network,
                data={"waiting_list_moved_up": len(moved)},
            )
    with scopes_disabled():
        for registration in moved:
            _send(mails.moved_up_send, registration, base_url)
    return len(moved)


@transaction.atomic
def participant_check_in(*, registration: Registration, present: bool, actor) -> Registration:
    """Mark a participant present at the door (or take it back); audited with ids only."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status in (RegistrationStatus.UNCONFIRMED, RegistrationStatus.CANCELLED):
        raise RegistrationClosed(
            _("Nur angemeldete Personen und Personen auf der Warteliste können eingelassen werden.")
        )
    if present == (registration.checked_in_at is not None):
        return registration
    registration.checked_in_at = timezone.now() if present else None
    registration.save(update_fields=["checked_in_at"])
    log_action(
        subject=registration,
        action="events.registration.checked_in",
        actor=actor,
        network=registration.network,
        data={"event": registration.event_id, "present": present},
    )
    return registration


# --- The daily run ---------------------------------------------------------------------------------


def unconfirmed_expire(now: datetime | None = None) -> int:
    """Delete registrations whose address was not confirmed in time, with their consent (it never
    took effect); how many. In every network (the daily task)."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.EVENT_CONFIRM_HOURS)
    with scopes_disabled(), transaction.atomic():
        stale = Registration.objects.filter(status=RegistrationStatus.UNCONFIRMED, created_at__lt=cutoff)
        consents = list(stale.exclude(consent=None).values_list("consent_id", flat=True))
        count, _deleted = stale.delete()
        Consent.objects.filter(pk__in=consents).delete()
    return count


def _local_midnight(day: date) -> datetime:
    """The start of ``day`` in the installation's time zone (Europe/Berlin), DST or not."""
    return timezone.make_aware(datetime.combine(day, time.min))


def reminders_send(now: datetime | None = None, base_url: str | None = None) -> int:
    """Remind confirmed participants of events that begin tomorrow (local 00:00 to 24:00); once each.

    The daily run comes once a day (``registration_tasks``), so each event's participants are
    reminded on the day before it. Who confirms after that day's run is not reminded: the mail
    that confirms their seat does not promise it (``registration_mails.reminder_expected``)."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    sent = 0
    with scopes_disabled():
        due = Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminded_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gte=max(now, _local_midnight(tomorrow)),
            event__starts_at__lt=_local_midnight(tomorrow + timedelta(days=1)),
        ).select_related("event", "network")
        for registration in due:
            # Claimed before the mail: a second run at the same moment finds it taken.
            if not Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            if _send(mails.reminder_send, registration, base_url):
                sent += 1
            else:  # the next run tries again
                Registration.objects.filter(pk=registration.pk).update(reminded_at=None)
    return sent


# Who hears of a cancellation or a new date: everyone who may still come (confirmed, waiting, and those
# who have not confirmed their address yet), while their address is known.
NOTIFIED = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.UNCONFIRMED)


def participants_notify(*, event: Event, change: str, base_url: str | None = None) -> int:
    """Tell the event's registered people that it was cancelled (``change="cancelled"``) or that its
    date, time or place changed (``"changed"``), each in their language; how many were mailed."""
    send = {"cancelled": mails.cancelled_send, "changed": mails.changed_send}[change]
    with scopes_disabled():
        people = Registration.objects.filter(
            event_id=event.pk, status__in=NOTIFIED, anonymised_at__isnull=True
        )
        return sum(
            _send(send, registration, base_url) for registration in people.select_related("event", "network")
        )


def event_saved(
    *, event: Event, schedule_changed: bool, actor, base_url: str | None = None
) -> tuple[int, int]:
    """What an organiser's save means for the registered: a new date, time or place of a published
    event (a new calendar version) is mailed to everyone who may still come; more seats (or no limit
    any more) move the waiting list up at once. How many were told, and how many moved up."""
    told = 0
    if schedule_changed and event.status == EventStatus.PUBLISHED:
        told = participants_notify(event=event, change="changed", base_url=base_url)
    moved = waiting_list_advance(event=event, actor=actor, base_url=base_url)
    return told, moved
