"""The demo cooperations' records: contacts (a visit at the MSO with someone it trusts, calls, a
mail; some shared), tasks (overdue, due this week, done, owned by the organisation), an agreement
for the agreed and active ones, and compensation in every status. Everything here is invented."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from augenhoehe.accounts.models import User

from . import services
from .choices import Stage
from .models import Cooperation
from .pdf import simple_pdf

# Stages whose cooperations have met their organisation, and those with something agreed.
MET = {Stage.FIRST_CONTACT, Stage.AGREED, Stage.ACTIVE, Stage.EVALUATED, Stage.ENDED}
AGREED = {Stage.AGREED, Stage.ACTIVE}
# The ended cooperation's organisation was last contacted about 14 months ago (the desk's list of
# organisations not contacted for a year).
LONG_AGO = 425


def records_demo(cooperation: Cooperation, *, coordinator: User, admin: User) -> None:
    """Fill ``cooperation`` (a demo one, from "MSO gefunden" on) with records."""
    cooperation.refresh_from_db(fields=["stage"])  # the stage services return a fresh object
    if cooperation.stage == Stage.GOALS_DEFINED:
        return
    # The first organisation by key: in the demo, one only this cooperation names.
    partner = cooperation.partners.select_related("organisation").order_by("organisation_id").first()
    if partner is None:
        return
    organisation = partner.organisation
    offset = LONG_AGO if cooperation.stage == Stage.ENDED else 0
    _contacts(cooperation, coordinator, organisation, offset)
    if offset:
        return
    _tasks(cooperation, coordinator, admin, organisation)
    if cooperation.stage in AGREED:
        _agreement(cooperation, admin, organisation.name)
    if cooperation.stage in AGREED | {Stage.EVALUATED}:
        _compensation(cooperation, admin, organisation)


def _contacts(cooperation, coordinator, organisation, offset: int) -> None:
    today = timezone.localdate()

    def add(days: int, **fields) -> None:
        services.contact_entry_add(
            cooperation=cooperation,
            actor=coordinator,
            person=coordinator,
            organisation=organisation,
            happened_on=today - timedelta(days=offset + days),
            **fields,
        )

    add(
        40,
        kind="call",
        with_whom="Vorsitzende des Vereins",
        outcome="Interesse an einer Zusammenarbeit; Termin für ein Gespräch im Vereinsheim vereinbart.",
        shared=True,
    )
    if cooperation.stage in MET:
        add(
            30,
            kind="visit",
            with_whom="Vorstand; begleitet von der Elternbegleiterin, der der Verein vertraut",
            outcome="Ziele beider Seiten besprochen; der Verein möchte Eltern in der Muttersprache erreichen.",
            next_step="Entwurf der Vereinbarung schicken",
            next_step_due=today - timedelta(days=offset + 20),
            shared=True,
        )
        add(
            10,
            kind="mail",
            with_whom="Kassenwartin",
            outcome="Fragen zur Abrechnung der Aufwandsentschädigung beantwortet.",
        )


def _tasks(cooperation, coordinator, admin, organisation) -> None:
    today = timezone.localdate()
    services.task_add(
        cooperation=cooperation,
        actor=coordinator,
        title="Raum in der Familienbildungsstätte reservieren",
        owner=coordinator,
        due_on=today - timedelta(days=3),
    )
    services.task_add(
        cooperation=cooperation,
        actor=coordinator,
        title="Einladung in den Sprachen der Familien verteilen",
        owner_organisation=organisation,
        due_on=today + timedelta(days=4),
        shared=True,
    )
    done = services.task_add(
        cooperation=cooperation,
        actor=coordinator,
        title="Honorarvertrag vorbereiten",
        owner=admin,
        due_on=today - timedelta(days=10),
        shared=True,
    )
    services.task_complete(task=done, actor=admin)


def _agreement(cooperation, admin, organisation_name: str) -> None:
    lines = [
        "Kooperationsvereinbarung (Demo)",
        cooperation.title,
        f"Partner: {organisation_name}",
        "Beide Seiten tragen bei: Raeume, Honorar, Einladung, Sprachmittlung.",
    ]
    services.document_add(
        cooperation=cooperation,
        actor=admin,
        kind="agreement",
        title="Kooperationsvereinbarung",
        filename="Kooperationsvereinbarung.pdf",
        content=simple_pdf(lines),
        shared=True,
    )


def _compensation(cooperation, admin, organisation) -> None:
    today = timezone.localdate()
    rows = [
        ("fee", "450.00", "paid", today - timedelta(days=14)),
        ("expense_allowance", "240.00", "claimed", None),
        ("room", "120.00", "promised", None),
        ("travel", "60.00", "planned", None),
    ]
    for kind, amount, status, paid_on in rows:
        services.compensation_add(
            cooperation=cooperation,
            actor=admin,
            organisation=organisation,
            kind=kind,
            amount=Decimal(amount),
            status=status,
            paid_on=paid_on,
        )
