"""The request's active network, and the tenancy scope every network-owned query runs in."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django_scopes import scope

from augenhoehe.core.models import Network
from augenhoehe.core.typing import NetworkRequest

from .selectors import user_memberships

SESSION_KEY = "augenhoehe_network"


def active_network(request: HttpRequest) -> Network | None:
    """The network chosen in the session if the user works for it, else their first one, else None."""
    networks = user_memberships(user=getattr(request, "user", None)).networks
    if not networks:
        return None
    chosen_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    chosen = networks.get(chosen_id) if chosen_id is not None else None
    network, _role = chosen or next(iter(networks.values()))
    return network


def network_scope(network: Network | None):
    """The scope for ``network``; a list, because django-scopes reads ``None`` as "no filter"."""
    return scope(network=[network.pk] if network is not None else [])


class ActiveNetworkMiddleware:
    """Sets ``request.network`` and runs the view (and its templates) in that network's scope.

    Without a network (visitors, MSO members) the scope is empty: a network-owned
    row can then be read by nobody, instead of by everybody.
    """

    def __init__(self, get_response: Callable[[NetworkRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: NetworkRequest) -> HttpResponse:
        request.network = active_network(request)
        with network_scope(request.network):
            return self.get_response(request)
