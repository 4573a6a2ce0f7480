"""Every error as JSON: ``{"detail": "...", "errors": {field: [messages]}}``.

Django's ValidationError (from the services), Http404 and PermissionDenied
are translated like DRF's own exceptions, so a client sees one shape for
every failure and the message in the language it asked for.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .parsers import too_large

NON_FIELD = "non_field_errors"
# Vocabulary errors from the services are keyed by scheme; in the API they belong to ``tags``.
TAG_SCHEMES = {"function", "field", "target_group", "language", "country"}


def service_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as the API's field errors."""
    if not hasattr(error, "error_dict"):
        return {NON_FIELD: [str(m) for m in error.messages]}
    errors: dict[str, list[str]] = {}
    for name, messages in error.message_dict.items():
        key = NON_FIELD if name == "__all__" else "tags" if name in TAG_SCHEMES else name
        errors.setdefault(key, []).extend(str(m) for m in messages)
    return errors


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"tags.language": [...]}``."""
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = NON_FIELD if key in (NON_FIELD, "__all__") and not prefix else f"{prefix}{key}"
            # A list's errors are keyed by position; the client needs the field, not the index.
            sub_prefix = prefix if isinstance(key, int) else f"{name}."
            for sub, messages in _flatten(value, sub_prefix).items():
                flat.setdefault(sub, []).extend(messages)
        return flat
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return {prefix.rstrip(".") or NON_FIELD: [str(item) for item in detail]}
        flat = {}
        for index, item in enumerate(detail):
            for sub, messages in _flatten(item, f"{prefix}{index}.").items():
                flat.setdefault(sub, []).extend(messages)
        return flat
    return {prefix.rstrip(".") or NON_FIELD: [str(detail)]}


class FilterNotAllowed(exceptions.PermissionDenied):
    """A filter the viewer may not use: a question of rights, so 403, naming the parameter."""

    def __init__(self, field_errors: dict[str, list[str]]) -> None:
        super().__init__(_("Diese Filter stehen nur Mitarbeitenden eines Netzwerks zur Verfügung."))
        self.field_errors = field_errors


class UnknownReference(exceptions.NotFound):
    """A filter that names a record the viewer cannot see (an umbrella id): 404, naming the parameter."""

    def __init__(self, field_errors: dict[str, list[str]]) -> None:
        super().__init__(_("Ein Filter verweist auf etwas, das es nicht gibt oder das Sie nicht sehen."))
        self.field_errors = field_errors


def api_exception_handler(exc, context) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        return Response(
            {"detail": _("Die Angaben sind nicht gültig."), "errors": service_errors(exc)},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, RequestDataTooBig):
        # DRF reads a JSON body through Django, which refuses one above DATA_UPLOAD_MAX_MEMORY_SIZE.
        exc = too_large()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django report it
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": _("Die Angaben sind nicht gültig."), "errors": _flatten(exc.detail)}
    elif field_errors := getattr(exc, "field_errors", None):
        response.data = {"detail": str(exc.detail), "errors": field_errors}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "errors": {}}
    return response
