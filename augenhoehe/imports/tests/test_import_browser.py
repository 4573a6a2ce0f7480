"""An import as a coordinator makes it, in real Chromium, with axe-core on every page of it."""

import re
import tempfile
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from augenhoehe.directory.models import Organisation
from augenhoehe.imports import tasks
from augenhoehe.imports.models import ImportBatch
from augenhoehe.imports.tasks import cache

from .test_import_views import FLOW_ROWS, batch_for, csv_bytes

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]


@pytest.fixture
def directory(organisation_factory, users):
    eltern = organisation_factory(
        name="Türkischer Elternverein Gütersloh", kind="parents", email="kontakt@elternverein.example"
    )
    organisation_factory(name="Syrischer Kulturverein", city="Verl", email="info@syrisch.example")
    return {"eltern": eltern, "users": users}


def sign_in(page, live_server, user) -> None:
    """Sign in by the session cookie the server issued, to start on the page a test is about."""
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])


def screenshot(page, name: str) -> None:
    """A picture of the whole page, to look at after the run: /tmp/import-<name>.png."""
    page.screenshot(path=Path(tempfile.gettempdir()) / f"import-{name}.png", full_page=True)


def row(page, number: int):
    return page.locator(f"#row-{number}")


def test_coordinator_imports_a_list(page, directory, assert_accessible):
    page.goto("/accounts/login/?next=/imports/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Listen importieren")
    expect(page.get_by_role("link", name="Listen importieren")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Noch keine Importe.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "list")

    page.get_by_label("Liste (CSV oder Excel)").set_input_files(
        files=[{"name": "vereine.csv", "mimeType": "text/csv", "buffer": csv_bytes(FLOW_ROWS)}]
    )
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()

    # The mapping, with the suggestions chosen.
    expect(page.get_by_role("heading", level=1)).to_have_text("Spalten zuordnen")
    expect(page.get_by_text("vereine.csv: 4 Zeilen")).to_be_visible()
    expect(page.get_by_label("Vereinsname")).to_have_value("name")
    expect(page.get_by_label("PLZ/Ort")).to_have_value("postal_code_city")
    expect(page.get_by_label("Gründungsjahr")).to_have_value("founding_year")
    assert_accessible(page)
    screenshot(page, "mapping")
    page.get_by_label(re.compile(r"^Art für Zeilen ohne Angabe")).select_option("cultural")
    page.get_by_role("button", name="Zeilen prüfen").click()

    # The preview: what each row will do, the error at its column, the decision on the duplicate.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau des Imports")
    expect(row(page, 2).locator(".badge")).to_have_text("Aktualisieren")
    expect(row(page, 3).locator(".badge")).to_have_text("Neu anlegen")
    expect(row(page, 5).locator(".badge")).to_have_text("Fehler")
    expect(row(page, 5).locator(".row-errors")).to_have_text(
        "Spalte D (Gründungsjahr): 1750 ist als Gründungsjahr nicht möglich (1800 bis heute)."
    )
    assert_accessible(page)
    screenshot(page, "preview")

    merge = row(page, 3).get_by_label(
        "Zusammenführen, nur Lücken füllen: Türkischer Elternverein Gütersloh (Gütersloh)"
    )
    merge.check()
    row(page, 3).get_by_role("button", name="Entscheidung speichern").click()
    expect(page.get_by_text("Zeile 3: Entscheidung gespeichert.")).to_be_visible()
    expect(page).to_have_url(re.compile(r"#row-3$"))
    expect(row(page, 3).locator(".badge")).to_have_text("Zusammenführen")
    expect(row(page, 3).locator("input[type=radio]:checked")).to_have_value(f"merge:{directory['eltern'].pk}")

    # Rows with errors are skipped knowingly (refusing without the tick: see the test below).
    page.get_by_label("Zeilen mit Fehlern überspringen").check()
    page.get_by_role("button", name="Jetzt importieren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Importiert")
    expect(page.get_by_text("Der Import ist abgeschlossen")).to_be_visible()
    expect(page.get_by_role("link", name="Zum Verzeichnis")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "result")
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Afrika Forum Verl",
        "Syrischer Kulturverein",
        "Türkischer Elternverein Gütersloh",
    ]
    assert Organisation.objects.get(pk=directory["eltern"].pk).founding_year == 2001

    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Listen importieren"
    ).click()
    expect(page.get_by_role("cell", name="Importiert")).to_be_visible()
    assert_accessible(page)


def test_the_arabic_preview_runs_right_to_left(page, live_server, directory, assert_accessible):
    coordinator = directory["users"]["coordinator"]
    batch = batch_for(coordinator, FLOW_ROWS)
    sign_in(page, live_server, coordinator)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto(batch.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(row(page, 3).locator(".decision-form")).to_be_visible()
    # Logical CSS: the row number stands at the right edge of a right-to-left table.
    number = row(page, 3).locator("th").bounding_box()
    details = row(page, 3).locator("td").last.bounding_box()
    assert number["x"] > details["x"]
    assert_accessible(page)
    screenshot(page, "preview-ar")


def test_the_progress_page_follows_the_worker_and_then_shows_the_preview(
    page, live_server, directory, assert_accessible
):
    coordinator = directory["users"]["coordinator"]
    batch = batch_for(coordinator, FLOW_ROWS)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING)
    cache.set(tasks.progress_key(batch), (1, 4))
    sign_in(page, live_server, coordinator)
    page.goto(batch.get_absolute_url())

    expect(page.get_by_role("heading", level=1)).to_have_text("Wird geprüft")
    expect(page.get_by_label("Zeilen werden geprüft")).to_have_attribute("value", "1")
    assert_accessible(page)
    screenshot(page, "progress")

    cache.set(tasks.progress_key(batch), (3, 4))  # htmx polls every second
    expect(page.get_by_text("3 von 4 Zeilen")).to_be_visible()
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKED)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau des Imports")


def test_errors_point_to_their_field(page, live_server, directory, assert_accessible):
    page = page
    coordinator = directory["users"]["coordinator"]
    sign_in(page, live_server, coordinator)

    page.goto("/imports/")
    page.get_by_label("Liste (CSV oder Excel)").set_input_files(
        files=[{"name": "leer.csv", "mimeType": "text/csv", "buffer": b"Vereinsname;Ort\r\n"}]
    )
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_file_error")).to_have_text(
        "Die Datei enthält nur die Kopfzeile, keine Organisationen."
    )
    expect(page.get_by_label("Liste (CSV oder Excel)")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    screenshot(page, "list-errors")
    assert not ImportBatch.objects.exists()

    batch = batch_for(coordinator, FLOW_ROWS, check=False)
    page.goto(batch.get_absolute_url())
    page.get_by_label("PLZ/Ort").select_option("name")
    page.get_by_role("button", name="Zeilen prüfen").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label("PLZ/Ort")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("PLZ/Ort")).to_have_accessible_description(
        "„Name“ ist schon der Spalte „Vereinsname“ zugeordnet."
    )
    assert_accessible(page)
    screenshot(page, "mapping-errors")

    page.get_by_label("PLZ/Ort").select_option("postal_code_city")
    page.get_by_role("button", name="Zeilen prüfen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau des Imports")
    page.get_by_role("button", name="Jetzt importieren").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_skip_errors_error")).to_contain_text("Einige Zeilen haben Fehler.")
    assert_accessible(page)
    screenshot(page, "preview-errors")
    assert Organisation.objects.count() == 2
