"""The pool on a cooperation's page: its bookings there, and booking from there with the
cooperation already chosen."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services

from .. import services
from .conftest import make_cooperation, make_interpreter

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def _book(network, actor, interpreter, cooperation):
    with network_scope(network):
        return services.booking_create(
            interpreter=interpreter,
            actor=actor,
            cooperation=cooperation,
            starts_at=timezone.now() + timedelta(days=3),
            language="ti",
        )


def test_the_cooperations_page_shows_its_bookings_and_a_way_to_book(client_for, users, network):
    coordinator = users["coordinator"]
    cooperation = make_cooperation(network, coordinator)
    other = make_cooperation(network, coordinator, title="Frauenbrunch")
    semhar = make_interpreter(network, coordinator)
    _book(network, coordinator, semhar, cooperation)
    _book(network, coordinator, make_interpreter(network, coordinator, name="Dawit Haile"), other)

    page = client_for("coordinator").get(cooperation.get_absolute_url()).content.decode()

    section = page[page.index('id="interpreting-heading"') :]
    assert "Semhar Tesfay" in section
    assert "Dawit Haile" not in section  # booked for the other cooperation
    assert f"{reverse('interpreters:pool')}?cooperation={cooperation.pk}" in section


def test_an_ended_cooperation_shows_its_bookings_but_offers_no_booking(client_for, users, network):
    coordinator = users["coordinator"]
    cooperation = make_cooperation(network, coordinator)
    with network_scope(network):
        cooperation_services.cooperation_stage_change(
            cooperation=cooperation, stage="ended", actor=coordinator
        )

    page = client_for("coordinator").get(cooperation.get_absolute_url()).content.decode()

    assert 'id="interpreting-heading"' in page
    assert "?cooperation=" not in page


def test_booking_from_the_cooperation_preselects_it_along_the_way(client_for, users, network):
    coordinator = users["coordinator"]
    cooperation = make_cooperation(network, coordinator)
    make_cooperation(network, coordinator, title="Frauenbrunch")
    semhar = make_interpreter(network, coordinator)
    client = client_for("coordinator")

    pool = client.get(reverse("interpreters:pool"), {"cooperation": cooperation.pk, "language": "ti"})
    link = f"{semhar.get_absolute_url()}?cooperation={cooperation.pk}#book"
    assert link in pool.content.decode()
    assert f'name="cooperation" value="{cooperation.pk}"' in pool.content.decode()  # kept by the filter

    detail = client.get(semhar.get_absolute_url(), {"cooperation": cooperation.pk})
    assert detail.context["booking_form"]["cooperation"].value() == cooperation.pk


@pytest.mark.parametrize("value", ["abc", "-1", "999999", ""])
def test_a_cooperation_parameter_that_names_nothing_bookable_is_ignored(client_for, users, network, value):
    semhar = make_interpreter(network, users["coordinator"])
    client = client_for("coordinator")

    assert client.get(reverse("interpreters:pool"), {"cooperation": value}).context["for_cooperation"] is None
    detail = client.get(semhar.get_absolute_url(), {"cooperation": value})
    assert detail.status_code == 200
    assert detail.context["booking_form"]["cooperation"].value() is None


def test_another_networks_cooperation_is_never_preselected(client_for, users, network, other_network):
    theirs = make_cooperation(other_network, users["other_coordinator"], title="Deren Kooperation")
    semhar = make_interpreter(network, users["coordinator"])
    client = client_for("coordinator")

    pool = client.get(reverse("interpreters:pool"), {"cooperation": theirs.pk})
    assert pool.context["for_cooperation"] is None
    assert "Deren Kooperation" not in pool.content.decode()
    detail = client.get(semhar.get_absolute_url(), {"cooperation": theirs.pk})
    assert detail.context["booking_form"]["cooperation"].value() is None
