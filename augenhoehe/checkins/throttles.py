"""Guessing personal links is slowed down: wrong links are counted per address (in the cache all
processes share), and after too many, every link from that address waits (429)."""

from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle


class WrongLinkThrottle(SimpleRateThrottle):
    """Wrong, used or expired check-in links opened, per IP address."""

    scope = "checkins_wrong_link"
    rate = "20/hour"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def blocked_for(request: HttpRequest) -> int | None:
    """Seconds the address must wait because it opened too many wrong links, or None (not counted)."""
    throttle = WrongLinkThrottle()
    allowed, duration = throttle.parse_rate(throttle.rate)
    assert allowed is not None and duration is not None
    key = throttle.get_cache_key(request, None)
    history = [t for t in throttle.cache.get(key, []) if t > throttle.timer() - duration]
    if len(history) < allowed:
        return None
    return max(1, int(duration - (throttle.timer() - history[-1])))


def wrong_link_count(request: HttpRequest) -> None:
    """Count one wrong link opened from the request's address."""
    WrongLinkThrottle().allow_request(request, None)  # type: ignore[arg-type]
