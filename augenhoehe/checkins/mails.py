"""The check-ins' mails: the invitation with the personal link and the reminder, in the contact's
language; the reminder to the network's staff in the language the person chose (``mail.services.language_of``)."""

from django.conf import settings
from django.urls import reverse

from augenhoehe.mail.services import language_of, mail_send

from .models import Checkin, CheckinContact, CheckinLink


def _base(base_url: str | None) -> str:
    return (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")


def link_url(*, secret: str, language: str, base_url: str | None = None) -> str:
    """The absolute personal link for ``secret``, opening in ``language``."""
    return _base(base_url) + reverse("checkins:answer", kwargs={"language": language, "token": secret})


def _contact_context(link: CheckinLink, contact: CheckinContact, secret: str, base_url: str | None) -> dict:
    return {
        "name": contact.name,
        "cooperation": link.checkin.cooperation.title,
        "network": link.network.name,
        "organisation": link.organisation.name,
        "link": link_url(secret=secret, language=link.language, base_url=base_url),
        "expires_at": link.expires_at,
    }


def invitation_send(
    *, link: CheckinLink, contact: CheckinContact, secret: str, base_url: str | None = None
) -> None:
    """Send the contact the personal link to the check-in, in the link's language."""
    mail_send(
        to=[contact.email],
        template="checkins/mail/invitation",
        context=_contact_context(link, contact, secret, base_url),
        language=link.language,
    )


def reminder_send(
    *, link: CheckinLink, contact: CheckinContact, secret: str, base_url: str | None = None
) -> None:
    """Remind the contact, with a (new) link, that the check-in waits for their answer."""
    mail_send(
        to=[contact.email],
        template="checkins/mail/reminder",
        context=_contact_context(link, contact, secret, base_url),
        language=link.language,
    )


def staff_reminder_send(*, checkin: Checkin, person, base_url: str | None = None) -> None:
    """Remind the network's staff that their side of the check-in is not filled in."""
    page = reverse("checkins:network_answer", kwargs={"pk": checkin.pk})
    mail_send(
        to=[person.email],
        template="checkins/mail/staff_reminder",
        context={
            "cooperation": checkin.cooperation.title,
            "due_on": checkin.due_on,
            "link": _base(base_url) + page,
        },
        language=language_of(person),
    )
