"""The representatives' home in real Chromium: an MSO admin signs in and lands in the space, invites
a member; the member opens the link from the mail, sets a password and lands in the space; the space
and its people at 360 px in Turkish and Arabic (right to left). axe-core on every page, screenshots
in $AUGENHOEHE_HOME/shots/space-*.png."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.directory.models import Representation, RepresentativeRole
from augenhoehe.events.models import Event, EventOrganiser
from augenhoehe.surveys.models import SurveyInvitation
from augenhoehe.surveys.testing import survey_sample
from augenhoehe.testing.factories import NetworkFactory, representative

from .helpers import link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"space-{name}.png"), full_page=True)


@pytest.fixture
def organisation(organisation_factory):
    network = NetworkFactory(name="KI Kreis Gütersloh", kreise=["05754"])
    org = organisation_factory(
        name="Elternverein Köprü", is_published=True, phone="05241 1234", public_fields=["phone"]
    )
    representative(org, RepresentativeRole.ADMIN, username="ayse", first_name="Ayşe", last_name="Demir")
    with scopes_disabled():
        event = Event.objects.create(
            network=network,
            title="Elterncafé",
            status="published",
            starts_at=timezone.now() + timedelta(days=5),
            ends_at=timezone.now() + timedelta(days=5, hours=2),
        )
        EventOrganiser.objects.create(network=network, event=event, organisation=org)
        survey = survey_sample(network=network, title="Befragung der MSO 2027")
        SurveyInvitation.objects.create(
            network=network,
            survey=survey,
            organisation=org,
            email="info@example.org",
            invited_at=timezone.now(),
        )
    return org


def test_an_admin_invites_a_member_who_sets_a_password_and_lands_in_the_space(
    page, browser, live_server, assert_accessible, organisation
):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "ayse")
    expect(page).to_have_url(f"{live_server.url}/mine/{organisation.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Elternverein Köprü")
    expect(page.get_by_role("link", name="Meine Organisation")).to_be_visible()
    expect(page.get_by_text("Befragung der MSO 2027")).to_be_visible()
    expect(page.get_by_text("Elterncafé")).to_be_visible()
    assert_accessible(page)
    shot(page, "space-1280-de")

    page.get_by_role("link", name="So sieht die Öffentlichkeit Ihr Profil").click()
    expect(page.get_by_text("05241 1234")).to_be_visible()
    assert_accessible(page)
    page.go_back()

    page.get_by_role("link", name="Personen der Organisation").click()
    assert_accessible(page)
    page.locator("#id_email").fill("omar@example.org")
    page.locator("#id_role").select_option("member")
    page.locator("#id_language").select_option("de")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_text("Die Einladung an omar@example.org wurde verschickt.")).to_be_visible()
    assert_accessible(page)
    shot(page, "people-1280-de")

    link = link_in(mail.outbox[-1])
    member = browser.new_context(base_url=live_server.url, locale="de-DE").new_page()
    member.set_viewport_size({"width": 360, "height": 800})
    member.goto(link)
    expect(member.locator("#id_username")).to_have_value("omar")
    assert_accessible(member)
    member.locator("#id_first_name").fill("Omar")
    member.locator("#id_last_name").fill("Haddad")
    member.locator("#id_password").fill("kurz")
    member.locator("#id_password_again").fill("kurz")
    member.get_by_role("button", name="Konto anlegen und Einladung annehmen").click()
    expect(member.locator("#id_password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(member)
    member.locator("#id_password").fill("Sonnenblume-Kita-7")
    member.locator("#id_password_again").fill("Sonnenblume-Kita-7")
    member.get_by_role("button", name="Konto anlegen und Einladung annehmen").click()
    expect(member).to_have_url(f"{live_server.url}/mine/{organisation.pk}/")
    expect(member.get_by_text("Willkommen!")).to_be_visible()
    assert Representation.objects.get(user__username="omar").role == RepresentativeRole.MEMBER
    shot(member, "welcome-360-de")

    member.goto(link)
    expect(member.get_by_role("heading", level=1)).to_have_text("Diese Einladung gilt nicht mehr")
    assert_accessible(member)
    member.context.close()


@pytest.mark.parametrize("language, direction", [("tr", "ltr"), ("ar", "rtl")])
def test_the_space_on_a_phone_in_turkish_and_arabic(
    page, live_server, assert_accessible, organisation, organisation_factory, language, direction
):
    # She represents a second organisation too: after signing in she chooses.
    second = organisation_factory(name="Kulturverein Anadolu")
    with scopes_disabled():
        ayse = Representation.objects.get(organisation=organisation).user
        Representation.objects.create(user=ayse, organisation=second, role=RepresentativeRole.MEMBER)
    sign_in(page, "ayse")
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/mine/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.get_by_role("link", name="Kulturverein Anadolu")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    shot(page, f"choice-360-{language}")
    page.get_by_role("link", name="Elternverein Köprü").click()
    expect(page).to_have_url(f"{live_server.url}/mine/{organisation.pk}/")
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.locator("html")).to_have_attribute("lang", language)
    # Nothing wider than the phone: the page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    shot(page, f"space-360-{language}")
    for path, name in (
        (f"/mine/{organisation.pk}/people/", "people"),
        (f"/mine/{organisation.pk}/preview/", "preview"),
    ):
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page)
        shot(page, f"{name}-360-{language}")
