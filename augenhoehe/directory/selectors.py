"""Reads of organisation profiles, scoped to what the viewer may see."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from augenhoehe.accounts.permissions import is_network_staff, is_staff_of
from augenhoehe.core.models import LogEntry, Network
from augenhoehe.core.selectors import log_entries_readable

from .models import (
    ChangeSuggestion,
    InternalNote,
    Organisation,
    ProfileProposal,
    Representation,
    RepresentativeRole,
    Tag,
    UmbrellaMembership,
)
from .permissions import can_view, network_kreise, represents, responsible_network_ids


def organisation_visible_queryset(*, viewer) -> QuerySet[Organisation]:
    """Organisations ``viewer`` may open: published ones, plus all for network
    staff and the organisations an MSO member represents (the twin of ``can_view``)."""
    organisations = Organisation.objects.all()
    if is_network_staff(viewer):
        return organisations
    if viewer.is_authenticated:
        represented = Representation.objects.filter(organisation_id=OuterRef("pk"), user_id=viewer.pk)
        return organisations.filter(Q(is_published=True) | Exists(represented))
    return organisations.filter(is_published=True)


def organisation_get_for_user(
    *, user, pk: int, permission: str = "directory.view_organisation"
) -> Organisation:
    """Fetch and authorise in one step: 404 if ``user`` may not see it, 403 if
    it may see it but lacks ``permission``."""
    organisation = (
        Organisation.objects.select_related("kreis__land", "gemeinde", "confirmed_by")
        .prefetch_related("tags")
        .filter(pk=pk)
        .first()
    )
    if organisation is None or not can_view(user, organisation):
        raise Http404
    if not user.has_perm(permission, organisation):
        raise PermissionDenied
    return organisation


def organisation_tags(*, organisation: Organisation) -> dict[str, list[str]]:
    """The organisation's vocabulary codes by scheme (uses prefetched tags)."""
    tags: dict[str, list[str]] = {scheme: [] for scheme in Tag.Scheme.values}
    for tag in organisation.tags.all():
        tags[tag.scheme].append(tag.code)
    return {scheme: sorted(codes) for scheme, codes in tags.items()}


def organisation_umbrellas(*, organisation: Organisation, viewer) -> list[Organisation]:
    """The umbrellas ``organisation`` belongs to that ``viewer`` may see, in one query."""
    return list(
        organisation_visible_queryset(viewer=viewer)
        .filter(member_memberships__member=organisation)
        .only("pk", "name")
        .order_by("name")
    )


def umbrella_members(*, umbrella: Organisation, viewer) -> list[tuple[Organisation, int]]:
    """The members of ``umbrella`` and of its member umbrellas, with their depth,
    limited to what ``viewer`` may see. One query per level of nesting."""
    visible = organisation_visible_queryset(viewer=viewer)
    seen = {umbrella.pk}
    level_ids = [umbrella.pk]
    result: list[tuple[Organisation, int]] = []
    depth = 1
    while level_ids:
        members = list(
            visible.filter(umbrella_memberships__umbrella_id__in=level_ids)
            .exclude(pk__in=seen)
            .select_related("kreis")
            .order_by("name")
        )
        result.extend((member, depth) for member in members)
        seen.update(m.pk for m in members)
        level_ids = [m.pk for m in members]
        depth += 1
    return result


def umbrella_ancestor_ids(*, organisation: Organisation) -> set[int]:
    """The ids of every umbrella ``organisation`` belongs to, directly or not."""
    found: set[int] = set()
    frontier = {organisation.pk}
    while frontier:
        parents = set(
            UmbrellaMembership.objects.filter(member_id__in=frontier).values_list("umbrella_id", flat=True)
        )
        frontier = parents - found
        found |= parents
    return found


def internal_note_list(
    *, organisation: Organisation, network: Network | None, viewer
) -> QuerySet[InternalNote]:
    """Notes on ``organisation`` written in ``network``, if the viewer works for it.

    The scoped manager adds the active network's filter; asking for another network
    than the active one finds nothing.
    """
    if network is None or not is_staff_of(viewer, network):
        return InternalNote.objects.none()
    return InternalNote.objects.filter(organisation=organisation, network=network).select_related("author")


def organisation_history(
    *, organisation: Organisation, network: Network | None, viewer
) -> QuerySet[LogEntry]:
    """Changes to the shared profile, and to what ``network`` keeps about it if the viewer works there."""
    subject = {
        "content_type__app_label": "directory",
        "content_type__model": "organisation",
        "object_id": organisation.pk,
    }
    entries = LogEntry.shared.filter(**subject)
    if network is not None and is_staff_of(viewer, network):
        entries = entries | LogEntry.objects.filter(network=network, **subject)
    return log_entries_readable(entries, viewer=viewer).select_related("actor").order_by("-created_at", "-pk")


def organisation_publishable_queryset(*, viewer) -> QuerySet[Organisation]:
    """Organisations whose publication ``viewer`` decides (the twin of ``permissions.can_publish``):
    those they are MSO admin of, and those without MSO admins whose Kreis one of their
    networks is responsible for or which one of their networks created."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return Organisation.objects.none()
    admins = Representation.objects.filter(organisation_id=OuterRef("pk"), role=RepresentativeRole.ADMIN)
    own = admins.filter(user_id=viewer.pk)
    kreise = network_kreise(viewer)
    answers_for = Q(kreis_id__in=set().union(*kreise.values())) | Q(created_by_network_id__in=list(kreise))
    return Organisation.objects.filter(Q(Exists(own)) | (answers_for & ~Exists(admins)))


def change_suggestions_to_review(*, viewer) -> QuerySet[ChangeSuggestion]:
    """Open suggestions of every network about organisations whose publication ``viewer`` decides.

    Read across networks on purpose: a suggestion is addressed to whoever decides, who works
    for another network (or for none, as an MSO admin).
    """
    publishable = organisation_publishable_queryset(viewer=viewer)
    return (
        ChangeSuggestion.objects.with_scopes_disabled()
        .filter(status=ChangeSuggestion.Status.OPEN, organisation__in=publishable)
        .select_related("organisation", "network", "author")
    )


def change_suggestions_made(*, network: Network | None, viewer) -> QuerySet[ChangeSuggestion]:
    """The suggestions ``network`` made, for its staff; nothing for anyone else."""
    if network is None or not is_staff_of(viewer, network):
        return ChangeSuggestion.objects.none()
    return ChangeSuggestion.objects.filter(network=network).select_related(
        "organisation", "author", "reviewed_by"
    )


def change_suggestion_get_for_user(*, user, network: Network | None, pk: int) -> ChangeSuggestion:
    """Fetch and authorise in one step: a suggestion ``user`` reviews, or one their active network
    made; any other is a 404."""
    reviewing = change_suggestions_to_review(viewer=user).filter(pk=pk).first()
    if reviewing is not None:
        return reviewing
    made = change_suggestions_made(network=network, viewer=user).filter(pk=pk).first()
    if made is None:
        raise Http404
    return made


def networks_answering_for(*, organisation: Organisation) -> list[Network]:
    """The networks responsible for the organisation's Kreis, and the one that created it: those
    whose staff review its proposals (none where no network works in its Kreis)."""
    answering = Q(kreise=organisation.kreis_id) | Q(pk=organisation.created_by_network_id)
    return list(Network.objects.filter(answering).distinct().order_by("name"))


def proposal_open_for(*, organisation: Organisation) -> ProfileProposal | None:
    """The organisation's open proposal of reviewed fields, if there is one."""
    return (
        ProfileProposal.objects.filter(organisation=organisation, status=ProfileProposal.Status.OPEN)
        .select_related("author")
        .first()
    )


def proposals_to_review(*, viewer) -> QuerySet[ProfileProposal]:
    """Open proposals of organisations a network of ``viewer`` answers for (the twin of
    ``permissions.is_responsible_staff``), oldest first."""
    kreise = network_kreise(viewer)
    if not kreise:
        return ProfileProposal.objects.none()
    answers_for = Q(organisation__kreis_id__in=set().union(*kreise.values())) | Q(
        organisation__created_by_network_id__in=list(kreise)
    )
    return (
        ProfileProposal.objects.filter(answers_for, status=ProfileProposal.Status.OPEN)
        .select_related("organisation", "author")
        .order_by("created_at", "pk")
    )


def proposal_get_for_user(*, user, pk: int) -> ProfileProposal:
    """Fetch and authorise in one step: a proposal of an organisation ``user`` represents or
    answers for as network staff; any other is a 404."""
    proposal = (
        ProfileProposal.objects.select_related(
            "organisation__kreis", "organisation__gemeinde", "author", "reviewed_by", "reviewed_network"
        )
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    organisation = proposal.organisation
    if not (represents(user, organisation) or responsible_network_ids(user, organisation)):
        raise Http404
    return proposal
