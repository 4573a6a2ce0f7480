"""The network a staff person is working for in this request."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .models import NetworkMembership


def active_membership(user) -> NetworkMembership | None:
    """The person's first membership (with its network), or None for visitors and MSO members."""
    if not user.is_authenticated:
        return None
    return NetworkMembership.objects.filter(user=user).select_related("network").order_by("pk").first()


class ActiveNetworkMiddleware:
    """Sets ``request.network``: the active Network of a staff person, or None (test it with ``not``).

    Looked up lazily, once per request: a page that never asks costs no query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found: list[NetworkMembership | None] = []

        def membership() -> NetworkMembership | None:
            if not found:
                found.append(active_membership(request.user))
            return found[0]

        request.active_membership = membership  # type: ignore[attr-defined]
        request.network = SimpleLazyObject(lambda: m.network if (m := membership()) else None)  # type: ignore[attr-defined]
        return self.get_response(request)
