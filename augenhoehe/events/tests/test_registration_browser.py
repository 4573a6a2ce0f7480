"""The registration in real Chromium: a visitor registers in Turkish on a 360 px wide phone and
confirms through the link in the mail; axe-core on the public pages in German and Arabic, and on
the organisers' list."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.events.choices import QuestionKind, RegistrationStatus
from augenhoehe.events.models import Registration

from .registration_helpers import (
    CANCEL_LINK,
    CONFIRM_LINK,
    add_question,
    form_data,
    make_event,
    register_and_confirm,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def words(language: str, text: str) -> str:
    """``text`` as the page shows it in ``language`` (German until the catalogue has it)."""
    with translation.override(language):
        return gettext(text)


def test_a_visitor_registers_in_turkish_on_a_phone_and_confirms_from_the_mail(browser, live_server, network):
    event = make_event(network, capacity=10)
    add_question(event, kind=QuestionKind.CHOICE, options="Verein\nKommune\nPrivat", required=True)
    context = browser.new_context(
        base_url=live_server.url, locale="tr-TR", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"/events/{event.pk}/register/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("main form button[type=submit]").click()  # nothing filled in: the errors are named
    expect(page.locator("#error-summary")).to_be_visible()
    page.locator("#id_name").fill("Ayşe Yılmaz")
    page.locator("#id_email").fill("ayse@example.org")
    page.locator("select[id^=id_question_]").select_option("Verein")
    page.locator("#id_interpretation").select_option("tr")
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        words("tr", "Bitte bestätigen Sie Ihre Anmeldung")
    )

    [message] = mail.outbox
    assert message.extra_headers["Content-Language"] == "tr" and "Merhaba Ayşe Yılmaz," in message.body
    confirm = CONFIRM_LINK.search(message.body)[1]
    page.goto(confirm)
    with scopes_disabled():
        assert (
            Registration.objects.get().status == RegistrationStatus.UNCONFIRMED
        )  # opening is not confirming
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words("tr", "Sie sind angemeldet"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
    assert not errors
    with scopes_disabled():
        registration = Registration.objects.get()
    assert (registration.status, registration.language, registration.interpretation) == (
        RegistrationStatus.CONFIRMED,
        "tr",
        "tr",
    )
    assert "meet.example.org" in mail.outbox[-1].body


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_public_pages_are_accessible(page, live_server, network, assert_accessible, language):
    event = make_event(network, capacity=10)
    add_question(event, kind=QuestionKind.TEXT, label="Was möchten Sie fragen?")
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    page.goto(f"/events/{event.pk}/register/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(page)
    for field, value in form_data(email="omar@example.org").items():
        if field == "consent":
            page.locator("#id_consent").check()
        else:
            page.locator(f"#id_{field}").fill(value)
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)  # "check your mail"
    [message] = mail.outbox
    page.goto(CONFIRM_LINK.search(message.body)[1])
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)  # confirmed
    page.goto(CANCEL_LINK.search(mail.outbox[-1].body)[1])
    assert_accessible(page)  # the cancellation's question
    page.locator("main form button[type=submit]").click()
    assert_accessible(page)  # cancelled
    page.goto("/events/registration/confirm/kaputt/")
    assert_accessible(page)


def test_the_door_list_is_accessible_and_checks_in_with_htmx(page, network, users, assert_accessible):
    from django.test import Client

    event = make_event(network, capacity=10)
    register_and_confirm(Client(), event, mail.outbox, "ben@example.org", name="Ben Braun")
    sign_in(page, users["coordinator"].username)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/events/{event.pk}/participants/")
    assert_accessible(page)
    button = page.locator("#registration-1 button, .participant button").first
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(page.locator(".participant button").first).to_have_attribute("aria-pressed", "true")
    assert page.url.endswith(f"/events/{event.pk}/participants/")  # swapped in place, no reload
    with scopes_disabled():
        assert Registration.objects.get().checked_in_at is not None
    assert_accessible(page)
    page.locator("#participant-search").fill("zzz")
    expect(page.locator(".participant")).to_have_count(0)
