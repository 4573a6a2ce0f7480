"""The check that a person, not a script, sends the listing form: ALTCHA's proof of work.

The page's widget (vendored in ``static/participation/altcha/``, no third-party request) fetches a
challenge from ``listing:challenge`` and searches the number whose hash it names; the form sends
the solution. The server checks it with the ``altcha`` library (v1 challenges, SHA-256): signed with
a key derived from ``SECRET_KEY``, not expired, and not used before. A used challenge is written to
the table ``UsedChallenge`` (a SHA-256 of it, unique): a second use, in any process, fails on that
insert. Not the cache: the database cache culls entries when it is full, and a forgotten challenge
could be replayed. The retention rule ``participation.listing_challenges`` deletes expired rows.
"""

import base64
import binascii
import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import cast

import altcha
import altcha.v1
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .models import UsedChallenge

# How long a challenge may be solved and sent: long enough to fill the form after ticking the box.
CHALLENGE_MINUTES = 30
# The largest number the browser may have to try: about a second's work on a phone.
MAX_NUMBER = 200_000
# A solution is at most this long; anything larger is not one of ours.
MAX_PAYLOAD = 2000

MISSING = _("Bitte bestätigen Sie unten, dass Sie kein Roboter sind.")
EXPIRED = _("Die Prüfung ist abgelaufen. Bitte bestätigen Sie noch einmal, dass Sie kein Roboter sind.")
INVALID = _("Die Prüfung hat nicht geklappt. Bitte bestätigen Sie noch einmal, dass Sie kein Roboter sind.")
REPLAYED = _(
    "Diese Prüfung wurde schon benutzt. Bitte bestätigen Sie noch einmal, dass Sie kein Roboter sind."
)


def widget_strings() -> dict[str, str]:
    """The widget's texts in the page's language (it brings only English)."""
    waiting = str(_("Ihr Gerät rechnet … bitte warten."))
    return {
        "label": str(_("Ich bin kein Roboter")),
        "verifying": waiting,
        "waitAlert": waiting,
        "verified": str(_("Geprüft: Sie sind kein Roboter.")),
        "error": str(_("Die Prüfung hat nicht geklappt. Bitte versuchen Sie es noch einmal.")),
        "expired": str(_("Die Prüfung ist abgelaufen. Bitte klicken Sie noch einmal.")),
        "verificationRequired": str(MISSING),
        "loading": str(_("Lädt …")),
        "reload": str(_("Neu laden")),
        "verify": str(_("Prüfen")),
        "footer": "",
        "ariaLinkLabel": "",
    }


class NotVerified(Exception):
    """The solution is missing, forged, expired or used; ``message`` says so in the person's words."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def hmac_key() -> str:
    """The key challenges are signed with: derived from SECRET_KEY, used for nothing else."""
    return salted_hmac("augenhoehe.participation.listing.altcha", "challenge").hexdigest()


def challenge_new(*, max_number: int = MAX_NUMBER) -> dict:
    """A fresh signed challenge, as the widget reads it (JSON)."""
    expires = timezone.now() + timedelta(minutes=CHALLENGE_MINUTES)
    challenge = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(max_number=max_number, hmac_key=hmac_key(), expires=expires)
    )
    return challenge.to_dict()


def _payload(text: str) -> "altcha.v1.PayloadType":
    if len(text) > MAX_PAYLOAD:
        raise NotVerified(INVALID)
    try:
        payload = json.loads(base64.b64decode(text, validate=True).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise NotVerified(INVALID) from None
    if not isinstance(payload, dict) or not all(
        isinstance(payload.get(key), str) for key in ("algorithm", "challenge", "salt", "signature")
    ):
        raise NotVerified(INVALID)
    if not isinstance(payload.get("number"), int) or isinstance(payload.get("number"), bool):
        raise NotVerified(INVALID)
    return cast("altcha.v1.PayloadType", payload)


def _expires(payload: "altcha.v1.PayloadType") -> int:
    """The expiry (seconds since the epoch) the signed salt carries; every challenge of ours has one."""
    found = altcha.extract_params_v1(payload).get("expires") or [""]
    try:
        return int(found[0])
    except ValueError:
        raise NotVerified(INVALID) from None


def solution_check(text: str) -> None:
    """Accept a solution once: raises ``NotVerified`` for a missing, forged, expired or used one."""
    text = (text or "").strip()
    if not text:
        raise NotVerified(MISSING)
    payload = _payload(text)
    expires = _expires(payload)
    if expires <= timezone.now().timestamp():
        raise NotVerified(EXPIRED)
    verified, _error = altcha.verify_solution_v1(payload, hmac_key(), check_expires=True)
    if not verified:
        raise NotVerified(INVALID)
    challenge_use(payload["challenge"], expires_at=datetime.fromtimestamp(expires, tz=UTC))


def challenge_use(challenge: str, *, expires_at: datetime) -> None:
    """Mark ``challenge`` used, or raise ``NotVerified`` if it was: the unique hash decides, also
    between two processes at once (the second insert waits for the first and then fails)."""
    digest = hashlib.sha256(challenge.encode()).hexdigest()
    try:
        # A savepoint inside the caller's transaction: on PostgreSQL a failed insert would otherwise
        # break the whole transaction.
        with transaction.atomic():
            UsedChallenge.objects.create(challenge_hash=digest, expires_at=expires_at)
    except IntegrityError:
        raise NotVerified(REPLAYED) from None
