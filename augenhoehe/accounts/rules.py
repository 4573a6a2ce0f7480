"""Named permissions about a network's people, read from memberships."""

import rules

from .models import NetworkMembership, NetworkRole


@rules.predicate
def is_admin_of(user, network) -> bool:
    """``user`` administers ``network`` (a Network or None)."""
    if not network or not user.is_authenticated or not user.is_active:
        return False
    return NetworkMembership.objects.filter(user=user, network=network, role=NetworkRole.ADMIN).exists()


@rules.predicate
def is_member_of(user, network) -> bool:
    """``user`` works for ``network`` in any role."""
    if not network or not user.is_authenticated or not user.is_active:
        return False
    return NetworkMembership.objects.filter(user=user, network=network).exists()


rules.add_perm("accounts.manage_people", is_admin_of)
rules.add_perm("accounts.leave_network", is_member_of)
