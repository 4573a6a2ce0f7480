"""The invitation mail: text and HTML, in the language active when it is sent."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

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
    message = EmailMultiAlternatives(
        subject=_("Einladung in das Netzwerk %(network)s") % {"network": invitation.network.name},
        body=render_to_string("accounts/mail/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("accounts/mail/invitation.html", context), "text/html")
    message.send()
