"""Who may do what with an organisation profile, and with what a network notes about it.

Each object predicate has a queryset twin in ``selectors`` (``can_view`` and
``organisation_visible_queryset``); ``tests/test_rules.py`` proves they agree for every role.
"""

import rules

from augenhoehe.accounts.memberships import user_memberships
from augenhoehe.accounts.permissions import is_network_staff, is_staff_of
from augenhoehe.core.models import Network

from .choices import PublicField
from .models import Representation, RepresentativeRole

# Where the organisations a person represents are kept for the rest of the request.
_REPRESENTED = "_augenhoehe_represented"
# Where the Kreise of the networks a person works for are kept for the rest of the request.
_KREISE = "_augenhoehe_network_kreise"


def represented(user) -> dict[int, str]:
    """{organisation id: role} of every organisation ``user`` represents; one query per request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = user.__dict__.get(_REPRESENTED)
    if cached is None:
        cached = dict(Representation.objects.filter(user_id=user.pk).values_list("organisation_id", "role"))
        user.__dict__[_REPRESENTED] = cached
    return cached


@rules.predicate
def is_mso_member(user) -> bool:
    """Represents at least one organisation (as its MSO admin or member)."""
    return bool(represented(user))


@rules.predicate
def is_published(user, organisation) -> bool:
    return organisation is not None and organisation.is_published


@rules.predicate
def represents(user, organisation) -> bool:
    """MSO admin or member of ``organisation``."""
    if organisation is None or organisation.pk is None:
        return False
    return organisation.pk in represented(user)


@rules.predicate
def is_mso_admin_of(user, organisation) -> bool:
    """MSO admin of ``organisation``: decides what of the profile is public."""
    if organisation is None or organisation.pk is None:
        return False
    return represented(user).get(organisation.pk) == RepresentativeRole.ADMIN


def network_kreise(user) -> dict[int, frozenset[str]]:
    """{network id: AGS of its Kreise} for every network ``user`` works for; one query per request."""
    networks = frozenset(user_memberships(user=user).networks)
    if not networks:
        return {}
    cached = user.__dict__.get(_KREISE)
    # Keyed by the networks, so that a membership changed within the request is not answered stale.
    if cached is None or cached[0] != networks:
        kreise: dict[int, set[str]] = {pk: set() for pk in networks}
        through = Network.kreise.through.objects.filter(network_id__in=networks)
        for network_id, ags in through.values_list("network_id", "kreis_id"):
            kreise[network_id].add(ags)
        cached = (networks, {pk: frozenset(codes) for pk, codes in kreise.items()})
        user.__dict__[_KREISE] = cached
    return cached[1]


def responsible_network_ids(user, organisation) -> set[int]:
    """The networks of ``user`` that answer for ``organisation``: responsible for its Kreis, or
    the network that created it."""
    if organisation is None:
        return set()
    return {
        network_id
        for network_id, kreise in network_kreise(user).items()
        if organisation.kreis_id in kreise or network_id == organisation.created_by_network_id
    }


@rules.predicate
def is_responsible_staff(user, organisation) -> bool:
    """Works for a network responsible for the organisation's Kreis, or for the one that created it."""
    return bool(responsible_network_ids(user, organisation))


@rules.predicate
def has_mso_admins(user, organisation) -> bool:
    if organisation is None or organisation.pk is None:
        return False
    return organisation.representations.filter(role=RepresentativeRole.ADMIN).exists()


can_view = is_published | is_network_staff | represents
can_edit = is_network_staff | represents
# Publication is the organisation's consent: once it has MSO admins, only they decide. Until then
# the staff of the networks that answer for it decide for it; every other network may suggest.
can_publish = is_mso_admin_of | (is_responsible_staff & ~has_mso_admins)
can_suggest = is_network_staff & ~can_publish

rules.add_perm("directory.view_organisation", can_view)
rules.add_perm("directory.add_organisation", is_network_staff)
rules.add_perm("directory.change_organisation", can_edit)
rules.add_perm("directory.view_history", can_edit)
rules.add_perm("directory.publish_organisation", can_publish)
rules.add_perm("directory.suggest_change", can_suggest)
# Name, address, umbrellas and the three MSO criteria (``REVIEWED_FIELDS``) are what a network vets:
# staff change them, representatives propose a change, the networks answering for it decide. A
# representative who is staff of some other network does not vet their own organisation: only the
# staff of a network answering for it skip the review.
may_change_reviewed = is_network_staff & (~represents | is_responsible_staff)
# Umbrella memberships are vetted (seed 000, footnote 3), so network staff record them.
rules.add_perm("directory.change_umbrellas", may_change_reviewed)
rules.add_perm("directory.change_reviewed_fields", may_change_reviewed)
rules.add_perm("directory.propose_change", represents & ~is_responsible_staff)
rules.add_perm("directory.review_proposal", is_responsible_staff)
rules.add_perm("directory.view_proposals", is_network_staff)
rules.add_perm("directory.withdraw_proposal", represents)
rules.add_perm("directory.filter_private_fields", is_network_staff)
# Internal notes belong to a network: checked against that network (the request's active one).
rules.add_perm("directory.view_internal_notes", is_staff_of)
rules.add_perm("directory.add_internal_note", is_staff_of)

ALL_FIELD_GROUPS = frozenset(PublicField.values)


def visible_field_groups(user, organisation, *, editor: bool | None = None) -> frozenset[str]:
    """The optional field groups of a profile that ``user`` may see; ``editor`` is
    ``can_edit`` where it was already decided for many profiles at once (``edit_check``)."""
    if can_edit(user, organisation) if editor is None else editor:
        return ALL_FIELD_GROUPS
    return frozenset(organisation.public_fields) & ALL_FIELD_GROUPS


def edit_check(user):
    """``can_edit`` for many organisations at once, without a query per row.

    The memberships are read once per request, so this is the same rule as ``can_edit``.
    """
    if is_network_staff(user):
        return lambda organisation: True
    if is_mso_member(user):
        mine = represented(user)
        return lambda organisation: organisation.pk in mine
    return lambda organisation: False
