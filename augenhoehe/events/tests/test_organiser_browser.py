"""In real Chromium: a coordinator plans an event with a programme and publishes it; a visitor on a
360 px phone finds it in the list in Arabic. axe-core on the public list and event page in German
and Arabic."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.tests.test_browser import sign_in

from .. import services
from ..models import Event
from .organiser_helpers import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

PHONE = {"width": 360, "height": 740}


def test_a_coordinator_publishes_an_event_and_a_visitor_finds_it_in_arabic(
    page, browser, live_server, users, assert_accessible
):
    day = timezone.localdate() + timedelta(days=21)
    sign_in(page)
    page.goto(reverse("events:event_new"))
    page.locator("#id_title").fill("Infoabend Kita für arabischsprachige Eltern")
    page.locator("#id_start_date").fill(day.isoformat())
    page.get_by_label("Beginn (Uhrzeit)").fill("18:00")
    page.get_by_label("Ende (Uhrzeit)").fill("20:00")
    page.locator("#id_place_name").fill("Familienzentrum Nord")
    page.get_by_label("Arabisch", exact=True).check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Infoabend Kita für arabischsprachige Eltern")
    expect(page.locator("#event-status")).to_have_text("Entwurf")

    programme = page.locator("#programme-form")
    programme.get_by_label("Uhrzeit").fill("18:15")
    programme.get_by_label("Titel").fill("Wie finde ich einen Kita-Platz?")
    programme.get_by_label("Wer spricht").fill("Samira Haddad")
    programme.get_by_role("button", name="Programmpunkt hinzufügen").click()
    expect(page.locator("#programme")).to_contain_text("Samira Haddad")
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator("#event-status")).to_have_text("Veröffentlicht")
    with scopes_disabled():
        event = Event.objects.get()
    assert event.status == "published"
    # The organisers' page and the form are accessible too.
    assert_accessible(page)
    page.goto(reverse("events:event_edit", args=[event.pk]))
    assert_accessible(page)

    visitor = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=PHONE)
    phone = visitor.new_page()
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(reverse("events:list"))
    phone.get_by_label("Sprache", exact=True).first.select_option("ar")
    phone.get_by_role("button", name="Wechseln").click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    phone.locator("#id_language").select_option("ar")
    phone.locator("form[role=search] button[type=submit]").click()
    expect(phone.locator(f"#event-{event.pk}")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    phone.locator(f"#event-{event.pk} a").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Infoabend Kita für arabischsprachige Eltern")
    expect(phone.locator("main")).to_contain_text("Samira Haddad")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(phone)
    visitor.close()
    assert not errors


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_public_pages_are_accessible_on_a_phone(
    browser, live_server, network, users, assert_accessible, language, organisation_factory
):
    with network_scope(network):
        series = services.series_create(
            network=network,
            actor=users["coordinator"],
            title="Über den Tellerrand",
            description="Mittagsimpulse",
        )
    event = make_event(
        network,
        users["coordinator"],
        series=series,
        publish=True,
        format="hybrid",
        online_url="https://meet.example.org/x",
        languages=["de", "ar", "tr"],
        accessibility_note="Aufzug vorhanden",
        capacity=40,
    )
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    phone = context.new_page()
    for url in (
        reverse("events:list"),
        reverse("events:detail", args=[event.pk]),
        reverse("events:series", args=[series.pk]),
    ):
        phone.goto(url)
        expect(phone.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(phone)
    context.close()
