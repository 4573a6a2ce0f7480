"""The demo fills the desk: several cooperations at every stage in both networks, tasks and reviews
due, funding ending, an organisation not contacted for a year, vetting with results waiting for
approval, and the demo organisation's shared page."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.models import Cooperation, Vetting
from augenhoehe.testing.accessibility import committed_world
from augenhoehe.testing.factories import sign_in, with_second_factor


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module and committed; each test reads it in its own rolled-back
    transaction (a load takes seconds, on PostgreSQL ten). A second load stays in the test that makes it.
    Only plain ``django_db`` tests belong here: a transactional one would flush the demo for the rest."""
    with committed_world(django_db_blocker):
        call_command("demo", no_serve=True)
        yield


@pytest.mark.django_db
def test_the_demo_has_cooperations_in_every_stage_and_vetting_awaiting_approval(capsys):
    from collections import Counter

    with scopes_disabled():
        stages = Counter(Cooperation.objects.values_list("network__slug", "stage"))
        awaiting = set(Vetting.objects.exclude(proposed_status="").values_list("network__slug", flat=True))
        count = Cooperation.objects.count()
        titles = set(Cooperation.objects.values_list("network__slug", "title"))
    assert set(stages) == {(slug, stage) for slug in ("ki-guetersloh", "dortmund") for stage in Stage.values}
    assert min(stages.values()) >= 2, stages
    assert len(titles) == count  # no title twice in a network
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


@pytest.mark.django_db
def test_the_demo_fills_every_panel_of_both_desks_with_varied_rows():
    from datetime import timedelta

    from django.utils import timezone

    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.cooperation import selectors
    from augenhoehe.cooperation.models import Task
    from augenhoehe.core.models import Network
    from augenhoehe.directory.models import Representation

    today = timezone.localdate()
    represented = Representation.objects.get(user__username="mso-mitglied").organisation
    for slug, username in (("ki-guetersloh", "gt-koordination"), ("dortmund", "do-koordination")):
        network = Network.objects.get(slug=slug)
        where = {"viewer": User.objects.get(username=username), "network": network}
        with network_scope(network):
            stages = selectors.desk_stages(**where)
            tasks = selectors.desk_tasks(**where, today=today)
            reviews = selectors.desk_reviews(**where, today=today)
            funding = selectors.desk_funding(**where, today=today)
            not_contacted = selectors.not_contacted_page(**where, today=today).object_list
            open_tasks = list(Task.objects.filter(done_at__isnull=True, due_on__isnull=False))
            reviews_on = list(
                Vetting.objects.exclude(next_review_on=None).values_list("next_review_on", flat=True)
            )
        assert all(stage.count >= 2 for stage in stages), slug
        assert tasks.count and tasks.overdue and tasks.mine < tasks.count and tasks.first, slug
        assert reviews.due and reviews.awaiting == 2, slug
        assert funding.count and funding.first, slug
        # Not only organisations never contacted: one of an open cooperation, last contacted about
        # 14 months ago; the demo login's organisation was contacted.
        assert [row for row in not_contacted if row.last_contact and row.cooperations], slug
        assert all(395 <= (today - row.last_contact).days <= 455 for row in not_contacted if row.last_contact)
        assert represented not in [row.organisation for row in not_contacted], slug
        # Tasks and reviews spread: many titles, overdue by 1 to 20 days on different days, due
        # this week and later; reviews past, due within 30 days and later.
        overdue = {(today - task.due_on).days for task in open_tasks if task.due_on < today}
        assert len({task.title for task in open_tasks}) >= 12 and len(overdue) >= 5, slug
        assert max(overdue) <= 20 and any(task.due_on > today + timedelta(days=7) for task in open_tasks)
        assert min(reviews_on) < today and max(reviews_on) > today + timedelta(days=30), slug
        assert any(today <= day <= today + timedelta(days=30) for day in reviews_on), slug


@pytest.mark.django_db
def test_the_demo_organisation_reads_shared_contacts_tasks_and_documents_but_not_the_others():
    from augenhoehe.cooperation.models import ContactEntry, Document, Task
    from augenhoehe.directory.models import Representation

    representation = Representation.objects.get(user__username="mso-mitglied")
    with scopes_disabled():
        cooperation = Cooperation.objects.get(
            network__slug="ki-guetersloh", title="Infoabend Kita-Einstieg in der Muttersprache"
        )
        contacts = ContactEntry.objects.filter(cooperation=cooperation)
        shared_contact = contacts.filter(shared=True, organisation=representation.organisation).first()
        private_contact = contacts.filter(shared=False).first()
        shared_task = Task.objects.filter(
            cooperation=cooperation, shared=True, owner_organisation=representation.organisation
        ).first()
        document = Document.objects.defer("content").filter(cooperation=cooperation, shared=True).first()
    assert shared_contact and private_contact and shared_task and document
    client = Client()
    client.force_login(representation.user)
    page = client.get(reverse("cooperation:shared_detail", args=[cooperation.pk])).content.decode()
    assert shared_contact.outcome in page and shared_task.title in page and document.title in page
    assert private_contact.outcome not in page
