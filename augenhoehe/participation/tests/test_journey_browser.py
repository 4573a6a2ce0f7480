"""The journey of an organisation's volunteer, in real Chromium, as issue 14 tells it: invited by the
network, she sets a password, edits the profile in Turkish, proposes a new name that the network
approves, confirms the data from the reminder's mail link, and finds the cooperation in her space.
Then the same pages in Arabic and Farsi at phone width, right to left. axe-core on every page;
screenshots in $AUGENHOEHE_HOME/shots/journey-*.png."""

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.choices import Stage
from augenhoehe.cooperation.tests.conftest import cooperation_fields
from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.directory.models import Organisation, ProfileProposal, RepresentativeRole

from .helpers import link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()) / "shots"
PHONE = {"width": 360, "height": 740}


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"journey-{name}.png"), full_page=True)


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def use_language(page, live_server, language: str) -> None:
    """The reader's language, as the page's language switch leaves it (a cookie)."""
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])


def sign_out(page) -> None:
    page.context.clear_cookies()


def right_to_left_without_overflow(page) -> None:
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at phone width"


@pytest.fixture
def organisation(organisation_factory, network, users):
    """A published parents' association in the network's Kreis, without anyone to represent it yet,
    taking part in a cooperation of the network."""
    organisation = organisation_factory(
        name="Türk Veli Derneği Gütersloh",
        city="Gütersloh",
        email="info@veli-guetersloh.example",
        description="Wir beraten Eltern zur Kita.",
        is_published=True,
        created_by_network=network,
    )
    with network_scope(network):
        cooperation = cooperation_services.cooperation_create(
            network=network,
            actor=users["coordinator"],
            organisations=[organisation],
            **cooperation_fields(title="Elterncafé Kita-Einstieg"),
        )
        for stage in (Stage.MSO_FOUND, Stage.FIRST_CONTACT):
            cooperation_services.cooperation_stage_change(
                cooperation=cooperation, stage=stage, actor=users["coordinator"]
            )
    return organisation


def test_invited_volunteer_keeps_her_organisation_current_in_turkish(
    page, live_server, users, organisation, mailoutbox, assert_accessible
):
    page.set_viewport_size({"width": 1280, "height": 900})

    # The network's coordinator invites the organisation's first admin, with a Turkish mail.
    sign_in(page, "koordination")
    page.goto(f"/mine/{organisation.pk}/people/")
    page.locator("#id_email").fill("ayse@veli-guetersloh.example")
    page.locator("#id_language").select_option("tr")
    page.locator("#id_role").select_option(RepresentativeRole.ADMIN)
    page.get_by_role("button", name="Einladung senden").click()
    invitation_mail = mailoutbox[-1]
    assert invitation_mail.to == ["ayse@veli-guetersloh.example"]
    sign_out(page)

    # She opens the link from the mail, in Turkish, and sets her password.
    use_language(page, live_server, "tr")
    page.goto(link_in(invitation_mail))
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    assert_accessible(page)
    page.locator("input[name=first_name]").fill("Ayşe")
    page.locator("input[name=last_name]").fill("Yılmaz")
    page.locator("input[name=username]").fill("ayse.yilmaz")
    page.locator("input[name=password]").fill("Kita-Elterncafe-2026")
    page.locator("input[name=password_again]").fill("Kita-Elterncafe-2026")
    page.get_by_role("button", name=in_language("tr", "Konto anlegen und Einladung annehmen")).click()
    expect(page).to_have_url(f"{live_server.url}/mine/{organisation.pk}/")
    # Her space shows the cooperation the network runs with her organisation.
    expect(page.get_by_text("Elterncafé Kita-Einstieg")).to_be_visible()
    assert_accessible(page)
    shot(page, "space-tr-1280")

    # She edits the profile in Turkish: the description is public at once, the name waits.
    page.goto(f"/organisations/{organisation.pk}/edit/")
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    assert_accessible(page)
    page.locator("textarea[name=description]").fill("Ebeveynlere kreş konusunda danışmanlık yapıyoruz.")
    page.locator("input[name=name]").fill("Türk Veli Derneği Gütersloh e.V.")
    page.get_by_role("button", name=in_language("tr", "Speichern")).click()
    organisation.refresh_from_db()
    assert organisation.description == "Ebeveynlere kreş konusunda danışmanlık yapıyoruz."
    assert organisation.name == "Türk Veli Derneği Gütersloh"
    proposal = ProfileProposal.objects.get(organisation=organisation, status=ProfileProposal.Status.OPEN)
    assert proposal.fields["name"] == "Türk Veli Derneği Gütersloh e.V."
    shot(page, "after-save-tr-1280")
    sign_out(page)

    # The coordinator approves the new name.
    sign_in(page, "koordination")
    page.goto(f"/organisations/proposals/{proposal.pk}/")
    expect(page.locator("table.changes")).to_contain_text("Türk Veli Derneği Gütersloh e.V.")
    page.get_by_role("button", name="Übernehmen").click()
    organisation.refresh_from_db()
    assert organisation.name == "Türk Veli Derneği Gütersloh e.V."

    # A year later the network asks whether the data are still correct.
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=timezone.now() - timedelta(days=400))
    page.goto("/freshness/")
    page.get_by_role("button", name=f"{organisation.name} jetzt erinnern").click()
    reminder = mailoutbox[-1]
    assert reminder.to == ["ayse@veli-guetersloh.example"]
    sign_out(page)

    # She confirms from the mail link, on her phone, without signing in.
    page.set_viewport_size(PHONE)
    confirm_path = urlsplit(re.search(r"https?://\S+/freshness/c/\S+", reminder.body).group(0)).path
    page.goto(confirm_path)
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    assert_accessible(page)
    shot(page, "confirm-tr-360")
    page.get_by_role("button", name=in_language("tr", "Ja, die Angaben stimmen noch")).click()
    organisation.refresh_from_db()
    assert organisation.confirmed_at > timezone.now() - timedelta(minutes=5)

    # The history tells the proposal, the decision and the confirmation.
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill("ayse.yilmaz")
    page.locator("input[name=password]").fill("Kita-Elterncafe-2026")
    page.locator("input[name=password]").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/mine/{organisation.pk}/")
    page.goto(f"/organisations/{organisation.pk}/history/")
    assert_accessible(page)
    shot(page, "history-tr-360")
    history = page.locator("main").inner_text()
    assert "Türk Veli Derneği Gütersloh e.V." in history

    # The same pages right to left, in Arabic and in Farsi, at phone width.
    for language in ("ar", "fa"):
        use_language(page, live_server, language)
        for name, path in (
            ("space", f"/mine/{organisation.pk}/"),
            ("people", f"/mine/{organisation.pk}/people/"),
            ("preview", f"/mine/{organisation.pk}/preview/"),
            ("edit", f"/organisations/{organisation.pk}/edit/"),
            ("cooperations", "/cooperations/shared/"),
        ):
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", language)
            right_to_left_without_overflow(page)
            if name == "edit":  # the Latin name in the right-to-left form keeps its own direction
                assert (
                    page.locator("#id_name").evaluate("field => getComputedStyle(field).unicodeBidi")
                    == "plaintext"
                )
            assert_accessible(page)
            shot(page, f"{name}-{language}-360")
