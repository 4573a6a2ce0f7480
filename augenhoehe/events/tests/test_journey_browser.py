"""One evening as its people live it, in real Chromium, across the parts of the events: a visitor
finds the event in the public list on a phone and registers from its page, confirms through the
mail; during the event the organiser opens a live poll on the big screen while the participant
answers on the phone, and the chart updates without a reload; afterwards the organiser asks for
feedback and the participant gives it through the link in the mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in

from ..models import Event, Feedback, Registration
from .organiser_helpers import make_event
from .polls_support import feedback_token_in
from .registration_helpers import CONFIRM_LINK

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_register_answer_the_live_poll_and_give_feedback(page, browser, live_server, network, users):
    event = make_event(network, users["coordinator"], publish=True, title="Infoabend Kita", capacity=20)
    phone_context = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    )
    phone = phone_context.new_page()
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))

    # The visitor finds the event in the public list and registers on its page.
    phone.goto(reverse("events:list"))
    phone.get_by_role("link", name="Infoabend Kita").first.click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Infoabend Kita")
    box = phone.locator("#registration")
    box.locator("#id_name").fill("Leyla Demir")
    box.locator("#id_email").fill("leyla@example.org")
    box.locator("input[name=consent]").check()
    box.get_by_role("button", name="Jetzt anmelden").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bitte bestätigen Sie Ihre Anmeldung")
    phone.goto(CONFIRM_LINK.search(mail.outbox[-1].body)[1])
    phone.locator("main form button[type=submit]").click()
    with scopes_disabled():
        assert Registration.objects.get(email="leyla@example.org").status == "confirmed"

    # During the event: the organiser creates and opens a poll and shows it on the big screen.
    sign_in(page)
    page.goto(reverse("events:polls", args=[event.pk]))
    page.locator("#id_poll-question").fill("Mit welchem Hintergrund nehmen Sie teil?")
    page.locator("#id_poll-options").fill("Verwaltung\nMigrantenorganisation\nPrivat")
    page.get_by_role("button", name="Umfrage anlegen").click()
    page.get_by_role("button", name="Umfrage öffnen").first.click()
    page.get_by_role("link", name="Auf der Leinwand zeigen").first.click()
    results = page.locator("[data-respondents]")
    expect(results).to_have_attribute("data-respondents", "0")
    link = page.locator("#poll-link").inner_text().strip()

    # The participant answers on the phone; the big screen follows without a reload.
    phone.goto(link if link.startswith("http") else "http://" + link)
    phone.get_by_label("Migrantenorganisation", exact=True).check()
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("#poll-state")).to_be_visible()
    expect(results).to_have_attribute("data-respondents", "1", timeout=10_000)
    expect(results).to_contain_text("Migrantenorganisation")

    # Afterwards: the organiser asks for feedback from the event's page, the participant answers.
    with scopes_disabled():
        Event.objects.filter(pk=event.pk).update(
            starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
        )
    page.goto(reverse("events:event", args=[event.pk]))
    page.locator("#feedback-request").click()
    phone.goto(reverse("events:feedback_give", args=[feedback_token_in(mail.outbox[-1])]))
    phone.locator("input[name=rating][value='4']").check()
    phone.locator("textarea[name=text]").fill("Ich weiß jetzt, wie ich einen Kita-Platz bekomme.")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("main [role=status]")).to_be_visible()
    page.goto(reverse("events:event", args=[event.pk]))
    expect(page.locator("#feedback-average")).to_contain_text("4")
    phone_context.close()
    assert not errors
    with scopes_disabled():
        assert list(Feedback.objects.values_list("event_id", "rating")) == [(event.pk, 4)]
