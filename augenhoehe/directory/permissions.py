"""Who may do what with an organisation profile."""

import rules

from augenhoehe.accounts.permissions import is_mso_member, is_network_staff

from .choices import PublicField


@rules.predicate
def is_published(user, organisation) -> bool:
    return organisation is not None and organisation.is_published


@rules.predicate
def represents(user, organisation) -> bool:
    if organisation is None or not is_mso_member(user):
        return False
    return organisation.representatives.filter(pk=user.pk).exists()


@rules.predicate
def has_representatives(user, organisation) -> bool:
    return organisation is not None and organisation.pk is not None and organisation.representatives.exists()


can_view = is_published | is_network_staff | represents
can_edit = is_network_staff | represents
# Publication is the organisation's consent: once it has representatives, only they decide.
can_publish = represents | (is_network_staff & ~has_representatives)

rules.add_perm("directory.view_organisation", can_view)
rules.add_perm("directory.add_organisation", is_network_staff)
rules.add_perm("directory.change_organisation", can_edit)
rules.add_perm("directory.view_history", can_edit)
rules.add_perm("directory.publish_organisation", can_publish)
# Umbrella memberships are vetted (seed 000, footnote 3), so network staff record them.
rules.add_perm("directory.change_umbrellas", is_network_staff)
rules.add_perm("directory.view_internal_notes", is_network_staff)
rules.add_perm("directory.add_internal_note", is_network_staff)
rules.add_perm("directory.filter_private_fields", is_network_staff)

ALL_FIELD_GROUPS = frozenset(PublicField.values)


def visible_field_groups(user, organisation, *, editor: bool | None = None) -> frozenset[str]:
    """The optional field groups of a profile that ``user`` may see; ``editor`` is
    ``can_edit`` where it was already decided for many profiles at once (``edit_check``)."""
    if can_edit(user, organisation) if editor is None else editor:
        return ALL_FIELD_GROUPS
    return frozenset(organisation.public_fields) & ALL_FIELD_GROUPS


def edit_check(user):
    """``can_edit`` for many organisations at once, in at most one query.

    Asking the rule per row would cost a query per organisation (exports, lists).
    """
    if is_network_staff(user):
        return lambda organisation: True
    if is_mso_member(user):
        represented = set(user.represented_organisations.values_list("pk", flat=True))
        return lambda organisation: organisation.pk in represented
    return lambda organisation: False
