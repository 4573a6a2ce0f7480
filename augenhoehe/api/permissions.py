"""What a request may do through the API, beyond the directory's own rules."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .models import ApiToken, Scope


class TokenScope(BasePermission):
    """A read token may only read; writing needs a write token (or a signed-in person)."""

    message = _("Dieses Token darf nur lesen. Für Änderungen braucht es die Berechtigung „Schreiben“.")

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS or not isinstance(request.auth, ApiToken):
            return True
        return request.auth.scope == Scope.WRITE


class ReadOrSignedIn(BasePermission):
    """Anyone may read what the directory shows them; changes need a signed-in client."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(request.user and request.user.is_authenticated)
