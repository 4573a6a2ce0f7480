"""How often the directory may be downloaded; counted in Django's cache (shared by every process).

Rates are defined here, as the API's are (``api/throttles.py``), rather than in settings. A
visitor's downloads hold only published profiles and the fields they make public (what the
directory page shows), so visitors may download them, but a script may not pull the whole
directory again and again: per address, fewer than signed-in people, who are counted per person.
"""

from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle


class VisitorExportThrottle(SimpleRateThrottle):
    """Visitors without a session, per IP address."""

    scope = "exports_anonymous"
    rate = "20/hour"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PersonExportThrottle(SimpleRateThrottle):
    """People signed in, per person."""

    scope = "exports_person"
    rate = "120/hour"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


THROTTLES = (VisitorExportThrottle, PersonExportThrottle)


def export_wait(request: HttpRequest) -> int | None:
    """Seconds until ``request`` may download again, or None if it may now (and is counted)."""
    waits = []
    for throttle_class in THROTTLES:
        throttle = throttle_class()
        # DRF's throttles read only ``user`` and ``META``, which a Django request has as well.
        if not throttle.allow_request(request, None):  # type: ignore[arg-type]
            waits.append(int(throttle.wait() or 1))
    return max(waits) if waits else None
