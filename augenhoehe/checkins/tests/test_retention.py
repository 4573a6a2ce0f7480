"""A partner's check-in contact goes a while after the cooperation ended; the ratings stay."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.models import Cooperation
from augenhoehe.core import retention

from .. import services
from ..models import CheckinContact, Rating
from .conftest import add_contact, link_in, ratings, start

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_contacts_of_cooperations_ended_long_ago_are_deleted(network, users, cooperation, köprü, settings):
    add_contact(cooperation, köprü, users["coordinator"])
    start(cooperation)
    services.link_response_submit(token=link_in(mail.outbox[0])[1], ratings=ratings(), language="tr")
    settings.CHECKIN_CONTACT_RETENTION_DAYS = 180
    assert retention.retention_run(only="checkins.contacts") == {"checkins.contacts": 0}
    with network_scope(network):
        cooperation_services.cooperation_stage_change(
            cooperation=cooperation, stage="ended", actor=users["coordinator"]
        )
    assert retention.retention_run(only="checkins.contacts") == {"checkins.contacts": 0}
    with scopes_disabled():
        Cooperation.objects.filter(pk=cooperation.pk).update(
            stage_changed_at=timezone.now() - timedelta(days=181)
        )
    assert retention.retention_run(only="checkins.contacts") == {"checkins.contacts": 1}
    with scopes_disabled():
        assert not CheckinContact.objects.exists() and Rating.objects.count() == 9


def test_the_command_runs_the_daily_work_now(network, users, cooperation, köprü, capsys):
    add_contact(cooperation, köprü, users["coordinator"])
    call_command("checkins")
    assert "Check-ins gestartet: 0, Erinnerungen verschickt: 0" in capsys.readouterr().out
