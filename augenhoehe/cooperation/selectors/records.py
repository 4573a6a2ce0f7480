"""Reads of a cooperation's records (contact log, tasks, documents, compensation) for its page.

Each takes the cooperation already authorised by ``cooperation_get_for_user`` and fetches what a
row shows in the same query, so the page costs the same with one row or a hundred.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.http import Http404

from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation

from ..choices import CompensationStatus
from ..models import TASK_ORDER, Compensation, ContactEntry, Cooperation, Document, Task


def cooperation_contacts(*, cooperation: Cooperation) -> QuerySet[ContactEntry]:
    """The contact log, newest first, with the network's person and the organisation."""
    return cooperation.contacts.select_related("person", "organisation", "recorded_by").order_by(
        "-happened_on", "-pk"
    )


def cooperation_tasks(*, cooperation: Cooperation) -> QuerySet[Task]:
    """The tasks: open ones first, by due date (those without one last), then the done ones."""
    return cooperation.tasks.select_related("owner", "owner_organisation", "done_by").order_by(*TASK_ORDER)


def cooperation_documents(*, cooperation: Cooperation) -> QuerySet[Document]:
    """The documents, newest first, without their content (only a download reads it)."""
    return (
        cooperation.documents.defer("content").select_related("uploaded_by").order_by("-uploaded_at", "-pk")
    )


@dataclass
class CompensationGroup:
    """One organisation's compensation rows with sums per status and in total."""

    organisation: Organisation
    rows: list[Compensation] = field(default_factory=list)
    sums: dict[str, Decimal] = field(default_factory=dict)
    total: Decimal = Decimal("0")

    @property
    def by_status(self) -> list[tuple[str, Decimal]]:
        """(status label, sum) for each status this organisation has rows in, in the status order."""
        return [
            (str(label), self.sums[code]) for code, label in CompensationStatus.choices if code in self.sums
        ]


@dataclass
class CompensationSummary:
    """What reaches the organisations, per organisation and in all, beside the funding."""

    groups: list[CompensationGroup]
    by_status: list[tuple[str, str, Decimal]]
    total: Decimal
    paid: Decimal
    funding_total: Decimal

    @property
    def share_of_funding(self) -> int | None:
        """The total as a percentage of the funding, if there is funding."""
        if not self.funding_total:
            return None
        return round(self.total * 100 / self.funding_total)


def cooperation_compensation(*, cooperation: Cooperation) -> CompensationSummary:
    """The cooperation's compensation by organisation with sums per status, and its funding total."""
    rows = list(
        cooperation.compensations.select_related("organisation").order_by(
            "organisation__name", "created_at", "pk"
        )
    )
    groups: dict[int, CompensationGroup] = {}
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        group = groups.setdefault(row.organisation_id, CompensationGroup(organisation=row.organisation))
        group.rows.append(row)
        group.sums[row.status] = group.sums.get(row.status, Decimal("0")) + row.amount
        group.total += row.amount
        sums[row.status] += row.amount
    funding = cooperation.funding_periods.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return CompensationSummary(
        groups=list(groups.values()),
        by_status=[
            (code, str(label), sums.get(code, Decimal("0"))) for code, label in CompensationStatus.choices
        ],
        total=sum(sums.values(), Decimal("0")),
        paid=sums.get(CompensationStatus.PAID, Decimal("0")),
        funding_total=funding,
    )


def partner_organisations(*, cooperation: Cooperation) -> QuerySet[Organisation]:
    """The organisations of ``cooperation``: the only ones its records may name."""
    return Organisation.objects.filter(pk__in=cooperation.partners.values("organisation_id")).order_by(
        "name", "pk"
    )


def network_staff(*, network: Network) -> QuerySet[User]:
    """The people working for ``network`` (its admins and coordinators), who may own a task or take
    part in a contact. Read through the user's memberships: the names are the network's own staff."""
    return User.objects.filter(network_memberships__network=network, is_active=True).order_by(
        "first_name", "last_name", "username"
    )


def _authorised(user, cooperation: Cooperation, found):
    if found is None or not user.has_perm("cooperation.change_cooperation", cooperation):
        raise Http404
    return found


def _pk(value: object) -> int:
    text = str(value or "")
    return int(text) if text.isdigit() else 0  # no row has the key 0


def contact_entry_get_for_user(*, user, cooperation: Cooperation, pk: object) -> ContactEntry:
    """One contact entry of ``cooperation`` for its staff; 404 for anything else."""
    return _authorised(user, cooperation, cooperation.contacts.filter(pk=_pk(pk)).first())


def task_get_for_user(*, user, cooperation: Cooperation, pk: object) -> Task:
    """One task of ``cooperation`` for its staff; 404 for anything else."""
    return _authorised(user, cooperation, cooperation.tasks.filter(pk=_pk(pk)).first())


def document_get_for_user(
    *, user, cooperation: Cooperation, pk: object, with_content: bool = False
) -> Document:
    """One document of ``cooperation`` for its staff (its content only for a download); 404 otherwise."""
    documents = cooperation.documents.all() if with_content else cooperation.documents.defer("content")
    return _authorised(user, cooperation, documents.filter(pk=_pk(pk)).first())


def compensation_get_for_user(*, user, cooperation: Cooperation, pk: object) -> Compensation:
    """One compensation row of ``cooperation`` for its staff; 404 for anything else."""
    return _authorised(user, cooperation, cooperation.compensations.filter(pk=_pk(pk)).first())
