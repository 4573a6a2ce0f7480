"""The installation stores passwords with Argon2 (the tests themselves use a fast hasher)."""

from django.conf import settings
from django.contrib.auth.hashers import get_hasher, identify_hasher, make_password
from django.test import override_settings


def test_passwords_are_stored_with_argon2():
    from augenhoehe.config import settings as configured

    with override_settings(PASSWORD_HASHERS=configured.PASSWORD_HASHERS):
        assert get_hasher().algorithm == "argon2"
        assert identify_hasher(make_password("geheim-123")).algorithm == "argon2"
    assert settings.PASSWORD_HASHERS != configured.PASSWORD_HASHERS  # the tests' own, fast hasher
