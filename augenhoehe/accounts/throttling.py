"""What django-axes counts sign-in failures by (the address a browser connects from, the username),
and the page it answers once they are too many."""

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """The browser's address: the connection's own, or, behind ``PROXY_COUNT`` proxies, the one the
    outermost of them saw (X-Forwarded-For is read from the end: a browser may send the header
    itself, and only the entries our own proxies appended can be trusted)."""
    proxies = settings.PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies > 0 and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def username_of(request: HttpRequest, credentials: dict | None) -> str:
    """The username tried, lower-cased and trimmed: "Admin " and "admin" are the same account's tries."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower()


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page a locked-out sign-in gets (429): in the app's frame and language, with the wait in minutes."""
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    return render(request, "accounts/lockout.html", context, status=429)
