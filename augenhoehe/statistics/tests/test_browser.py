"""The statistics pages in real Chromium: a table uploaded through the form, then axe-core on
the list (with the form's errors too) and on the table page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_upload_and_read_a_table_accessibly(page, users, printed_table, tmp_path, assert_accessible):
    bad = tmp_path / "kaputt.csv"
    bad.write_text("Land;Anzahl 2019\nBayern;abc\n")
    good = tmp_path / "mso.tsv"
    good.write_bytes(printed_table)
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    page.goto(reverse("statistics:list"))
    assert_accessible(page)
    page.get_by_label("Titel der Tabelle").fill("MSO je Bundesland")
    page.get_by_label("Tabelle (CSV oder Excel)").set_input_files(str(bad))
    page.get_by_role("button", name="Importieren").click()
    expect(page.locator("#error-summary")).to_contain_text("Zeile 2, Spalte B")
    assert_accessible(page)
    page.get_by_label("Titel der Tabelle").fill("MSO je Bundesland")
    page.get_by_label("Tabelle (CSV oder Excel)").set_input_files(str(good))
    page.get_by_role("button", name="Importieren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MSO je Bundesland")
    expect(page.get_by_role("table").nth(2)).to_contain_text("29,2 %")
    assert_accessible(page)
