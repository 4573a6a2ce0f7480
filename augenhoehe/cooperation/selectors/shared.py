"""Reads for the organisation's side: the cooperations of the organisations a person represents.

A representative usually works for no network, so their request has an empty scope. Which
cooperations their organisations take part in is read across networks in one place
(``_represented_partners``); everything else about a cooperation is read in its network's scope.
Nothing here reads a vetting: the organisation never learns whether one exists.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import represented

from ..choices import Stage
from ..models import (
    TASK_ORDER,
    Comment,
    Compensation,
    ContactEntry,
    Cooperation,
    Document,
    FundingPeriod,
    Partner,
    StageChange,
    Task,
)


@dataclass(frozen=True)
class SharedCooperation:
    """A cooperation as one of its organisations' representatives reaches it: the cooperation (with
    its network) and the partner rows of the organisations the person represents in it."""

    cooperation: Cooperation
    own_partners: list[Partner]

    @property
    def organisations(self) -> list[Organisation]:
        return [partner.organisation for partner in self.own_partners]


@dataclass(frozen=True)
class SharedPage:
    """Everything the organisation's side reads about a cooperation; each list already evaluated."""

    access: SharedCooperation
    partners: list[Partner]
    stage_changes: list[StageChange]
    tasks: list[Task]
    contacts: list[ContactEntry]
    documents: list[Document]
    compensations: list[Compensation]
    funding_periods: list[FundingPeriod]
    comments: list[tuple[Comment, bool]] = field(default_factory=list)


def _represented_partners(*, user, cooperation_pk: int | None = None) -> list[Partner]:
    """The partner rows of the organisations ``user`` represents, with cooperation and network."""
    mine = represented(user)
    if not mine:
        return []
    # Deliberately across networks: a representative belongs to no network, and their organisation
    # may work with several. Only the rows naming their own organisations are read here.
    with scopes_disabled():
        rows = Partner.objects.filter(organisation_id__in=list(mine), cooperation__in=_after_first_contact())
        rows = rows.select_related("cooperation__network", "organisation")
        if cooperation_pk is not None:
            rows = rows.filter(cooperation_id=cooperation_pk)
        return list(rows.order_by("-cooperation__stage_changed_at", "cooperation_id", "organisation__name"))


def _after_first_contact():
    """The organisation sees a cooperation once the network has been in touch: from "Erstkontakt" on
    (also after a step back, an end or the evaluation). Before that, the network is still finding and
    vetting partners, which the organisation is not told about."""
    contacted = StageChange.objects.filter(cooperation=OuterRef("pk"), to_stage=Stage.FIRST_CONTACT)
    return Cooperation.objects.filter(Exists(contacted)).values("pk")


def _about(field: str, own: list[int]) -> Q:
    """Shared rows about the cooperation as a whole or about the reader's own organisations, never
    those about another partner (its people, its agreements)."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__in": own})


def shared_cooperation_list(*, viewer) -> list[SharedCooperation]:
    """The cooperations of every organisation ``viewer`` represents, in all networks, latest stage
    change first; 403 for someone who represents none. Two queries, however many there are."""
    if not viewer.has_perm("cooperation.view_shared_cooperations"):
        raise PermissionDenied
    found: dict[int, SharedCooperation] = {}
    for partner in _represented_partners(user=viewer):
        entry = found.setdefault(partner.cooperation_id, SharedCooperation(partner.cooperation, []))
        entry.own_partners.append(partner)
    return list(found.values())


def shared_cooperation_get_for_user(*, user, pk: int) -> SharedCooperation:
    """Fetch and authorise in one step: a cooperation one of ``user``'s organisations takes part in;
    404 for everyone else (staff included: their page is ``cooperation_get_for_user``)."""
    partners = _represented_partners(user=user, cooperation_pk=pk)
    if not partners:
        raise Http404
    return SharedCooperation(partners[0].cooperation, partners)


@contextmanager
def in_its_network(access: SharedCooperation) -> Iterator[Cooperation]:
    """Run the reads and writes of a representative's request in the cooperation's network scope."""
    with network_scope(access.cooperation.network):
        yield access.cooperation


def shared_cooperation_page(*, viewer, access: SharedCooperation) -> SharedPage:
    """What the organisation's side reads: every partner's goals, the stage history, the agreed
    (shared) tasks, the shared contacts and documents, its own compensation, the funding and the
    conversation. Never the vetting, never what the network did not share."""
    own = [partner.organisation_id for partner in access.own_partners]
    with in_its_network(access) as cooperation:
        return SharedPage(
            access=access,
            partners=list(cooperation.partners.select_related("organisation").order_by("organisation__name")),
            # The stage notes too: staff write them about the work with this organisation, and equal
            # footing means it reads what is written about it (the stage form says so to the staff).
            # Who moved the stage is left out: the organisation works with the network, not a name.
            stage_changes=list(cooperation.stage_changes.order_by("-changed_at", "-pk")),
            tasks=list(
                cooperation.tasks.filter(_about("owner_organisation", own), shared=True)
                .select_related("owner_organisation")
                .order_by(*TASK_ORDER)
            ),
            contacts=list(
                cooperation.contacts.filter(_about("organisation", own), shared=True)
                .select_related("organisation")
                .order_by("-happened_on", "-pk")
            ),
            documents=list(
                cooperation.documents.filter(shared=True).defer("content").order_by("-uploaded_at", "-pk")
            ),
            compensations=list(
                cooperation.compensations.filter(organisation_id__in=own)
                .select_related("organisation")
                .order_by("created_at", "pk")
            ),
            funding_periods=list(cooperation.funding_periods.order_by("starts_on", "ends_on", "pk")),
            comments=comment_list(viewer=viewer, cooperation=cooperation),
        )


def shared_document_get_for_user(*, user, pk: int, document_pk: int) -> Document:
    """A document the network shared in a cooperation of ``user``'s organisation, with its content;
    404 for any other document or person."""
    access = shared_cooperation_get_for_user(user=user, pk=pk)
    with in_its_network(access) as cooperation:
        document = cooperation.documents.filter(pk=document_pk, shared=True).first()
    if document is None:
        raise Http404
    return document


def comment_list(*, viewer, cooperation: Cooperation) -> list[tuple[Comment, bool]]:
    """The cooperation's conversation, oldest first, each with whether ``viewer`` may remove it.
    Call it in the cooperation's scope, after authorising ``viewer`` for the cooperation."""
    comments = cooperation.comments.select_related("author", "organisation").order_by("created_at", "pk")
    return [(comment, viewer.has_perm("cooperation.remove_comment", comment)) for comment in comments]


def comment_get_for_user(*, user, cooperation: Cooperation, pk: str) -> Comment:
    """One comment of ``cooperation`` (already authorised for ``user``); 404 for anything else."""
    comment = cooperation.comments.filter(pk=pk).first() if pk.isdigit() else None
    if comment is None:
        raise Http404
    return comment
