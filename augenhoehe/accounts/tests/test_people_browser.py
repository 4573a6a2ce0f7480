"""Inviting a new colleague, in real Chromium, with axe-core on every page on the way."""

import base64
import re

import pyotp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from augenhoehe.accounts.models import NetworkMembership, NetworkRole, User

from .mails import link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]


def test_admin_invites_and_the_new_person_registers_into_the_network(
    page, browser, live_server, people, network, mailoutbox, assert_accessible
):
    page.goto("/accounts/login/?next=/organisations/")
    page.get_by_label("Benutzername").fill("admin")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    # The admin's second factor: the code their app shows now.
    device = TOTPDevice.objects.get(user=people["admin"])
    page.get_by_label("Code").fill(pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now())
    page.get_by_role("button", name="Bestätigen").click()
    page.get_by_role("link", name="Personen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personen im Netzwerk KI Kreis Gütersloh")
    assert_accessible(page)

    page.get_by_label("E-Mail-Adresse").fill("kein-mail")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.locator("#id_email_error")).to_be_visible()
    page.get_by_label("E-Mail-Adresse").fill("yasemin@example.org")
    page.get_by_role("combobox", name="Rolle", exact=True).select_option("coordinator")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_role("status")).to_contain_text("yasemin@example.org")
    expect(page.get_by_role("cell", name="yasemin@example.org", exact=True)).to_be_visible()
    assert_accessible(page)

    # The invited person opens the link from the mail in a browser of their own.
    assert len(mailoutbox) == 1
    link = link_in(mailoutbox[0])
    assert live_server.url + link in mailoutbox[0].body
    other = browser.new_context(base_url=live_server.url, locale="de-DE")
    newcomer = other.new_page()
    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text(
        "Einladung in das Netzwerk KI Kreis Gütersloh"
    )
    assert_accessible(newcomer)
    newcomer.get_by_label("Vorname").fill("Yasemin")
    newcomer.get_by_label("Nachname").fill("Kaya")
    newcomer.get_by_label("Benutzername").fill("yasemin")
    newcomer.get_by_label(re.compile(r"^Passwort\W*$")).fill("Kita-Einstieg-2026")
    newcomer.get_by_label("Passwort wiederholen").fill("Kita-Einstieg-2026")
    newcomer.get_by_role("button", name="Konto anlegen und Einladung annehmen").click()
    expect(newcomer).to_have_url(re.compile(r"/organisations/$"))
    expect(newcomer.locator(".messages")).to_contain_text("Sie arbeiten jetzt für KI Kreis Gütersloh")
    expect(newcomer.locator(".user-badge")).to_contain_text("Yasemin Kaya")
    assert_accessible(newcomer)
    user = User.objects.get(username="yasemin")
    assert NetworkMembership.objects.get(user=user).role == NetworkRole.COORDINATOR

    newcomer.goto(link)
    expect(newcomer.get_by_role("heading", level=1)).to_have_text("Diese Einladung gilt nicht mehr")
    other.close()

    page.reload()
    expect(page.get_by_role("cell", name="Yasemin Kaya", exact=True)).to_be_visible()
