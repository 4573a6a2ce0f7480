from django.http import HttpRequest

from .permissions import is_network_admin_of
from .selectors import user_networks


def networks(request: HttpRequest) -> dict:
    """The networks the signed-in person may switch between (only offered with two or more)."""
    mine = user_networks(user=getattr(request, "user", None))
    return {"switchable_networks": mine if len(mine) > 1 else []}


def people(request: HttpRequest) -> dict:
    """Whether the header offers the people page: ``accounts.manage_people`` for the active network,
    read from the memberships the request has already looked up, so the header adds no query."""
    user, network = getattr(request, "user", None), getattr(request, "network", None)
    return {"can_manage_people": bool(user is not None and network and is_network_admin_of(user, network))}
