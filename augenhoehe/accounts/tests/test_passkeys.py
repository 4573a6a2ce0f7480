"""Passkeys (WebAuthn) as a second factor, through django-otp-webauthn's endpoints, with a software
authenticator made here: registration, then the check after the password, each audit-logged."""

import base64
import hashlib
import json
import os

import cbor2
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

# Flags of the authenticator data: user present, user verified, attested credential data follows.
UP, UV, AT = 0x01, 0x04, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Authenticator:
    """A passkey in software: one P-256 key, as a phone or security key holds it."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.sign_count = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        origin = settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
        ).encode()

    def _rp_hash(self) -> bytes:
        return hashlib.sha256(settings.OTP_WEBAUTHN_RP_ID.encode()).digest()

    def register(self, options: dict) -> dict:
        numbers = self.key.public_key().public_numbers()
        cose_key = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")}
        attested = (
            bytes(16)
            + len(self.credential_id).to_bytes(2, "big")
            + self.credential_id
            + cbor2.dumps(cose_key)
        )
        auth_data = self._rp_hash() + bytes([UP | UV | AT]) + self.sign_count.to_bytes(4, "big") + attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(self._client_data("webauthn.create", options["challenge"])),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        }

    def assert_(self, options: dict, user_handle: str) -> dict:
        self.sign_count += 1
        auth_data = self._rp_hash() + bytes([UP | UV]) + self.sign_count.to_bytes(4, "big")
        client_data = self._client_data("webauthn.get", options["challenge"])
        signature = self.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": user_handle,
            },
            "clientExtensionResults": {},
        }


def post_json(client: Client, name: str, data: dict | None = None):
    return client.post(reverse(name), json.dumps(data or {}), content_type="application/json")


def test_a_passkey_is_registered_and_then_checked_after_the_password(client):
    person = UserFactory(username="erika")
    client.force_login(person)
    authenticator = Authenticator()

    options = post_json(client, "otp_webauthn:credential-registration-begin").json()
    registered = post_json(
        client, "otp_webauthn:credential-registration-complete", authenticator.register(options)
    )

    assert registered.status_code == 200, registered.content
    credential = WebAuthnCredential.objects.get(user=person)
    assert credential.confirmed
    assert LogEntry.shared.filter(action="accounts.second_factor.passkey_added", actor=person).exists()

    # Signing in again: the password, then the passkey instead of a code.
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "erika", "password": "geheim-123"})
    assert fresh.get(reverse("directory:search"))["Location"].startswith(
        reverse("accounts:second_factor_verify")
    )
    challenge = post_json(fresh, "otp_webauthn:credential-authentication-begin").json()
    checked = post_json(
        fresh,
        "otp_webauthn:credential-authentication-complete",
        authenticator.assert_(challenge, options["user"]["id"]),
    )

    assert checked.status_code == 200, checked.content
    assert fresh.get(reverse("directory:search")).status_code == 200
    assert LogEntry.shared.filter(action="accounts.second_factor.passkey_checked", actor=person).exists()


def test_a_wrong_signature_does_not_pass(client):
    person = UserFactory(username="erika")
    client.force_login(person)
    authenticator = Authenticator()
    options = post_json(client, "otp_webauthn:credential-registration-begin").json()
    post_json(client, "otp_webauthn:credential-registration-complete", authenticator.register(options))

    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "erika", "password": "geheim-123"})
    challenge = post_json(fresh, "otp_webauthn:credential-authentication-begin").json()
    forged = authenticator.assert_(challenge, options["user"]["id"])
    forged["response"]["signature"] = b64url(Authenticator().key.sign(b"x", ec.ECDSA(hashes.SHA256())))

    refused = post_json(fresh, "otp_webauthn:credential-authentication-complete", forged)

    assert refused.status_code >= 400
    assert fresh.get(reverse("directory:search")).status_code == 302
    assert not LogEntry.shared.filter(action="accounts.second_factor.passkey_checked").exists()


def test_a_second_passkey_needs_the_first_factor_checked(client):
    person = UserFactory(username="erika")
    client.force_login(person)
    options = post_json(client, "otp_webauthn:credential-registration-begin").json()
    post_json(client, "otp_webauthn:credential-registration-complete", Authenticator().register(options))

    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "erika", "password": "geheim-123"})
    response = post_json(fresh, "otp_webauthn:credential-registration-begin")

    assert response.status_code == 403
    assert WebAuthnCredential.objects.filter(user=person).count() == 1
