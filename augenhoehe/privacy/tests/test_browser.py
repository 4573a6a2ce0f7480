"""The privacy pages in real Chromium with axe-core: one's own data (also right to left), erasure, the DPO's pages."""

import pytest
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from augenhoehe.core.tests.test_browser import sign_in
from augenhoehe.testing.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]


def test_my_data_page_and_its_consents(page, live_server, users, assert_accessible):
    sign_in(page, live_server, users["coordinator"])
    page.goto("/privacy/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Daten")
    expect(page.get_by_role("heading", name="Personen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Einwilligen").click()
    expect(page.get_by_role("button", name="Widerrufen")).to_be_visible()
    assert_accessible(page)
    page.goto("/privacy/mine/erase/")
    expect(page.get_by_label("Ihr Passwort")).to_be_visible()
    assert_accessible(page)


def test_my_data_page_runs_right_to_left(page, live_server, users, assert_accessible):
    sign_in(page, live_server, users["coordinator"])
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto("/privacy/mine/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)


def test_the_dpo_pages(page, live_server, users, assert_accessible):
    officer = UserFactory(username="dsb")
    officer.user_permissions.add(Permission.objects.get(codename="act_as_dpo"))
    sign_in(page, live_server, officer)
    page.goto("/privacy/retention/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Löschfristen")
    assert_accessible(page)
    page.get_by_role("link", name="Verzeichnis von Verarbeitungstätigkeiten").click()
    expect(page.get_by_role("heading", name="Verzeichnis von Verarbeitungstätigkeiten")).to_be_visible()
    assert_accessible(page)
    page.goto("/privacy/person/")
    page.get_by_label("E-Mail-Adresse").fill("niemand@example.org")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_text("Über diese Person ist nichts gespeichert.")).to_be_visible()
    assert_accessible(page)
