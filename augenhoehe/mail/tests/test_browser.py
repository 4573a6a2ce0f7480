"""The outbox in real Chromium at 360 px: axe-core in German and Arabic, and the mail's script never runs."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from augenhoehe.accounts import services as accounts_services
from augenhoehe.accounts.models import NetworkRole
from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.mail.models import OutboxMail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def invited(settings, network, users):
    settings.EMAIL_BACKEND = "augenhoehe.mail.backends.OutboxBackend"
    with translation.override("ar"):
        accounts_services.invitation_create(
            network=network,
            actor=users["network_admin"],
            email="neu@example.org",
            role=NetworkRole.COORDINATOR,
        )
    return OutboxMail.objects.get()


def test_the_outbox_reads_well_in_german_and_arabic_and_runs_no_script(
    page, live_server, invited, assert_accessible
):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, "admin")
    for language, direction in (("de", "ltr"), ("ar", "rtl")):
        page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
        page.goto("/mail/outbox/")
        expect(page.locator("html")).to_have_attribute("dir", direction)
        assert_accessible(page)
        page.get_by_role("link", name=re.compile("Kreis Gütersloh")).click()
        expect(page).to_have_url(re.compile(rf"/mail/outbox/{invited.pk}/$"))
        frame = page.frame_locator("iframe.mail-html")
        expect(frame.locator("html")).to_have_attribute("dir", "rtl")  # the mail is in Arabic either way
        expect(frame.get_by_role("link")).to_have_count(1)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page)


def test_a_script_in_a_mail_is_blocked_by_the_sandbox(browser, live_server, invited):
    # A hostile HTML part: were it run, it would write into the page's title.
    invited.html += "<script>parent.document.title = 'PWNED'; document.title = 'PWNED'</script>"
    invited.save(update_fields=["html"])
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    sign_in(page, "admin")
    page.goto(f"/mail/outbox/{invited.pk}/")
    expect(page.frame_locator("iframe.mail-html").get_by_role("link")).to_have_count(1)
    page.wait_for_timeout(300)
    assert "PWNED" not in page.title()
    assert any("Blocked script execution" in text for text in console), console
    context.close()
