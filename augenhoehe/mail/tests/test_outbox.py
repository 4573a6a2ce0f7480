"""The outbox pages: who reads which mail, the HTML part shown without running it, retention."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import Invitation, NetworkRole
from augenhoehe.core import retention
from augenhoehe.core.models import DemoInstallation
from augenhoehe.mail.backends import OutboxBackend
from augenhoehe.mail.models import OutboxMail
from augenhoehe.testing.factories import UserFactory, sign_in, staff, with_second_factor

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def addresses(users, other_network):
    """The factories give no addresses; the outbox matches people by theirs."""
    for role in ("coordinator", "network_admin", "mso_member"):
        users[role].email = f"{users[role].username}@example.org"
        users[role].save(update_fields=["email"])


def _mail(to: str, *, subject: str = "Einladung", html: str = "<p>Hallo</p>") -> OutboxMail:
    message = EmailMultiAlternatives(subject=subject, body="Hallo", to=[to])
    message.attach_alternative(html, "text/html")
    OutboxBackend().send_messages([message])
    return OutboxMail.objects.latest("pk")


@pytest.fixture
def other_admin(other_network):
    admin = staff(other_network, NetworkRole.ADMIN, username="andere-admin")
    with_second_factor(admin)
    admin.email = "andere-admin@example.org"
    admin.save(update_fields=["email"])
    return admin


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def test_an_admin_reads_the_mails_to_the_people_of_the_network_only(users, network, other_admin):
    to_member = _mail(users["coordinator"].email, subject="An die Koordination")
    with scopes_disabled():
        Invitation.objects.create(
            network=network,
            email="neu@example.org",
            role=NetworkRole.COORDINATOR,
            token_hash="a" * 64,
            expires_at=timezone.now() + timedelta(days=7),
        )
    to_invitee = _mail("Neu@Example.org", subject="An die Eingeladene")
    elsewhere = _mail(other_admin.email, subject="Ins andere Netzwerk")
    admin = _client(users["network_admin"])

    listed = admin.get(reverse("mail:outbox"))
    assert listed.status_code == 200
    assert [m.pk for m in listed.context["page"]] == [to_invitee.pk, to_member.pk]
    assert admin.get(reverse("mail:detail", kwargs={"pk": to_member.pk})).status_code == 200
    assert admin.get(reverse("mail:detail", kwargs={"pk": elsewhere.pk})).status_code == 404

    other = _client(other_admin)
    assert [m.pk for m in other.get(reverse("mail:outbox")).context["page"]] == [elsewhere.pk]
    assert other.get(reverse("mail:detail", kwargs={"pk": to_member.pk})).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("mso_member", 403), ("coordinator", 403)])
def test_nobody_but_admins_reads_the_outbox(client_for, users, role, status):
    mail = _mail(users["coordinator"].email)
    client = client_for(role)
    assert client.get(reverse("mail:outbox")).status_code == status
    assert client.get(reverse("mail:detail", kwargs={"pk": mail.pk})).status_code == status


def test_a_superuser_reads_every_mail(other_admin):
    mail = _mail(other_admin.email)
    root = UserFactory(username="betrieb", is_superuser=True, is_staff=True)
    with_second_factor(root)
    assert _client(root).get(reverse("mail:detail", kwargs={"pk": mail.pk})).status_code == 200


def test_in_the_demo_an_admin_reads_every_mail(users, other_admin):
    mail = _mail(other_admin.email)
    admin = _client(users["network_admin"])
    assert admin.get(reverse("mail:detail", kwargs={"pk": mail.pk})).status_code == 404
    DemoInstallation.objects.create(pk=1)
    assert admin.get(reverse("mail:detail", kwargs={"pk": mail.pk})).status_code == 200


def test_the_html_part_is_shown_in_a_sandbox_and_its_script_never_raw(users):
    mail = _mail(users["coordinator"].email, html='<p>Hallo</p><script>alert("x")</script>')
    response = _client(users["network_admin"]).get(reverse("mail:detail", kwargs={"pk": mail.pk}))
    content = response.content.decode()
    assert '<script>alert("x")</script>' not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in content
    assert 'sandbox=""' in content
    assert "allow-scripts" not in content
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_the_list_costs_the_same_queries_for_3_and_30_mails(users, django_assert_max_num_queries):
    admin = _client(users["network_admin"])
    for number in range(3):
        _mail(users["coordinator"].email, subject=f"Mail {number}")
    admin.get(reverse("mail:outbox"))  # the session and memberships are cached after the first request
    with django_assert_max_num_queries(12) as few:
        admin.get(reverse("mail:outbox"))
    for number in range(27):
        _mail(users["coordinator"].email, subject=f"Mail {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin.get(reverse("mail:outbox"))
    assert len(response.context["page"]) == 25
    assert response.context["page"].paginator.num_pages == 2


def test_retention_deletes_mails_older_than_30_days_and_keeps_newer_ones(users):
    old = _mail(users["coordinator"].email, subject="Alt")
    new = _mail(users["coordinator"].email, subject="Neu")
    OutboxMail.objects.filter(pk=old.pk).update(sent_at=timezone.now() - timedelta(days=31))
    OutboxMail.objects.filter(pk=new.pk).update(sent_at=timezone.now() - timedelta(days=29))

    assert retention.retention_run(only="mail.outbox") == {"mail.outbox": 1}
    assert list(OutboxMail.objects.values_list("subject", flat=True)) == ["Neu"]


def test_the_people_page_points_to_the_outbox_only_when_mails_go_there(settings, users):
    admin = _client(users["network_admin"])
    outbox = reverse("mail:outbox")
    assert outbox not in admin.get(reverse("network:people")).content.decode()
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    assert outbox in admin.get(reverse("network:people")).content.decode()
