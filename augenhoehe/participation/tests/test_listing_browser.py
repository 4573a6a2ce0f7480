"""Asking to be listed in real Chromium: a visitor fills the form in Turkish on a 360 px phone (the
ALTCHA widget solves its challenge in the browser, served by the app itself), a coordinator accepts
the request, the contact sets a password from the mail's link and lands signed in. axe-core on every
page; screenshots in $AUGENHOEHE_HOME/shots/listing-*.png (German and Arabic, 1280 and 360 px)."""

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.participation.models import ListingRequest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}


def _language(page, live_server, language: str) -> None:
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])


def _solve_robot_check(page) -> None:
    """Tick the widget's box by keyboard and wait until the browser has found the solution."""
    box = page.locator("altcha-widget input[type=checkbox]")
    box.focus()
    page.keyboard.press("Space")
    expect(page.locator('altcha-widget input[name="altcha"]')).to_have_value(
        re.compile(r".{40,}"), timeout=30_000
    )


def test_a_visitor_asks_in_turkish_a_coordinator_accepts_and_the_contact_lands_signed_in(
    page, live_server, users, assert_accessible, mailoutbox
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    _language(page, live_server, "tr")
    page.goto("/")
    page.goto("/join/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    expect(page.locator("#id_contact_language")).to_have_value("tr")  # preset to the page's language
    assert_accessible(page)

    page.locator("#id_name").fill("Türk Veliler Derneği Verl e.V.")
    page.locator("#id_kind").select_option("parents")
    page.locator("#id_postal_code").fill("33415")
    page.locator("#id_city").fill("Verl")
    page.locator("#id_description").fill("Kita ve okul konusunda Türkçe danışmanlık.")
    page.locator('input[name="languages"][value="tr"]').check()
    page.locator('input[name="languages"][value="de"]').check()
    page.locator("#id_contact_name").fill("Ayşe Yılmaz")
    page.locator("#id_contact_email").fill("ayse@example.org")
    page.locator("#id_consent").check()
    _solve_robot_check(page)
    assert_accessible(page)  # with the widget verified
    page.screenshot(path=str(SHOTS / "listing-form-tr-360.png"), full_page=True)
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("form.listing-form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/join/sent/$"))
    assert_accessible(page)
    with scopes_disabled():
        request = ListingRequest.objects.get()
    assert request.contact_language == "tr" and request.kreis_id == "05754"

    # The coordinator of Kreis Gütersloh's network decides, in German at 1280 px.
    page.set_viewport_size(DESKTOP)
    _language(page, live_server, "de")
    sign_in(page, "koordination")
    page.goto("/join/requests/")
    assert_accessible(page)
    page.get_by_role("link", name="Türk Veliler Derneği Verl e.V.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Türk Veliler Derneği Verl e.V.")
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "listing-detail-de-1280.png"), full_page=True)
    page.get_by_role("button", name="Antrag annehmen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Türk Veliler Derneği Verl e.V.")
    page.get_by_role("button", name="Abmelden").click()

    # The contact opens the link from the mail on the phone, in Turkish.
    (mail,) = [m for m in mailoutbox if m.to == ["ayse@example.org"]]
    link = re.search(r"https?://\S+/join/welcome/\S+/", mail.body).group(0)
    page.set_viewport_size(PHONE)
    _language(page, live_server, "tr")
    page.goto(urlsplit(link).path)
    expect(page.locator("#id_new_password1")).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "listing-welcome-tr-360.png"), full_page=True)
    page.locator("#id_new_password1").fill("Veliler-Verl-2026")
    page.locator("#id_new_password2").fill("Veliler-Verl-2026")
    page.locator("#id_new_password2").press("Enter")

    with scopes_disabled():
        organisation = ListingRequest.objects.get().organisation
    # Signed in, in the space of the one organisation she represents.
    expect(page).to_have_url(re.compile(rf"/mine/{organisation.pk}/$"))
    expect(page.locator(".user-badge")).to_contain_text("Ayşe Yılmaz")
    assert get_user_model().objects.get(email="ayse@example.org").check_password("Veliler-Verl-2026")


@pytest.mark.parametrize(
    ("language", "viewport"), [("ar", PHONE), ("ar", DESKTOP), ("de", PHONE), ("de", DESKTOP)]
)
def test_the_form_reads_right_to_left_in_arabic_and_fits_a_phone(
    page, live_server, network, language, viewport, assert_accessible
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    _language(page, live_server, language)
    page.goto("/join/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    # A refused form: the messages beside the fields, the robot check asked for again.
    page.locator("#id_city").fill("Hagen")
    page.locator("form.listing-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_altcha_error")).to_be_visible()
    expect(page.locator('input[name="kreis"]')).to_have_count(2)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(
        path=str(SHOTS / f"listing-form-errors-{language}-{viewport['width']}.png"), full_page=True
    )
