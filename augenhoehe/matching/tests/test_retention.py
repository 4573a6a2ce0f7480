"""Needs nobody followed up are deleted after the period; a need that led to a cooperation stays."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core import retention

from .. import services
from ..models import Need
from .conftest import make_need, make_organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_an_old_need_without_a_cooperation_is_deleted_and_one_with_a_cooperation_stays(users, network):
    coordinator = users["coordinator"]
    forgotten = make_need(network, coordinator)
    followed_up = make_need(network, coordinator)
    recent = make_need(network, coordinator)
    with network_scope(network):
        services.need_cooperation_start(
            need=followed_up,
            organisation=make_organisation("Jasmin – Arabische Familien"),
            actor=coordinator,
            title="Infoabend",
            mso_gain="Honorar",
        )
        long_ago = timezone.now() - timedelta(days=800)
        Need.objects.filter(pk__in=[forgotten.pk, followed_up.pk]).update(created_at=long_ago)

        with override_settings(NEED_RETENTION_DAYS=730):
            assert retention.retention_run(only="matching.needs") == {"matching.needs": 1}

        assert set(Need.objects.values_list("pk", flat=True)) == {followed_up.pk, recent.pk}
