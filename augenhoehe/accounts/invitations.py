"""What every invitation by a one-time link has in common, for the network's people (``Invitation``)
and an organisation's own (``participation.RepresentativeInvitation``): the secret and its stored
hash, the checks of a link, the absolute link, and the new person's account."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import User


class InvitationInvalid(Exception):
    """The link leads to no invitation that can still be accepted; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown", "used", "revoked" or "expired"

    @property
    def gone(self) -> bool:
        """The invitation existed (410 Gone), as opposed to never (404)."""
        return self.reason != "unknown"


def invitation_token_hash(token: str) -> str:
    """The stored form of an invitation's secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_secret_new() -> tuple[str, str]:
    """A new secret for a link (it travels only in the mail) and its hash (which is stored)."""
    secret = secrets.token_urlsafe(32)
    return secret, invitation_token_hash(secret)


def invitation_check_open(invitation) -> None:
    """Raise InvitationInvalid unless ``invitation`` (any model with ``accepted_at``, ``revoked_at``
    and ``is_expired``; None for a link that matched nothing) can still be accepted."""
    if invitation is None:
        raise InvitationInvalid("unknown")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    if invitation.revoked_at is not None:
        raise InvitationInvalid("revoked")
    if invitation.is_expired:
        raise InvitationInvalid("expired")


def invitation_link(*, url_name: str, secret: str, base_url: str | None = None) -> str:
    """The absolute one-time link for ``secret`` to the page ``url_name`` (which takes ``token``)."""
    base = (base_url or settings.AUGENHOEHE_BASE_URL).rstrip("/")
    return base + reverse(url_name, kwargs={"token": secret})


def invited_account_create(
    *, email: str, language: str, username: str, first_name: str, last_name: str, password: str
) -> User:
    """Create the account of an invited person with the invitation's address and language; every
    problem is raised at once, as a ValidationError by field (Django's password validators)."""
    user = User(
        username=(username or "").strip(),
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=email,
        language=language,
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
    return user


def username_suggestion(email: str) -> str:
    """A username to offer a new person: the part of their address before the @ (they may change it)."""
    local = (email or "").split("@", 1)[0]
    suggestion = "".join(ch for ch in local if ch.isalnum() or ch in "@.+-_")[:150]
    if suggestion and not User.objects.filter(username__iexact=suggestion).exists():
        return suggestion
    return ""
