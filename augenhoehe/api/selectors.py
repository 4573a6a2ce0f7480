"""Reads of API tokens, scoped to the viewer's network."""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import Http404

from augenhoehe.accounts.permissions import is_network_admin_of
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import edit_check
from augenhoehe.directory.profile_fields import visible_fields

from .models import ApiToken
from .services import token_hash


def api_token_list(*, network: Network | None, viewer) -> QuerySet[ApiToken]:
    """The tokens of ``network``; nothing for anyone but its admins."""
    if network is None or not is_network_admin_of(viewer, network):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(network=network).select_related("created_by")


def api_token_get_for_user(*, user, network: Network | None, pk: int) -> ApiToken:
    """Fetch and authorise in one step: another network's token is a 404."""
    token = api_token_list(network=network, viewer=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def api_token_for_secret(*, secret: str) -> ApiToken | None:
    """The token a secret belongs to, revoked or not; None for an unknown secret.

    Unscoped on purpose: the token is what tells which network the request acts in.
    """
    return (
        ApiToken.objects.with_scopes_disabled()
        .select_related("network", "created_by")
        .filter(key_hash=token_hash(secret))
        .first()
    )


def organisation_visible_fields(
    *, viewer, organisations: Sequence[Organisation]
) -> dict[int, frozenset[str]]:
    """For each profile: the names of the fields ``viewer`` may see (``directory.profile_fields``),
    with one query for a whole page instead of one per profile."""
    may_edit = edit_check(viewer)
    return {o.pk: visible_fields(viewer, o, editor=may_edit(o)) for o in organisations}
