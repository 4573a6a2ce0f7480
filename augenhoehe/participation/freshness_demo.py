"""Demo of fresh data: in each demo network some profiles were last confirmed more than a year
ago, and the MSO login's own organisation was reminded last week (its mail is in the outbox, with
the "Stimmt noch" link). Loaded once: nothing happens where a reminder exists already."""

import contextlib
import random
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.core.models import Network
from augenhoehe.directory.models import Organisation, Representation

from . import freshness
from .models import ProfileReminder

NETWORKS = ("ki-guetersloh", "dortmund")
STALE_PER_NETWORK = 8
SEED = 14


def freshness_demo() -> int:
    """Age some demo profiles and remind one last week; how many profiles were aged."""
    with scopes_disabled():
        if ProfileReminder.objects.exists():
            return 0
        rng = random.Random(SEED)
        now = timezone.now()
        aged = 0
        for slug in NETWORKS:
            network = Network.objects.filter(slug=slug).first()
            if network is None:
                continue
            own = freshness.network_organisations(network=network).exclude(kind="umbrella").order_by("-pk")
            for organisation in own[:STALE_PER_NETWORK]:
                months = rng.randint(13, 26)
                Organisation.objects.filter(pk=organisation.pk).update(
                    confirmed_at=now - timedelta(days=months * 30 + rng.randint(0, 20))
                )
                aged += 1
        _remind_last_week(now)
    return aged


def _remind_last_week(now) -> None:
    """The MSO login's organisation, stale and reminded by its network seven days ago."""
    representation = (
        Representation.objects.select_related("organisation").filter(user__username="mso-mitglied").first()
    )
    if representation is None:
        return
    organisation = representation.organisation
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=now - timedelta(days=430))
    network = next(
        (
            n
            for n in Network.objects.order_by("pk")
            if freshness.network_organisations(network=n).filter(pk=organisation.pk).exists()
        ),
        None,
    )
    if network is None:
        return
    # Nobody to write to: the list says so.
    with contextlib.suppress(ValidationError):
        freshness.reminder_send(organisation=organisation, network=network, now=now - timedelta(days=7))
