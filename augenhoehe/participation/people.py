"""Writes about an organisation's own people: invitations by a one-time link, accepting them, roles,
removal and leaving; each audit-logged on the organisation (its shared history, no network).

The link machinery (secret, hash, checks, the new account) is the one ``accounts`` uses for the
networks' people (``accounts.invitations``).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.accounts.invitations import (
    InvitationInvalid,
    invitation_check_open,
    invitation_link,
    invitation_secret_new,
    invited_account_create,
)
from augenhoehe.accounts.models import User
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation, Representation, RepresentativeRole
from augenhoehe.directory.representations import representation_ensure
from augenhoehe.mail.services import mail_send

from .models import RepresentativeInvitation
from .space_selectors import representative_invitation_for_token

INVITATION_VALIDITY = timedelta(days=14)
# Where ``directory.permissions.represented`` keeps a person's organisations for the request.
_REPRESENTED = "_augenhoehe_represented"


def _forget(*users) -> None:
    """Drop what the request remembered about whom these people represent."""
    for user in users:
        if user is not None:
            user.__dict__.pop(_REPRESENTED, None)


def _require(actor, permission: str, organisation: Organisation) -> None:
    if not actor.has_perm(permission, organisation):
        raise PermissionDenied


def _check_role(role: str) -> None:
    if role not in RepresentativeRole.values:
        raise ValidationError({"role": _("Unbekannte Rolle.")})


def _locked(representation: Representation) -> Representation | None:
    """Lock the organisation first, then read the representative again (None if already gone).

    One lock per organisation, always taken first: two admins acting on each other at once wait in
    line instead of each holding one row and waiting for the other's (a deadlock on PostgreSQL).
    """
    Organisation.objects.select_for_update().filter(pk=representation.organisation_id).first()
    return (
        Representation.objects.select_for_update()
        .select_related("organisation", "user")
        .filter(pk=representation.pk, organisation_id=representation.organisation_id)
        .first()
    )


def _ensure_another_admin(representation: Representation) -> None:
    """Refuse to take away the organisation's last MSO admin (call under ``_locked``)."""
    admins = list(
        Representation.objects.filter(
            organisation_id=representation.organisation_id, role=RepresentativeRole.ADMIN
        ).values_list("pk", flat=True)
    )
    if representation.role == RepresentativeRole.ADMIN and admins == [representation.pk]:
        raise ValidationError(
            _(
                "Die Organisation braucht mindestens eine Administration. Machen Sie zuerst eine "
                "andere Person zur Administration."
            ),
            code="last_admin",
        )


def invitation_mail_send(
    *, invitation: RepresentativeInvitation, secret: str, base_url: str | None = None
) -> None:
    """Send the one-time link to the invited address, in the invitation's language."""
    context = {
        "invitation": invitation,
        "organisation": invitation.organisation,
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        "link": invitation_link(url_name="space:invitation", secret=secret, base_url=base_url),
    }
    mail_send(
        to=[invitation.email],
        template="participation/space/mail/invitation",
        context=context,
        language=invitation.language,
    )


@transaction.atomic
def representative_invite(
    *,
    organisation: Organisation,
    actor,
    email: str,
    role: str,
    language: str = "",
    base_url: str | None = None,
) -> RepresentativeInvitation:
    """Invite ``email`` to represent ``organisation`` in ``role`` and mail the link; an open
    invitation to the same address is replaced. Staff standing in may invite admins only."""
    _require(actor, "participation.invite_representative", organisation)
    _check_role(role)
    if role != RepresentativeRole.ADMIN and not actor.has_perm(
        "participation.manage_representatives", organisation
    ):
        raise ValidationError(
            {"role": _("Sie können nur die erste Administration der Organisation einladen.")}
        )
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Bitte wählen Sie eine der Sprachen aus der Liste.")})
    email = User.objects.normalize_email((email or "").strip())
    if email and Representation.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("Eine Person mit dieser Adresse gehört schon zur Organisation.")})
    now = timezone.now()
    open_ones = RepresentativeInvitation.objects.select_for_update().filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    )
    replaced = list(open_ones.values_list("pk", flat=True))
    open_ones.update(revoked_at=now)
    secret, token_hash = invitation_secret_new()
    invitation = RepresentativeInvitation(
        organisation=organisation,
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
        subject=organisation,
        action="participation.representative.invited",
        actor=actor,
        data={"invitation": invitation.pk, "role": role, "replaces": replaced},
    )
    # Sent last and inside the transaction: if the mail cannot be sent, no invitation exists.
    invitation_mail_send(invitation=invitation, secret=secret, base_url=base_url)
    return invitation


@transaction.atomic
def representative_invitation_resend(
    *, invitation: RepresentativeInvitation, actor, base_url: str | None = None
) -> RepresentativeInvitation:
    """Mail a fresh link for an open (or expired) invitation; the old link stops working."""
    _require(actor, "participation.invite_representative", invitation.organisation)
    if not invitation.is_pending:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    return representative_invite(
        organisation=invitation.organisation,
        actor=actor,
        email=invitation.email,
        role=invitation.role,
        language=invitation.language,
        base_url=base_url,
    )


@transaction.atomic
def representative_invitation_revoke(
    *, invitation: RepresentativeInvitation, actor
) -> RepresentativeInvitation:
    """Withdraw an open invitation, so its link no longer works; revoking twice changes nothing."""
    _require(actor, "participation.invite_representative", invitation.organisation)
    invitation = (
        RepresentativeInvitation.objects.select_for_update()
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if not invitation.is_pending:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log_action(
        subject=invitation.organisation,
        action="participation.invitation.revoked",
        actor=actor,
        data={"invitation": invitation.pk, "role": invitation.role},
    )
    return invitation


def _accept(invitation: RepresentativeInvitation, user: User) -> Representation:
    invitation = (
        RepresentativeInvitation.objects.select_for_update()
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    # Checked again under the lock: two clicks on one link accept it once.
    invitation_check_open(invitation)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    # Someone who already represents it keeps their role, unless the invitation makes them its admin.
    representation, _changed = representation_ensure(
        organisation=invitation.organisation, user=user, role=invitation.role
    )
    log_action(
        subject=invitation.organisation,
        action="participation.representative.accepted",
        actor=user,
        data={"invitation": invitation.pk, "user": user.pk, "role": representation.role},
    )
    _forget(user)
    return representation


@transaction.atomic
def representative_invitation_accept(*, token: str, user: User) -> Representation:
    """Accept by the link's secret, signed in: once, unexpired, unrevoked."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return _accept(representative_invitation_for_token(token=token), user)


@transaction.atomic
def representative_register(
    *, token: str, username: str, first_name: str, last_name: str, password: str
) -> User:
    """Create the account of a new person from an invitation (its address and language) and accept it."""
    invitation = representative_invitation_for_token(token=token)
    user = invited_account_create(
        email=invitation.email,
        language=invitation.language,
        username=username,
        first_name=first_name,
        last_name=last_name,
        password=password,
    )
    log_action(subject=user, action="accounts.user.registered", actor=user)
    _accept(invitation, user)
    return user


@transaction.atomic
def representative_role_change(*, representation: Representation, actor, role: str) -> Representation:
    """Give a representative another role; the organisation's last MSO admin cannot be demoted."""
    _require(actor, "participation.manage_representatives", representation.organisation)
    _check_role(role)
    current = _locked(representation)
    if current is None:
        raise ValidationError(_("Diese Person gehört nicht mehr zur Organisation."), code="gone")
    representation = current
    if representation.role == role:
        return representation
    _ensure_another_admin(representation)
    previous, representation.role = representation.role, role
    representation.full_clean()
    representation.save(update_fields=["role"])
    log_action(
        subject=representation.organisation,
        action="participation.representative.role_changed",
        actor=actor,
        data={"user": representation.user_id, "from": previous, "to": role},
    )
    _forget(representation.user, actor)
    return representation


@transaction.atomic
def representative_remove(*, representation: Representation, actor) -> None:
    """Remove a representative (an MSO admin does) or leave (the person themself); never the last
    admin. Removing someone already gone (a form sent twice) changes nothing."""
    leaving = getattr(actor, "pk", None) == representation.user_id
    if not leaving:
        _require(actor, "participation.manage_representatives", representation.organisation)
    current = _locked(representation)
    if current is None:
        return
    representation = current
    _ensure_another_admin(representation)
    log_action(
        subject=representation.organisation,
        action="participation.representative.left" if leaving else "participation.representative.removed",
        actor=actor,
        data={"user": representation.user_id, "role": representation.role},
    )
    user = representation.user
    representation.delete()
    _forget(user, actor)


__all__ = [
    "INVITATION_VALIDITY",
    "InvitationInvalid",
    "representative_invitation_accept",
    "representative_invitation_resend",
    "representative_invitation_revoke",
    "representative_invite",
    "representative_register",
    "representative_remove",
    "representative_role_change",
]
