"""Role predicates that every app combines into its own rules; all of them read memberships.

A person's memberships are read once per request (``selectors.user_memberships``),
so asking a predicate for every row of a list costs no query.
"""

import rules

from .memberships import user_memberships
from .models import NetworkRole


def _network_id(obj) -> int | None:
    """The network of ``obj``: a Network itself, or anything with a ``network_id``."""
    if obj is None:
        return None
    from augenhoehe.core.models import Network

    return obj.pk if isinstance(obj, Network) else getattr(obj, "network_id", None)


def network_roles(user, network) -> frozenset[str]:
    """The role codes of ``user`` in ``network``: ``{"admin"}``, ``{"coordinator"}`` or empty."""
    network_id = _network_id(network)
    found = user_memberships(user=user).networks.get(network_id) if network_id is not None else None
    return frozenset({found[1]}) if found else frozenset()


@rules.predicate
def is_network_staff(user) -> bool:
    """Admin or coordinator of at least one network."""
    return bool(user_memberships(user=user).networks)


@rules.predicate
def is_network_admin(user) -> bool:
    """Admin of at least one network."""
    return any(role == NetworkRole.ADMIN for _n, role in user_memberships(user=user).networks.values())


@rules.predicate
def is_staff_of(user, obj) -> bool:
    """Admin or coordinator of the network ``obj`` is (or belongs to)."""
    return bool(network_roles(user, obj))


@rules.predicate
def is_network_admin_of(user, obj) -> bool:
    """Admin of the network ``obj`` is (or belongs to)."""
    return NetworkRole.ADMIN in network_roles(user, obj)
