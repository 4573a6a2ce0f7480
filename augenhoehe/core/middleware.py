"""Headers that keep every page free of third-party requests."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Every asset is served by the app itself; the browser refuses anything else.
POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class NoStoreWhenSignedInMiddleware:
    """A page answered to a signed-in person is theirs alone: no shared or browser cache keeps it.

    Otherwise the back button on a shared computer, or a proxy in between, shows it to the next
    person after they have signed out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Replaces whatever a view said (``max-age`` of a public list included).
            response.headers["Cache-Control"] = "no-store, private"
            response.headers.pop("Expires", None)
        return response
