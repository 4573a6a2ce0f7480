"""Reads of a network's vetting and cooperations, for its staff only; every read of a vetting is logged."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404

from augenhoehe.core.models import Network
from augenhoehe.core.pagination import page_of
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation

from ..audit import VETTING_READERS
from ..choices import FUNDING_WARNING_DAYS
from ..models import Cooperation, FundingPeriod, Partner, StageChange, Vetting
from ..permissions import can_view_vetting

PER_PAGE = 50


def _require_staff(viewer, network: Network | None, permission: str) -> Network:
    # Without a network nobody reads these (not even a superuser, whom has_perm lets through).
    if network is None or not viewer.has_perm(permission, network):
        raise PermissionDenied
    return network


def vetting_visible_queryset(*, viewer, network: Network | None) -> QuerySet[Vetting]:
    """The vetting records ``viewer`` may read: those of ``network`` for its staff, none for anyone
    else (the twin of ``can_view_vetting``)."""
    if network is None or not can_view_vetting(viewer, network):
        return Vetting.objects.none()
    return Vetting.objects.filter(network=network)


def _log_vetting_read(*, viewer, network: Network, vettings: list[Vetting]) -> None:
    """Reading a vetting is itself confidential and logged, like its changes."""
    for vetting in vettings:
        log_action(
            subject=vetting,
            action="vetting.viewed",
            actor=viewer,
            network=network,
            data={"organisation": vetting.organisation_id},
            restricted_to=VETTING_READERS,
        )


def vetting_list(
    *, viewer, network: Network | None, awaiting: bool = False, due_by: date | None = None
) -> QuerySet[Vetting]:
    """The network's vetting records by organisation name, for its staff; ``awaiting``: only those
    whose result waits for a second person; ``due_by``: only those whose next review falls on or
    before that day."""
    network = _require_staff(viewer, network, "cooperation.view_vetting")
    vettings = vetting_visible_queryset(viewer=viewer, network=network)
    if awaiting:
        vettings = vettings.exclude(proposed_status="")
    if due_by is not None:
        vettings = vettings.filter(next_review_on__lte=due_by)
    return vettings.select_related("organisation", "reviewer", "approved_by").order_by(
        "organisation__name", "pk"
    )


def vetting_page(
    *,
    viewer,
    network: Network | None,
    awaiting: bool = False,
    due_by: date | None = None,
    page: object = None,
) -> Page:
    """One page of ``vetting_list``; the records on it are logged as read (one entry for the page)."""
    shown = page_of(
        vetting_list(viewer=viewer, network=network, awaiting=awaiting, due_by=due_by),
        number=page,
        per_page=PER_PAGE,
    )
    if shown.object_list and network is not None:
        log_action(
            subject=network,
            action="vetting.list.viewed",
            actor=viewer,
            network=network,
            data={"vettings": [vetting.pk for vetting in shown]},
            restricted_to=VETTING_READERS,
        )
    return shown


def vetting_get(*, viewer, network: Network | None, organisation: Organisation) -> Vetting | None:
    """The network's vetting of ``organisation`` (None if there is none yet), read and logged."""
    network = _require_staff(viewer, network, "cooperation.view_vetting")
    vetting = (
        vetting_visible_queryset(viewer=viewer, network=network)
        .filter(organisation=organisation)
        .select_related("reviewer", "approved_by", "organisation")
        .first()
    )
    if vetting is not None:
        _log_vetting_read(viewer=viewer, network=network, vettings=[vetting])
    return vetting


def vettings_of(
    *, viewer, network: Network | None, organisations: Iterable[Organisation]
) -> dict[int, Vetting]:
    """{organisation id: vetting} of the network for ``organisations``, for its staff; each read logged."""
    if network is None or not can_view_vetting(viewer, network):
        return {}
    ids = [organisation.pk for organisation in organisations]
    found = list(vetting_visible_queryset(viewer=viewer, network=network).filter(organisation_id__in=ids))
    _log_vetting_read(viewer=viewer, network=network, vettings=found)
    return {vetting.organisation_id: vetting for vetting in found}


def organisation_for_vetting(*, viewer, network: Network | None, pk: int) -> Organisation:
    """The organisation a vetting page is about: staff of the active network only (403), an existing
    organisation (404). Staff see every profile, published or not."""
    _require_staff(viewer, network, "cooperation.view_vetting")
    organisation = Organisation.objects.select_related("kreis").filter(pk=pk).first()
    if organisation is None:
        raise Http404
    return organisation


def cooperation_visible_queryset(*, viewer, network: Network | None) -> QuerySet[Cooperation]:
    """The cooperations ``viewer`` may read: the network's, for its staff (twin of ``view_cooperation``)."""
    if network is None or not can_view_vetting(viewer, network):
        return Cooperation.objects.none()
    return Cooperation.objects.filter(network=network)


def cooperation_list(*, viewer, network: Network | None, stage: str = "") -> QuerySet[Cooperation]:
    """The network's cooperations, latest stage change first, with their organisations in one more query."""
    network = _require_staff(viewer, network, "cooperation.view_cooperation")
    cooperations = cooperation_visible_queryset(viewer=viewer, network=network)
    if stage:
        cooperations = cooperations.filter(stage=stage)
    partners = Partner.objects.select_related("organisation").order_by("organisation__name")
    return cooperations.prefetch_related(Prefetch("partners", queryset=partners)).order_by(
        "-stage_changed_at", "-pk"
    )


def cooperation_get_for_user(*, user, network: Network | None, pk: int) -> Cooperation:
    """Fetch and authorise in one step: 403 for anyone not on the active network's staff, 404 for a
    cooperation of another network (the scope does not find it)."""
    cooperation = (
        cooperation_list(viewer=user, network=network).select_related("created_by").filter(pk=pk).first()
    )
    if cooperation is None or not user.has_perm("cooperation.view_cooperation", cooperation):
        raise Http404
    return cooperation


def cooperation_stage_changes(*, cooperation: Cooperation) -> QuerySet[StageChange]:
    """The cooperation's stage changes, newest first, with who made them."""
    return cooperation.stage_changes.select_related("actor").order_by("-changed_at", "-pk")


def organisation_choices(*, network: Network, include: Iterable[int] = ()) -> QuerySet[Organisation]:
    """The organisations a cooperation of ``network`` may name: those in the network's Kreise, and
    any named already (an umbrella elsewhere, one started from its profile)."""
    from django.db.models import Q

    kreise = network.kreise.values("ags")
    return (
        Organisation.objects.filter(Q(kreis__in=kreise) | Q(pk__in=list(include)))
        .only("pk", "name", "city")
        .order_by("name", "pk")
    )


def cooperation_funding_periods(*, cooperation: Cooperation) -> QuerySet[FundingPeriod]:
    """The cooperation's funding periods, earliest first."""
    return cooperation.funding_periods.order_by("starts_on", "ends_on", "pk")


def funding_period_get_for_user(*, user, cooperation: Cooperation, pk: str) -> FundingPeriod:
    """One funding period of ``cooperation`` (already authorised by ``cooperation_get_for_user``); 404
    for anything else."""
    period = cooperation.funding_periods.filter(pk=pk).first() if pk.isdigit() else None
    if period is None or not user.has_perm("cooperation.change_cooperation", cooperation):
        raise Http404
    return period


@dataclass(frozen=True)
class FundingEnding:
    cooperation: Cooperation
    ends_on: date
    days_left: int


def funding_ending(
    *, viewer, network: Network | None, today: date, days: int = FUNDING_WARNING_DAYS
) -> list[FundingEnding]:
    """The network's cooperations whose funding ends within ``days`` (from ``today``, not yet over)
    and is not followed: no funding period of theirs runs on after that end ("Projektitis")."""
    network = _require_staff(viewer, network, "cooperation.view_cooperation")
    cooperations = (
        cooperation_visible_queryset(viewer=viewer, network=network)
        .annotate(funded_until=Max("funding_periods__ends_on"))
        .filter(funded_until__gte=today, funded_until__lte=today + timedelta(days=days))
        .order_by("funded_until", "title", "pk")
    )
    return [
        FundingEnding(
            cooperation=cooperation,
            ends_on=cooperation.funded_until,
            days_left=(cooperation.funded_until - today).days,
        )
        for cooperation in cooperations
    ]
