"""The honest preview in real Chromium: at 360 px in Arabic, with the keyboard only, with axe-core."""

import pytest
from playwright.sync_api import expect

from augenhoehe.directory.models import Organisation
from augenhoehe.imports.models import ImportBatch

from .test_import_browser import row, screenshot, sign_in
from .test_import_preview import BLOCKED_ROWS, REPEATED, checked

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]

MESSY = [
    *BLOCKED_ROWS,
    *REPEATED,
    ["Verein Alt", "4800 Bielefeld", "Kulturverein", ""],
]


def tab_to(page, target, limit: int = 120) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would; fails if it never does."""
    handle = target.element_handle()
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", handle):
            return
    raise AssertionError(f"{target} never got the focus in {limit} presses of Tab")


def test_the_preview_at_360_px_in_arabic(page, live_server, users, assert_accessible):
    batch = checked(users["coordinator"], MESSY)
    sign_in(page, live_server, users["coordinator"])
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(batch.get_absolute_url())

    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#blocked-title")).to_contain_text("4")
    expect(page.locator("#blocked li")).to_have_count(2)
    expect(row(page, 8).locator(".decision-form")).to_be_visible()  # repeats row 6: merge or keep
    expect(row(page, 10).locator(".row-warnings li")).to_have_count(3)
    screenshot(page, "honest-preview-ar-360")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().left < -1 || e.getBoundingClientRect().right > 361).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right))"""
    )
    # The page does not scroll sideways as a whole; wide tables scroll in their own box, if at all.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, wide
    assert_accessible(page)

    page.goto(batch.get_absolute_url().rstrip("/") + "/mapping/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
    screenshot(page, "mapping-again-ar-360")


def test_the_preview_with_the_keyboard_only(page, live_server, users, assert_accessible):
    batch = checked(users["coordinator"], MESSY)
    sign_in(page, live_server, users["coordinator"])
    page.goto(batch.get_absolute_url())
    assert_accessible(page)

    # From a reason of the blocked rows to exactly those rows.
    tab_to(page, page.locator("#blocked a").first)
    page.keyboard.press("Enter")
    expect(page.locator(".import-row")).to_have_count(3)
    expect(page.locator("caption")).to_contain_text("Spalte C (Art)")

    # Merge a repeated row into the earlier one: arrows move within the radio group.
    page.goto(batch.get_absolute_url() + "?show=duplicates")
    merge = row(page, 8).get_by_label("Mit Zeile 6 zusammenführen", exact=False)
    tab_to(page, row(page, 8).locator("input[type=radio]:checked"))
    while not page.evaluate("(element) => document.activeElement === element", merge.element_handle()):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, row(page, 8).get_by_role("button"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Zeile 8: Entscheidung gespeichert.")).to_be_visible()
    expect(row(page, 8)).to_contain_text("Mit Zeile 6 zusammengeführt")
    assert_accessible(page)

    # Back to the mapping, not taking the kind column: every kind is blocked no more.
    page.goto(batch.get_absolute_url())
    tab_to(page, page.get_by_role("link", name="Zurück zur Zuordnung der Spalten"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Spalten zuordnen")
    expect(page.get_by_label("Art", exact=True)).to_have_value("kind")
    assert_accessible(page)
    tab_to(page, page.get_by_label("Art", exact=True))
    page.keyboard.press("Home")  # the first option: "– nicht übernehmen –"
    tab_to(page, page.get_by_role("button", name="Zeilen prüfen"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau des Imports")
    batch.refresh_from_db()
    assert (batch.mapping[2], batch.counts["error"]) == ("", 1)
    screenshot(page, "honest-preview-de")


def test_the_result_publishes_with_the_keyboard(page, live_server, users, assert_accessible):
    batch = checked(users["coordinator"], REPEATED)
    sign_in(page, live_server, users["coordinator"])
    page.goto(batch.get_absolute_url())
    tab_to(page, page.get_by_role("button", name="Jetzt importieren"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importiert")
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    expect(page.locator(".created-profiles li")).to_have_count(3)
    expect(page.locator(".import-created")).to_contain_text("noch nicht veröffentlicht")
    assert_accessible(page)
    screenshot(page, "result-created")

    tab_to(page, page.get_by_label("Afrika Forum Verl"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Ausgewählte veröffentlichen"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 Profil ist jetzt veröffentlicht.")).to_be_visible()
    assert Organisation.objects.get(name="Afrika Forum Verl").is_published

    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    screenshot(page, "result-created-ar-360")
