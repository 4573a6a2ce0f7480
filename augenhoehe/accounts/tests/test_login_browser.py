"""Signing in with a password and a TOTP code, setting an app up, and the new pages, in real
Chromium with axe-core, in German and in right-to-left Arabic."""

import base64
import re

import pyotp
import pytest
from playwright.sync_api import expect

from augenhoehe.accounts.models import NetworkRole
from augenhoehe.testing.factories import staff, with_second_factor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]

PASSWORD = "geheim-123"


def password_step(page, username: str, next_url: str = "/network/people/") -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_a_network_admin_signs_in_with_password_and_a_code_from_the_app(page, network, assert_accessible):
    admin = staff(network, NetworkRole.ADMIN, username="leitung")
    device = with_second_factor(admin)

    password_step(page, "leitung")

    expect(page).to_have_url(re.compile(r"/accounts/security/verify/\?next=%2Fnetwork%2Fpeople%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zweiter Faktor")
    assert_accessible(page)
    page.get_by_label("Code").fill("000000" if pyotp.TOTP(b32(device)).now() != "000000" else "111111")
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.locator("#id_token_error")).to_contain_text("Der Code stimmt nicht")
    assert_accessible(page)

    # django-otp lets the next try wait a moment after a failure; the test does not wait for it.
    device.refresh_from_db()
    device.throttle_reset()
    page.get_by_label("Code").fill(pyotp.TOTP(b32(device)).now())
    page.get_by_role("button", name="Bestätigen").click()

    expect(page).to_have_url(re.compile(r"/network/people/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Personen im Netzwerk KI Kreis Gütersloh")


def test_a_network_admin_without_a_factor_sets_up_an_app_right_after_signing_in(
    page, network, assert_accessible
):
    staff(network, NetworkRole.ADMIN, username="leitung")

    password_step(page, "leitung")

    expect(page).to_have_url(re.compile(r"/accounts/security/totp/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Authenticator-App einrichten")
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code aus der App").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="App bestätigen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wiederherstellungscodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Ich habe die Codes aufbewahrt")).click()
    expect(page).to_have_url(re.compile(r"/network/people/$"))


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_new_pages_pass_axe_in_german_and_arabic(page, live_server, network, language, assert_accessible):
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    for path in ["/accounts/login/", "/accounts/password/reset/", "/accounts/password/reset/sent/",
                 "/accounts/password/reset/MQ/falsch/", "/accounts/password/reset/done/"]:  # fmt: skip
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)
    admin = staff(network, NetworkRole.ADMIN, username="leitung")
    device = with_second_factor(admin)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("leitung")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/security/verify/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.locator("#id_token").fill(pyotp.TOTP(b32(device)).now())
    page.locator("#id_token").press("Enter")
    for path in ["/accounts/security/totp/", "/accounts/security/"]:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)
    page.locator("form[action='/accounts/security/recovery-codes/'] button").click()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)


def test_the_lockout_page_passes_axe_in_arabic(page, live_server, network, settings, assert_accessible):
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    for _try in range(settings.AXES_FAILURE_LIMIT + 1):
        page.goto("/accounts/login/")
        page.locator("#id_username").fill("leitung")
        page.locator("#id_password").fill("falsch")
        page.locator("#id_password").press("Enter")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)


def b32(device) -> str:
    return base64.b32encode(device.bin_key).decode()
