"""Who acts for an organisation: granting a person a representation (MSO admin or member).

A module of its own, beside ``services.py``, for the participation app's flows that make a person
an organisation's representative (an accepted request to be listed, an invitation).
"""

from django.db import transaction

from augenhoehe.core.services import log_action

from .models import Organisation, Representation, RepresentativeRole


@transaction.atomic
def representation_ensure(*, organisation: Organisation, user, role: str) -> tuple[Representation, bool]:
    """Make ``user`` a representative of ``organisation`` in ``role``, unlogged; whether anything changed.

    A present representative keeps their representation; made admin, a member becomes admin (an admin
    is never demoted here). The caller logs in its own words.
    """
    if role not in RepresentativeRole.values:
        raise ValueError(role)
    representation, created = Representation.objects.select_for_update().get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if created:
        representation.full_clean()
        return representation, True
    if role == RepresentativeRole.ADMIN and representation.role != role:
        representation.role = role
        representation.save(update_fields=["role"])
        return representation, True
    return representation, False


@transaction.atomic
def representation_grant(
    *, organisation: Organisation, user, role: str, actor, network=None
) -> Representation:
    """``representation_ensure``, logged as a representation granted (by staff, or by accepting a
    request to be listed)."""
    representation, changed = representation_ensure(organisation=organisation, user=user, role=role)
    if changed:
        log_action(
            subject=organisation,
            action="organisation.representative.granted",
            actor=actor,
            network=network,
            data={"user": user.pk, "role": representation.role},
        )
    return representation
