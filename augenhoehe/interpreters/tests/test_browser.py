"""The pool as a coordinator uses it, in real Chromium: a person added with consent (a negative fee
refused first), booked for a cooperation; axe-core on every page, in German and (at 360 px) Arabic."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in

from .conftest import make_cooperation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_a_person_is_added_booked_and_every_page_passes_axe_in_german_and_arabic(
    page, users, network, assert_accessible, live_server
):
    cooperation = make_cooperation(network, users["coordinator"], title="Elterncafé Verl")
    sign_in(page)
    page.goto("/interpreters/")
    assert_accessible(page)
    page.get_by_role("link", name="Person aufnehmen").click()
    page.locator("#id_name").fill("Semhar Tesfay")
    page.get_by_label("Qualifikation").select_option("mediator")
    page.get_by_label("Tigrinya").check()
    page.get_by_label("Honorar pro Stunde (Euro)").fill("-5")
    page.get_by_label("Einwilligung erteilt am").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Einwilligung erteilt per").select_option("paper")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_fee_per_hour_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Honorar pro Stunde (Euro)").fill("40")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Person wurde in den Pool aufgenommen.")).to_be_visible()
    assert_accessible(page)

    soon = (timezone.localtime() + timedelta(days=4)).replace(hour=17, minute=0)
    page.get_by_label("Kooperation").select_option(str(cooperation.pk))
    page.get_by_label("Datum und Uhrzeit").fill(soon.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_language").select_option("ti")
    page.get_by_role("button", name="Buchen", exact=True).click()
    expect(page.get_by_text("Die Buchung wurde eingetragen.")).to_be_visible()
    expect(page.get_by_role("link", name="Elterncafé Verl")).to_be_visible()
    assert_accessible(page)

    page.goto("/interpreters/?language=ti")
    expect(page.get_by_role("link", name="Semhar Tesfay", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"/interpreters/cooperation/{cooperation.pk}/")
    expect(page.get_by_role("link", name="Semhar Tesfay")).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 360, "height": 740})
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    for url in ["/interpreters/", "/interpreters/new/", f"/interpreters/cooperation/{cooperation.pk}/"]:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page).to_have_url(re.compile(re.escape(url)))
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Semhar Tesfay").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
