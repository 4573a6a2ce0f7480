"""The live poll and the feedback in real Chromium: the organiser's big screen updates without a
reload while a participant answers on a 360 px phone in Arabic (right to left); the participant
then gives feedback through the link from the mail. axe-core on the participants' pages in German
and Arabic, and on the big screen."""

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in

from .. import feedback
from ..models import Feedback, PollBallot
from .polls_support import event_fixture, feedback_token_in, make_event, make_poll, register, verein_fixture  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def phone(browser, live_server, language: str):
    """A phone's browser tab (360 px) whose visitor reads ``language``, and its list of page errors."""
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport={"width": 360, "height": 740}
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return context, tab, errors


def test_the_big_screen_updates_while_a_phone_answers_in_arabic_then_gives_feedback(
    page, browser, live_server, network, event, assert_accessible
):
    poll = make_poll(event, question="هل ستعود؟", options=("نعم", "لا"))
    sign_in(page)
    page.goto(reverse("events:poll_present", args=[poll.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("هل ستعود؟")
    expect(page.locator("#poll-link")).to_contain_text(f"/events/p/{poll.code}/")
    qr = page.locator(".poll-qr-image")
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("image => image.naturalWidth") > 0  # the SVG loaded (a broken image has none)
    results = page.locator(f"#poll-{poll.pk}-results")
    expect(results).to_have_attribute("data-respondents", "0")
    assert_accessible(page)
    region = page.locator(".poll-present [role=region]")
    region.focus()  # a keyboard user scrolling the results: the live updates must not take the focus

    context, tab, errors = phone(browser, live_server, "ar")
    tab.goto(reverse("events:poll_answer", args=[poll.code]))
    expect(tab.locator("html")).to_have_attribute("dir", "rtl")
    expect(tab.locator("html")).to_have_attribute("lang", "ar")
    expect(tab.get_by_role("heading", level=1)).to_have_text("هل ستعود؟")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.get_by_label("نعم", exact=True).check()
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("#poll-state")).to_be_visible()

    # The big screen shows the answer without a reload (htmx asks every two seconds).
    expect(results).to_have_attribute("data-respondents", "1", timeout=10_000)
    expect(results.locator("tbody tr").first).to_contain_text("100 %")
    expect(region).to_be_focused()

    # A second answer from the same phone is not counted.
    tab.goto(reverse("events:poll_answer", args=[poll.code]))
    expect(tab.locator("#poll-state")).to_be_visible()
    expect(tab.locator("main form button[type=submit]")).to_have_count(0)
    with scopes_disabled():
        assert PollBallot.objects.count() == 1

    # After the event: the participant's feedback, through the link in the mail.
    ended = make_event(network, title="Impulse zu Teilhabe", ended=True)
    register(ended, name="Amal H.", email="amal@example.org", language="ar")
    feedback.feedback_requests_send(event=ended, base_url=live_server.url)
    token = feedback_token_in(mail.outbox[-1])
    tab.goto(reverse("events:feedback_give", args=[token]))
    expect(tab.locator("html")).to_have_attribute("dir", "rtl")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.locator("input[name=rating][value='5']").check()
    tab.locator("textarea[name=text]").fill("تعرفت على أشخاص جدد.")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("main [role=status]")).to_be_visible()
    context.close()
    assert not errors
    with scopes_disabled():
        answer = Feedback.objects.get()
        assert (answer.event_id, answer.rating, answer.text) == (ended.pk, 5, "تعرفت على أشخاص جدد.")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_answer_and_feedback_pages_are_accessible(
    page, live_server, network, event, assert_accessible, language
):
    poll = make_poll(event, kind="multiple", options=("Sprache", "Zeit", "Geld"))
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    page.goto(reverse("events:poll_answer", args=[poll.code]))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()  # nothing chosen: the error is named
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(page)

    ended = make_event(network, ended=True)
    register(ended, language=language)
    feedback.feedback_requests_send(event=ended, base_url=live_server.url)
    page.goto(reverse("events:feedback_give", args=[feedback_token_in(mail.outbox[-1])]))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(page)
