"""The choice between the two layouts on the directory page, in real Chromium with axe-core."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from augenhoehe.directory.models import Tag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def listed(organisation_factory):
    organisation_factory(
        name="Türkischer Elternverein Gütersloh",
        kind="parents",
        legal_form="ev",
        tags={Tag.Scheme.LANGUAGE: ["tr", "de"]},
    )


def test_the_downloads_offer_people_and_programs_and_the_table_downloads(
    page, live_server, listed, assert_accessible
):
    page.goto("/organisations/")
    summary = page.locator("details.downloads > summary")
    expect(page.get_by_text("für Menschen (Tabelle zum Lesen)")).to_be_hidden()  # out of the way
    summary.focus()
    page.keyboard.press("Enter")  # the keyboard opens it as a click does
    expect(page.get_by_text("für Menschen (Tabelle zum Lesen)")).to_be_visible()
    expect(page.get_by_text("für Programme (stabiles Format)")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel-Tabelle mit Legende (XLSX)").click()
    assert download.value.suggested_filename.endswith("-tabelle.xlsx")
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:2] == ("ID in Augenhöhe", "Name")
    assert rows[1][1:4:2] == ("Türkischer Elternverein Gütersloh", "Elternverein")
    assert workbook.sheetnames[1] == "Legende"


def test_on_a_phone_in_arabic(browser, live_server, listed, assert_accessible):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page = context.new_page()
    page.goto("/organisations/")
    page.locator("details.downloads > summary").click()
    people = page.get_by_text("للأشخاص (جدول للقراءة)")
    expect(people).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing sticks out
    assert_accessible(page)
    context.close()
