"""Reads of API tokens, scoped to the viewer's network."""

from django.db.models import QuerySet
from django.http import Http404

from augenhoehe.accounts.permissions import is_network_admin
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import edit_check
from augenhoehe.directory.profile_fields import visible_fields

from .models import ApiToken
from .services import token_hash


def api_token_list(*, viewer) -> QuerySet[ApiToken]:
    """The tokens of the viewer's network; nothing for anyone but its admins."""
    if not is_network_admin(viewer):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(network_id=viewer.network_id).select_related("created_by")


def api_token_get_for_user(*, user, pk: int) -> ApiToken:
    """Fetch and authorise in one step: another network's token is a 404."""
    token = api_token_list(viewer=user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def api_token_for_secret(*, secret: str) -> ApiToken | None:
    """The token a secret belongs to, revoked or not; None for an unknown secret."""
    return (
        ApiToken.objects.select_related("network", "created_by").filter(key_hash=token_hash(secret)).first()
    )


def organisation_visible_fields(*, viewer, organisations: list[Organisation]) -> dict[int, frozenset[str]]:
    """For each profile: the names of the fields ``viewer`` may see (``directory.profile_fields``),
    with one query for a whole page instead of one per profile."""
    may_edit = edit_check(viewer)
    return {o.pk: visible_fields(viewer, o, editor=may_edit(o)) for o in organisations}
