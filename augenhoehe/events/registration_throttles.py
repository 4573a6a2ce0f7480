"""Registrations are slowed down per IP address (a script filling the form) and the mails asking to
confirm per e-mail address (someone else's inbox flooded through the form). Counted in the cache all
processes share; the rates are settings, so that a load test can raise them."""

import hashlib

from django.conf import settings
from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle

from augenhoehe.core.throttling import wait_seconds


class RegistrationThrottle(SimpleRateThrottle):
    """Registrations sent, per IP address."""

    scope = "events_registration"

    def get_rate(self) -> str:
        return settings.EVENT_REGISTRATION_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class RegistrationMailThrottle(SimpleRateThrottle):
    """Registrations sent for one e-mail address (each sends it a mail), whoever sends them."""

    scope = "events_registration_mail"

    def __init__(self, email: str) -> None:
        self.email = email
        super().__init__()

    def get_rate(self) -> str:
        return settings.EVENT_REGISTRATION_MAIL_RATE

    def get_cache_key(self, request, view):
        # A hash: the cache holds no address.
        ident = hashlib.sha256(self.email.strip().lower().encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": ident}


def registration_wait(request: HttpRequest, *, email: str) -> int | None:
    """Seconds to wait before this address may register again, or None (and it is counted)."""
    wait = wait_seconds(request, [RegistrationThrottle])
    if wait is not None:
        return wait
    throttle = RegistrationMailThrottle(email)
    if not throttle.allow_request(request, None):  # type: ignore[arg-type]
        return int(throttle.wait() or 1)
    return None
