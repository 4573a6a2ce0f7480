"""Writes of API tokens: issuing and revoking, both audit-logged for the network."""

import hashlib
import secrets
from collections.abc import Callable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.accounts.permissions import is_network_admin_of
from augenhoehe.core.models import LogEntry, Network
from augenhoehe.core.services import log_action

from .models import ApiToken, Scope

Written = TypeVar("Written", bound=models.Model)

# Recognisable in logs and secret scanners; the random part carries 256 bits.
SECRET_PREFIX = "agh_"  # noqa: S105 - a public marker, not a secret


def token_hash(secret: str) -> str:
    """The stored form of a secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, network: Network, actor, name: str, scope: str) -> tuple[ApiToken, str]:
    """Issue a token for ``network``, whose admin the actor must be; the secret is returned once."""
    if not is_network_admin_of(actor, network):
        raise PermissionDenied
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        network=network,
        name=name.strip(),
        scope=scope,
        prefix=secret[: len(SECRET_PREFIX) + 6],
        key_hash=token_hash(secret),
        created_by=actor,
    )
    if scope not in Scope.values:
        raise ValidationError({"scope": _("Unbekannte Berechtigung.")})
    token.full_clean()
    token.save()
    log_action(
        subject=token,
        action="api.token.created",
        actor=actor,
        network=network,
        data={"name": token.name, "scope": token.scope, "prefix": token.prefix},
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    """Revoke a token at once (the actor must be its network's admin); revoking twice changes nothing."""
    if not is_network_admin_of(actor, token):
        raise PermissionDenied
    token = (
        ApiToken.objects.with_scope(network=[token.network_id])
        .select_for_update(of=("self",))
        .select_related("network")
        .get(pk=token.pk)
    )
    if token.revoked_at is None:
        _revoke(token, actor=actor, at=timezone.now())
    return token


def _revoke(token: ApiToken, *, actor, at, **data) -> None:
    """Mark a locked, active token revoked and log it (without its secret)."""
    token.revoked_at = at
    token.save(update_fields=["revoked_at"])
    log_action(
        subject=token,
        action="api.token.revoked",
        actor=actor,
        network=token.network,
        data={"name": token.name, "prefix": token.prefix, **data},
    )


@transaction.atomic
def api_tokens_revoke_for_member(*, user, network, actor, reason: str = "membership_ended") -> int:
    """Revoke every active token ``user`` issued for ``network``: they no longer work for it, or
    no longer as its admin (``reason`` says which, in the audit entry)."""
    tokens = list(
        ApiToken.objects.with_scope(network=[network.pk])
        .select_for_update(of=("self",))
        .select_related("network")
        .filter(created_by=user, revoked_at__isnull=True)
    )
    now = timezone.now()
    for token in tokens:
        _revoke(token, actor=actor, at=now, reason=reason)
    return len(tokens)


def api_token_touch(*, token: ApiToken) -> None:
    """Note that the token was used; at most once a minute, so reads stay cheap."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        # Runs during authentication, before the token's network is active.
        ApiToken.objects.with_scope(network=[token.network_id]).filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def api_token_write(*, token: ApiToken | None, action: str, write: Callable[[], Written]) -> Written:
    """Run ``write`` (a call of another app's service, which logs its change as ``action`` with the
    token's issuer as actor); with a token, and if the service did log a change, also log on the
    written row which token made it, in the same transaction."""
    if token is None:
        return write()
    started = timezone.now()
    written = write()
    changed = LogEntry.objects.filter(
        action=action,
        content_type=ContentType.objects.get_for_model(written),
        object_id=str(written.pk),
        created_at__gte=started,
    ).exists()
    if changed:
        log_action(
            subject=written,
            action="api.token.wrote",
            actor=token.created_by,
            network=token.network,
            data={"name": token.name, "prefix": token.prefix, "token": token.pk, "action": action},
        )
    return written
