"""How often a person may send invitations into organisations; counted in Django's cache (shared by
every process), as the other pages' limits (``core.throttling``)."""

from django.http import HttpRequest

from augenhoehe.core.throttling import PersonThrottle, wait_seconds


class InvitationSendThrottle(PersonThrottle):
    """Invitations and new links, per person: enough for a board to invite its association, too few
    to send mail to strangers in bulk."""

    scope = "participation_invitations"
    rate = "30/hour"


def invitation_send_wait(request: HttpRequest) -> int | None:
    """Seconds until ``request`` may send an invitation again, or None if it may now (and is counted)."""
    return wait_seconds(request, (InvitationSendThrottle,))
