"""The people pages and the invitation link, for every role."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from augenhoehe.accounts import services
from augenhoehe.accounts.models import Invitation, NetworkMembership, NetworkRole, User
from augenhoehe.testing.factories import UserFactory

from .conftest import ROLES
from .mails import link_in

# The pages enter their network's scope; the tests' own look at stored rows needs none.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]


@pytest.fixture
def invitation(people, network, mailoutbox):
    """An open invitation of network 1; its link is in ``mailoutbox[0]``."""
    return services.invitation_create(
        network=network, actor=people["admin"], email="neu@example.org", role="coordinator"
    )


EXPECTED_GET = {
    # url name: status for anonymous, mso_member, coordinator, admin, other_coordinator, other_admin
    "people": [302, 403, 403, 200, 403, 200],
    "member_role": [302, 403, 403, 200, 403, 404],
    "member_remove": [302, 403, 403, 200, 403, 404],
    "invitation_revoke": [302, 403, 403, 405, 403, 404],
    "invitation_resend": [302, 403, 403, 405, 403, 404],
    "leave": [302, 403, 200, 200, 200, 200],
}


def url_for(name: str, *, membership, invitation) -> str:
    if name in {"member_role", "member_remove"}:
        return f"/network/people/{membership.pk}/{name.removeprefix('member_')}/"
    if name.startswith("invitation_"):
        return f"/network/people/invitations/{invitation.pk}/{name.removeprefix('invitation_')}/"
    return {"people": "/network/people/", "leave": "/network/leave/"}[name]


@pytest.mark.parametrize("name", EXPECTED_GET)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_for_every_role(client_as, membership_of, invitation, name, role):
    url = url_for(name, membership=membership_of("coordinator"), invitation=invitation)
    response = client_as(role).get(url)
    assert response.status_code == EXPECTED_GET[name][ROLES.index(role)]
    if response.status_code == 302:
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_the_invitation_link_opens_for_everyone(client_as, invitation, mailoutbox, role):
    response = client_as(role).get(link_in(mailoutbox[0]))
    assert response.status_code == 200
    assert "KI Kreis Gütersloh" in response.content.decode()
    assert ("form" in response.context and response.context["form"] is not None) == (role == "anonymous")


def test_another_networks_admin_sees_only_their_own_people(client_as, invitation):
    page = client_as("other_admin").get("/network/people/").content.decode()
    assert "Integrationsbüro Dortmund" in page
    assert "koordination@example.org" not in page and "neu@example.org" not in page


@pytest.mark.parametrize("action", ["role", "remove"])
def test_another_networks_admin_cannot_touch_memberships(client_as, membership_of, action):
    membership = membership_of("coordinator")
    response = client_as("other_admin").post(f"/network/people/{membership.pk}/{action}/", {"role": "admin"})
    assert response.status_code == 404
    assert NetworkMembership.objects.get(pk=membership.pk).role == NetworkRole.COORDINATOR


@pytest.mark.parametrize("action", ["revoke", "resend"])
def test_another_networks_admin_cannot_touch_invitations(client_as, invitation, mailoutbox, action):
    assert (
        client_as("other_admin").post(f"/network/people/invitations/{invitation.pk}/{action}/").status_code
        == 404
    )
    assert len(mailoutbox) == 1
    assert Invitation.objects.get().is_pending


def test_people_page_lists_members_and_invitations_in_few_queries(
    client_as, people, network, invitation, django_assert_max_num_queries
):
    client = client_as("admin")
    with django_assert_max_num_queries(20) as few:
        client.get("/network/people/")
    for n in range(5):
        NetworkMembership.objects.create(user=UserFactory(), network=network, role="coordinator")
        services.invitation_create(
            network=network, actor=people["admin"], email=f"p{n}@example.org", role="admin"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/network/people/")
    assert len(response.context["memberships"]) == 7 and len(response.context["invitations"]) == 6


def test_admin_invites_from_the_page(client_as, network, mailoutbox):
    response = client_as("admin").post("/network/people/", {"email": "yasemin@example.org", "role": "admin"})
    assert response.status_code == 302
    assert mailoutbox[0].to == ["yasemin@example.org"]
    assert link_in(mailoutbox[0]).startswith("/accounts/invitation/")
    assert "http://testserver/accounts/invitation/" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "keine-adresse", "role": "coordinator"}, "email"),
        ({"email": "koordination@example.org", "role": "coordinator"}, "email"),
        ({"email": "neu@example.org", "role": "chef"}, "role"),
    ],
)
def test_bad_invitations_are_shown_at_their_field_and_change_nothing(client_as, mailoutbox, data, field):
    response = client_as("admin").post("/network/people/", data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not mailoutbox
    assert not Invitation.objects.exists()


def test_coordinator_cannot_invite(client_as, mailoutbox):
    assert (
        client_as("coordinator")
        .post("/network/people/", {"email": "x@example.org", "role": "admin"})
        .status_code
        == 403
    )
    assert not mailoutbox


def test_admin_changes_a_role_and_the_last_admin_is_kept(client_as, membership_of):
    client = client_as("admin")
    admin = membership_of("admin")
    response = client.post(f"/network/people/{admin.pk}/role/", {"role": "coordinator"})
    assert response.status_code == 400
    assert "mindestens eine Administration" in response.content.decode()
    assert NetworkMembership.objects.get(pk=admin.pk).role == NetworkRole.ADMIN
    coordinator = membership_of("coordinator")
    assert client.post(f"/network/people/{coordinator.pk}/role/", {"role": "admin"}).status_code == 302
    assert NetworkMembership.objects.get(pk=coordinator.pk).role == NetworkRole.ADMIN
    response = client.post(f"/network/people/{coordinator.pk}/role/", {"role": "boss"})
    assert response.status_code == 400 and response.context["form"].errors["role"]


def test_admin_removes_after_confirming(client_as, membership_of):
    client = client_as("admin")
    coordinator = membership_of("coordinator")
    confirm = client.get(f"/network/people/{coordinator.pk}/remove/")
    assert "Soll Erika" in confirm.content.decode()
    assert NetworkMembership.objects.filter(pk=coordinator.pk).exists()
    assert client.post(f"/network/people/{coordinator.pk}/remove/").status_code == 302
    assert not NetworkMembership.objects.filter(pk=coordinator.pk).exists()
    last = membership_of("admin")
    response = client.post(f"/network/people/{last.pk}/remove/")
    assert response.status_code == 400 and NetworkMembership.objects.filter(pk=last.pk).exists()


def test_a_coordinator_leaves(client_as, people):
    client = client_as("coordinator")
    assert client.post("/network/leave/").status_code == 302
    assert not NetworkMembership.objects.filter(user=people["coordinator"]).exists()
    assert client.get("/network/leave/").status_code == 403


def test_admin_revokes_and_resends(client_as, invitation, mailoutbox):
    client = client_as("admin")
    assert client.post(f"/network/people/invitations/{invitation.pk}/resend/").status_code == 302
    assert len(mailoutbox) == 2
    assert client.get(link_in(mailoutbox[0])).status_code == 410
    fresh = Invitation.objects.get(revoked_at__isnull=True)
    assert client.post(f"/network/people/invitations/{fresh.pk}/revoke/").status_code == 302
    assert client.get(link_in(mailoutbox[1])).status_code == 410


def test_a_new_person_registers_and_is_signed_in(client, network, invitation, mailoutbox):
    link = link_in(mailoutbox[0])
    data = {"first_name": "Yasemin", "last_name": "Kaya", "username": "yasemin"}
    response = client.post(link, data | {"password": "12345678", "password_again": "12345678"})
    assert response.status_code == 400
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="yasemin").exists()
    response = client.post(
        link, data | {"password": "Kita-Einstieg-2026", "password_again": "Kita-Einstieg-2027"}
    )
    assert response.status_code == 400 and response.context["form"].errors["password_again"]
    response = client.post(
        link, data | {"password": "Kita-Einstieg-2026", "password_again": "Kita-Einstieg-2026"}
    )
    assert response.status_code == 302
    user = User.objects.get(username="yasemin")
    assert user.email == "neu@example.org"
    assert NetworkMembership.objects.get(user=user).network == network
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(link).status_code == 410


def test_a_taken_username_is_an_error_at_its_field(client, invitation, mailoutbox):
    data = {"first_name": "A", "last_name": "B", "username": "admin"}
    response = client.post(
        link_in(mailoutbox[0]),
        data | {"password": "Kita-Einstieg-2026", "password_again": "Kita-Einstieg-2026"},
    )
    assert response.status_code == 400 and response.context["form"].errors["username"]
    assert User.objects.filter(username="admin").count() == 1


def test_a_signed_in_person_accepts_with_one_click(client_as, people, network, invitation, mailoutbox):
    client = client_as("mso_member")
    assert client.post(link_in(mailoutbox[0])).status_code == 302
    assert NetworkMembership.objects.get(user=people["mso_member"]).network == network
    assert client.post(link_in(mailoutbox[0])).status_code == 410


def test_unknown_and_expired_links_get_a_friendly_page(client, invitation, mailoutbox):
    assert client.get("/accounts/invitation/erfunden/").status_code == 404
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link_in(mailoutbox[0]))
    assert response.status_code == 410
    assert "Der Link ist abgelaufen. Einladungslinks gelten 7 Tage." in response.content.decode()
    assert client.post(link_in(mailoutbox[0]), {"username": "x"}).status_code == 410


def test_the_header_links_admins_to_the_people_page(client_as):
    assert 'href="/network/people/"' in client_as("admin").get("/organisations/").content.decode()
    assert 'href="/network/people/"' not in client_as("coordinator").get("/organisations/").content.decode()
    assert 'href="/network/people/"' not in client_as("anonymous").get("/organisations/").content.decode()


def test_the_only_admin_is_not_offered_removal(client_as, membership_of):
    body = client_as("admin").get(reverse("network:people")).content.decode()
    assert reverse("network:member_remove", args=[membership_of("coordinator").pk]) in body
    assert reverse("network:member_remove", args=[membership_of("admin").pk]) not in body
    assert "Einzige Administration des Netzwerks" in body
