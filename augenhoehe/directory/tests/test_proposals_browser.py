"""A representative changes the description and the name in one save; the description is public at
once, the name waits for the network, which accepts it. Real Chromium, axe-core on every page,
the form at phone width in Arabic (right to left)."""

import os

import pytest
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.directory.models import ProfileProposal
from augenhoehe.testing.factories import MSO_ADMIN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]

# Where the screenshots go to be looked at (the test run's temporary folder by default).
SCREENSHOTS_DIR = "AUGENHOEHE_SCREENSHOTS"


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_the_description_is_public_at_once_the_name_after_the_networks_check(
    page, live_server, organisation_factory, users, assert_accessible, tmp_path
):
    shots = os.environ.get(SCREENSHOTS_DIR, str(tmp_path))
    organisation = organisation_factory(name="Syrischer Elternverein Verl", city="Verl", description="Alt.")
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page, "mitglied")
    page.goto(f"/organisations/{organisation.pk}/edit/")
    expect(page.get_by_text("prüft das Netzwerk, bevor sie erscheinen").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Beschreibung", exact=True).fill("Wir helfen Familien beim Weg in die Kita.")
    page.locator("input[name=name]").fill("Syrischer Elternverein Verl e. V.")
    page.get_by_role("button", name="Speichern").click()
    expect(page).to_have_url(f"{live_server.url}/organisations/{organisation.pk}/")
    page.goto(f"/organisations/{organisation.pk}/edit/")
    expect(
        page.get_by_text("Vorgeschlagen: Syrischer Elternverein Verl e. V. – wartet auf Prüfung.")
    ).to_be_visible()
    page.screenshot(path=f"{shots}/proposal-form-de.png", full_page=False)

    # The public sees the new description at once, and the name as it was.
    sign_out(page)
    page.goto(f"/organisations/{organisation.pk}/")
    expect(page.get_by_text("Wir helfen Familien beim Weg in die Kita.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Syrischer Elternverein Verl")

    sign_in(page, "koordination")
    page.goto("/organisations/proposals/")
    assert_accessible(page)
    proposal = ProfileProposal.objects.get()
    page.locator(f"a[href='/organisations/proposals/{proposal.pk}/']").click()
    expect(page.locator("table.changes")).to_contain_text("Syrischer Elternverein Verl e. V.")
    assert_accessible(page)
    page.screenshot(path=f"{shots}/proposal-detail-de.png", full_page=True)
    page.get_by_role("button", name="Übernehmen").click()
    expect(page).to_have_url(f"{live_server.url}/organisations/proposals/")

    page.goto(f"/organisations/{organisation.pk}/history/")
    expect(page.get_by_text("Vorschlag geprüft und übernommen").first).to_be_visible()
    expect(page.get_by_text("Änderung vorgeschlagen (prüft das Netzwerk)").first).to_be_visible()
    expect(page.get_by_text("Profil geändert").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path=f"{shots}/proposal-history-de.png", full_page=True)
    sign_out(page)
    page.goto(f"/organisations/{organisation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Syrischer Elternverein Verl e. V.")


def test_the_form_with_a_pending_proposal_at_phone_width_in_arabic(
    page, live_server, organisation_factory, users, assert_accessible, tmp_path
):
    from augenhoehe.directory import proposals

    shots = os.environ.get(SCREENSHOTS_DIR, str(tmp_path))
    organisation = organisation_factory(name="Syrischer Elternverein Verl", city="Verl")
    organisation.representatives.add(users["mso_member"], through_defaults=MSO_ADMIN)
    proposals.organisation_edit(
        organisation=organisation, actor=users["mso_member"], fields={"name": "Syrischer Elternverein e. V."}
    )
    page.set_viewport_size({"width": 360, "height": 780})

    sign_in(page, "mitglied")
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto(f"/organisations/{organisation.pk}/edit/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    # Nothing wider than the screen: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=f"{shots}/proposal-form-ar-360.png", full_page=False)
    page.locator("#review-heading").scroll_into_view_if_needed()
    page.screenshot(path=f"{shots}/proposal-form-ar-360-notice.png", full_page=False)
