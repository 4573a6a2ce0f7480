"""The demo fills the desk: every stage in both networks, vetting with results waiting for approval."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.models import Cooperation, Vetting
from augenhoehe.testing.factories import sign_in, with_second_factor


@pytest.mark.django_db
def test_the_demo_has_cooperations_in_every_stage_and_vetting_awaiting_approval(capsys):
    call_command("demo", no_serve=True)
    with scopes_disabled():
        stages = set(Cooperation.objects.values_list("network__slug", "stage"))
        awaiting = set(Vetting.objects.exclude(proposed_status="").values_list("network__slug", flat=True))
        count = Cooperation.objects.count()
    assert stages == {(slug, stage) for slug in ("ki-guetersloh", "dortmund") for stage in Stage.values}
    assert awaiting == {"ki-guetersloh", "dortmund"}
    call_command("demo", no_serve=True)  # a second run adds nothing
    with scopes_disabled():
        assert Cooperation.objects.count() == count
    client = Client()
    admin = User.objects.get(username="gt-admin")
    with_second_factor(admin)  # as after the setup the demo's admin is led to
    sign_in(client, admin)
    page = client.get(reverse("cooperation:vetting_list"), {"awaiting": "1"}).content.decode()
    assert "wartet auf Bestätigung" in page


@pytest.mark.django_db
def test_the_demo_warns_of_funding_ending_in_every_network():
    from django.utils import timezone

    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.cooperation import selectors
    from augenhoehe.cooperation.models import FundingPeriod
    from augenhoehe.core.models import Network

    call_command("demo", no_serve=True)
    with scopes_disabled():
        count = FundingPeriod.objects.count()
    for slug, username in (("ki-guetersloh", "gt-koordination"), ("dortmund", "do-koordination")):
        network = Network.objects.get(slug=slug)
        with network_scope(network):
            ending = selectors.funding_ending(
                viewer=User.objects.get(username=username), network=network, today=timezone.localdate()
            )
        assert ending, slug
    call_command("demo", no_serve=True)  # a second run adds nothing
    with scopes_disabled():
        assert FundingPeriod.objects.count() == count


@pytest.mark.django_db
def test_the_demo_mso_login_finds_two_cooperations_with_its_goals_and_comments():
    from augenhoehe.cooperation.models import Comment, Partner
    from augenhoehe.directory.models import Representation

    call_command("demo", no_serve=True)
    representation = Representation.objects.get(user__username="mso-mitglied")
    with scopes_disabled():
        partners = list(Partner.objects.filter(organisation=representation.organisation))
        comments = list(
            Comment.objects.filter(cooperation__partners__organisation=representation.organisation)
        )
    assert len(partners) >= 2 and all(partner.goals for partner in partners)
    assert {comment.organisation_id for comment in comments} == {representation.organisation_id, None}
    client = Client()
    client.force_login(representation.user)
    listing = client.get(reverse("cooperation:shared_list")).content.decode()
    assert "Infoabend Kita-Einstieg in der Muttersprache" in listing
    page = client.get(
        reverse("cooperation:shared_detail", args=[partners[0].cooperation_id])
    ).content.decode()
    assert partners[0].goals.split()[0] in page and "Kommentar entfernen" in page


@pytest.mark.django_db
def test_the_demo_has_contacts_tasks_documents_and_compensation_in_every_network():
    from datetime import timedelta

    from django.db.models import Max
    from django.utils import timezone

    from augenhoehe.cooperation.models import Compensation, ContactEntry, Document, Task

    call_command("demo", no_serve=True)
    today = timezone.localdate()
    for slug in ("ki-guetersloh", "dortmund"):
        with scopes_disabled():
            contacts = ContactEntry.objects.filter(network__slug=slug)
            tasks = Task.objects.filter(network__slug=slug)
            assert contacts.filter(kind="visit", shared=True).exists(), slug
            assert contacts.filter(shared=False).exists() and contacts.filter(kind="call").exists(), slug
            assert tasks.filter(done_at__isnull=True, due_on__lt=today).exists(), slug
            assert tasks.filter(
                done_at__isnull=True, due_on__range=(today, today + timedelta(days=7))
            ).exists()
            assert tasks.filter(done_at__isnull=False).exists(), slug
            assert tasks.filter(owner_organisation__isnull=False, shared=True).exists(), slug
            [document] = Document.objects.filter(network__slug=slug, kind="agreement")[:1]
            assert document.content_type == "application/pdf" and bytes(document.content).startswith(b"%PDF-")
            statuses = set(Compensation.objects.filter(network__slug=slug).values_list("status", flat=True))
            assert statuses == {"planned", "promised", "claimed", "paid"}, slug
            last = contacts.values("organisation").annotate(last=Max("happened_on"))
            long_ago = [row for row in last if 395 <= (today - row["last"]).days <= 455]
        assert long_ago, f"{slug}: no partner last contacted about 14 months ago"
