"""How often the directory may be downloaded; counted in Django's cache (shared by every process).

Rates are defined here, as the API's are (``api/throttles.py``), rather than in settings. A
visitor's downloads hold only published profiles and the fields they make public (what the
directory page shows), so visitors may download them, but a script may not pull the whole
directory again and again: per address, fewer than signed-in people, who are counted per person.
"""

from django.http import HttpRequest
from rest_framework.throttling import SimpleRateThrottle

from augenhoehe.core.throttling import PersonThrottle, wait_seconds


class VisitorExportThrottle(SimpleRateThrottle):
    """Visitors without a session, per IP address."""

    scope = "exports_anonymous"
    rate = "20/hour"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class PersonExportThrottle(PersonThrottle):
    """People signed in, per person."""

    scope = "exports_person"
    rate = "120/hour"


def export_wait(request: HttpRequest) -> int | None:
    """Seconds until ``request`` may download again, or None if it may now (and is counted)."""
    return wait_seconds(request, (VisitorExportThrottle, PersonExportThrottle))
