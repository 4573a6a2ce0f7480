"""Token authentication: ``Authorization: Token <secret>`` (or ``Bearer <secret>``).

A token acts as the network admin who issued it. The services record a real
person as the actor of every change (``LogEntry.actor`` is a user), so the
history of a profile changed through the API names who is accountable for the
client. The token stops working as soon as that person is no longer the network's
admin (left, demoted to coordinator, deactivated): a token never outlives
the authority it was issued under. For reading and changing profiles an admin
has exactly a coordinator's rights, and token management itself is only
reachable through the signed-in pages, never with a token.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from augenhoehe.accounts.permissions import is_network_admin_of

from . import selectors, services

KEYWORDS = (b"token", b"bearer")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Resolves the secret to its token; ``request.auth`` is the ApiToken."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Ungültiger Authorization-Header: erwartet „Token <Schlüssel>“.")
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Ungültiges Token.")) from error
        token = selectors.api_token_for_secret(secret=secret)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Ungültiges Token."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Dieses Token wurde widerrufen."))
        issuer = token.created_by
        # Only admins issue tokens; one whose issuer no longer administers the network (left, or
        # was made a coordinator) stops, so a token never outlives the authority it was issued under.
        if issuer is None or not is_network_admin_of(issuer, token.network):
            raise exceptions.AuthenticationFailed(
                _(
                    "Dieses Token gilt nicht mehr: die Person, die es angelegt hat, verwaltet das Netzwerk nicht mehr."
                )
            )
        services.api_token_touch(token=token)
        return issuer, token

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (with this challenge) rather than 403 to unauthenticated requests.
        return 'Token realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "Ein Token, das die Netzwerk-Administration unter /api/v1/tokens/ anlegt. "
                    "Senden als „Authorization: Bearer <Schlüssel>“ oder „Authorization: Token <Schlüssel>“."
                )
            ),
        }
