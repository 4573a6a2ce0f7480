"""The value step in real Chromium: on a 360 px phone in Arabic, with the keyboard, with axe-core."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from augenhoehe.imports import services as importing
from augenhoehe.imports.models import ImportBatch, ImportValueMapping
from augenhoehe.testing.factories import home_network

from .test_import_browser import screenshot, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]

MESSY = (Path(__file__).parent / "data" / "messy_list.csv").read_bytes()


def at_value_step(actor) -> ImportBatch:
    batch = importing.import_start(
        network=home_network(actor), actor=actor, file_name="messy_list.csv", content=MESSY
    )
    importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=actor)
    batch = importing.import_check(batch=batch, actor=actor)
    assert batch.status == ImportBatch.Status.VALUES
    return batch


def test_the_value_step_on_an_arabic_phone(page, live_server, users, assert_accessible):
    coordinator = users["coordinator"]
    batch = at_value_step(coordinator)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server, coordinator)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto(batch.get_absolute_url())

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("ربط القيم")
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    kurdish = page.get_by_label("Kurdisch")
    expect(kurdish).to_be_visible()
    # The value reads left to right inside the right-to-left page.
    expect(page.locator("bdi", has_text="Kurdisch")).to_have_attribute("dir", "auto")
    assert_accessible(page)
    screenshot(page, "values-ar-360")

    # Submitting with one value unanswered: the error stands at that value, in Arabic.
    for label, value in [("Bildung", "fields:education"), ("Frauen", "target_groups:women")]:
        page.get_by_label(label).select_option(value)
    page.get_by_label("Sozial").select_option("self_understanding:social")
    page.get_by_label("Verschiedenes").select_option("-")
    page.get_by_role("button", name="فحص الصفوف").click()
    expect(page.locator("#id_value_4_error")).to_contain_text("يرجى اختيار ما تعنيه «Kurdisch»")
    expect(kurdish).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    screenshot(page, "values-ar-360-error")

    # With the keyboard only: focus the select, pick the second candidate (Soranî), send the form.
    kurdish.focus()
    kurdish.select_option("languages:ckb")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#id_value_4")).to_have_count(0)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert ImportValueMapping.objects.get(column="languages").target == "languages:ckb"
    assert batch.rows.get(number=4).values["languages"] == ["ckb", "de"]


def test_the_value_step_on_a_german_desktop(page, live_server, users, assert_accessible):
    coordinator = users["coordinator"]
    batch = at_value_step(coordinator)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, coordinator)
    page.goto(batch.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Werte zuordnen")
    expect(page.get_by_text("1-mal, in Zeile 4 · mehrdeutig")).to_be_visible()
    # The candidates of the ambiguous value come right after the three choices that are not values.
    options = page.get_by_label("Kurdisch").locator("option")
    expect(options.nth(3)).to_have_text("Sprachen: Kurdisch (Kurmancî)")
    expect(options.nth(4)).to_have_text("Sprachen: Kurdisch (Soranî)")
    assert_accessible(page)
    screenshot(page, "values-de")
