"""Rate limits for pages (not only the API): DRF's throttles, counted in Django's cache.

A page names its throttles; ``wait_seconds`` counts the request against each and says how long
the requester must wait, if at all. DRF's throttles read only ``user`` and ``META``, which a
Django request has as well, so the same classes serve the API and the pages.
"""

from collections.abc import Iterable

from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle


class PersonThrottle(SimpleRateThrottle):
    """Signed-in people, per person; ``scope`` and ``rate`` set by each subclass."""

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


def wait_seconds(request: HttpRequest, throttles: Iterable[type[SimpleRateThrottle]]) -> int | None:
    """Seconds until ``request`` may do this again, or None if it may now (and is counted)."""
    waits = []
    for throttle_class in throttles:
        throttle = throttle_class()
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]
            waits.append(int(throttle.wait() or 1))
    return max(waits) if waits else None


def minutes_to_wait(seconds: int) -> int:
    """``seconds`` as whole minutes, at least one, for a message."""
    return max(1, -(-seconds // 60))
