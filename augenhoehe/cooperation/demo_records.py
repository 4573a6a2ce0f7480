"""The demo cooperations' records: contacts at the dates the stages were reached (the first one a
visit at the MSO with someone it trusts; some shared), tasks varied by stage (overdue, due this
week, later, done; owned by the coordinator, the admin or the organisation), documents, and
compensation in every status. Everything here is invented."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from augenhoehe.accounts.models import User

from . import services
from .choices import Stage
from .demo_data import TASKS, pick
from .models import Cooperation
from .pdf import simple_pdf

# The quiet cooperation's organisation was last contacted this many days ago (about 14 months).
LONG_AGO = 425
# People the organisations trust, who come along to the first visit (as the guide advises).
TRUSTED = [
    "der Stadtteilmutter, die den Verein seit Jahren kennt",
    "der Integrationsbeauftragten des Kreises",
    "der Elternbegleiterin aus dem Familienzentrum",
    "dem Vorsitzenden des Integrationsrats",
]
# (kind, role of the person met, outcome, shared) of the first approach, by cooperation.
APPROACH = [
    ("call", "Vorsitzende", "Interesse an einer Zusammenarbeit; Termin im Vereinsheim vereinbart.", True),
    (
        "event",
        "Vorstand",
        "Beim Sommerfest des Vereins angesprochen; der Vorstand bespricht es intern.",
        False,
    ),
    ("message", "Schriftführer", "Der Verein meldet sich nach der Mitgliederversammlung zurück.", True),
    ("mail", "Vorstand", "Anfrage geschickt; der Verein möchte erst ein persönliches Gespräch.", True),
]
# What came of recent contacts in running cooperations: (kind, role, outcome, shared).
RECENT = [
    ("mail", "Kassenwartin", "Fragen zur Abrechnung der Aufwandsentschädigung beantwortet.", False),
    (
        "call",
        "Vorsitzende",
        "Zwei neue Familien sprechen noch kein Deutsch; Sprachmittlung angefragt.",
        True,
    ),
    ("message", "Referentin", "Termin um eine Woche verschoben, weil das Vereinsheim belegt ist.", True),
    ("meeting", "Vorstand", "Erster Termin war voll; der Verein wünscht einen zweiten Raum.", True),
]


def records_demo(
    cooperation: Cooperation,
    *,
    coordinator: User,
    admin: User,
    dates: dict[str, date],
    index: int,
    quiet: bool,
) -> None:
    """Fill ``cooperation`` (a demo one; ``dates``: the day each stage was reached) with records.
    ``quiet``: its last contact was about 14 months ago."""
    cooperation.refresh_from_db(fields=["stage"])  # the stage services return a fresh object
    partners = [p.organisation for p in cooperation.partners.select_related("organisation").order_by("pk")]
    _tasks(cooperation, coordinator, admin, partners[0] if partners else None, index)
    if not partners:
        return
    _contacts(cooperation, coordinator, admin, partners, dates, index, quiet)
    stage = cooperation.stage
    if stage in (Stage.AGREED, Stage.ACTIVE, Stage.EVALUATED):
        _documents(cooperation, admin, partners[0].name, stage)
        _compensation(cooperation, admin, partners[0], stage, index)


def _contacts(cooperation, coordinator, admin, partners, dates, index: int, quiet: bool) -> None:
    organisation = partners[0]
    person = organisation.contact_person or "Vorstand"

    def add(day: date, kind: str, outcome: str, *, who: str, shared: bool, **fields) -> None:
        services.contact_entry_add(
            cooperation=cooperation,
            actor=coordinator,
            person=admin if fields.pop("by_admin", False) else coordinator,
            organisation=fields.pop("organisation", organisation),
            happened_on=day,
            kind=kind,
            with_whom=who,
            outcome=outcome,
            shared=shared,
            **fields,
        )

    kind, role, outcome, shared = APPROACH[index % len(APPROACH)]
    add(dates[Stage.MSO_FOUND], kind, outcome, who=f"{person} ({role})", shared=shared)
    if Stage.FIRST_CONTACT in dates:
        visit = dates[Stage.FIRST_CONTACT]
        for other in partners:
            add(
                visit,
                "visit",
                "Ziele beider Seiten besprochen; der Verein möchte Eltern in ihrer Sprache erreichen "
                "und die Termine mitgestalten.",
                who=f"{other.contact_person or 'Vorstand'} und Vorstand; begleitet von "
                f"{TRUSTED[index % len(TRUSTED)]}",
                shared=True,
                organisation=other,
                next_step="Gesprächsnotiz und Entwurf der Vereinbarung schicken",
                next_step_due=visit + timedelta(days=10),
            )
    if Stage.AGREED in dates:
        add(
            dates[Stage.AGREED],
            "meeting",
            "Vereinbarung unterschrieben: Termine, Honorar, Räume und Sprachmittlung.",
            who=f"{person} (Vorstand)",
            shared=True,
            by_admin=True,
        )
    if quiet:  # the last contact about 14 months ago
        add(
            timezone.localdate() - timedelta(days=LONG_AGO),
            "call",
            "Das Angebot läuft gut; der Verein hat neue Ehrenamtliche gefunden.",
            who=f"{person} (Vorsitzende)",
            shared=False,
        )
    elif cooperation.stage == Stage.ACTIVE:
        for step, (kind, role, outcome, shared) in enumerate(RECENT[index % 2 :: 2]):
            add(
                timezone.localdate() - timedelta(days=4 + 9 * step + index % 5),
                kind,
                outcome,
                who=role,
                shared=shared,
            )
    if Stage.EVALUATED in dates:
        add(
            dates[Stage.EVALUATED],
            "meeting",
            "Gemeinsam ausgewertet: 40 Familien erreicht; der Verein möchte im nächsten Jahr weitermachen.",
            who=f"{person} und zwei Ehrenamtliche",
            shared=True,
        )
    if Stage.ENDED in dates:
        add(
            dates[Stage.ENDED],
            "call",
            "Der Verein hat derzeit zu wenige Ehrenamtliche; wir bleiben in Kontakt.",
            who=f"{person} (Vorsitz)",
            shared=True,
        )


def _due(days: int | None, index: int) -> int | None:
    """Spread due days per cooperation: overdue 1–20 days, due within 7 days, or later."""
    if days is None:
        return None
    if days < 0:
        return -(1 + (-days - 1 + 3 * index) % 20)
    if days <= 7:
        return 1 + (days - 1 + index) % 7
    return days + 3 * index % 10


def _tasks(cooperation, coordinator, admin, organisation, index: int) -> None:
    today = timezone.localdate()
    tasks = TASKS[cooperation.stage]
    # Not every cooperation has all of its stage's tasks: leave one out by turns.
    skip = index % (len(tasks) + 1)
    for position, (title, owner, days, done) in enumerate(tasks):
        if position == skip and not done:
            continue
        if owner == "partner" and organisation is None:
            owner = "coordinator"
        due = _due(days, index)
        task = services.task_add(
            cooperation=cooperation,
            actor=coordinator,
            title=pick(title, index),
            owner={"coordinator": coordinator, "admin": admin}.get(owner),
            owner_organisation=organisation if owner == "partner" else None,
            due_on=today + timedelta(days=due) if due is not None else None,
            shared=owner == "partner" or done,
        )
        if done:
            services.task_complete(task=task, actor=admin if owner == "admin" else coordinator)


def _pdf(cooperation, title: str, *lines: str) -> bytes:
    return simple_pdf([f"{title} (Demo)", cooperation.title, *lines])


def _documents(cooperation, admin, organisation_name: str, stage: str) -> None:
    def add(kind: str, title: str, filename: str, lines: list[str], shared: bool) -> None:
        services.document_add(
            cooperation=cooperation,
            actor=admin,
            kind=kind,
            title=title,
            filename=filename,
            content=_pdf(cooperation, title, *lines),
            shared=shared,
        )

    add(
        "agreement",
        "Kooperationsvereinbarung",
        "Kooperationsvereinbarung.pdf",
        [
            f"Partner: {organisation_name}",
            "Beide Seiten tragen bei: Raeume, Honorar, Einladung, Sprachmittlung.",
        ],
        True,
    )
    if stage == Stage.ACTIVE:
        add("concept", "Ablaufplan der Termine", "Ablaufplan.pdf", ["Termine, Raeume, Sprachen"], True)
    if stage == Stage.EVALUATED:
        add("receipt", "Verwendungsnachweis", "Verwendungsnachweis.pdf", ["Ausgaben und Teilnehmende"], False)


# Compensation of an organisation by stage: (kind, euros, status, paid days ago).
COMPENSATION: dict[str, list[tuple[str, str, str, int | None]]] = {
    Stage.AGREED: [("fee", "300.00", "promised", None), ("room", "120.00", "planned", None)],
    Stage.ACTIVE: [
        ("fee", "450.00", "paid", 14),
        ("expense_allowance", "240.00", "claimed", None),
        ("travel", "60.00", "planned", None),
    ],
    Stage.EVALUATED: [("fee", "600.00", "paid", 40), ("material", "85.50", "paid", 35)],
}


def _compensation(cooperation, admin, organisation, stage: str, index: int) -> None:
    today = timezone.localdate()
    for kind, amount, status, paid in COMPENSATION[stage]:
        services.compensation_add(
            cooperation=cooperation,
            actor=admin,
            organisation=organisation,
            kind=kind,
            amount=Decimal(amount) + 30 * (index % 3),
            status=status,
            paid_on=today - timedelta(days=paid + index) if paid is not None else None,
        )
