"""The mails to a registered person, in the language of the page they registered on. Every one carries
the link to cancel; the online link goes only to confirmed participants (confirmed, moved up, reminder).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from augenhoehe.core.translations import shown_text
from augenhoehe.mail.services import mail_send

from .choices import Format, RegistrationStatus
from .models import Event, Registration
from .registration_links import CANCEL, CONFIRM, link_token


def _base(base_url: str | None) -> str:
    return (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")


def link_url(registration: Registration, purpose: str, base_url: str | None = None) -> str:
    """The absolute confirm or cancel link of ``registration``."""
    name = "events:registration_confirm" if purpose == CONFIRM else "events:registration_cancel"
    return _base(base_url) + reverse(name, kwargs={"token": link_token(registration.pk, purpose)})


def _context(registration: Registration, base_url: str | None, *, online: bool = False) -> dict:
    event = registration.event
    place = ", ".join(
        part for part in (event.place_name, event.street, f"{event.postcode} {event.town}".strip()) if part
    )
    return {
        "name": registration.name,
        # The title in the registrant's language where the event has it, else the original.
        "event": shown_text(event, "title", registration.language).text,
        "network": registration.network.name,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": place if event.format != Format.ONLINE else "",
        "online_url": event.online_url if online and event.format != Format.IN_PERSON else "",
        "cancel_link": link_url(registration, CANCEL, base_url),
    }


def reminder_expected(event: Event, now: datetime | None = None) -> bool:
    """Whether a participant confirmed now will be reminded: the event begins after tomorrow (local
    days), so the daily run of the day before it is still to come (``registration.reminders_send``)."""
    return timezone.localdate(event.starts_at) > timezone.localdate(now or timezone.now()) + timedelta(days=1)


def _send(registration: Registration, template: str, context: dict) -> None:
    mail_send(
        to=[registration.email],
        template=f"events/mail/{template}",
        context=context,
        language=registration.language,
    )


def confirm_request_send(*, registration: Registration, base_url: str | None = None) -> None:
    """The first mail: confirm the address (double opt-in) within EVENT_CONFIRM_HOURS."""
    context = _context(registration, base_url) | {
        "confirm_link": link_url(registration, CONFIRM, base_url),
        "hours": settings.EVENT_CONFIRM_HOURS,
    }
    _send(registration, "registration_confirm", context)


def confirmed_send(*, registration: Registration, base_url: str | None = None) -> None:
    """The seat is given; it promises the reminder only if a daily run will still send it."""
    context = _context(registration, base_url, online=True)
    context["reminder"] = reminder_expected(registration.event)
    _send(registration, "registration_confirmed", context)


def waiting_send(*, registration: Registration, base_url: str | None = None) -> None:
    _send(registration, "registration_waiting", _context(registration, base_url))


def moved_up_send(*, registration: Registration, base_url: str | None = None) -> None:
    _send(registration, "registration_moved_up", _context(registration, base_url, online=True))


def reminder_send(*, registration: Registration, base_url: str | None = None) -> None:
    _send(registration, "registration_reminder", _context(registration, base_url, online=True))


def cancelled_send(*, registration: Registration, base_url: str | None = None) -> None:
    """The event is called off: no link to cancel (there is nothing left to cancel)."""
    _send(registration, "event_cancelled", _context(registration, base_url))


def changed_send(*, registration: Registration, base_url: str | None = None) -> None:
    """The date, time or place changed: the new details, the online link to confirmed participants
    only, and the link to cancel for whom the new date does not suit."""
    online = registration.status == RegistrationStatus.CONFIRMED
    _send(registration, "event_changed", _context(registration, base_url, online=online))
