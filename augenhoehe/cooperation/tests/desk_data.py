"""Hand-made rows for the desk's tests, written with the ORM (the forms for tasks and contacts are
another part of the app): each helper makes one row in its network's scope."""

from datetime import date, timedelta

from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.models import ContactEntry, Cooperation, FundingPeriod, Partner, Task, Vetting


def cooperation(network, *organisations, stage="active", title="Elterncafé", partner_since=None):
    """A cooperation with ``organisations`` as partners, by default partners for two years already."""
    since = partner_since or timezone.now() - timedelta(days=730)
    with network_scope(network):
        made = Cooperation.objects.create(
            network=network,
            title=title,
            topic="other",
            network_goals="Eltern erreichen.",
            mso_gain="Räume und Honorar.",
            stage=stage,
            stage_changed_at=timezone.now(),
        )
        for organisation in organisations:
            partner = Partner.objects.create(network=network, cooperation=made, organisation=organisation)
            Partner.objects.filter(pk=partner.pk).update(added_at=since)
    return made


def task(cooperation, *, due_on: date | None, owner=None, done=False, title="Einladung übersetzen"):
    with network_scope(cooperation.network):
        return Task.objects.create(
            network=cooperation.network,
            cooperation=cooperation,
            title=title,
            owner=owner,
            due_on=due_on,
            done_at=timezone.now() if done else None,
        )


def contact(cooperation, organisation, *, happened_on: date):
    with network_scope(cooperation.network):
        return ContactEntry.objects.create(
            network=cooperation.network,
            cooperation=cooperation,
            kind="call",
            happened_on=happened_on,
            organisation=organisation,
            outcome="Termin vereinbart.",
        )


def vetting(network, organisation, *, next_review_on: date | None = None, proposed_status=""):
    with network_scope(network):
        return Vetting.objects.create(
            network=network,
            organisation=organisation,
            status="in_review",
            proposed_status=proposed_status,
            next_review_on=next_review_on,
        )


def funding(cooperation, *, ends_on: date):
    with network_scope(cooperation.network):
        return FundingPeriod.objects.create(
            network=cooperation.network,
            cooperation=cooperation,
            source="state",
            amount="1000.00",
            starts_on=ends_on - timedelta(days=365),
            ends_on=ends_on,
        )
