"""A person's memberships, read once per request: the networks they work for (the
organisations they represent are the directory's: ``directory.permissions.represented``). Permissions build on this module, so it imports none of them."""

from dataclasses import dataclass, field
from functools import cached_property

from django_scopes import scopes_disabled

from augenhoehe.core.models import Network

from .models import NetworkMembership

# Where a person's memberships are kept for the rest of the request (the user object lives as long).
CACHE_ATTRIBUTE = "_augenhoehe_memberships"


@dataclass
class Memberships:
    """What one person is, read at most once per request: two queries, each only when first asked."""

    user_id: int | None
    active: bool = field(default=True)

    @cached_property
    def networks(self) -> dict[int, tuple[Network, str]]:
        """{network id: (network, role code)} of every network the person works for."""
        if self.user_id is None or not self.active:
            return {}
        # Unscoped on purpose: which networks a person works for is what decides the
        # request's network, so it is read before any network is active.
        with scopes_disabled():
            rows = list(
                NetworkMembership.objects.filter(user_id=self.user_id)
                .select_related("network")
                .order_by("network__name", "network_id")
            )
        return {row.network_id: (row.network, row.role) for row in rows}


def user_memberships(*, user) -> Memberships:
    """The network memberships of ``user``, cached on the user object.

    The one read of a person's memberships that runs without a network scope (see ``Memberships``).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return Memberships(user_id=None)
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = Memberships(user_id=user.pk, active=user.is_active)
        setattr(user, CACHE_ATTRIBUTE, cached)
    return cached


def user_memberships_forget(*, user) -> None:
    """Drop the cached memberships, after a membership of ``user`` changed within the same request."""
    if user is not None and hasattr(user, "__dict__"):
        user.__dict__.pop(CACHE_ATTRIBUTE, None)


def user_networks(*, user) -> list[Network]:
    """The networks ``user`` works for, by name (for the network switch)."""
    return [network for network, _role in user_memberships(user=user).networks.values()]
