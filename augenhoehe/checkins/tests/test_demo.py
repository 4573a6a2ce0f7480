"""The demo gives running cooperations of both networks past check-ins of both sides, at least two
"they feel used" signals on each desk, and an open check-in whose invitation is in the outbox."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import User
from augenhoehe.core.models import Network
from augenhoehe.mail.models import OutboxMail
from augenhoehe.testing.factories import sign_in

from .. import selectors
from ..demo import checkins_demo
from ..models import Checkin, CheckinLink, Response
from ..tasks import checkins_run


@pytest.mark.django_db
def test_the_demo_checkins(settings):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    call_command("demo", no_serve=True)
    with scopes_disabled():
        answered = Response.objects.filter(side="organisation").count()
        open_links = CheckinLink.objects.filter(used_at__isnull=True).count()
        rounds = Checkin.objects.count()
    assert answered >= 8 and open_links >= 2 and rounds >= 10
    for slug, username in (("ki-guetersloh", "gt-koordination"), ("dortmund", "do-koordination")):
        network = Network.objects.get(slug=slug)
        coordinator = User.objects.get(username=username)
        with network_scope(network):
            panel = selectors.desk_divergences(viewer=coordinator, network=network)
        assert panel.worse >= 2, slug
        assert any(d.factor == "feels_used" and d.organisation_worse for d in panel.first)
    # One open check-in per network, its invitations in the outbox; nothing else is due today.
    assert checkins_run() == {"started": 0, "reminded": 0}
    assert 2 <= OutboxMail.objects.filter(body__contains="/checkins/link/").count() <= 4
    assert checkins_demo() == 0
    client = Client()
    sign_in(client, User.objects.get(username="gt-koordination"))
    desk = client.get(reverse("cooperation:desk")).content.decode()
    assert "die Organisation sieht es schlechter" in desk
