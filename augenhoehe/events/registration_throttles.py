"""Registrations are slowed down per IP address and event (a script filling the form) and the mails
asking to confirm per e-mail address (someone else's inbox flooded through the form).

The IP limit is counted per event and set high (``EVENT_REGISTRATION_RATE``, default 300 an hour):
a venue's Wi-Fi or a reverse proxy sends a whole room's registrations from one address. Both are
counted in the cache all processes share, as a counter per fixed window (one number per key, not
DRF's list of times): one read for both keys, then one write each; on Redis an atomic ``INCR``. At
a window's turn a sender may get up to twice the rate through, which is enough to stop a script.
The rates are settings (DRF's syntax, e.g. "300/hour"), so that a load test can raise them.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def _rate(setting: str) -> tuple[int, int]:
    """(number of requests, period in seconds) of a rate like "300/hour", as DRF reads it."""
    limit, period = setting.split("/")
    return int(limit), {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]


def _ip(request: HttpRequest) -> str:
    """The client's address as DRF's throttles read it (``NUM_PROXIES`` and X-Forwarded-For)."""
    return BaseThrottle().get_ident(request)  # type: ignore[arg-type]


def _hash(text: str) -> str:
    # The cache holds no address, of a person or a mailbox.
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def registration_wait(request: HttpRequest, *, event_pk: int, email: str) -> int | None:
    """Seconds to wait before this registration may be sent, or None (and it is counted)."""
    now = time.time()
    limits = {}
    for name, ident, setting in (
        ("ip", f"{_ip(request)}:{event_pk}", settings.EVENT_REGISTRATION_RATE),
        ("mail", email.strip().lower(), settings.EVENT_REGISTRATION_MAIL_RATE),
    ):
        limit, period = _rate(setting)
        window = int(now // period)
        key = f"events:registration:{name}:{_hash(ident)}:{window}"
        limits[key] = (limit, period, (window + 1) * period - now)
    counts = cache.get_many(list(limits))
    waits = [left for key, (limit, _period, left) in limits.items() if counts.get(key, 0) >= limit]
    if waits:
        return max(1, int(max(waits)))
    for key, (_limit, period, _left) in limits.items():
        if isinstance(cache, RedisCache) and key in counts:
            cache.incr(key)  # atomic; the key keeps its expiry
        else:
            cache.set(key, counts.get(key, 0) + 1, timeout=period)
    return None
