"""Reads for an organisation's own space: which organisations a person represents, one of them with
its people, and an invitation by its link.

Each fetch-and-authorise helper answers 404 for what the person may not know exists and 403 for
what they may see but not do. Nothing here is a network's: an organisation's people are its own.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from augenhoehe.accounts.invitations import invitation_check_open, invitation_token_hash
from augenhoehe.directory.choices import PublicField
from augenhoehe.directory.models import Organisation, Representation, RepresentativeRole
from augenhoehe.directory.permissions import can_view, represented

from .models import RepresentativeInvitation


def _organisations():
    return Organisation.objects.select_related("kreis__land", "confirmed_by").prefetch_related("tags")


def space_organisation_list(*, viewer) -> list[Organisation]:
    """The organisations ``viewer`` represents, by name, each with ``my_role`` set; one query."""
    mine = represented(viewer)
    organisations = list(
        Organisation.objects.filter(pk__in=list(mine)).select_related("kreis").order_by("name", "pk")
    )
    for organisation in organisations:
        organisation.my_role = mine[organisation.pk]  # type: ignore[attr-defined]
    return organisations


def space_organisation_get(*, user, pk: int) -> Organisation:
    """An organisation's own space, for its representatives only: 404 for everyone else (staff
    included: their page is the profile)."""
    if pk not in represented(user):
        raise Http404
    organisation = _organisations().filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def people_organisation_get(*, user, pk: int, permission: str = "participation.view_people") -> Organisation:
    """The organisation whose people ``user`` reads or manages: 404 if they may not see it at all,
    403 if they may see it but lack ``permission``."""
    organisation = _organisations().filter(pk=pk).first()
    if organisation is None or not can_view(user, organisation):
        raise Http404
    if not user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


def representative_list(*, organisation: Organisation) -> QuerySet[Representation]:
    """Its representatives, admins first, then by name."""
    return (
        Representation.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )


def invitation_list_open(*, organisation: Organisation) -> list[RepresentativeInvitation]:
    """Its invitations neither accepted nor revoked (expired ones included, to send again)."""
    return list(
        RepresentativeInvitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("invited_by")
    )


def representation_get_for_manager(*, user, organisation: Organisation, pk: int) -> Representation:
    """One of its representatives, for an MSO admin (or the person themself, to leave): 403 for
    anyone else, 404 for another organisation's id."""
    representation = (
        Representation.objects.filter(organisation=organisation, pk=pk)
        .select_related("user", "organisation")
        .first()
    )
    own = representation is not None and representation.user_id == user.pk
    if not own and not user.has_perm("participation.manage_representatives", organisation):
        raise PermissionDenied
    if representation is None:
        raise Http404
    return representation


def invitation_get_for_manager(*, user, organisation: Organisation, pk: int) -> RepresentativeInvitation:
    """One of its invitations, for who may invite: 403 for anyone else, 404 for another organisation's."""
    if not user.has_perm("participation.invite_representative", organisation):
        raise PermissionDenied
    invitation = (
        RepresentativeInvitation.objects.filter(organisation=organisation, pk=pk)
        .select_related("organisation", "invited_by")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def representative_invitation_for_token(*, token: str) -> RepresentativeInvitation:
    """The invitation a link's secret opens, if it can still be accepted; else InvitationInvalid."""
    invitation = (
        RepresentativeInvitation.objects.filter(token_hash=invitation_token_hash(token or ""))
        .select_related("organisation", "invited_by")
        .first()
    )
    invitation_check_open(invitation)
    assert invitation is not None
    return invitation


def publication_state(*, organisation: Organisation) -> list[tuple[str, bool]]:
    """Each optional field group of the profile with whether it is public."""
    chosen = set(organisation.public_fields)
    return [(str(label), value in chosen) for value, label in PublicField.choices]


@dataclass(frozen=True)
class PeopleOverview:
    """Its representatives (admins first) and, if it has exactly one admin, that one's row."""

    representations: list[Representation]
    sole_admin: int | None


def people_overview(*, organisation: Organisation) -> PeopleOverview:
    """Its representatives for the people page; one query."""
    representations = list(representative_list(organisation=organisation))
    admins = [r.pk for r in representations if r.role == RepresentativeRole.ADMIN]
    return PeopleOverview(representations=representations, sole_admin=admins[0] if len(admins) == 1 else None)
