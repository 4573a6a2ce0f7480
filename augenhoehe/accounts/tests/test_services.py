"""Invitations, role changes, removal and leaving, through the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from django_scopes.exceptions import ScopeError

from augenhoehe.accounts import services
from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import Invitation, NetworkMembership, NetworkRole
from augenhoehe.accounts.permissions import is_network_staff
from augenhoehe.accounts.selectors import InvitationInvalid, invitation_for_token
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import UserFactory

from .conftest import stored
from .mails import link_in, token_in

pytestmark = pytest.mark.django_db


def invite(people, network, email="neu@example.org", role=NetworkRole.COORDINATOR, actor="admin"):
    return services.invitation_create(network=network, actor=people[actor], email=email, role=role)


def test_invitation_mails_a_one_time_link_and_stores_only_its_hash(people, network, mailoutbox):
    invitation = invite(people, network, email="Neu@Example.ORG")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Neu@example.org"]
    assert mail.subject == "Einladung in das Netzwerk KI Kreis Gütersloh"
    assert "KI Kreis Gütersloh" in mail.body and people["admin"].display_name in mail.body
    expiry = date_format(timezone.localtime(invitation.expires_at), "DATETIME_FORMAT")
    assert f"Der Link gilt bis {expiry}." in mail.body
    assert link_in(mail).startswith("/accounts/invitation/")
    assert link_in(mail) in mail.alternatives[0][0] and mail.alternatives[0][1] == "text/html"
    token = token_in(mail)
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(minutes=1)
    entry = stored(LogEntry).get(action="network.member.invited")
    assert entry.network == network and entry.actor == people["admin"] and token not in str(entry.data)


def test_the_mail_speaks_the_inviters_language(people, network, mailoutbox):
    with override("en"):
        invite(people, network)
    assert mailoutbox[0].subject == "Invitation to the network KI Kreis Gütersloh"
    assert "This link is valid until" in mailoutbox[0].body


@pytest.mark.parametrize("role", ["coordinator", "mso_member", "other_admin", "other_coordinator"])
def test_only_the_networks_admins_invite(people, network, role, mailoutbox):
    with pytest.raises(PermissionDenied):
        invite(people, network, actor=role)
    assert not mailoutbox
    assert not stored(Invitation).exists()


def test_an_existing_member_is_an_error_at_the_email(people, network, mailoutbox):
    with pytest.raises(ValidationError) as error:
        invite(people, network, email="KOORDINATION@example.org")
    assert "email" in error.value.message_dict
    assert not mailoutbox


@pytest.mark.parametrize(
    ("email", "role", "field"), [("kein-mail", "coordinator", "email"), ("a@b.de", "boss", "role")]
)
def test_bad_input_is_refused_at_its_field(people, network, mailoutbox, email, role, field):
    with pytest.raises(ValidationError) as error:
        invite(people, network, email=email, role=role)
    assert field in error.value.message_dict
    assert not mailoutbox and not stored(LogEntry).exists()


def test_a_second_invitation_replaces_the_first(people, network, mailoutbox):
    first = invite(people, network)
    second = invite(people, network, email="NEU@example.org", role=NetworkRole.ADMIN)
    with network_scope(network):
        assert [i.pk for i in Invitation.objects.filter(revoked_at__isnull=True)] == [second.pk]
    with pytest.raises(InvitationInvalid) as invalid:
        invitation_for_token(token=token_in(mailoutbox[0]))
    assert invalid.value.reason == "revoked"
    assert invitation_for_token(token=token_in(mailoutbox[1])).pk == second.pk
    assert stored(LogEntry).filter(action="network.member.invited").first().data["replaces"] == [first.pk]


def test_invitations_are_scoped_to_a_network(people, network):
    invite(people, network)
    with pytest.raises(ScopeError):
        list(Invitation.objects.all())


def test_accepting_adds_the_membership_once(people, network, mailoutbox):
    invite(people, network, role=NetworkRole.ADMIN)
    token = token_in(mailoutbox[0])
    person = UserFactory()
    membership = services.invitation_accept(token=token, user=person)
    assert (membership.network, membership.role) == (network, NetworkRole.ADMIN)
    with pytest.raises(InvitationInvalid) as invalid:
        services.invitation_accept(token=token, user=UserFactory())
    assert invalid.value.reason == "used"
    assert stored(NetworkMembership).filter(network=network, role=NetworkRole.ADMIN).count() == 2
    with network_scope(network):
        assert Invitation.objects.get().accepted_by == person
    assert stored(LogEntry).filter(action="network.member.joined", network=network).count() == 1


def test_accepting_as_a_member_changes_nothing(people, network, mailoutbox):
    invite(people, network, email="jemand@example.org", role=NetworkRole.ADMIN)
    membership = services.invitation_accept(token=token_in(mailoutbox[0]), user=people["coordinator"])
    assert membership.role == NetworkRole.COORDINATOR
    assert stored(NetworkMembership).filter(user=people["coordinator"]).count() == 1


def test_expired_and_revoked_links_are_refused(people, network, mailoutbox):
    expired = invite(people, network, email="alt@example.org")
    revoked = invite(people, network, email="weg@example.org")
    with network_scope(network):
        Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    services.invitation_revoke(invitation=revoked, actor=people["admin"])
    services.invitation_revoke(invitation=revoked, actor=people["admin"])
    person = UserFactory()
    for mail, reason in [(mailoutbox[0], "expired"), (mailoutbox[1], "revoked")]:
        with pytest.raises(InvitationInvalid) as invalid:
            services.invitation_accept(token=token_in(mail), user=person)
        assert invalid.value.reason == reason
    with pytest.raises(InvitationInvalid) as invalid:
        services.invitation_accept(token="erfunden", user=person)
    assert invalid.value.reason == "unknown" and not invalid.value.gone
    assert not stored(NetworkMembership).filter(user=person).exists()
    assert stored(LogEntry).filter(action="network.invitation.revoked").count() == 1


def test_revoking_needs_the_networks_admin(people, network):
    invitation = invite(people, network)
    for role in ["coordinator", "other_admin"]:
        with pytest.raises(PermissionDenied):
            services.invitation_revoke(invitation=invitation, actor=people[role])


def test_resend_mails_a_new_link_and_retires_the_old(people, network, mailoutbox):
    invitation = invite(people, network)
    fresh = services.invitation_resend(invitation=invitation, actor=people["admin"])
    assert fresh.pk != invitation.pk and (fresh.email, fresh.role) == (invitation.email, invitation.role)
    with pytest.raises(InvitationInvalid):
        invitation_for_token(token=token_in(mailoutbox[0]))
    assert invitation_for_token(token=token_in(mailoutbox[1])) == fresh


def test_register_creates_the_person_with_the_invited_address(people, network, mailoutbox):
    invite(people, network, email="yasemin@example.org")
    user = services.invitation_register(
        token=token_in(mailoutbox[0]),
        username="yasemin",
        first_name="Yasemin",
        last_name="Kaya",
        password="Kita-Einstieg-2026",
    )
    assert user.email == "yasemin@example.org" and user.check_password("Kita-Einstieg-2026")
    assert stored(NetworkMembership).get(user=user).network == network


def test_register_refuses_weak_passwords_and_taken_names_at_their_fields(people, network, mailoutbox):
    invite(people, network)
    with pytest.raises(ValidationError) as error:
        services.invitation_register(
            token=token_in(mailoutbox[0]),
            username="admin",
            first_name="A",
            last_name="B",
            password="12345678",
        )
    assert {"username", "password"} <= set(error.value.message_dict)
    assert not stored(NetworkMembership).filter(user__username="admin", role=NetworkRole.COORDINATOR).exists()
    with network_scope(network):
        assert Invitation.objects.get().accepted_at is None


def test_role_change_is_logged_and_needs_an_admin(people, network, membership_of):
    membership = membership_of("coordinator")
    for role in ["coordinator", "other_admin"]:
        with pytest.raises(PermissionDenied):
            services.membership_role_change(membership=membership, actor=people[role], role=NetworkRole.ADMIN)
    services.membership_role_change(membership=membership, actor=people["admin"], role=NetworkRole.ADMIN)
    membership.refresh_from_db()
    assert membership.role == NetworkRole.ADMIN
    entry = stored(LogEntry).get(action="network.member.role_changed")
    assert entry.data == {"user": people["coordinator"].pk, "from": "coordinator", "to": "admin"}
    with pytest.raises(ValidationError):
        services.membership_role_change(membership=membership, actor=people["admin"], role="boss")


def test_the_last_admin_can_be_neither_demoted_nor_removed(people, network, membership_of):
    admin = membership_of("admin")
    with pytest.raises(ValidationError, match="mindestens eine Administration"):
        services.membership_role_change(membership=admin, actor=people["admin"], role=NetworkRole.COORDINATOR)
    with pytest.raises(ValidationError, match="mindestens eine Administration"):
        services.membership_remove(membership=admin, actor=people["admin"])
    admin.refresh_from_db()
    assert admin.role == NetworkRole.ADMIN
    # With a second admin, the first may step down.
    services.membership_role_change(
        membership=membership_of("coordinator"), actor=people["admin"], role="admin"
    )
    services.membership_role_change(membership=admin, actor=people["admin"], role=NetworkRole.COORDINATOR)
    assert stored(NetworkMembership).get(pk=admin.pk).role == NetworkRole.COORDINATOR


def test_removal_needs_an_admin_but_anyone_may_leave(people, network, membership_of):
    membership = membership_of("coordinator")
    with pytest.raises(PermissionDenied):
        services.membership_remove(membership=membership, actor=people["other_admin"])
    services.membership_remove(membership=membership, actor=people["coordinator"])
    assert not stored(NetworkMembership).filter(user=people["coordinator"]).exists()
    assert stored(LogEntry).get(action="network.member.left").network == network
    assert not is_network_staff(people["coordinator"])  # the leaver's own memberships are read afresh


def test_leaving_and_removal_revoke_that_persons_tokens_of_that_network(
    people, network, other_network, membership_of
):
    from rest_framework.test import APIClient

    from augenhoehe.api.models import ApiToken
    from augenhoehe.api.services import api_token_create

    def answer(secret: str) -> int:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client.get("/api/v1/organisations/").status_code

    services.membership_role_change(
        membership=membership_of("coordinator"), actor=people["admin"], role="admin"
    )
    people["coordinator"].refresh_from_db()
    with network_scope(network):
        _token, leaver = api_token_create(
            network=network, actor=people["coordinator"], name="Fachverfahren", scope="read"
        )
        _token, stayer = api_token_create(
            network=network, actor=people["admin"], name="Statistik", scope="read"
        )
    with network_scope(other_network):
        _token, elsewhere = api_token_create(
            network=other_network, actor=people["other_admin"], name="Dortmund", scope="read"
        )
    assert answer(leaver) == 200
    services.membership_remove(membership=membership_of("coordinator"), actor=people["coordinator"])
    assert answer(leaver) == 401 and answer(stayer) == 200 and answer(elsewhere) == 200
    assert stored(ApiToken).get(name="Fachverfahren").revoked_at is not None
    assert stored(ApiToken).filter(revoked_at__isnull=True).count() == 2
    entry = stored(LogEntry).get(action="api.token.revoked")
    assert entry.network == network and entry.actor == people["coordinator"]
    assert entry.data["reason"] == "membership_ended"


def test_an_admin_removing_someone_revokes_their_tokens(people, network, membership_of):
    from augenhoehe.api.models import ApiToken
    from augenhoehe.api.services import api_token_create

    services.membership_role_change(
        membership=membership_of("coordinator"), actor=people["admin"], role="admin"
    )
    people["coordinator"].refresh_from_db()
    with network_scope(network):
        api_token_create(network=network, actor=people["coordinator"], name="Fachverfahren", scope="write")
    services.membership_remove(membership=membership_of("coordinator"), actor=people["admin"])
    assert stored(ApiToken).get().revoked_at is not None
    assert stored(LogEntry).get(action="network.member.removed").actor == people["admin"]


def test_an_admin_made_coordinator_loses_the_tokens_they_issued(people, network, membership_of):
    """Issue 9: a token survived its issuer's demotion (still listed as active, never revoked)."""
    from rest_framework.test import APIClient

    from augenhoehe.api.models import ApiToken
    from augenhoehe.api.services import api_token_create

    def answer(secret: str) -> int:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return client.get("/api/v1/organisations/").status_code

    services.membership_role_change(
        membership=membership_of("coordinator"), actor=people["admin"], role="admin"
    )
    people["coordinator"].refresh_from_db()
    with network_scope(network):
        _token, demoted = api_token_create(
            network=network, actor=people["coordinator"], name="Fachverfahren", scope="read"
        )
        _token, stayer = api_token_create(
            network=network, actor=people["admin"], name="Statistik", scope="read"
        )
    assert answer(demoted) == 200

    services.membership_role_change(
        membership=membership_of("coordinator"), actor=people["admin"], role="coordinator"
    )

    assert answer(demoted) == 401 and answer(stayer) == 200
    assert stored(ApiToken).get(name="Fachverfahren").revoked_at is not None
    assert stored(ApiToken).get(name="Statistik").revoked_at is None
    entry = stored(LogEntry).get(action="api.token.revoked")
    assert entry.actor == people["admin"] and entry.data["reason"] == "admin_role_ended"
    # Made admin again, the old token stays revoked: a new one must be issued knowingly.
    services.membership_role_change(
        membership=membership_of("coordinator"), actor=people["admin"], role="admin"
    )
    assert answer(demoted) == 401
