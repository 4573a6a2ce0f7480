"""The page of an invitation link that leads nowhere, for every kind of invitation (the network's
people and an organisation's own)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .invitations import InvitationInvalid


def invitation_invalid_page(request: HttpRequest, invalid: InvitationInvalid, *, validity) -> HttpResponse:
    """Why a one-time invitation link leads nowhere (410 if it existed, 404 if never), for every kind
    of invitation; ``validity`` is how long that kind's links last."""
    status = 410 if invalid.gone else 404
    context = {"reason": invalid.reason, "valid_days": validity.days}
    return render(request, "accounts/invitation_invalid.html", context, status=status)
