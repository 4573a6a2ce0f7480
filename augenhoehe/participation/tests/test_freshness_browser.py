"""Fresh data in real Chromium: a coordinator sees a stale profile and reminds it; the
representative opens the link from the mail on a 360 px phone in Arabic and confirms; the list
then shows it fresh. axe-core on every page; screenshots in $AUGENHOEHE_HOME/shots/freshness-*.png."""

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.core.models import Kreis
from augenhoehe.directory.models import Organisation, RepresentativeRole
from augenhoehe.testing.accessibility import columns_run_right_to_left
from augenhoehe.testing.factories import representative

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"freshness-{name}.png"), full_page=True)


@pytest.fixture
def stale_profile(organisation_factory, network):
    organisation = organisation_factory(
        name="Syrischer Elternverein Verl",
        city="Verl",
        kreis=Kreis.objects.get(ags="05754"),
        email="elternverein@example.org",
        phone="05246 123456",
    )
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=timezone.now() - timedelta(days=500))
    person = representative(organisation, RepresentativeRole.ADMIN, email="amal@example.org", language="ar")
    return organisation, person


def test_remind_then_confirm_from_the_mail_on_a_phone_in_arabic(
    page, browser, live_server, users, stale_profile, mailoutbox, assert_accessible
):
    organisation, person = stale_profile
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page)
    # From the desk, where staff land: its panel counts the stale profiles and leads to the list.
    page.goto(live_server.url + reverse("cooperation:desk"))
    expect(page.locator("#desk-freshness-total")).to_have_text("1 Profil wurde zu lange nicht bestätigt.")
    page.get_by_role("link", name="Profile, die nicht aktuell sind").click()
    expect(page).to_have_url(re.compile(r"/freshness/$"))
    row = page.get_by_role("row", name=re.compile(organisation.name))
    expect(row).to_contain_text("1 Adresse")
    expect(row).not_to_contain_text("amal@example.org")  # no private address before a reminder
    assert_accessible(page)
    shot(page, "list-de-1280")
    page.set_viewport_size({"width": 360, "height": 740})
    assert_accessible(page)
    shot(page, "list-de-360")
    # The staff's table in Arabic: its columns run right to left.
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert columns_run_right_to_left(page.locator("table").first)
    shot(page, "list-ar-1280")
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "de", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()

    page.get_by_role("button", name=f"{organisation.name} jetzt erinnern").click()
    expect(page.get_by_role("status")).to_contain_text("amal@example.org")
    expect(page.get_by_role("row", name=re.compile(organisation.name))).to_contain_text(
        "Vor Kurzem schon erinnert"
    )
    assert_accessible(page)

    (mail,) = mailoutbox
    assert mail.to == ["amal@example.org"] and mail.extra_headers["Content-Language"] == "ar"
    link = re.search(r"https?://\S+/freshness/c/ar/\S+/", mail.body)[0]

    phone = browser.new_context(base_url=live_server.url, locale="ar", viewport={"width": 360, "height": 740})
    try:
        mobile = phone.new_page()
        mobile.goto(urlsplit(link).path)
        expect(mobile.locator("html")).to_have_attribute("dir", "rtl")
        expect(mobile.locator("dl")).to_contain_text("05246 123456")
        assert_accessible(mobile)
        shot(mobile, "confirm-ar-360")
        with translation.override("ar"):
            button, thanks = gettext("Ja, die Angaben stimmen noch"), gettext("Vielen Dank!")
        mobile.get_by_role("button", name=button).click()
        expect(mobile.get_by_role("heading", level=1)).to_have_text(thanks)
        assert_accessible(mobile)
        shot(mobile, "thanks-ar-360")
        # The same link again: it was used.
        mobile.goto(urlsplit(link).path)
        assert_accessible(mobile)
        shot(mobile, "used-ar-360")
    finally:
        phone.close()

    organisation.refresh_from_db()
    assert organisation.confirmed_by == person
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/freshness/")
    expect(page.get_by_text("Alle Profile sind aktuell.")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(organisation.name))).to_have_count(0)


def test_the_period_form_shows_its_error_next_to_the_field(
    page, live_server, users, network, assert_accessible
):
    sign_in(page, "admin")
    page.goto(live_server.url + "/freshness/")
    field = page.get_by_label("Angaben nachfragen nach (Monaten)")
    field.fill("999")
    page.get_by_role("button", name="Zeitraum speichern").click()
    expect(page.locator("#id_months_error")).to_be_visible()
    expect(page.get_by_label("Angaben nachfragen nach (Monaten)")).to_have_attribute(
        "aria-describedby", re.compile("id_months_error")
    )
    assert_accessible(page)
    shot(page, "period-error-de-1280")
    page.get_by_label("Angaben nachfragen nach (Monaten)").fill("6")
    page.get_by_role("button", name="Zeitraum speichern").click()
    expect(page.get_by_role("status")).to_contain_text("6 Monaten")
    network.refresh_from_db()
    assert network.freshness_months == 6
