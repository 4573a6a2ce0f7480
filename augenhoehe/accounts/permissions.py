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
