"""Error pages Django does not route through a template of its own."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (stale or foreign CSRF token) in the app's frame and the reader's language."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)
