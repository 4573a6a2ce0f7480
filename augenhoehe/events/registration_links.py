"""A registration's links (confirm, cancel): signed, so that no secret is stored. Each purpose signs
with its own salt, so a cancellation link confirms nothing; a confirmation link expires with the
registration (EVENT_CONFIRM_HOURS)."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

CONFIRM = "confirm"
CANCEL = "cancel"
_SALT = "augenhoehe.events.registration."


class LinkInvalid(Exception):
    """A registration's link that is forged, broken, expired, or whose registration is gone."""

    def __init__(self, reason: str, language: str = "") -> None:
        super().__init__(reason)
        self.reason = reason  # "unknown", "expired", "past"
        self.language = language


def link_token(registration_pk: int, purpose: str) -> str:
    """The signed token of a registration's ``purpose`` link."""
    return signing.dumps({"r": registration_pk, "p": purpose}, salt=_SALT + purpose)


def registration_pk_of(token: str, purpose: str) -> int:
    """The registration a token names; raises ``LinkInvalid``."""
    max_age = timedelta(hours=settings.EVENT_CONFIRM_HOURS) if purpose == CONFIRM else None
    try:
        data = signing.loads(token, salt=_SALT + purpose, max_age=max_age)
    except signing.SignatureExpired as expired:
        raise LinkInvalid("expired") from expired
    except signing.BadSignature as bad:
        raise LinkInvalid("unknown") from bad
    if not isinstance(data, dict) or data.get("p") != purpose or type(data.get("r")) is not int:
        raise LinkInvalid("unknown")
    return data["r"]
