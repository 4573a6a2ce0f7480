"""Writes about a network's people (invitations, roles, removal and leaving) and about signing in
(the log of sign-ins, second factors); each audit-logged.

Each service acts in the scope of the network it is given (``network_scope``), for its own
reads and writes and for the receivers of its signals: it works the same from a page, a
command or a test, whatever scope its caller is in.
"""

import binascii
from binascii import unhexlify
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import devices_for_user, match_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from django_otp_webauthn.models import WebAuthnCredential

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action

from . import second_factor
from .invitations import InvitationInvalid, invitation_secret_new, invited_account_create
from .mails import invitation_mail_send
from .middleware import network_scope
from .models import Invitation, NetworkMembership, NetworkRole, User
from .permissions import is_network_admin_of
from .selectors import invitation_for_token, user_memberships_forget
from .signals import admin_role_ended, membership_ended

INVITATION_VALIDITY = timedelta(days=7)
# One-time codes for when the phone (or the passkey) is lost.
RECOVERY_CODE_COUNT = 10


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


def _active_language() -> str:
    """The site language now active ("de" for "de-at"), or the installation's default."""
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def user_language_set(*, user: User, language: str) -> None:
    """Keep ``language`` as the one ``user``'s mails are written in; a code that is not one of the
    site's languages changes nothing (the language switch ignores it too)."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def invitation_create(
    *, network: Network, actor, email: str, role: str, language: str = "", base_url: str | None = None
) -> Invitation:
    """Invite ``email`` to ``network`` and mail the one-time link; replaces an open invitation to it."""
    _require_admin(actor, network)
    _check_role(role)
    language = language or _active_language()
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Bitte wählen Sie eine der Sprachen aus der Liste.")})
    email = User.objects.normalize_email((email or "").strip())
    with network_scope(network):
        if email and NetworkMembership.objects.filter(user__email__iexact=email).exists():
            raise ValidationError(
                {"email": _("Eine Person mit dieser Adresse arbeitet bereits für dieses Netzwerk.")}
            )
        secret, token_hash = invitation_secret_new()
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
            language=language,
            token_hash=token_hash,
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
        language=invitation.language,
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
    user = invited_account_create(
        email=invitation.email,
        language=invitation.language,
        username=username,
        first_name=first_name,
        last_name=last_name,
        password=password,
    )
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


# Signing in: the audit log of attempts, and the second factor.


@transaction.atomic
def login_record(*, user: User, succeeded: bool, locked_out: bool = False) -> None:
    """Write a sign-in of ``user`` (or a refused try at their account) into the audit log.

    Tries at names that belong to no account are counted by django-axes alone (they name nobody).
    """
    log_action(
        subject=user,
        action="accounts.login.succeeded" if succeeded else "accounts.login.failed",
        actor=user if succeeded else None,
        data={} if succeeded else {"locked_out": locked_out},
    )


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=gettext_lazy("Wiederherstellungscodes"), confirmed=True
    )
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def totp_key_new() -> str:
    """A new secret for a TOTP app (hex, as django-otp stores it); nothing is saved until confirmed."""
    return random_hex(20)


@transaction.atomic
def totp_device_add(*, user: User, key: str, token: str) -> tuple[TOTPDevice, list[str]]:
    """Save the TOTP app with secret ``key`` for ``user`` once ``token`` shows the app computes its codes.

    Returns the device and, if ``user`` had no recovery codes yet, their new ones (shown once).
    """
    try:
        secret = unhexlify(key.encode())
    except (ValueError, binascii.Error):
        raise ValidationError(
            {"token": _("Die Einrichtung ist abgelaufen. Bitte fangen Sie noch einmal an.")}
        ) from None
    totp = TOTP(secret)
    if not (token.isdigit() and totp.verify(int(token), tolerance=1)):
        raise ValidationError(
            {"token": _("Der Code stimmt nicht. Geben Sie die sechs Ziffern ein, die die App gerade zeigt.")}
        )
    # ``last_t``: the code just typed is used up, it cannot sign in a second time.
    device = TOTPDevice.objects.create(
        user=user, key=key, name=gettext_lazy("Authenticator-App"), confirmed=True, last_t=totp.t()
    )
    codes = (
        [] if StaticDevice.objects.filter(user=user, confirmed=True).exists() else _new_recovery_codes(user)
    )
    log_action(
        subject=user, action="accounts.second_factor.totp_added", actor=user, data={"device": device.pk}
    )
    return device, codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """New one-time recovery codes for ``user``; the earlier ones stop working."""
    codes = _new_recovery_codes(user)
    log_action(subject=user, action="accounts.second_factor.recovery_codes_renewed", actor=user)
    return codes


def second_factor_check(*, user: User, token: str) -> Device:
    """The device of ``user`` that accepts ``token`` (a TOTP code or a recovery code), else ValidationError.

    Each device counts failures itself and makes the person wait longer after each (django-otp).
    The transaction ends before the error is raised: the failure's count and its audit entry stay.
    """
    with transaction.atomic():
        device = match_token(user, token.strip().replace(" ", "").lower())
        if device is None:
            log_action(subject=user, action="accounts.second_factor.failed", actor=None)
        else:
            kind = "recovery" if isinstance(device, StaticDevice) else "totp"
            log_action(subject=user, action="accounts.second_factor.checked", actor=user, data={"kind": kind})
    if device is None:
        raise ValidationError(
            {
                "token": _(
                    "Der Code stimmt nicht oder wurde schon benutzt. "
                    "Nach mehreren Fehlversuchen müssen Sie kurz warten."
                )
            }
        )
    return device


@transaction.atomic
def second_factor_device_remove(*, user: User, device: Device) -> None:
    """Remove one of ``user``'s own TOTP apps or passkeys; not the last one someone who needs a factor has."""
    if device.user_id != user.pk:
        raise PermissionDenied
    others = [
        d for d in devices_for_user(user, confirmed=True) if not isinstance(d, StaticDevice) and d != device
    ]
    if not others and second_factor.is_required_for(user):
        raise ValidationError(
            _(
                "Als Administration eines Netzwerks brauchen Sie einen zweiten Faktor. Richten Sie erst einen anderen ein."
            )
        )
    kind = "passkey" if isinstance(device, WebAuthnCredential) else "totp"
    device.delete()
    if not others:
        # Recovery codes stand in for a lost factor; without one they would be a factor on their own.
        StaticDevice.objects.filter(user=user).delete()
    log_action(subject=user, action=f"accounts.second_factor.{kind}_removed", actor=user)


@transaction.atomic
def passkey_record(*, user: User, credential_id: int, action: str) -> None:
    """Audit a ceremony django-otp-webauthn completed with ``user``'s passkey (``added`` or ``checked``)."""
    credential = second_factor.device_of(user=user, kind="passkey", pk=credential_id)
    if credential is None:
        raise PermissionDenied
    log_action(
        subject=user,
        action=f"accounts.second_factor.passkey_{action}",
        actor=user,
        data={"device": credential.pk},
    )


@transaction.atomic
def password_reset_record(*, user: User) -> None:
    """Audit a password set through the mailed link, and lift a lockout of the account's name: whoever
    holds the mailbox has shown to be the account's owner."""
    axes_reset(username=user.get_username().lower())
    log_action(subject=user, action="accounts.password.reset", actor=user)
