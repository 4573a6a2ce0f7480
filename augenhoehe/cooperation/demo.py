"""Demo cooperations and vetting for both demo networks: two or three cooperations at every stage,
reviews due and results waiting for the second person, so the desk is full on first start.
Everything here is invented; what the cooperations are about is in ``demo_data.py``."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation

from . import services
from .choices import Stage
from .demo_data import COOPERATIONS, PLACES, DemoCooperation, pick
from .demo_records import records_demo
from .demo_shared import shared_demo
from .models import Cooperation, Partner, StageChange

PATH: list[str] = [Stage.MSO_FOUND, Stage.FIRST_CONTACT, Stage.AGREED, Stage.ACTIVE]
NETWORKS = {"ki-guetersloh": ("gt-koordination", "gt-admin"), "dortmund": ("do-koordination", "do-admin")}
# How many of the network's organisations the demo names as partners and reviews.
ORGANISATIONS = 18


@transaction.atomic
def cooperation_demo() -> int:
    """Load the demo cooperations and vetting once; return how many cooperations were created."""
    with scopes_disabled():
        if Cooperation.objects.exists():
            return 0
    created = 0
    for turn, (slug, (coordinator_name, admin_name)) in enumerate(NETWORKS.items()):
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            continue
        coordinator, admin = (
            User.objects.get(username=coordinator_name),
            User.objects.get(username=admin_name),
        )
        organisations = list(
            Organisation.objects.filter(kreis__in=network.kreise.all())
            .exclude(kind="umbrella")
            .order_by("pk")[:ORGANISATIONS]
        )
        if len(organisations) < 10:
            continue
        with network_scope(network):
            _vetting(network, organisations, coordinator, admin)
            for index, row in enumerate(COOPERATIONS):
                partners = _partners(organisations, index)[: row.partners]
                _cooperation(network, coordinator, admin, partners, row, index, turn)
                created += 1
    shared_demo()  # the organisation of the demo MSO login in two of them, with its side of the work
    return created


def _partners(organisations: list[Organisation], index: int) -> list[Organisation]:
    """The first partner of the cooperation at ``index`` is its own (so that the organisation's
    last contact is this cooperation's; the first two have none yet), a second one is taken from
    the end of the list."""
    count = len(organisations)
    return [organisations[(index - 2) % count], organisations[count - 1 - index % 3]]


# Per reviewed organisation (by position): days since the review, days to the next one. The first
# three are due (one overdue, two within 30 days); the rest later.
REVIEWS = [(380, -15), (350, 12), (340, 26), (200, 165), (60, 305), (30, 335)]


def _vetting(network: Network, organisations: list[Organisation], coordinator: User, admin: User) -> None:
    sources = {
        "umbrella": "Dachverband beim Landesverband angefragt: Mitgliedschaft bestätigt.",
        "integration_officer": "Rücksprache mit der Integrationsbeauftragten, keine Erkenntnisse.",
        "personal_contact": "Gespräch mit dem Vorstand im Vereinsheim.",
    }
    today = timezone.localdate()
    for index, organisation in enumerate(organisations):
        checks = ["umbrella", "integration_officer", "public_sources", "personal_contact"][: 1 + index % 4]
        common: dict[str, Any] = {
            "network": network,
            "organisation": organisation,
            "checks": checks,
            "sources": " ".join(sources[c] for c in checks if c in sources),
        }
        ago, due = REVIEWS[index] if index < len(REVIEWS) else (90 + 9 * index, 275 - 9 * index)
        dates: dict[str, Any] = {
            "reviewed_on": today - timedelta(days=ago),
            "next_review_on": today + timedelta(days=due),
        }
        if index == 6:  # waiting for the admin's approval
            services.vetting_record(actor=coordinator, status="no_concerns", **common, **dates)
        elif index == 7:  # the admin proposed concerns; the coordinator has yet to decide
            services.vetting_record(
                actor=admin,
                status="concerns",
                **common
                | {
                    "checks": ["umbrella", "constitution_protection"],
                    "sources": "Dachverband unklar; "
                    "Verfassungsschutzbericht des Landes geprüft, Rückfrage beim Integrationsrat offen.",
                },
                **dates,
            )
        elif index in (8, 9):
            services.vetting_record(actor=coordinator, status="in_review", **common)
        else:  # confirmed "no concerns" (four eyes)
            vetting = services.vetting_record(actor=coordinator, status="no_concerns", **common, **dates)
            services.vetting_decide(vetting=vetting, actor=admin, approve=True)


def _cooperation(network, coordinator, admin, partners, row: DemoCooperation, index: int, turn: int) -> None:
    """Create the cooperation of ``row`` (at ``index``) with its history and records; ``turn``:
    the network's number, which picks titles and shifts dates, so the networks differ."""
    cooperation = services.cooperation_create(
        network=network,
        actor=coordinator,
        title=pick(row.title, turn).format(place=PLACES.get(network.slug, "")),
        topic=row.topic,
        network_goals=row.goals,
        mso_gain=row.gain,
        organisations=[] if row.stage == Stage.GOALS_DEFINED else partners,
    )
    if row.mso_goals:
        for partner in cooperation.partners.all():
            services.partner_goals_set(partner=partner, actor=coordinator, goals=row.mso_goals)
    if row.stage == Stage.GOALS_DEFINED:
        steps = []
    elif row.stage in PATH:
        steps = PATH[: PATH.index(row.stage) + 1]
    else:  # "ausgewertet" or "beendet", after having been active
        steps = [*PATH, row.stage]
    notes: dict[str, str] = {
        Stage.FIRST_CONTACT: "Erstes Gespräch im Vereinsheim, begleitet von einer Person, der der Vorstand vertraut.",
        Stage.AGREED: "Termine, Honorar und Räume schriftlich vereinbart.",
        Stage.ENDED: "Im Gespräch beendet: Dem Verein fehlen derzeit Ehrenamtliche für das Angebot.",
    }
    for stage in steps:
        actor = admin if stage == Stage.AGREED else coordinator
        services.cooperation_stage_change(
            cooperation=cooperation, stage=stage, actor=actor, note=notes.get(stage, "")
        )
    spread = index + 3 * turn
    dates = _backdate(cooperation, *_window(row, spread))
    _funding(cooperation, coordinator, row)
    records_demo(
        cooperation, coordinator=coordinator, admin=admin, dates=dates, index=spread, quiet=row.quiet
    )


def _window(row: DemoCooperation, index: int) -> tuple[int, int]:
    """How many days ago the cooperation started and reached its stage."""
    if row.quiet:  # active for well over a year
        return 730, 440
    rank = list(Stage.values).index(row.stage)
    start = 25 + 30 * rank + 7 * index
    if row.stage in (Stage.EVALUATED, Stage.ENDED):
        return start + 120, 15 + 11 * index % 60
    return start, max(3, start // 4 - index)


def _funding(cooperation: Cooperation, actor: User, row: DemoCooperation) -> None:
    today = timezone.localdate()
    for source, amount, start, end in row.funding:
        services.funding_period_add(
            cooperation=cooperation,
            actor=actor,
            source=source,
            amount=Decimal(amount),
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
        )


def _backdate(cooperation: Cooperation, start: int, end: int) -> dict[str, date]:
    """Spread the demo's steps from ``start`` to ``end`` days ago, so the dates read like real
    work (the partners joined at the start); return the day each stage was reached."""
    changes = list(cooperation.stage_changes.order_by("changed_at", "pk"))
    now = timezone.now()
    for step, change in enumerate(changes):
        ago = start - (start - end) * step // max(len(changes) - 1, 1)
        change.changed_at = now - timedelta(days=ago)
    StageChange.objects.bulk_update(changes, ["changed_at"])
    Cooperation.objects.filter(pk=cooperation.pk).update(stage_changed_at=changes[-1].changed_at)
    Partner.objects.filter(cooperation=cooperation).update(added_at=changes[0].changed_at)
    return {change.to_stage: timezone.localdate(change.changed_at) for change in changes}
