"""The main journeys with the keyboard alone (Tab, Shift+Tab, Enter, Space; no mouse): a visitor
searches the directory and opens a profile, registers for an event; an organisation's admin signs
in and edits the profile. Every stop of the focus is visible, and the focus is never trapped."""

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.directory.models import Organisation, RepresentativeRole
from augenhoehe.events.tests.registration_helpers import make_event, registrations
from augenhoehe.testing.factories import representative
from augenhoehe.testing.keyboard import focused, tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_the_skip_link_comes_first_and_moves_the_focus_to_the_content(page, organisation_factory):
    organisation_factory(name="Elternverein Regenbogen")
    page.goto("/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["href"] == "#main" or skip["href"].endswith("#result-list"), skip
    assert skip["visible"]
    box = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert box >= 0, "the skip link is shown when it has the focus"
    tab_to(page, lambda e: e["href"] == "#main")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_visitor_searches_the_directory_and_opens_a_profile(page, organisation_factory):
    organisation_factory(name="Elternverein Regenbogen", city="Verl")
    organisation_factory(name="Sportclub Anadolu")
    page.goto("/")
    tab_to(page, lambda e: e["id"] == "id_q")
    page.keyboard.type("Regenbogen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Elternverein Regenbogen")).to_be_visible()
    tab_to(page, lambda e: e["text"] == "Elternverein Regenbogen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Elternverein Regenbogen")


def test_the_focus_is_never_trapped(page, organisation_factory):
    """From the top, Tab reaches the footer's last link, and Shift+Tab comes back to the search field."""
    organisation_factory(name="Elternverein Regenbogen")
    page.goto("/")
    tab_to(page, lambda e: e["href"] == "/leichte-sprache/", limit=300)
    tab_to(page, lambda e: e["id"] == "id_q", limit=300, backwards=True)


def test_a_visitor_registers_for_an_event(page, network):
    event = make_event(network, capacity=10)
    page.goto(f"/events/{event.pk}/register/")
    tab_to(page, lambda e: e["id"] == "id_name")
    page.keyboard.type("Ayşe Yılmaz")
    tab_to(page, lambda e: e["id"] == "id_email")
    page.keyboard.type("ayse@example.org")
    tab_to(page, lambda e: e["id"] == "id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Jetzt anmelden")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bitte bestätigen Sie Ihre Anmeldung")
    assert [r.email for r in registrations(event)] == ["ayse@example.org"]
    assert len(mail.outbox) == 1


def test_an_organisations_admin_signs_in_and_edits_the_profile(page, organisation_factory):
    organisation = organisation_factory(name="Elternverein Regenbogen", is_published=False)
    with scopes_disabled():
        representative(organisation, RepresentativeRole.ADMIN, username="vorstand")
    page.goto("/accounts/login/")
    tab_to(page, lambda e: e["name"] == "username")
    page.keyboard.type("vorstand")
    tab_to(page, lambda e: e["name"] == "password")
    page.keyboard.type("geheim-123")
    page.keyboard.press("Enter")
    # A representative lands in the organisation's own space.
    expect(page.get_by_role("heading", level=1)).to_have_text("Elternverein Regenbogen")
    tab_to(page, lambda e: e["text"] == "Profil bearbeiten")
    page.keyboard.press("Enter")
    expect(page.locator("input[name=website]")).to_be_visible()
    tab_to(page, lambda e: e["name"] == "website")
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("https://regenbogen.example.org")
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Speichern", limit=300)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Elternverein Regenbogen")
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.website == "https://regenbogen.example.org"
