"""Sign-in throttling (django-axes) per account and per address, its page, and the audit of sign-ins.

Issue 9: "50 wrong passwords in 13 s, then the right one works; failures are not logged".
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from augenhoehe.accounts import services
from augenhoehe.accounts.throttling import client_ip
from augenhoehe.core.models import LogEntry
from augenhoehe.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

PASSWORD = "geheim-123"


def try_login(client: Client, username: str, password: str, address: str = "192.0.2.1", **headers):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def person():
    return UserFactory(username="erika")


def test_after_the_limit_of_wrong_passwords_the_right_one_is_refused_with_a_clear_page(
    client, person, settings
):
    for _try in range(settings.AXES_FAILURE_LIMIT - 1):
        assert try_login(client, "erika", "falsch").status_code == 200
    refused = try_login(client, "erika", "falsch")
    assert refused.status_code == 429

    response = try_login(client, "erika", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
    assert "Bitte versuchen Sie es in 15 Minuten wieder." in response.content.decode()
    assert {"accounts/lockout.html", "base.html"} <= {t.name for t in response.templates}


def test_the_lockout_page_speaks_the_readers_language(client, person, settings):
    for _try in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, "erika", "falsch", HTTP_ACCEPT_LANGUAGE="ar")

    response = try_login(client, "erika", PASSWORD, HTTP_ACCEPT_LANGUAGE="ar")

    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    with translation.override("ar"):
        title = translation.gettext("Anmeldung vorübergehend gesperrt")
    assert title != "Anmeldung vorübergehend gesperrt"
    assert title in html


def test_the_account_is_locked_whichever_address_the_tries_come_from(client, person, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, "erika", "falsch", address=f"198.51.100.{number}")

    response = try_login(client, "Erika", PASSWORD, address="203.0.113.9")

    assert response.status_code == 429
    assert not signed_in(client)


def test_an_address_is_locked_whichever_accounts_it_tries(client, person, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, f"jemand{number}", "falsch", address="192.0.2.77")

    assert try_login(client, "erika", PASSWORD, address="192.0.2.77").status_code == 429
    assert not signed_in(client)
    # Another address still signs the same person in.
    assert try_login(client, "erika", PASSWORD, address="192.0.2.78").status_code == 302
    assert signed_in(client)


def test_a_successful_sign_in_clears_the_failures_before_it(client, person, settings):
    for _try in range(settings.AXES_FAILURE_LIMIT - 1):
        try_login(client, "erika", "falsch")
    assert try_login(client, "erika", PASSWORD).status_code == 302
    client.logout()
    for _try in range(settings.AXES_FAILURE_LIMIT - 1):
        try_login(client, "erika", "falsch")

    assert try_login(client, "erika", PASSWORD).status_code == 302


def test_a_password_reset_lifts_the_lockout_of_the_account(client, person, settings):
    for _try in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, "erika", "falsch")

    services.password_reset_record(user=person)

    assert try_login(client, "erika", PASSWORD).status_code == 302


def test_failed_and_successful_sign_ins_are_in_the_audit_log(client, person):
    try_login(client, "erika", "falsch")
    try_login(client, "niemand", "falsch")
    try_login(client, "erika", PASSWORD)

    entries = list(LogEntry.shared.filter(object_id=str(person.pk)).order_by("pk"))
    assert [(e.action, e.actor, e.data) for e in entries] == [
        ("accounts.login.failed", None, {"locked_out": False}),
        ("accounts.login.succeeded", person, {}),
    ]
    # A name that belongs to nobody is counted by the throttle, not logged against anyone.
    assert (
        not LogEntry.shared.filter(action="accounts.login.failed").exclude(object_id=str(person.pk)).exists()
    )


def test_a_try_during_the_lockout_is_logged_as_locked_out(client, person, settings):
    for _try in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, "erika", "falsch")

    try_login(client, "erika", PASSWORD)

    last = LogEntry.shared.filter(action="accounts.login.failed").order_by("pk").last()
    assert last is not None and last.data == {"locked_out": True}
    assert not LogEntry.shared.filter(action="accounts.login.succeeded").exists()


def test_the_address_is_the_connections_own_unless_proxies_are_configured(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.5")
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.PROXY_COUNT = 1
    # The entry our own proxy appended; the browser's own "6.6.6.6" is not believed.
    assert client_ip(request) == "192.0.2.5"
    settings.PROXY_COUNT = 3
    assert client_ip(request) == "10.0.0.2"


def test_without_a_proxy_setting_a_forged_header_does_not_escape_the_address_lockout(
    client, person, settings
):
    for number in range(settings.AXES_FAILURE_LIMIT):
        try_login(client, f"jemand{number}", "falsch", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")

    response = try_login(client, "erika", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.200")

    assert response.status_code == 429
