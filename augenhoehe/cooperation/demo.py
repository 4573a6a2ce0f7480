"""Demo cooperations and vetting for both demo networks: every stage, and results waiting for the
second person, so the desk's pages are full on first start. Everything here is invented."""

from datetime import timedelta
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
from .demo_records import records_demo
from .demo_shared import shared_demo
from .models import Cooperation, StageChange

PATH = [Stage.MSO_FOUND, Stage.FIRST_CONTACT, Stage.AGREED, Stage.ACTIVE]

# (title, topic, our goals, what the MSO gains, the MSO's own goals, final stage)
COOPERATIONS = [
    (
        "Infoabend Kita-Einstieg in der Muttersprache",
        "kita_entry",
        "Familien, die noch keinen Kita-Platz haben, erfahren, wie Anmeldung und Kita-Alltag gehen.",
        "Honorar für die Referentin aus dem Verein, Räume der Familienbildungsstätte, Sichtbarkeit im Kreis.",
        "Mehr Familien aus der Gemeinde sollen ihren Anspruch auf einen Kita-Platz kennen.",
        Stage.ACTIVE,
    ),
    (
        "Frauenbrunch: Kita und Kindertagespflege",
        "womens_brunch",
        "Mütter mit Fluchtgeschichte niedrigschwellig über Kindertagesbetreuung informieren.",
        "Kostenübernahme für den Brunch, Kinderbetreuung während des Treffens, Kontakt zu Kitas.",
        "",
        Stage.AGREED,
    ),
    (
        "Elternabend zum Schulstart",
        "parents_evening",
        "Eltern kennen Schulpflicht, Anmeldung und Sprachförderung vor dem Schulstart.",
        "Ein Termin im eigenen Vereinsheim, Dolmetschkosten werden übernommen.",
        "",
        Stage.FIRST_CONTACT,
    ),
    (
        "Sprachmittlung für Kita-Aufnahmegespräche",
        "interpreting",
        "Kitas können Aufnahmegespräche in der Sprache der Familien führen.",
        "Aufwandsentschädigung für ehrenamtliche Sprachmittlerinnen und eine Schulung.",
        "",
        Stage.MSO_FOUND,
    ),
    (
        "Beratung neu zugewanderter Familien",
        "counselling",
        "Neu zugewanderte Familien finden schneller Beratung zu Kita und Schule.",
        "Finanzierung einer Beratungsstunde pro Woche, Austausch mit den Beratungsstellen.",
        "",
        Stage.GOALS_DEFINED,
    ),
    (
        "Infoabende Kindertagespflege (Frühjahr)",
        "parents_evening",
        "Kindertagespflege als Alternative zur Kita bekannt machen.",
        "Honorar, Material in der Sprache der Familien, Einladung zum Netzwerktreffen.",
        "Eltern sollen die Kindertagespflege ohne Vorbehalte kennenlernen.",
        Stage.EVALUATED,
    ),
    (
        "Hausaufgabenhilfe im Vereinsheim",
        "school",
        "Kinder im Grundschulalter bei den Hausaufgaben begleiten.",
        "Ehrenamtspauschale und Lernmaterial.",
        "",
        Stage.ENDED,
    ),
]

NETWORKS = {"ki-guetersloh": ("gt-koordination", "gt-admin"), "dortmund": ("do-koordination", "do-admin")}


@transaction.atomic
def cooperation_demo() -> int:
    """Load the demo cooperations and vetting once; return how many cooperations were created."""
    with scopes_disabled():
        if Cooperation.objects.exists():
            return 0
    created = 0
    for slug, (coordinator_name, admin_name) in NETWORKS.items():
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
            .order_by("pk")[:12]
        )
        if len(organisations) < 10:
            continue
        with network_scope(network):
            _vetting(network, organisations, coordinator, admin)
            for index, row in enumerate(COOPERATIONS):
                _cooperation(
                    network, coordinator, admin, organisations[index : index + 1 + index % 2], row, index
                )
                created += 1
    shared_demo()  # the organisation of the demo MSO login in two of them, with goals and comments
    return created


def _vetting(network: Network, organisations: list[Organisation], coordinator: User, admin: User) -> None:
    sources = {
        "umbrella": "Dachverband beim Landesverband angefragt: Mitgliedschaft bestätigt.",
        "integration_officer": "Rücksprache mit der Integrationsbeauftragten, keine Erkenntnisse.",
    }
    for index, organisation in enumerate(organisations[:10]):
        checks = ["umbrella", "integration_officer", "public_sources"][: 1 + index % 3]
        text = " ".join(sources[c] for c in checks if c in sources)
        today = timezone.localdate()
        common: dict[str, Any] = {
            "network": network,
            "organisation": organisation,
            "checks": checks,
            "sources": text,
        }
        dates: dict[str, Any] = {
            "reviewed_on": today - timedelta(days=20 + index),
            "next_review_on": today + timedelta(days=345),
        }
        if index in (0, 1, 2, 3, 4, 5):  # confirmed "no concerns" (four eyes)
            vetting = services.vetting_record(actor=coordinator, status="no_concerns", **common, **dates)
            services.vetting_decide(vetting=vetting, actor=admin, approve=True)
        elif index == 6:  # waiting for the admin's approval
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
        else:
            services.vetting_record(actor=coordinator, status="in_review", **common)


def _cooperation(network, coordinator, admin, partners, row, index) -> None:
    title, topic, goals, gain, mso_goals, final = row
    cooperation = services.cooperation_create(
        network=network,
        actor=coordinator,
        title=title,
        topic=topic,
        network_goals=goals,
        mso_gain=gain,
        organisations=partners,
    )
    if mso_goals:
        for partner in cooperation.partners.all():
            services.partner_goals_set(partner=partner, actor=coordinator, goals=mso_goals)
    if final == Stage.GOALS_DEFINED:
        steps = []
    elif final in PATH:
        steps = PATH[: PATH.index(final) + 1]
    else:  # "ausgewertet" or "beendet", after having been active
        steps = [*PATH, final]
    notes = {
        Stage.FIRST_CONTACT: "Erstes Gespräch im Vereinsheim, begleitet von der Elternbegleiterin, der der Vorstand vertraut.",
        Stage.AGREED: "Termine, Honorar und Räume schriftlich vereinbart.",
    }
    for stage in steps:
        actor = admin if stage == Stage.AGREED else coordinator
        services.cooperation_stage_change(
            cooperation=cooperation, stage=stage, actor=actor, note=notes.get(stage, "")
        )
    _backdate(cooperation, days=12 * (index + 1))
    _funding(cooperation, coordinator, index)
    records_demo(cooperation, coordinator=coordinator, admin=admin)


# Per cooperation (by index): (source, euros, starts in days from today, ends in days from today).
# The first one's funding ends within 90 days and nothing follows ("Förderung endet bald"); the
# second's is followed by the Kommune's; the last one's has ended.
FUNDING = {
    0: [("state", "12000.00", -300, 30)],
    1: [("foundation", "4500.00", -120, 60), ("municipality", "3000.00", 61, 400)],
    2: [("municipality", "2500.00", -20, 200)],
    5: [("federal", "18000.00", -200, 150)],
    6: [("federal", "8000.00", -400, -40)],
}


def _funding(cooperation: Cooperation, actor: User, index: int) -> None:
    today = timezone.localdate()
    for source, amount, start, end in FUNDING.get(index, []):
        services.funding_period_add(
            cooperation=cooperation,
            actor=actor,
            source=source,
            amount=Decimal(amount),
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
        )


def _backdate(cooperation: Cooperation, *, days: int) -> None:
    """Spread the demo's steps over the past weeks, so the dates read like real work."""
    changes = list(cooperation.stage_changes.order_by("changed_at", "pk"))
    start = timezone.now() - timedelta(days=days)
    for step, change in enumerate(changes):
        change.changed_at = start + timedelta(days=step * days // max(len(changes), 1))
    StageChange.objects.bulk_update(changes, ["changed_at"])
    Cooperation.objects.filter(pk=cooperation.pk).update(stage_changed_at=changes[-1].changed_at)
