"""Helpers of the listing tests: a solved ALTCHA challenge (solved here with the library, as the
browser's widget solves it), the form's data and a stored request."""

from datetime import timedelta

import altcha
from django.utils import timezone

from augenhoehe.participation import listing_altcha
from augenhoehe.participation.listing import CONSENT_PURPOSE
from augenhoehe.participation.models import ListingRequest

# Small, so that the tests solve quickly; the server checks the same way whatever the size.
TEST_MAX_NUMBER = 3000


def solved(*, key: str | None = None, expires_in: timedelta = timedelta(minutes=10)) -> str:
    """The widget's answer to a fresh challenge, signed with ``key`` (the server's by default)."""
    challenge = altcha.create_challenge_v1(
        altcha.ChallengeOptionsV1(
            max_number=TEST_MAX_NUMBER,
            hmac_key=key if key is not None else listing_altcha.hmac_key(),
            expires=timezone.now() + expires_in,
        )
    )
    solution = altcha.solve_challenge_v1(challenge)
    assert solution is not None
    return altcha.PayloadV1(
        algorithm=challenge.algorithm,
        challenge=challenge.challenge,
        number=solution.number,
        salt=challenge.salt,
        signature=challenge.signature,
    ).to_base64()


def form_data(**overrides) -> dict:
    """A complete, valid request from Gütersloh (Kreis 05754)."""
    data = {
        "name": "Deutsch-Türkischer Elternverein Verl e.V.",
        "kind": "parents",
        "postal_code": "33415",
        "city": "Verl",
        "description": "Wir beraten Eltern auf Türkisch und Deutsch, zum Beispiel zur Kita.",
        "languages": ["tr", "de"],
        "website": "elternverein-verl.de",
        "contact_name": "Ayşe Yılmaz",
        "contact_email": "ayse@example.org",
        "contact_language": "tr",
        "consent": "on",
        "altcha": solved(),
        "homepage": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored_request(**fields) -> ListingRequest:
    """An open request, stored directly (the form's path is tested on its own)."""
    values = {
        "name": "Kulturverein Kalyna",
        "kind": "cultural",
        "postal_code": "33330",
        "city": "Gütersloh",
        "kreis_id": "05754",
        "description": "Ukrainische Kultur und Sprache.",
        "languages": ["uk", "de"],
        "contact_name": "Olena Koval",
        "contact_email": "olena@example.org",
        "contact_language": "uk",
        "consent_at": timezone.now(),
        "consent_version": CONSENT_PURPOSE.version,
    }
    values.update(fields)
    return ListingRequest.objects.create(**values)
