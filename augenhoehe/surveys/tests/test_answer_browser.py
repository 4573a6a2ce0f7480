"""Answering in real Chromium: an MSO opens its link on a 360 px wide phone in Arabic, answers the
first section, reloads (the answers are still there), goes on and submits; axe-core on each page,
and screenshots under /tmp/ah-answer/shots/ to look at."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.surveys.distribution import invitation_token
from augenhoehe.surveys.models import SurveyInvitation, SurveyResponse
from augenhoehe.surveys.testing import survey_sample

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]
SHOTS = Path("/tmp/ah-answer/shots")  # noqa: S108  (where the brief asks for them, to look at)


def test_an_mso_answers_in_arabic_on_a_phone(
    browser, live_server, network, organisation_factory, assert_accessible
):
    organisation = organisation_factory(name="جمعية الأهالي", email="ahali@example.org")
    with network_scope(network):
        survey = survey_sample(network=network, closes_at=timezone.now() + timedelta(days=10))
        invitation = SurveyInvitation.objects.create(
            network=network, survey=survey, organisation=organisation, email=organisation.email, language="ar"
        )
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        base_url=live_server.url, locale="ar", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = reverse("surveys:answer", kwargs={"token": invitation_token(invitation)})

    page.goto(url)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "1-section-1.png"), full_page=True)

    page.get_by_label("Bildung").check()
    page.get_by_label("eingetragener Verein").check()
    # A number that is no number: the next change is still saved, and the status names the question.
    page.locator("input[inputmode=decimal]").fill("viele")
    page.locator("input[inputmode=decimal]").blur()
    page.get_by_label("Kultur").check()
    expect(page.locator("#save-status")).to_contain_text("Wie viele Hauptamtliche?")
    page.locator("input[inputmode=decimal]").fill("1.234")
    page.locator("input[inputmode=decimal]").blur()
    expect(page.locator("#save-status")).not_to_contain_text("Wie viele Hauptamtliche?")
    expect(page.locator("#save-status")).not_to_be_empty()
    page.reload()
    expect(page.get_by_label("Bildung")).to_be_checked()
    expect(page.get_by_label("Kultur")).to_be_checked()
    expect(page.locator("input[inputmode=decimal]")).to_have_value("1234")

    page.locator("button[value=next]").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("التعاون")
    expect(page.get_by_text("Arbeiten Sie als Verein mit dem Jugendamt zusammen?")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "2-section-2.png"), full_page=True)
    page.get_by_label("trifft eher zu").check()
    page.locator("button[value=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/thanks/" in page.url
    assert_accessible(page)
    page.screenshot(path=str(SHOTS / "3-thanks.png"), full_page=True)
    context.close()
    assert not errors
    with scopes_disabled():
        response = SurveyResponse.objects.get()
    assert response.submitted_at is not None and response.language == "ar"
