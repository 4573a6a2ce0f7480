"""Demo check-ins for the running cooperations of both demo networks: a plan every six weeks, a
contact per partner in their language, two to four past check-ins both sides answered, and one
open check-in per network whose invitation waits in the outbox (``/mail/outbox/``).

Two cooperations per network show the "they feel used and we did not notice" signal. Everything
here is invented; the answers go through the same services as on the pages.
"""

from datetime import datetime, time, timedelta

from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.demo import NETWORKS
from augenhoehe.cooperation.models import Cooperation, Partner
from augenhoehe.core.models import Network

from . import services
from .choices import Factor
from .models import Checkin, CheckinLink, CheckinPlan, Response

# Invented contacts: (name, language).
CONTACTS = [
    ("Ayşe Yılmaz", "tr"),
    ("Samira Haddad", "ar"),
    ("Olena Kovalenko", "uk"),
    ("Natalia Iwanowa", "ru"),
    ("Mehmet Demir", "de"),
    ("Rasha Al-Khatib", "ar"),
]
# The rounds of each cooperation, oldest first: (the network's agreement, the organisation's),
# each a base value and the factors that differ from it. Kinds, by the cooperation's position:
USED = [  # the organisation feels used more and more; the network does not notice
    ((4, {"feels_used": 2}), (4, {"feels_used": 2, "recognition": 3})),
    ((4, {"feels_used": 1}), (3, {"feels_used": 4, "recognition": 2})),
    (
        (4, {"feels_used": 1, "resources": 2}),
        (4, {"feels_used": 5, "recognition": 2, "resources": 4, "trust": 3}),
    ),
]
CALM = [  # both sides see it alike
    ((4, {"feels_used": 1, "resources": 3}), (4, {"feels_used": 2, "resources": 3})),
    ((4, {"feels_used": 1, "resources": 3}), (5, {"feels_used": 1, "resources": 4})),
]
BETTER = [  # the organisation sees it better than the worried office
    ((3, {"feels_used": 2, "target_group": 2}), (4, {"feels_used": 1, "target_group": 4})),
    ((3, {"feels_used": 2, "target_group": 2}), (5, {"feels_used": 1, "target_group": 5})),
    ((4, {"feels_used": 1, "target_group": 3}), (5, {"feels_used": 1, "target_group": 5})),
    ((4, {"feels_used": 1, "target_group": 3}), (5, {"feels_used": 1, "target_group": 5})),
]
ROUNDS = [USED, CALM, USED, BETTER]
COMMENTS = {
    "feels_used": "Wir werden nur angerufen, wenn eine Veranstaltung voll werden soll.",
    "recognition": "Die Fahrtkosten der Ehrenamtlichen wurden noch nicht erstattet.",
    "target_group": "Zum letzten Elterncafé kamen zwölf Mütter, davon acht zum ersten Mal.",
}


def _ratings(base: int, given: dict[str, int], comment: bool) -> dict:
    return {
        factor: (given.get(factor, base), COMMENTS.get(factor, "") if comment and factor in given else "")
        for factor in Factor.values
    }


@transaction.atomic
def checkins_demo() -> int:
    """Load the demo check-ins once (skipped when any plan exists); return how many rounds were made."""
    with scopes_disabled():
        if CheckinPlan.objects.exists():
            return 0
    made = 0
    for turn, (slug, (coordinator_name, _admin)) in enumerate(NETWORKS.items()):
        network = Network.objects.filter(slug=slug).first()
        coordinator = User.objects.filter(username=coordinator_name).first()
        if network is None or coordinator is None:
            continue
        with network_scope(network):
            running = list(
                Cooperation.objects.filter(network=network, stage__in=[Stage.ACTIVE, Stage.AGREED]).order_by(
                    "pk"
                )[: len(ROUNDS) + 1]
            )
            for index, cooperation in enumerate(running):
                _plan_and_contacts(cooperation, coordinator, turn + index)
                if index < len(ROUNDS):
                    made += _past_rounds(cooperation, coordinator, ROUNDS[index])
                else:  # the last one: a check-in started today, its invitation in the outbox
                    services.checkin_start(cooperation=cooperation, actor=coordinator)
                    made += 1
    return made


def _plan_and_contacts(cooperation: Cooperation, coordinator, offset: int) -> None:
    services.plan_set(cooperation=cooperation, actor=coordinator, interval_weeks=6)
    for number, partner in enumerate(Partner.objects.filter(cooperation=cooperation).order_by("pk")):
        name, language = CONTACTS[(offset + number) % len(CONTACTS)]
        handle = name.lower().replace(" ", ".").replace("ş", "s").replace("ı", "i")
        services.contact_set(
            partner=partner, actor=coordinator, name=name, email=f"{handle}@example.org", language=language
        )


def _past_rounds(cooperation: Cooperation, coordinator, rounds) -> int:
    today = timezone.localdate()
    for number, (ours, theirs) in enumerate(rounds):
        # Six weeks apart, the last three weeks ago: the next one is due in three weeks, so the
        # daily run started with the demo does not start them all again today.
        due_on = today - timedelta(weeks=3 + 6 * (len(rounds) - 1 - number))
        # The invitations of past rounds are not for the outbox: they are read here and answered.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            mail.outbox = []
            checkin = services.checkin_start(cooperation=cooperation, actor=coordinator, today=due_on)
            secrets = [message.body.split("/checkins/link/")[1].split("/")[1] for message in mail.outbox]
        last = number == len(rounds) - 1
        for secret in secrets:
            services.link_response_submit(
                token=secret, ratings=_ratings(theirs[0], theirs[1], comment=last), language="de"
            )
        services.network_response_submit(
            checkin=checkin, actor=coordinator, ratings=_ratings(ours[0], ours[1], comment=False)
        )
        _backdate(checkin, due_on)
    return len(rounds)


def _backdate(checkin: Checkin, due_on) -> None:
    """The round happened on its due date, answered within a week."""
    start = timezone.make_aware(datetime.combine(due_on, time(9, 0)))
    Checkin.objects.filter(pk=checkin.pk).update(created_at=start)
    CheckinLink.objects.filter(checkin=checkin).update(
        created_at=start,
        sent_at=start,
        expires_at=start + timedelta(days=21),
        used_at=start + timedelta(days=3),
    )
    Response.objects.filter(checkin=checkin).update(submitted_at=start + timedelta(days=3))
