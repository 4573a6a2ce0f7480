"""The organisation's side of the demo: the organisation the demo login ``mso-mitglied`` represents
takes part in two cooperations of the Gütersloh network, has written its own goals and talks with
the office in the comments; the office shares contacts, agreed next steps, a document and the
compensation with it. Everything here is invented."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.directory.models import Representation

from . import services
from .models import Cooperation, Partner
from .pdf import simple_pdf

NETWORK = "ki-guetersloh"
# The organisation joined the two cooperations this many days ago.
JOINED = 30
# (title of a demo cooperation, the organisation's own goals, its comment, the office's answer)
SHARED = [
    (
        "Infoabend Kita-Einstieg in der Muttersprache",
        "Eltern aus unserer Gemeinde sollen die Kita-Anmeldung selbst schaffen. Wir möchten, dass "
        "unsere Referentinnen auch nach dem Projekt eingeladen werden.",
        "Wir können den zweiten Infoabend in unserem Vereinsheim machen, dienstags ab 18 Uhr.",
        "Danke! Dienstag passt uns gut, die Einladung schicken wir Ihnen zum Gegenlesen.",
    ),
    (
        "Frauenbrunch: Kita und Kindertagespflege",
        "Mütter lernen sich kennen und erfahren, welche Betreuung es für Kinder unter drei Jahren gibt.",
        "Bitte planen Sie eine Kinderbetreuung mit ein, sonst können viele Mütter nicht kommen.",
        "",
    ),
]


def shared_demo() -> None:
    """Make the demo MSO login's organisation a partner of two cooperations, through the services."""
    network = Network.objects.filter(slug=NETWORK).first()
    representation = (
        Representation.objects.select_related("organisation", "user")
        .filter(user__username="mso-mitglied")
        .first()
    )
    if network is None or representation is None:
        return
    representative, organisation = representation.user, representation.organisation
    coordinator = User.objects.get(username="gt-koordination")
    with network_scope(network):
        for first, (title, goals, question, answer) in enumerate(SHARED):
            cooperation = Cooperation.objects.filter(title=title).first()
            if cooperation is None:
                continue
            partners = [
                partner.organisation for partner in cooperation.partners.select_related("organisation")
            ]
            services.cooperation_update(
                cooperation=cooperation, actor=coordinator, organisations=[*partners, organisation]
            )
            partner = cooperation.partners.get(organisation=organisation)
            # It joined a few weeks ago, before the shared contacts below.
            Partner.objects.filter(pk=partner.pk).update(added_at=timezone.now() - timedelta(days=JOINED))
            services.partner_goals_set(partner=partner, actor=representative, goals=goals)
            services.comment_add(
                cooperation=cooperation, actor=representative, text=question, organisation=organisation
            )
            if answer:
                services.comment_add(cooperation=cooperation, actor=coordinator, text=answer)
            _records(cooperation, coordinator, organisation, representative.get_full_name(), full=first == 0)


def _records(cooperation, coordinator, organisation, representative: str, *, full: bool) -> None:
    """Shared contacts and next steps with the organisation; in the first (``full``) cooperation
    also a shared document and its compensation."""
    today = timezone.localdate()
    contacts = [
        (
            "call",
            21,
            "Der Verein möchte mitmachen und bringt eigene Ideen für die Einladung mit.",
            "",
        ),
        (
            "visit",
            12,
            "Im Vereinsheim die Termine und die Sprachen der Einladung besprochen; die Vorsitzende "
            "des Integrationsrats, der der Verein vertraut, war dabei.",
            "Entwurf der Einladung gegenlesen",
        ),
    ]
    for kind, days, outcome, next_step in contacts if full else contacts[:1]:
        services.contact_entry_add(
            cooperation=cooperation,
            actor=coordinator,
            person=coordinator,
            organisation=organisation,
            happened_on=today - timedelta(days=days),
            kind=kind,
            with_whom=f"{representative} und Vorstand",
            outcome=outcome,
            next_step=next_step,
            next_step_due=today + timedelta(days=3) if next_step else None,
            shared=True,
        )
    tasks = [
        ("Entwurf der mehrsprachigen Einladung gegenlesen", organisation, None, 3, False),
        ("Raum und Kinderbetreuung für den Termin zusagen", None, coordinator, -5, True),
        ("Referentin für den zweiten Abend benennen", organisation, None, 16, False),
    ]
    for title, owner_organisation, owner, days, done in tasks if full else tasks[:1]:
        task = services.task_add(
            cooperation=cooperation,
            actor=coordinator,
            title=title,
            owner=owner,
            owner_organisation=owner_organisation,
            due_on=today + timedelta(days=days),
            shared=True,
        )
        if done:
            services.task_complete(task=task, actor=coordinator)
    if not full:
        return
    services.document_add(
        cooperation=cooperation,
        actor=coordinator,
        kind="concept",
        title="Einladung zum zweiten Infoabend (Entwurf)",
        filename="Einladung-Infoabend.pdf",
        content=simple_pdf(["Einladung (Demo)", cooperation.title, "Dienstag, 18 Uhr, im Vereinsheim"]),
        shared=True,
    )
    for kind, amount, status, paid_on in (
        ("fee", "250.00", "paid", today - timedelta(days=8)),
        ("expense_allowance", "120.00", "promised", None),
    ):
        services.compensation_add(
            cooperation=cooperation,
            actor=coordinator,
            organisation=organisation,
            kind=kind,
            amount=Decimal(amount),
            status=status,
            paid_on=paid_on,
        )
