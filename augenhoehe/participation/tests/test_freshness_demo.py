"""The demo shows stale profiles in both networks, and the MSO login's organisation reminded last
week with its mail (and link) in the outbox; loading it again changes nothing."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.mail.models import OutboxMail
from augenhoehe.testing.factories import sign_in

from .. import freshness
from ..freshness_demo import freshness_demo
from ..models import ProfileReminder


@pytest.mark.django_db
def test_the_demo_has_stale_profiles_and_one_reminded_last_week(settings):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    call_command("demo", no_serve=True)
    for slug in ("ki-guetersloh", "dortmund"):
        assert freshness.stale_organisations(network=Network.objects.get(slug=slug)).count() >= 8, slug
    with scopes_disabled():
        (reminder,) = ProfileReminder.objects.all()
    assert 6 <= (timezone.now() - reminder.sent_at).days <= 7
    assert reminder.recipients == [User.objects.get(username="mso-mitglied").email]
    assert OutboxMail.objects.filter(body__contains="/freshness/c/").count() == 1
    assert freshness_demo() == 0  # once only

    client = Client()
    sign_in(client, User.objects.get(username="gt-koordination"))
    page = client.get(reverse("freshness:list")).content.decode()
    assert reminder.organisation.name in page and "mso-mitglied" in page
