"""Role predicates that every app combines into its own rules."""

import rules

from .models import Role


@rules.predicate
def is_network_staff(user) -> bool:
    return bool(getattr(user, "is_network_staff", False))


@rules.predicate
def is_network_admin(user) -> bool:
    return is_network_staff(user) and user.role == Role.NETWORK_ADMIN


@rules.predicate
def is_mso_member(user) -> bool:
    return user.is_authenticated and user.is_active and user.role == Role.MSO_MEMBER


_ROLE_CODES = {Role.NETWORK_ADMIN: "admin", Role.COORDINATOR: "coordinator"}


def network_roles(user, network) -> frozenset[str]:
    """The role codes ("admin", "coordinator") ``user`` holds in ``network``; empty for none.

    Every rule about a person's roles in a network reads them here, and only here.
    """
    if network is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.network_id != network.pk or user.role not in _ROLE_CODES:
        return frozenset()
    return frozenset({_ROLE_CODES[user.role]})
