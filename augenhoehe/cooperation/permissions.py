"""Who may read and change a network's vetting and cooperations: that network's staff, no one else.

Each object predicate has a queryset twin in ``selectors`` (``vetting_visible_queryset``,
``cooperation_visible_queryset``); ``tests/test_rules.py`` proves they agree for every role.
Objects are a network (the request's active one) or a row of this app, which carries its network.
"""

import rules

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.accounts.permissions import is_network_admin_of, is_staff_of, network_roles
from augenhoehe.directory.permissions import is_mso_member, represented


@rules.predicate
def awaits_approval(user, vetting) -> bool:
    """A result was proposed and waits for a second person."""
    return vetting is not None and bool(getattr(vetting, "proposed_status", ""))


@rules.predicate
def proposed_it(user, vetting) -> bool:
    """``user`` proposed the waiting result: they may not approve it themselves (four eyes)."""
    return vetting is not None and getattr(vetting, "reviewer_id", None) == getattr(user, "pk", None)


@rules.predicate
def proposed_by_admin(user, vetting) -> bool:
    """The waiting result was proposed by an admin of the vetting's network."""
    reviewer = getattr(vetting, "reviewer", None) if vetting is not None else None
    return reviewer is not None and NetworkRole.ADMIN in network_roles(reviewer, vetting)


@rules.predicate
def represents_partner(user, partner) -> bool:
    """Represents the organisation of ``partner`` (a ``Partner`` row of a cooperation)."""
    organisation_id = getattr(partner, "organisation_id", None)
    return organisation_id is not None and organisation_id in represented(user)


@rules.predicate
def wrote_comment(user, comment) -> bool:
    """``user`` wrote ``comment`` (a ``Comment`` of a cooperation)."""
    author_id = getattr(comment, "author_id", None)
    return author_id is not None and author_id == getattr(user, "pk", None)


can_view_vetting = is_staff_of
# Four eyes, and a network admin among them (admins make vetting decisions, DESIGN.md): an admin
# approves a coordinator's proposal, any second person of the staff an admin's.
can_approve_vetting = is_staff_of & awaits_approval & ~proposed_it & (is_network_admin_of | proposed_by_admin)

rules.add_perm("cooperation.view_vetting", can_view_vetting)
rules.add_perm("cooperation.change_vetting", is_staff_of)
rules.add_perm("cooperation.approve_vetting", can_approve_vetting)
rules.add_perm("cooperation.view_cooperation", is_staff_of)
rules.add_perm("cooperation.add_cooperation", is_staff_of)
rules.add_perm("cooperation.change_cooperation", is_staff_of)
# An organisation writes its own goals for a cooperation; the network's staff may on its behalf.
rules.add_perm("cooperation.change_partner_goals", is_staff_of | represents_partner)
# A representative reads the cooperations of its organisations (never their vetting): which one,
# ``selectors.shared_cooperation_get_for_user`` decides; this names who has such a list at all.
rules.add_perm("cooperation.view_shared_cooperations", is_mso_member)
# A comment is taken back by its author, or by the network's staff (who keep the conversation civil).
rules.add_perm("cooperation.remove_comment", wrote_comment | is_staff_of)
