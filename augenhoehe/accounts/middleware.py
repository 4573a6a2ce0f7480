"""The network a staff person is working for in this request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .models import NetworkMembership


def active_network(user):
    """The network of the person's first membership, or None for visitors and MSO members."""
    if not user.is_authenticated:
        return None
    membership = NetworkMembership.objects.filter(user=user).select_related("network").order_by("pk").first()
    return membership.network if membership else None


class ActiveNetworkMiddleware:
    """Sets ``request.network``: the active Network of a staff person, or None."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.network = active_network(request.user)  # type: ignore[attr-defined]
        return self.get_response(request)
