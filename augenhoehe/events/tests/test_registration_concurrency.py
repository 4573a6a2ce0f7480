"""Many people confirming at once for the last seats: nobody is overbooked, nobody gets an error."""

import threading

import pytest
from django.db import connection, connections
from django_scopes import scopes_disabled

from augenhoehe.events import registration as services
from augenhoehe.events.choices import RegistrationStatus
from augenhoehe.events.models import Registration

from .registration_helpers import make_event

PEOPLE = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_confirming_at_once_take_exactly_the_five_seats_left(network, mailoutbox):
    if connection.vendor == "sqlite" and not connection.settings_dict["OPTIONS"].get("transaction_mode"):
        pytest.skip("SQLite without IMMEDIATE transactions cannot serialise the seat decision")
    event = make_event(network, capacity=7)
    for n in range(2):
        early = services.registration_submit(
            event=event, name=f"Früh {n}", email=f"f{n}@example.org", language="de"
        )
        services.registration_confirm(registration=early.registration)
    start = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def person(n: int) -> None:
        try:
            submitted = services.registration_submit(
                event=event, name=f"Person {n}", email=f"p{n}@example.org", language="tr"
            )
            start.wait(timeout=30)
            services.registration_confirm(registration=submitted.registration)
        except BaseException as error:  # noqa: BLE001  (every failure is the test's finding)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=person, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    with scopes_disabled():
        statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 7
    assert statuses.count(RegistrationStatus.WAITING) == PEOPLE - 5
    assert len(statuses) == PEOPLE + 2
    # Everyone was told where they stand: a confirmation request and one status mail each.
    assert len(mailoutbox) == 2 * (PEOPLE + 2)
