"""The knowledge base in real Chromium on a 360 px phone: an organisation contributes an answer
(in German and in Arabic, right to left), the public list shows what was published; axe on each."""

import pytest
from playwright.sync_api import expect

from augenhoehe.knowledge import services

from .conftest import answer_fields

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    # Wait for the landing page: a goto() before it would race with the login's redirect.
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_organisation_contributes_on_a_phone_and_the_public_reads_it(
    browser, live_server, writer, organisation, network, users, assert_accessible
):
    phone = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    ).new_page()
    sign_in(phone, writer.username)
    phone.goto(organisation.get_absolute_url())
    phone.get_by_role("link", name="Eine der zentralen Fragen zu Kita und Bildung").click()
    assert_accessible(phone)
    fits(phone)
    phone.get_by_label("Frage").select_option("arrival")
    phone.get_by_label("Herkunftsland der Community").select_option("TR")
    phone.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(phone.locator("#id_text_error")).to_be_visible()  # the message at the empty field
    assert_accessible(phone)
    phone.locator("#id_text").fill("Die Kita-Eingewöhnung mit einer vertrauten Person hilft.")
    phone.get_by_role("button", name="Zur Prüfung einreichen").click()
    expect(phone.get_by_text("Eingereicht, wartet auf Prüfung")).to_be_visible()
    assert_accessible(phone)
    fits(phone)

    phone.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    phone.goto("/knowledge/new/")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("#id_language")).to_have_value("ar")
    assert_accessible(phone)
    fits(phone)
    phone.locator("#id_question").select_option("outreach")
    phone.locator("#id_country").select_option("SY")
    phone.locator("#id_text").fill("نصل إلى الأسر في مقهى الأمهات.")
    phone.locator("#answer-form button[type=submit]").click()
    expect(phone.locator("#my-answers")).to_contain_text("سوريا")
    phone.context.close()

    for answer in services_answers():
        services.answer_publish(answer=answer, actor=users["coordinator"])
    visitor = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    ).new_page()
    visitor.goto("/knowledge/")
    expect(visitor.locator("#knowledge-count")).to_have_text("2 Antworten")
    expect(visitor.locator("article [lang=ar]")).to_have_text("نصل إلى الأسر في مقهى الأمهات.")
    assert_accessible(visitor)
    fits(visitor)
    visitor.get_by_label("Suche im Text").fill("Kita-Eingewoehnung")
    visitor.get_by_role("button", name="Anzeigen").click()
    expect(visitor.locator("#knowledge-count")).to_have_text("1 Antwort")
    expect(visitor.get_by_role("link", name="Türkischer Elternverein Gütersloh")).to_be_visible()
    visitor.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    visitor.goto("/knowledge/")
    expect(visitor.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(visitor)
    fits(visitor)
    visitor.context.close()


def services_answers():
    from django_scopes import scopes_disabled

    from augenhoehe.knowledge.models import Answer

    with scopes_disabled():
        return list(Answer.objects.select_related("network", "organisation"))


def test_the_review_page_passes_axe_in_arabic(page, users, submit, live_server, assert_accessible):
    submit(**answer_fields(text="Bildung heißt Schule."))
    sign_in(page, "koordination")
    page.goto("/knowledge/review/")
    expect(page.locator("#review-count")).to_contain_text("1 Antwort wartet")
    assert_accessible(page)
    page.get_by_role("button", name="Zurückgeben").click()
    expect(page.locator("[id$=_reason_error]")).to_be_visible()
    assert_accessible(page)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto("/knowledge/review/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
