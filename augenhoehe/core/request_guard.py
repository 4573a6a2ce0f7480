"""Requests refused before any view sees them: bodies above the limit, and NUL characters.

A body whose declared length passes ``MAX_REQUEST_BYTES`` is answered with 413 before Django
reads a byte of it (Django reads a body only when a view or ``CsrfViewMiddleware`` asks for
the form). A chunked body declares no length; ``ChunkedBodyLimit`` (the WSGI application in
config/wsgi.py) reads it up to the limit into a spooled file, so it has one, or marks it as
too large.

PostgreSQL cannot hold the NUL character in a text value: a query with one fails (a 500 where
a visitor typed ``%00`` into a filter). No name, value, path, cookie or header a person sends
has a reason to contain one, so a request with one is refused in one place (400, naming where),
instead of field by field.
"""

import io
import tempfile
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

TOO_LARGE = "augenhoehe.body_too_large"
NUL = "\x00"
API_PREFIX = "/api/"
_SPOOL_IN_MEMORY = 1024 * 1024


class RequestGuardMiddleware:
    """Refuse an oversized body (413) or a NUL character anywhere in the request (400)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _too_large(request):
            limit = filesizeformat(settings.MAX_REQUEST_BYTES)
            return _refusal(
                request,
                status=413,
                title=_("Zu viele Daten"),
                text=_(
                    "Was Sie senden wollten, ist größer als %(max)s und wurde nicht angenommen. Eine Liste "
                    "zum Importieren teilen Sie bitte in kleinere Dateien."
                )
                % {"max": limit},
            )
        where = nul_in(request)
        if where:
            return _refusal(
                request,
                status=400,
                title=_("Anfrage nicht verständlich"),
                text=_(
                    "Die Anfrage enthält ein Nullzeichen (NUL), das in keinem Text vorkommen darf; "
                    "sie wurde nicht bearbeitet."
                ),
                where=where,
            )
        return self.get_response(request)


def _too_large(request: HttpRequest) -> bool:
    if request.META.get(TOO_LARGE):
        return True
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django reads no body it cannot measure
    return length > settings.MAX_REQUEST_BYTES


def nul_in(request: HttpRequest) -> list[str]:
    """Where the request carries a NUL character: parameter, field, cookie or header names."""
    where = ["path"] if NUL in request.path_info else []
    where += _keys_with_nul(request.GET.lists())
    where += [f"cookie {name}" for name, value in request.COOKIES.items() if NUL in name or NUL in value]
    where += [
        key[5:].replace("_", "-").lower()
        for key, value in request.META.items()
        if key.startswith("HTTP_") and isinstance(value, str) and NUL in value
    ]
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method == "POST" and content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        # The form's fields (a file's content may hold anything; its name may not).
        where += _keys_with_nul(request.POST.lists())
        where += [
            name
            for name, uploads in request.FILES.lists()
            if any(NUL in (upload.name or "") for upload in uploads)
        ]
    return where


def _keys_with_nul(items: Iterable[tuple[str, list[str]]]) -> list[str]:
    return [
        key.replace(NUL, "\N{SYMBOL FOR NULL}")
        for key, values in items
        if NUL in key or any(NUL in value for value in values)
    ]


def _refusal(request: HttpRequest, *, status: int, title: str, text: str, where=()) -> HttpResponse:
    if request.path_info.startswith(API_PREFIX):
        errors = {name: [text] for name in where}
        return JsonResponse({"detail": text, "errors": errors}, status=status)
    context = {"error_title": title, "error_text": text, "where": where}
    return render(request, "core/refused.html", context, status=status)


class ChunkedBodyLimit:
    """WSGI: a chunked body is read up to the limit and handed on with its length, or marked too large."""

    def __init__(self, application) -> None:
        self.application = application

    def __call__(self, environ, start_response):
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        if not chunked or environ.get("CONTENT_LENGTH"):
            return self.application(environ, start_response)
        _spool(environ, settings.MAX_REQUEST_BYTES)
        return _Closing(self.application(environ, start_response), environ["wsgi.input"])


class _Closing:
    """The application's response, closing the spooled body with it (PEP 3333 ``close``)."""

    def __init__(self, response, body) -> None:
        self.response, self.body = response, body

    def __iter__(self):
        return iter(self.response)

    def close(self) -> None:
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.body.close()


def _spool(environ, limit: int) -> None:
    source = environ["wsgi.input"]
    spooled = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)  # noqa: SIM115  (handed on)
    size = 0
    while chunk := source.read(min(64 * 1024, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            spooled.close()
            environ[TOO_LARGE] = True
            environ["CONTENT_LENGTH"] = "0"
            environ["wsgi.input"] = io.BytesIO()
            return
        spooled.write(chunk)
    spooled.seek(0)
    environ["wsgi.input"] = spooled
    environ["CONTENT_LENGTH"] = str(size)
