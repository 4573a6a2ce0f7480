"""Writes about a network's people: invitations, roles, removal and leaving; each audit-logged.

Each service acts in the scope of the network it is given (``network_scope``), for its own
reads and writes and for the receivers of its signals: it works the same from a page, a
command or a test, whatever scope its caller is in.
"""

import secrets
from datetime import timedelta

from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action

from .mails import invitation_mail_send
from .middleware import network_scope
from .models import Invitation, NetworkMembership, NetworkRole, User
from .permissions import is_network_admin_of
from .selectors import InvitationInvalid, invitation_for_token, invitation_token_hash, user_memberships_forget
from .signals import admin_role_ended, membership_ended

INVITATION_VALIDITY = timedelta(days=7)


def _require_admin(actor, network: Network) -> None:
    if not is_network_admin_of(actor, network):
        raise PermissionDenied


def _check_role(role: str) -> None:
    if role not in NetworkRole.values:
        raise ValidationError({"role": _("Unbekannte Rolle.")})


def _ensure_another_admin(membership: NetworkMembership) -> None:
    """Refuse to take away the network's last admin; locks the admins so two requests cannot race."""
    admins = list(
        NetworkMembership.objects.select_for_update()
        .filter(network_id=membership.network_id, role=NetworkRole.ADMIN)
        .values_list("pk", flat=True)
    )
    if membership.role == NetworkRole.ADMIN and admins == [membership.pk]:
        raise ValidationError(
            _(
                "Das Netzwerk braucht mindestens eine Administration. Ernennen Sie zuerst eine "
                "andere Person zur Administration."
            ),
            code="last_admin",
        )


@transaction.atomic
def invitation_create(
    *, network: Network, actor, email: str, role: str, base_url: str | None = None
) -> Invitation:
    """Invite ``email`` to ``network`` and mail the one-time link; replaces an open invitation to it."""
    _require_admin(actor, network)
    _check_role(role)
    email = User.objects.normalize_email((email or "").strip())
    with network_scope(network):
        if email and NetworkMembership.objects.filter(user__email__iexact=email).exists():
            raise ValidationError(
                {"email": _("Eine Person mit dieser Adresse arbeitet bereits für dieses Netzwerk.")}
            )
        secret = secrets.token_urlsafe(32)
        now = timezone.now()
        open_ones = Invitation.objects.select_for_update().filter(
            email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        )
        replaced = list(open_ones.values_list("pk", flat=True))
        open_ones.update(revoked_at=now)
        invitation = Invitation(
            network=network,
            email=email,
            role=role,
            token_hash=invitation_token_hash(secret),
            invited_by=actor,
            expires_at=now + INVITATION_VALIDITY,
        )
        invitation.full_clean()
        invitation.save()
        log_action(
            subject=invitation,
            action="network.member.invited",
            actor=actor,
            network=network,
            data={"role": role, "replaces": replaced},
        )
        # Sent last and inside the transaction: if the mail cannot be sent, no invitation exists.
        invitation_mail_send(invitation=invitation, secret=secret, base_url=base_url)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor, base_url: str | None = None) -> Invitation:
    """Mail a fresh link for an open (or expired) invitation; the old link stops working."""
    _require_admin(actor, invitation.network)
    if invitation.accepted_at is not None or invitation.revoked_at is not None:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    return invitation_create(
        network=invitation.network,
        actor=actor,
        email=invitation.email,
        role=invitation.role,
        base_url=base_url,
    )


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor) -> Invitation:
    """Withdraw an open invitation, so its link no longer works; revoking twice changes nothing."""
    _require_admin(actor, invitation.network)
    with network_scope(invitation.network):
        invitation = Invitation.objects.select_for_update().select_related("network").get(pk=invitation.pk)
        if not invitation.is_pending:
            return invitation
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        log_action(
            subject=invitation,
            action="network.invitation.revoked",
            actor=actor,
            network=invitation.network,
            data={"role": invitation.role},
        )
    return invitation


def _accept(invitation: Invitation, user: User) -> NetworkMembership:
    with network_scope(invitation.network):
        invitation = Invitation.objects.select_for_update().select_related("network").get(pk=invitation.pk)
        # Checked again under the lock: two clicks on one link accept it once.
        if not invitation.is_pending:
            raise InvitationInvalid("used")
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        membership, created = NetworkMembership.objects.get_or_create(
            user=user, network=invitation.network, defaults={"role": invitation.role}
        )
        log_action(
            subject=membership,
            action="network.member.joined" if created else "network.invitation.accepted",
            actor=user,
            network=invitation.network,
            data={"role": membership.role, "invitation": invitation.pk},
        )
    user_memberships_forget(user=user)
    return membership


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> NetworkMembership:
    """Accept by the link's secret: once, unexpired, unrevoked; a present member keeps their role."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return _accept(invitation_for_token(token=token), user)


@transaction.atomic
def invitation_register(*, token: str, username: str, first_name: str, last_name: str, password: str) -> User:
    """Create the account of a new person from an invitation (its e-mail address) and accept it."""
    invitation = invitation_for_token(token=token)
    user = User(
        username=(username or "").strip(),
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=invitation.email,
    )
    errors: dict[str, list] = {}
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        errors.update(error.message_dict)
    for field in ("first_name", "last_name"):
        if not getattr(user, field):
            errors.setdefault(field, []).append(_("Bitte geben Sie Ihren Namen an."))
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.save()
    log_action(subject=user, action="accounts.user.registered", actor=user, network=invitation.network)
    _accept(invitation, user)
    return user


@transaction.atomic
def membership_role_change(*, membership: NetworkMembership, actor, role: str) -> NetworkMembership:
    """Give a member another role; the network's last admin cannot be demoted."""
    _require_admin(actor, membership.network)
    _check_role(role)
    with network_scope(membership.network):
        membership = (
            NetworkMembership.objects.select_for_update()
            .select_related("network", "user")
            .get(pk=membership.pk)
        )
        if membership.role == role:
            return membership
        _ensure_another_admin(membership)
        previous, membership.role = membership.role, role
        membership.full_clean()
        membership.save(update_fields=["role"])
        log_action(
            subject=membership,
            action="network.member.role_changed",
            actor=actor,
            network=membership.network,
            data={"user": membership.user_id, "from": previous, "to": role},
        )
        if previous == NetworkRole.ADMIN:
            admin_role_ended.send(
                sender=NetworkMembership, user=membership.user, network=membership.network, actor=actor
            )
    # The actor may have changed their own role; their memberships are read afresh as well.
    for person in (membership.user, actor):
        user_memberships_forget(user=person)
    return membership


@transaction.atomic
def membership_remove(*, membership: NetworkMembership, actor) -> None:
    """Remove a member (an admin) or leave (the member themself); never the last admin.

    What the person held for the network ends with it: receivers of ``membership_ended``
    (the API revokes their tokens) run in this transaction, in the network's scope.
    """
    leaving = getattr(actor, "pk", None) == membership.user_id
    if not leaving:
        _require_admin(actor, membership.network)
    with network_scope(membership.network):
        membership = (
            NetworkMembership.objects.select_for_update()
            .select_related("network", "user")
            .get(pk=membership.pk)
        )
        _ensure_another_admin(membership)
        user, network = membership.user, membership.network
        log_action(
            subject=membership,
            action="network.member.left" if leaving else "network.member.removed",
            actor=actor,
            network=network,
            data={"user": user.pk, "role": membership.role},
        )
        membership.delete()
        membership_ended.send(sender=NetworkMembership, user=user, network=network, actor=actor)
    # Whoever left may be the actor, signed in with another copy of the same person.
    for person in (user, actor):
        user_memberships_forget(user=person)
