"""An organisation's own people through the services: invitations, accepting, roles, removal."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import override

from augenhoehe.accounts.invitations import InvitationInvalid
from augenhoehe.core.models import LogEntry
from augenhoehe.core.retention import retention_run
from augenhoehe.directory.models import Representation, RepresentativeRole
from augenhoehe.participation import people
from augenhoehe.participation.models import RepresentativeInvitation
from augenhoehe.testing.factories import UserFactory

from .helpers import space_world, token_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]


@pytest.fixture
def w(organisation_factory):
    return space_world(organisation_factory)


def invite(w, *, actor="admin", email="neu@example.org", role=RepresentativeRole.MEMBER, org="org_a", **kw):
    return people.representative_invite(organisation=w[org], actor=w[actor], email=email, role=role, **kw)


def test_an_admin_invites_by_mail_and_only_the_hash_is_kept(w, mailoutbox):
    invitation = invite(w, email="Neu@Example.ORG")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["Neu@example.org"]
    assert mail.subject == "Einladung: Verein A in Augenhöhe"
    assert "Ayşe Demir lädt Sie ein, die Organisation „Verein A“" in mail.body
    token = token_in(mail)
    assert token in mail.alternatives[0][0]
    assert len(invitation.token_hash) == 64 and token not in invitation.token_hash
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=14)) < timedelta(minutes=1)
    entry = LogEntry.objects.get(action="participation.representative.invited")
    assert entry.object_id == str(w["org_a"].pk) and entry.content_type.model == "organisation"
    assert entry.network is None and token not in str(entry.data)


def test_the_mail_is_in_the_language_chosen_for_the_invitation(w, mailoutbox):
    with override("de"):
        invite(w, language="en")
    assert mailoutbox[0].extra_headers["Content-Language"] == "en"
    assert mailoutbox[0].body.startswith("Hello,")


def test_a_member_or_another_organisation_may_not_invite(w, mailoutbox):
    for actor, org in (
        ("member", "org_a"),
        ("member_b", "org_a"),
        ("admin", "org_b"),
        ("other_staff", "org_b"),
    ):
        with pytest.raises(PermissionDenied):
            invite(w, actor=actor, org=org)
    assert not mailoutbox and not RepresentativeInvitation.objects.exists()


def test_responsible_staff_invite_only_the_first_admin_while_there_is_none(w, mailoutbox):
    with pytest.raises(ValidationError) as refused:
        invite(w, actor="staff", org="org_b", role=RepresentativeRole.MEMBER)
    assert "role" in refused.value.message_dict
    invitation = invite(w, actor="staff", org="org_b", role=RepresentativeRole.ADMIN)
    assert invitation.role == RepresentativeRole.ADMIN and len(mailoutbox) == 1
    # Org A has its admin: the staff step back.
    with pytest.raises(PermissionDenied):
        invite(w, actor="staff", org="org_a", role=RepresentativeRole.ADMIN)


def test_a_present_representative_is_not_invited_again_and_a_new_invitation_replaces_the_open_one(
    w, mailoutbox
):
    with pytest.raises(ValidationError) as refused:
        invite(w, email=w["member"].email.upper())
    assert "email" in refused.value.message_dict
    first = invite(w)
    second = invite(w, role=RepresentativeRole.ADMIN)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.is_pending
    with pytest.raises(InvitationInvalid) as invalid:
        people.representative_invitation_accept(token=token_in(mailoutbox[0]), user=UserFactory())
    assert invalid.value.reason == "revoked"


def test_bad_role_and_language_change_nothing(w, mailoutbox):
    with pytest.raises(ValidationError):
        invite(w, role="owner")
    with pytest.raises(ValidationError):
        invite(w, language="xx")
    with pytest.raises(ValidationError):
        invite(w, email="x" * 300 + "@example.org")
    assert not mailoutbox and not RepresentativeInvitation.objects.exists()


def test_a_new_person_registers_from_the_link_once(w, mailoutbox):
    invite(w, language="tr")
    token = token_in(mailoutbox[0])
    user = people.representative_register(
        token=token, username="neu", first_name="Elif", last_name="Kaya", password="ein gutes Passwort 42"
    )
    assert (
        user.email == "neu@example.org"
        and user.language == "tr"
        and user.check_password("ein gutes Passwort 42")
    )
    representation = Representation.objects.get(user=user)
    assert representation.organisation == w["org_a"] and representation.role == RepresentativeRole.MEMBER
    assert LogEntry.objects.filter(action="participation.representative.accepted").count() == 1
    with pytest.raises(InvitationInvalid) as invalid:
        people.representative_invitation_accept(token=token, user=UserFactory())
    assert invalid.value.reason == "used"


def test_registration_refuses_weak_passwords_and_taken_names_and_keeps_the_link(w, mailoutbox):
    invite(w)
    token = token_in(mailoutbox[0])
    with pytest.raises(ValidationError) as refused:
        people.representative_register(
            token=token, username=w["admin"].username, first_name="", last_name="K", password="123"
        )
    assert {"username", "first_name", "password"} <= set(refused.value.message_dict)
    assert people.representative_invitation_accept(token=token, user=UserFactory()).role == "member"


def test_expired_unknown_and_revoked_links_say_why(w, mailoutbox):
    invitation = invite(w)
    token = token_in(mailoutbox[0])
    with pytest.raises(InvitationInvalid) as invalid:
        people.representative_invitation_accept(token="forged" + token, user=UserFactory())
    assert invalid.value.reason == "unknown" and not invalid.value.gone
    RepresentativeInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(InvitationInvalid) as invalid:
        people.representative_invitation_accept(token=token, user=UserFactory())
    assert invalid.value.reason == "expired"
    people.representative_invitation_revoke(invitation=invitation, actor=w["admin"])
    with pytest.raises(InvitationInvalid) as invalid:
        people.representative_invitation_accept(token=token, user=UserFactory())
    assert invalid.value.reason == "revoked"
    assert LogEntry.objects.filter(action="participation.invitation.revoked").count() == 1


def test_resend_mails_a_new_link_and_the_old_one_stops(w, mailoutbox):
    invitation = invite(w)
    fresh = people.representative_invitation_resend(invitation=invitation, actor=w["admin"])
    assert len(mailoutbox) == 2 and fresh.pk != invitation.pk
    with pytest.raises(InvitationInvalid):
        people.representative_invitation_accept(token=token_in(mailoutbox[0]), user=UserFactory())
    user = UserFactory()
    assert people.representative_invitation_accept(token=token_in(mailoutbox[1]), user=user).user == user


def test_a_signed_in_representative_keeps_a_role_unless_made_admin(w, mailoutbox):
    other = UserFactory(email="other@example.org")
    invite(w, email="other@example.org", role=RepresentativeRole.ADMIN)
    representation = people.representative_invitation_accept(token=token_in(mailoutbox[0]), user=other)
    assert representation.role == RepresentativeRole.ADMIN


def test_the_last_admin_is_neither_demoted_nor_removed(w):
    admin_row = Representation.objects.get(user=w["admin"])
    with pytest.raises(ValidationError) as refused:
        people.representative_role_change(representation=admin_row, actor=w["admin"], role="member")
    assert refused.value.code == "last_admin"
    with pytest.raises(ValidationError):
        people.representative_remove(representation=admin_row, actor=w["admin"])
    member_row = Representation.objects.get(user=w["member"])
    people.representative_role_change(representation=member_row, actor=w["admin"], role="admin")
    # Now there are two: the first may step down.
    people.representative_role_change(representation=admin_row, actor=w["admin"], role="member")
    assert LogEntry.objects.filter(action="participation.representative.role_changed").count() == 2
    admin_row.refresh_from_db()
    assert admin_row.role == "member"


def test_an_admin_removes_a_member_and_a_member_leaves(w):
    member_row = Representation.objects.get(user=w["member"])
    with pytest.raises(PermissionDenied):
        people.representative_remove(
            representation=Representation.objects.get(user=w["admin"]), actor=w["member"]
        )
    with pytest.raises(PermissionDenied):
        people.representative_role_change(representation=member_row, actor=w["member"], role="admin")
    people.representative_remove(representation=member_row, actor=w["member"])
    assert not Representation.objects.filter(user=w["member"]).exists()
    assert LogEntry.objects.filter(action="participation.representative.left").count() == 1
    row_b = Representation.objects.get(user=w["member_b"])
    # Another organisation's admin removes nobody of org B.
    with pytest.raises(PermissionDenied):
        people.representative_remove(representation=row_b, actor=w["admin"])


def test_retention_deletes_ended_invitations_after_thirty_days(w, mailoutbox, django_assert_max_num_queries):
    old_pending = invite(w, email="alt@example.org")
    for number in range(3):
        old = invite(w, email=f"alt{number}@example.org")
        RepresentativeInvitation.objects.filter(pk=old.pk).update(
            revoked_at=timezone.now() - timedelta(days=40)
        )
    fresh_pending = invite(w, email="frisch@example.org")
    accepted = invite(w, email="angenommen@example.org")
    people.representative_invitation_accept(token=token_in(mailoutbox[-1]), user=UserFactory())
    long_ago = timezone.now() - timedelta(days=31)
    RepresentativeInvitation.objects.filter(pk=old_pending.pk).update(expires_at=long_ago)
    RepresentativeInvitation.objects.filter(pk=accepted.pk).update(accepted_at=long_ago)
    # However many ended, one delete (no per-row work: no log entry holds an address).
    with django_assert_max_num_queries(6):
        assert retention_run(only="participation.invitations") == {"participation.invitations": 5}
    assert list(RepresentativeInvitation.objects.values_list("pk", flat=True)) == [fresh_pending.pk]


def test_removing_someone_already_gone_changes_nothing_and_a_role_change_says_so(w):
    member = Representation.objects.get(organisation=w["org_a"], user=w["member"])
    people.representative_remove(representation=member, actor=w["admin"])
    people.representative_remove(representation=member, actor=w["admin"])  # the form sent twice
    assert LogEntry.objects.filter(action="participation.representative.removed").count() == 1
    with pytest.raises(ValidationError) as refusal:
        people.representative_role_change(
            representation=member, actor=w["admin"], role=RepresentativeRole.ADMIN
        )
    assert refusal.value.code == "gone"
