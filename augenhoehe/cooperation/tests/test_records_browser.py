"""The records on a cooperation's page as a coordinator uses them, in real Chromium: a contact
logged, a task added and done, a document uploaded (a wrong one refused first); axe-core on the
page in German and in Arabic."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation import services

from . import samples
from .conftest import cooperation_fields
from .test_browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def cooperation(organisation_factory, users, network):
    organisation = organisation_factory(name="Köprü Kültür Derneği", kind="parents", city="Verl")
    with network_scope(network):
        cooperation = services.cooperation_create(
            network=network, actor=users["coordinator"], organisations=[organisation], **cooperation_fields()
        )
        services.funding_period_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            source="state",
            amount=Decimal("4000"),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=300),
        )
        services.compensation_add(
            cooperation=cooperation,
            actor=users["coordinator"],
            organisation=organisation,
            kind="fee",
            amount=Decimal("400"),
            status="claimed",
        )
    return cooperation


def test_a_contact_a_task_and_a_document_are_added_on_the_page(
    page, live_server, cooperation, assert_accessible
):
    sign_in(page)
    page.goto(cooperation.get_absolute_url())
    assert_accessible(page)

    page.get_by_text("Kontakt eintragen").click()
    page.get_by_label("Art des Kontakts").select_option("visit")
    page.get_by_label("Mit welcher Organisation").select_option(label="Köprü Kültür Derneği")
    page.get_by_label("Mit wem").fill("Vorstand, Frau Yılmaz")
    page.get_by_label("Nächster Schritt bis").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Kontakt speichern").click()
    # No outcome, and a due date without a step: both named at their fields.
    expect(page.locator("#id_contact-outcome_error")).to_be_visible()
    expect(page.locator("#id_contact-next_step_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ergebnis").fill("Gespräch im Vereinsheim, Termine abgestimmt.")
    page.get_by_label("Nächster Schritt", exact=True).fill("Einladung übersetzen")
    page.get_by_label("Für die Organisation sichtbar – die MSO liest diesen Eintrag").check()
    page.get_by_role("button", name="Kontakt speichern").click()
    expect(page.get_by_text("Der Kontakt wurde eingetragen.")).to_be_visible()
    expect(page.locator("#contact-log")).to_contain_text("Besuch bei der MSO")
    expect(page.locator("#contact-log")).to_contain_text("sichtbar für die Organisation")

    page.get_by_text("Aufgabe anlegen").click()
    page.locator("#id_task-title").fill("Raum reservieren")  # "Aufgabe" is in other labels too
    page.get_by_label("Zuständig").select_option(label="Köprü Kültür Derneği")
    page.get_by_label("Fällig am").fill((timezone.localdate() - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Aufgabe speichern").click()
    expect(page.get_by_text("Die Aufgabe wurde angelegt.")).to_be_visible()
    expect(page.locator("#task-list")).to_contain_text("überfällig")
    page.locator("#task-list").get_by_role("button", name="Erledigt").click()
    expect(page.locator("#task-list")).to_contain_text("erledigt am")

    page.get_by_text("Dokument hochladen").click()
    page.get_by_label("Art des Dokuments").select_option("agreement")
    page.get_by_label("Titel des Dokuments").fill("Kooperationsvereinbarung")
    upload = page.get_by_label("Datei *")
    upload.set_input_files(
        files=[{"name": "Vereinbarung.pdf", "mimeType": "application/pdf", "buffer": samples.exe()}]
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.locator("#id_document-file_error")).to_contain_text(
        "Diese Art von Datei nehmen wir nicht an."
    )
    assert_accessible(page)
    page.get_by_label("Titel des Dokuments").fill("Kooperationsvereinbarung")
    upload.set_input_files(
        files=[{"name": "Vereinbarung_Köprü.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}]
    )
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_text("Das Dokument wurde hochgeladen.")).to_be_visible()
    expect(page.locator("#document-list")).to_contain_text("Vereinbarung_Köprü.pdf")
    with page.expect_download() as download:
        page.get_by_role("link", name="Kooperationsvereinbarung").click()
    assert download.value.suggested_filename == "Vereinbarung_Köprü.pdf"
    expect(page.locator("#compensation-summary")).to_contain_text("10 % der Förderung")
    page.get_by_text("Stand ändern").click()
    page.get_by_label("Neuer Stand").select_option("paid")
    page.get_by_role("button", name="Neuen Stand speichern").click()
    expect(page.get_by_text("Der Stand wurde geändert.")).to_be_visible()
    expect(page.locator("#compensation-summary")).to_contain_text("davon 400,00 € ausgezahlt")
    assert_accessible(page)

    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto(cooperation.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    for summary in page.locator("details > summary").all():
        summary.click()  # the forms too
    assert_accessible(page)


def test_the_page_fits_a_narrow_screen(page, cooperation):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page)
    page.goto(cooperation.get_absolute_url())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
