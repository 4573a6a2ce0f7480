"""People of the pool without a valid consent lose their name after the period; others stay."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core import retention
from augenhoehe.core.audit import REDACTED

from .. import services
from ..models import Booking, Interpreter
from .conftest import make_cooperation, make_interpreter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def test_names_of_people_without_consent_are_erased_after_the_period(network, users):
    coordinator = users["coordinator"]
    listed = make_interpreter(network, coordinator, name="Bleibt")
    withdrawn = make_interpreter(network, coordinator, name="Widerrufen")
    recent = make_interpreter(network, coordinator, name="Gerade widerrufen")
    never = make_interpreter(
        network, coordinator, name="Nie eingewilligt", consent_given_on=None, consent_form=""
    )
    cooperation = make_cooperation(network, coordinator)
    with network_scope(network):
        services.booking_create(
            interpreter=withdrawn,
            actor=coordinator,
            cooperation=cooperation,
            starts_at=timezone.now() + timedelta(days=1),
            language="ti",
            note="Widerrufen bringt ihre Schwester mit",
        )
        for person in (withdrawn, recent):
            services.interpreter_consent_withdraw(interpreter=person, actor=coordinator)
    long_ago = timezone.now() - timedelta(days=400)
    with scopes_disabled():
        Interpreter.objects.filter(pk=withdrawn.pk).update(consent_withdrawn_at=long_ago)
        Interpreter.objects.filter(pk=never.pk).update(created_at=long_ago)
    with override_settings(INTERPRETER_RETENTION_DAYS=365):
        assert retention.retention_run(only="interpreters.pool") == {"interpreters.pool": 2}
    with scopes_disabled():
        names = dict(Interpreter.objects.values_list("pk", "name"))
        assert names == {
            listed.pk: "Bleibt",
            withdrawn.pk: REDACTED,
            recent.pk: "Gerade widerrufen",
            never.pk: REDACTED,
        }
        booking = Booking.objects.get()
        assert booking.note == "" and booking.cooperation == cooperation
    with override_settings(INTERPRETER_RETENTION_DAYS=365):
        assert retention.retention_run(only="interpreters.pool") == {"interpreters.pool": 0}
