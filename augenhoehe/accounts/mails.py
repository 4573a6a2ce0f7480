"""The invitation mail: text and HTML, in the language the inviter chose for the invitee (the
account made from it keeps that language for its mails)."""

from augenhoehe.mail.services import mail_send

from . import invitations
from .models import Invitation


def invitation_link(*, secret: str, base_url: str | None = None) -> str:
    """The absolute one-time link for ``secret``."""
    return invitations.invitation_link(url_name="accounts:invitation", secret=secret, base_url=base_url)


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
