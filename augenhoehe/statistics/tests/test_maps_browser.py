"""The map pages in real Chromium, in German and Arabic (right to left), at 1280 and 360 px:
axe-core, no sideways scrolling on a phone, the legend after the map in reading order, and
screenshots under /tmp/ah-maps/shots/ to look at."""

import tempfile
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(tempfile.gettempdir()) / "ah-maps" / "shots"


def look(page, name: str, assert_accessible) -> None:
    """axe, no overflow, and a screenshot at a desktop's and a phone's width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), width
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_directory_figures_read_in_both_directions(
    page, live_server, users, directory, assert_accessible, language
):
    sign_in(page)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    page.goto(reverse("statistics:directory"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("#kreise-map svg[role=img] path")).to_have_count(53)
    expect(page.locator("#laender-map svg[role=img] path")).to_have_count(16)
    look(page, f"directory-{language}", assert_accessible)
    page.get_by_label("Land" if language == "de" else "الولاية").select_option("09")
    page.locator("form.map-form button").click()
    expect(page.locator("#kreise-map svg[role=img] path")).to_have_count(96)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_tables_map_reads_in_both_directions(page, live_server, table, assert_accessible, language):
    sign_in(page)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    for figure in ("count", "share"):  # the document's categories; computed ranges hatched
        page.goto(f"{table.get_absolute_url()}?column=0&figure={figure}")
        expect(page.locator("#table-map svg[role=img] path")).to_have_count(16)
        look(page, f"table-{figure}-{language}", assert_accessible)
