"""The figures in real Chromium with axe-core: the event's figures page in German and Arabic (its bars
grow from the right there), and a co-organiser's profile with its events section, for a visitor on
a phone and for the network's coordinator."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from augenhoehe.events.choices import RegistrationStatus
from augenhoehe.events.tests.figures_world import event_make, hand_made, registration_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def world(network, users, organisation_factory):
    x, y = organisation_factory(name="Verein X"), organisation_factory(name="Verein Y")
    past = hand_made(network, x, y)
    upcoming = event_make(network, organisers=[x], days=10, title="Infoabend Kita")
    registration_make(upcoming, status=RegistrationStatus.CONFIRMED, via=x)
    return past, x


def sign_in(page, base_url: str = "", language="de"):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if language == "ar":
        page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": base_url}])


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_figures_page_is_accessible(page, live_server, world, assert_accessible, language):
    past, _x = world
    sign_in(page, live_server.url, language)
    page.goto(reverse("events:figures", kwargs={"pk": past.pk}))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("svg.figures-chart__svg")).to_have_count(2)
    expect(page.locator("table.figures-table").first).to_contain_text("3 (50 %)")
    # Every label and number is drawn inside its chart (a right-to-left label anchored on the wrong
    # side once ran off the chart's edge).
    outside = page.evaluate(
        """() => [...document.querySelectorAll("svg.figures-chart__svg")].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll("text")].map(text => text.getBoundingClientRect())
                .filter(r => r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1));
        }).length"""
    )
    assert outside == 0
    assert_accessible(page)


def test_the_profile_section_is_accessible_to_a_visitor_on_a_phone_and_to_staff(
    browser, live_server, page, world, assert_accessible
):
    _past, x = world
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    )
    phone = context.new_page()
    phone.goto(x.get_absolute_url())
    section = phone.locator("section", has=phone.locator("#events-heading"))
    expect(section).to_contain_text("Infoabend Kita")
    expect(section).not_to_contain_text("Was die Veranstaltungen erreicht haben")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone)
    context.close()

    sign_in(page)
    page.goto(x.get_absolute_url())
    section = page.locator("section", has=page.locator("#events-heading"))
    expect(section).to_contain_text("Was die Veranstaltungen erreicht haben")
    assert_accessible(page)
