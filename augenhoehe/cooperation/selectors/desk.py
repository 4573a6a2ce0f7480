"""Reads for the coordinator's desk and the lists behind its panels: cooperations by stage, tasks
due, reviews due, funding about to end, organisations not contacted for a year.

Each panel costs one or two queries however many rows the network has (counts by aggregate, the
first rows by a slice); ``tests/test_desk.py`` proves the desk's query count does not grow.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page
from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When

from augenhoehe.core.models import Network
from augenhoehe.core.pagination import page_of
from augenhoehe.directory.models import Organisation

from ..choices import Stage
from ..models import ContactEntry, Cooperation, Partner, Task, Vetting
from .cooperations import PER_PAGE, FundingEnding, _require_staff, funding_ending

# How many rows a panel shows before its link to the whole list.
DESK_ROWS = 5
# A task is due when it is overdue or due within this many days.
TASK_DUE_DAYS = 7
# A review is due when the next review date is past or within this many days.
REVIEW_DUE_DAYS = 30
# An organisation counts as not contacted when its last contact is longer ago than this.
NOT_CONTACTED_DAYS = 365
# Cooperations at these stages are over: their partners need no contact for their sake.
CLOSED_STAGES = (Stage.EVALUATED, Stage.ENDED)

# The task list's filter of due dates: overdue, due within the days above, or either.
TASK_DUE_FILTERS = ("due", "overdue", "soon")


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    count: int


def desk_stages(*, viewer, network: Network | None) -> list[StageCount]:
    """How many of the network's cooperations are at each stage, every stage in the guide's order
    (the open ones first, "ausgewertet" and "beendet" last), in one query."""
    network = _require_staff(viewer, network, "cooperation.view_cooperation")
    counts = dict(
        Cooperation.objects.filter(network=network)
        .values_list("stage")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("stage", "count")
    )
    return [StageCount(code, str(label), counts.get(code, 0)) for code, label in Stage.choices]


def task_list(
    *, viewer, network: Network | None, today: date, mine: bool = False, due: str = ""
) -> QuerySet[Task]:
    """The network's open tasks, earliest due first (those without a date last). ``mine``: only
    those the viewer owns; ``due``: "overdue" (before today), "soon" (today to 7 days on) or "due"
    (both)."""
    network = _require_staff(viewer, network, "cooperation.view_cooperation")
    # A task of a cooperation that is over is no longer due.
    tasks = Task.objects.filter(network=network, done_at__isnull=True).exclude(
        cooperation__stage__in=CLOSED_STAGES
    )
    if mine:
        tasks = tasks.filter(owner=viewer)
    soon = today + timedelta(days=TASK_DUE_DAYS)
    if due == "overdue":
        tasks = tasks.filter(due_on__lt=today)
    elif due == "soon":
        tasks = tasks.filter(due_on__gte=today, due_on__lte=soon)
    elif due == "due":
        tasks = tasks.filter(due_on__lte=soon)
    return tasks.select_related("cooperation", "owner", "owner_organisation").order_by(
        F("due_on").asc(nulls_last=True), "pk"
    )


@dataclass(frozen=True)
class TasksDue:
    count: int
    mine: int
    overdue: int
    first: list[Task]


def desk_tasks(*, viewer, network: Network | None, today: date) -> TasksDue:
    """Open tasks overdue or due within 7 days: their counts (all, mine, overdue) in one query, and
    the first few, the viewer's own first, in another."""
    tasks = task_list(viewer=viewer, network=network, today=today, due="due")
    counts = tasks.aggregate(
        count=Count("pk"),
        mine=Count("pk", filter=Q(owner=viewer)),
        overdue=Count("pk", filter=Q(due_on__lt=today)),
    )
    mine_first = Case(When(owner=viewer, then=Value(0)), default=Value(1), output_field=IntegerField())
    first = list(tasks.order_by(mine_first, "due_on", "pk")[:DESK_ROWS])
    return TasksDue(count=counts["count"], mine=counts["mine"], overdue=counts["overdue"], first=first)


@dataclass(frozen=True)
class ReviewsDue:
    due: int
    awaiting: int


def desk_reviews(*, viewer, network: Network | None, today: date) -> ReviewsDue:
    """How many of the network's reviews are due (next review past or within 30 days) and how many
    results wait for a second person: counts only, in one query.

    The desk names no organisation here, so opening it reads no vetting and logs none; the list
    behind it (the vetting list) names them and logs each page as read.
    """
    network = _require_staff(viewer, network, "cooperation.view_vetting")
    counts = Vetting.objects.filter(network=network).aggregate(
        due=Count("pk", filter=Q(next_review_on__lte=today + timedelta(days=REVIEW_DUE_DAYS))),
        awaiting=Count("pk", filter=~Q(proposed_status="")),
    )
    return ReviewsDue(due=counts["due"], awaiting=counts["awaiting"])


def review_due_by(today: date) -> date:
    """The last next-review date that counts as due on ``today`` (the vetting list's ``?due=1``)."""
    return today + timedelta(days=REVIEW_DUE_DAYS)


@dataclass(frozen=True)
class FundingDue:
    count: int
    first: list[FundingEnding]


def desk_funding(*, viewer, network: Network | None, today: date) -> FundingDue:
    """Cooperations whose funding ends within 90 days with nothing to follow (``funding_ending``,
    one query): how many, and the first few."""
    endings = funding_ending(viewer=viewer, network=network, today=today)
    return FundingDue(count=len(endings), first=endings[:DESK_ROWS])


def not_contacted_list(*, viewer, network: Network | None, today: date) -> QuerySet[Organisation]:
    """Partners of the network's cooperations that are not over (not "ausgewertet" or "beendet")
    whose last contact with this network (a contact entry naming the organisation) lies more than
    365 days back, or who were never contacted in the year since they became a partner; never
    contacted first, then the longest ago. Each carries ``last_contact`` (a date or None)."""
    network = _require_staff(viewer, network, "cooperation.view_cooperation")
    partners = Partner.objects.filter(network=network).exclude(cooperation__stage__in=CLOSED_STAGES)
    last_contact = (
        ContactEntry.objects.filter(network=network, organisation=OuterRef("pk"))
        .order_by("-happened_on")
        .values("happened_on")[:1]
    )
    partner_since = partners.filter(organisation=OuterRef("pk")).order_by("added_at").values("added_at")[:1]
    cutoff = today - timedelta(days=NOT_CONTACTED_DAYS)
    return (
        Organisation.objects.filter(pk__in=partners.values("organisation"))
        .annotate(last_contact=Subquery(last_contact), partner_since=Subquery(partner_since))
        .filter(Q(last_contact__lt=cutoff) | Q(last_contact__isnull=True, partner_since__date__lt=cutoff))
        .only("pk", "name", "city")
        .order_by(F("last_contact").asc(nulls_first=True), "name", "pk")
    )


@dataclass(frozen=True)
class NotContactedDue:
    count: int
    first: list[Organisation]


def desk_not_contacted(*, viewer, network: Network | None, today: date) -> NotContactedDue:
    """Organisations not contacted for a year: how many, and the first few (two queries)."""
    organisations = not_contacted_list(viewer=viewer, network=network, today=today)
    return NotContactedDue(count=organisations.count(), first=list(organisations[:DESK_ROWS]))


@dataclass(frozen=True)
class NotContacted:
    organisation: Organisation
    last_contact: date | None
    cooperations: list[Cooperation]


def not_contacted_page(*, viewer, network: Network | None, today: date, page: object = None) -> Page:
    """One page of ``not_contacted_list`` as ``NotContacted`` rows, each with the organisation's
    open cooperations in the network (one more query for the page)."""
    shown = page_of(
        not_contacted_list(viewer=viewer, network=network, today=today), number=page, per_page=PER_PAGE
    )
    organisations = list(shown.object_list)
    partners = (
        Partner.objects.filter(network=network, organisation__in=organisations)
        .exclude(cooperation__stage__in=CLOSED_STAGES)
        .select_related("cooperation")
        .order_by("cooperation__title", "cooperation__pk")
    )
    cooperations: dict[int, list[Cooperation]] = {}
    for partner in partners:
        cooperations.setdefault(partner.organisation_id, []).append(partner.cooperation)
    shown.object_list = [
        NotContacted(organisation, organisation.last_contact, cooperations.get(organisation.pk, []))
        for organisation in organisations
    ]
    return shown
