"""The demo gives many profiles outreach offers and each demo network saved needs, one already
started as a cooperation; a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.directory.models import Organisation
from augenhoehe.testing.factories import sign_in

from ..demo import matching_demo
from ..models import Need, OutreachOffer


@pytest.mark.django_db
def test_the_demo_has_offers_needs_and_one_started_cooperation():
    call_command("demo", no_serve=True)
    with scopes_disabled():
        with_offers = Organisation.objects.filter(outreach_offers__isnull=False).distinct().count()
        per_network = {
            slug: Need.objects.filter(network__slug=slug).count() for slug in ("ki-guetersloh", "dortmund")
        }
        started = list(
            Need.objects.filter(cooperation__isnull=False).select_related("cooperation", "network")
        )
        offers = OutreachOffer.objects.count()
    assert with_offers >= 40, with_offers
    assert per_network == {"ki-guetersloh": 3, "dortmund": 2}
    assert [need.network.slug for need in started] == ["ki-guetersloh"]
    assert started[0].cooperation.stage == "mso_found"
    assert matching_demo() == 0
    with scopes_disabled():
        assert OutreachOffer.objects.count() == offers
    client = Client()
    sign_in(client, User.objects.get(username="gt-koordination"))
    page = client.get(reverse("matching:result", args=[started[0].pk]))
    assert page.status_code == 200
    assert page.context["matches"] and "Gleiche Sprache: Arabisch" in page.content.decode()
