"""Reads of a network's people (members, open invitations, an invitation by its link) and of a
person's own memberships (``memberships.py``).

Each read of a network's rows names that network itself (``_of``), so a selector answers the
same in a request, a command or a test; the invitation link is the one read across networks.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django_scopes import scopes_disabled

from augenhoehe.core.models import Network

from .invitations import InvitationInvalid, invitation_check_open, invitation_token_hash
from .memberships import user_memberships, user_memberships_forget, user_networks
from .models import Invitation, NetworkMembership
from .permissions import is_network_admin_of


def _require_admin(user, network: Network | None) -> Network:
    if not is_network_admin_of(user, network):
        raise PermissionDenied
    assert network is not None
    return network


def _of(model, network: Network):
    """``model``'s rows of ``network``: the scope is bound to the query, so it can be read anywhere."""
    return model.objects.with_scope(network=[network.pk])


def membership_list(*, viewer, network: Network | None) -> QuerySet[NetworkMembership]:
    """The people working for ``network``, for its admins; nobody else sees the list."""
    if not is_network_admin_of(viewer, network):
        return NetworkMembership.objects.none()
    assert network is not None
    return (
        _of(NetworkMembership, network)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def invitation_list_open(*, viewer, network: Network | None) -> list[Invitation]:
    """Invitations of ``network`` neither accepted nor revoked (expired ones included), for its admins."""
    if not is_network_admin_of(viewer, network):
        return []
    assert network is not None
    return list(
        _of(Invitation, network)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .select_related("invited_by")
    )


def membership_get_for_admin(*, user, network: Network | None, pk: int) -> NetworkMembership:
    """A membership of the admin's active network: 403 for non-admins, 404 for any other network's."""
    network = _require_admin(user, network)
    membership = _of(NetworkMembership, network).filter(pk=pk).select_related("user", "network").first()
    if membership is None:
        raise Http404
    return membership


def invitation_get_for_admin(*, user, network: Network | None, pk: int) -> Invitation:
    """An invitation of the admin's active network: 403 for non-admins, 404 for any other network's."""
    network = _require_admin(user, network)
    invitation = _of(Invitation, network).filter(pk=pk).select_related("network").first()
    if invitation is None:
        raise Http404
    return invitation


def membership_get_own(*, user, network: Network | None) -> NetworkMembership:
    """The signed-in person's own membership of ``network`` (to leave it), or 404."""
    if not network or not user.is_authenticated:
        raise Http404
    membership = _of(NetworkMembership, network).filter(user=user).select_related("network").first()
    if membership is None:
        raise Http404
    return membership


def invitation_for_token(*, token: str) -> Invitation:
    """The invitation a link's secret opens, if it can still be accepted; else InvitationInvalid."""
    # The secret itself is the authorisation here, and it names no network before it is looked up.
    with scopes_disabled():
        invitation = (
            Invitation.objects.filter(token_hash=invitation_token_hash(token))
            .select_related("network", "invited_by")
            .first()
        )
    invitation_check_open(invitation)
    assert invitation is not None
    return invitation


__all__ = [
    "InvitationInvalid",
    "invitation_for_token",
    "invitation_get_for_admin",
    "invitation_list_open",
    "invitation_token_hash",
    "membership_get_for_admin",
    "membership_get_own",
    "membership_list",
    "user_memberships",
    "user_memberships_forget",
    "user_networks",
]
