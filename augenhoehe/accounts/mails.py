"""The invitation mail: text and HTML, in the language the inviter chose for the invitee (the
account made from it keeps that language for its mails)."""

from django.conf import settings
from django.urls import reverse

from augenhoehe.mail.services import mail_send

from .models import Invitation


def invitation_link(*, secret: str, base_url: str | None = None) -> str:
    """The absolute one-time link for ``secret``."""
    base = (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")
    return base + reverse("accounts:invitation", kwargs={"token": secret})


def invitation_mail_send(*, invitation: Invitation, secret: str, base_url: str | None = None) -> None:
    """Send the one-time link to the invited address."""
    context = {
        "invitation": invitation,
        "network": invitation.network,
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        "link": invitation_link(secret=secret, base_url=base_url),
    }
    mail_send(
        to=[invitation.email],
        template="accounts/mail/invitation",
        context=context,
        language=invitation.language,
    )
