"""The results page in real Chromium: axe-core in German and in Arabic (right to left, with a
cross table), the chart read by its accessible name, and screenshots to look at."""

import os
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.surveys.testing import survey_sample

from .results_answers import answer_all

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"


def test_read_the_results_accessibly_in_german_and_arabic(
    page, live_server, users, network, assert_accessible
):
    with network_scope(network):
        survey = survey_sample(network=network, title="Befragung der MSO 2026")
        answer_all(survey)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sign_in(page)
    page.goto(reverse("surveys:results", args=[survey.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Befragung der MSO 2026")
    chart = page.get_by_role("img", name="In welchen Feldern sind Sie tätig?")
    expect(chart).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("63,6 %")
    assert_accessible(page)
    page.get_by_label("Aufschlüsseln nach").select_option("kind")
    page.get_by_role("button", name="Zeigen").click()
    expect(page.get_by_text("Sonstige (zusammengefasst)").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=SHOTS / "results-de.png", full_page=True)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("surveys:results", args=[survey.pk]) + "?by=kind")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    page.screenshot(path=SHOTS / "results-ar-phone.png", full_page=True)
