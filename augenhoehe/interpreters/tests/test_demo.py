"""The demo fills the pool of both demo networks: listed people in many languages, one without
consent (not listed), and bookings for two cooperations; a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.interpreters.models import Booking, Interpreter
from augenhoehe.testing.factories import sign_in

from ..demo import interpreters_demo


@pytest.mark.django_db
def test_the_demo_pool_has_people_bookings_and_one_without_consent():
    call_command("demo", no_serve=True)
    with scopes_disabled():
        per_network = {
            slug: Interpreter.objects.filter(network__slug=slug).count()
            for slug in ("ki-guetersloh", "dortmund")
        }
        unlisted = set(
            Interpreter.objects.filter(consent_given_on__isnull=True).values_list("network__slug", flat=True)
        )
        # The events' demo books one more, for an event (no cooperation).
        booked = set(
            Booking.objects.filter(cooperation__isnull=False).values_list("network__slug", "cooperation_id")
        )
        count = Interpreter.objects.count()
    assert all(8 <= n <= 10 for n in per_network.values()), per_network
    assert unlisted == {"ki-guetersloh", "dortmund"}
    assert len(booked) == 4  # two cooperations in each network
    assert interpreters_demo() == 0
    with scopes_disabled():
        assert Interpreter.objects.count() == count
    client = Client()
    sign_in(client, User.objects.get(username="gt-koordination"))
    page = client.get(reverse("interpreters:pool"), {"language": "ti"}).content.decode()
    assert "Semhar Tesfay" in page and "Rana Haddad" not in page
