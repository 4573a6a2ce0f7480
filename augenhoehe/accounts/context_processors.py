from django.http import HttpRequest

from .models import NetworkRole


def people(request: HttpRequest) -> dict:
    """Whether the header offers the people page, asked only when a page renders the header.

    The same answer as ``accounts.manage_people`` for the active network, read from the
    membership the request has already looked up, so that the header adds no query.
    """

    def can_manage_people() -> bool:
        membership = getattr(request, "active_membership", lambda: None)()
        return bool(membership and request.user.is_active and membership.role == NetworkRole.ADMIN)

    return {"can_manage_people": can_manage_people}
