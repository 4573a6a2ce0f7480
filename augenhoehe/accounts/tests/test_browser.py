"""The network switch in the header, in real Chromium, with axe-core."""

import pytest
from playwright.sync_api import expect

from augenhoehe.testing.factories import NetworkFactory, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_a_coordinator_of_two_networks_switches_in_the_header(page, assert_accessible):
    first = NetworkFactory(name="Netzwerk Eins")
    second = NetworkFactory(name="Netzwerk Zwei")
    person = staff(first, also=[second], username="beide")

    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(person.username)
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    network = page.get_by_label("Netzwerk")
    expect(network).to_have_value(str(first.pk))
    assert_accessible(page)

    network.select_option(str(second.pk))
    page.locator("#network-select ~ button").click()
    expect(page.get_by_label("Netzwerk")).to_have_value(str(second.pk))
