"""The pool's rules: consent lists and hides, bookings only for the same network, in the future."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core.models import LogEntry

from .. import selectors, services
from ..models import Booking, Interpreter
from .conftest import make_cooperation, make_interpreter, person_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _soon():
    return timezone.now() + timedelta(days=2)


def test_only_a_consenting_person_is_listed_and_the_filter_finds_the_language(network, users):
    coordinator = users["coordinator"]
    semhar = make_interpreter(network, coordinator)
    make_interpreter(network, coordinator, languages=["ar"], name="Rana Haddad")
    make_interpreter(network, coordinator, name="Ohne Einwilligung", consent_given_on=None, consent_form="")
    with network_scope(network):
        pool = selectors.interpreter_pool(viewer=coordinator, network=network)
        assert [p.name for p in pool] == ["Rana Haddad", "Semhar Tesfay"]
        tigrinya = selectors.interpreter_pool(viewer=coordinator, network=network, language="ti")
        assert list(tigrinya) == [semhar]
        unlisted = selectors.interpreters_unlisted(viewer=coordinator, network=network)
        assert [p.name for p in unlisted] == ["Ohne Einwilligung"]
        semhar.refresh_from_db()
        assert semhar.consent_recorded_by == coordinator


def test_withdrawing_consent_hides_at_once_erases_contact_data_and_cancels_what_is_to_come(network, users):
    coordinator = users["coordinator"]
    semhar = make_interpreter(network, coordinator)
    cooperation = make_cooperation(network, coordinator)
    with network_scope(network):
        booking = services.booking_create(
            interpreter=semhar, actor=coordinator, cooperation=cooperation, starts_at=_soon(), language="ti"
        )
        services.interpreter_consent_withdraw(interpreter=semhar, actor=coordinator)
        assert not selectors.interpreter_pool(viewer=coordinator, network=network).exists()
        stored = Interpreter.objects.get(pk=semhar.pk)
        assert (stored.email, stored.phone, stored.places, stored.availability) == ("", "", "", "")
        assert Booking.objects.get(pk=booking.pk).status == "cancelled"
        entry = LogEntry.objects.get(action="interpreters.consent.withdrawn")
        assert "semhar@example.org" not in str(entry.data)
        with pytest.raises(ValidationError) as refused:
            services.booking_create(
                interpreter=stored,
                actor=coordinator,
                starts_at=_soon(),
                language="ti",
                cooperation=cooperation,
            )
        assert "interpreter" in refused.value.message_dict


def test_a_booking_needs_the_same_network_a_spoken_language_and_a_time_to_come(network, other_network, users):
    coordinator = users["coordinator"]
    semhar = make_interpreter(network, coordinator)
    elsewhere = make_cooperation(other_network, users["other_coordinator"])
    ours = make_cooperation(network, coordinator)
    with network_scope(network):
        cases = [
            ({"cooperation": elsewhere, "starts_at": _soon(), "language": "ti"}, "cooperation"),
            ({"cooperation": ours, "starts_at": _soon(), "language": "ar"}, "language"),
            (
                {"cooperation": ours, "starts_at": timezone.now() - timedelta(hours=1), "language": "ti"},
                "starts_at",
            ),
            (
                {"cooperation": ours, "starts_at": _soon(), "language": "ti", "fee_agreed": Decimal("-1")},
                "fee_agreed",
            ),
        ]
        for fields, field in cases:
            with pytest.raises(ValidationError) as refused:
                services.booking_create(interpreter=semhar, actor=coordinator, **fields)
            assert field in refused.value.message_dict, fields
        assert not Booking.objects.exists()
        booking = services.booking_create(
            interpreter=semhar, actor=coordinator, cooperation=ours, starts_at=_soon(), language="ti"
        )
        assert list(selectors.bookings_for(cooperation=ours)) == [booking]
        services.booking_status_set(booking=booking, status="confirmed", actor=coordinator)
        assert LogEntry.objects.filter(action="interpreters.booking.status.changed").count() == 1


def test_bad_people_are_refused_at_their_field(network, users):
    with network_scope(network):
        for overrides, languages, field in [
            ({"fee_per_hour": Decimal("-5"), "volunteer": False}, ["ti"], "fee_per_hour"),
            ({"fee_per_hour": Decimal("20"), "volunteer": True}, ["ti"], "fee_per_hour"),
            ({}, ["xx"], "code"),
            ({}, [], "languages"),
            ({"consent_form": ""}, ["ti"], "consent_form"),
        ]:
            with pytest.raises(ValidationError) as refused:
                services.interpreter_create(
                    network=network,
                    actor=users["coordinator"],
                    languages=languages,
                    **person_fields(**overrides),
                )
            assert field in refused.value.message_dict, overrides
        assert not Interpreter.objects.exists()
