"""How often a person may upload a list: reading and checking a list is the heaviest work a page
starts, so a script (or a stolen session) may not start it again and again."""

from django.http import HttpRequest

from augenhoehe.core.throttling import PersonThrottle, wait_seconds


class UploadThrottle(PersonThrottle):
    """Uploads per person (every network's staff count alike); an office uploads a few a day."""

    scope = "imports_upload"
    rate = "30/hour"


def upload_wait(request: HttpRequest) -> int | None:
    """Seconds until ``request``'s person may upload again, or None if they may now (and are counted)."""
    return wait_seconds(request, (UploadThrottle,))
