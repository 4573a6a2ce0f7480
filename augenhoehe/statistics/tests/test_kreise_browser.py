"""The page of a table of Kreise in real Chromium, in German and Arabic (right to left), at 1280
and 360 px: axe-core, no sideways scrolling on a phone, the 53 Kreise of NRW drawn, and
screenshots under /tmp/ah-kreise/shots/ to look at."""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

SHOTS = Path(tempfile.gettempdir()) / "ah-kreise" / "shots"


@pytest.mark.parametrize("language", ["de", "ar"])
def test_a_kreis_tables_map_reads_in_both_directions(
    page, live_server, kreis_table, assert_accessible, language
):
    sign_in(page)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    page.goto(f"{kreis_table.get_absolute_url()}?column=0&figure=per_100k")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("#table-map svg[role=img] path")).to_have_count(53)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        ), width
        page.screenshot(path=SHOTS / f"kreise-{language}-{width}.png", full_page=True)
    assert_accessible(page)
