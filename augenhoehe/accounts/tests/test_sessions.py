"""Sessions and transport: idle timeout for staff, no caching of signed-in pages, HTTPS settings
from the environment, the SQLite file readable by its owner only (issue 9)."""

import stat
import time

import pytest
from django.db.utils import ConnectionHandler
from django.test import Client
from django.urls import reverse

from augenhoehe.accounts.middleware import LAST_SEEN_KEY
from augenhoehe.core.tests.processes import environment, run_python
from augenhoehe.testing.factories import UserFactory, sign_in

pytestmark = [pytest.mark.django_db]


def idle_for(client: Client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - minutes * 60)
    session.save()


def test_a_coordinator_idle_longer_than_the_limit_is_signed_out(client_for, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client = client_for("coordinator")
    assert client.get(reverse("imports:list")).status_code == 200
    idle_for(client, 31)

    response = client.get(reverse("imports:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    followed = client.get(response["Location"])
    assert "Sie wurden nach 30 Minuten ohne Aktivität abgemeldet." in followed.content.decode()


def test_a_coordinator_active_within_the_limit_stays_signed_in(client_for, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client = client_for("coordinator")
    idle_for(client, 29)

    assert client.get(reverse("imports:list")).status_code == 200
    assert "_auth_user_id" in client.session


def test_the_idle_timeout_is_for_staff_an_mso_member_keeps_the_session(client_for, settings):
    settings.STAFF_IDLE_TIMEOUT_MINUTES = 30
    client = client_for("mso_member")
    idle_for(client, 120)

    assert client.get(reverse("directory:search")).status_code == 200
    assert "_auth_user_id" in client.session


def test_sessions_end_within_a_day_not_after_two_weeks(settings):
    assert settings.SESSION_COOKIE_AGE <= 24 * 3600


@pytest.mark.parametrize("role", ["mso_member", "coordinator", "network_admin"])
def test_every_page_for_a_signed_in_person_is_no_store_private(client_for, role):
    client = client_for(role)
    for name in ["directory:search", "accounts:security", "legal:imprint"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, (name, response["Cache-Control"])
        assert "public" not in directives and not any(
            d.startswith("max-age=") and d != "max-age=0" for d in directives
        )


def test_a_visitors_page_may_be_cached(client):
    response = client.get(reverse("directory:search"))
    assert "no-store" not in response.get("Cache-Control", "")


HTTPS_SETTINGS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, "
    "s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.PROXY_COUNT, "
    "s.STAFF_IDLE_TIMEOUT_MINUTES, s.SESSION_COOKIE_AGE, s.AXES_FAILURE_LIMIT)"
)


def test_https_settings_come_from_the_environment():
    started = run_python(
        HTTPS_SETTINGS,
        env=environment(
            AUGENHOEHE_HSTS_SECONDS="31536000",
            AUGENHOEHE_HSTS_INCLUDE_SUBDOMAINS="1",
            AUGENHOEHE_SSL_REDIRECT="1",
            AUGENHOEHE_PROXY_SSL_HEADER="X-Forwarded-Proto",
            AUGENHOEHE_SECURE_COOKIES="1",
            AUGENHOEHE_PROXY_COUNT="1",
            AUGENHOEHE_STAFF_IDLE_MINUTES="15",
            AUGENHOEHE_SESSION_HOURS="8",
            AUGENHOEHE_LOGIN_FAILURE_LIMIT="10",
        ),
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == [
        "31536000", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')", "True", "True", "1", "15", "28800", "10",
    ]  # fmt: skip


def test_without_those_variables_nothing_assumes_https():
    started = run_python(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.PROXY_COUNT)",
        env=environment(
            AUGENHOEHE_HSTS_SECONDS=None,
            AUGENHOEHE_SSL_REDIRECT=None,
            AUGENHOEHE_PROXY_SSL_HEADER=None,
            AUGENHOEHE_PROXY_COUNT=None,
        ),
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.split() == ["0", "False", "None", "0"]


def test_behind_the_proxy_https_is_recognised_and_hsts_sent(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000

    plain = client.get(reverse("directory:search"))
    secure = client.get(reverse("directory:search"), HTTP_X_FORWARDED_PROTO="https")

    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000"


def test_the_sqlite_file_is_created_readable_by_its_owner_only(tmp_path):
    name = tmp_path / "neu.sqlite3"
    # A connection of its own (whichever database the suite runs on), as the app's first one opens the file.
    databases = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name)}}
    wrapper = ConnectionHandler(databases)["default"]
    try:
        wrapper.ensure_connection()
        with wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x integer)")
    finally:
        wrapper.close()

    assert stat.S_IMODE(name.stat().st_mode) == 0o600


def test_a_signed_in_admin_without_checked_factor_is_not_a_reason_to_cache(client, users):
    # The pages before the second factor's check are personal too (the setup shows a secret).
    admin = users["network_admin"]
    client.force_login(admin)
    response = client.get(reverse("accounts:second_factor_verify"))
    assert "no-store" in response["Cache-Control"]


def test_sign_in_helper_is_honest_a_person_without_factor_is_signed_in_as_with_force_login(client):
    person = UserFactory()
    sign_in(client, person)
    assert client.get(reverse("accounts:security")).status_code == 200
