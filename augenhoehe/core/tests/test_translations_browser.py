"""Right to left in Farsi and Arabic on a phone: the public pages that show texts people wrote, with
a translated version and a German original side by side."""

import os
import tempfile

import pytest
from django.urls import reverse

from augenhoehe.events.tests.organiser_helpers import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

# Screenshots to look at, beside the test database.
SHOTS = os.environ.get("AUGENHOEHE_HOME") or tempfile.gettempdir()


@pytest.fixture
def world(organisation_factory, network, users):
    profile = organisation_factory(
        name="Elternnetzwerk Gütersloh",
        description="Wir beraten Eltern zu Kita und Schule, jeden Dienstag im Familienzentrum.",
        translations={
            "ar": {"description": "نقدم المشورة للآباء حول الحضانة والمدرسة، كل يوم ثلاثاء."},
            "fa": {"description": "ما هر سه‌شنبه به والدین درباره مهدکودک و مدرسه مشاوره می‌دهیم."},
        },
    )
    event = make_event(
        network,
        users["coordinator"],
        publish=True,
        title="Infoabend: Kita und Schule in Deutschland",
        translations={"ar": {"title": "أمسية معلومات: الحضانة والمدرسة في ألمانيا"}},
    )
    return {"profile": profile, "event": event}


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_public_pages_are_right_to_left_on_a_phone(page, live_server, world, assert_accessible, language):
    page.set_viewport_size({"width": 360, "height": 800})
    page.context.add_cookies([{"name": "augenhoehe_language", "value": language, "url": live_server.url}])
    pages = {
        "directory": reverse("directory:search"),
        "profile": world["profile"].get_absolute_url(),
        "events": reverse("events:list"),
        "event": reverse("events:detail", args=[world["event"].pk]),
    }
    for name, path in pages.items():
        page.goto(path)
        assert page.get_attribute("html", "dir") == "rtl", name
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        page.screenshot(path=f"{SHOTS}/rtl-{language}-{name}.png", full_page=True)
        assert_accessible(page)
    # On the event page the German description keeps its language inside the right-to-left page
    # (its direction found by the browser: an original may be written in any language).
    german = page.locator(".prose[lang='de']").first
    assert german.get_attribute("dir") == "auto"
    if language == "ar":
        assert page.locator("h1 bdi[lang='ar']").count() == 1
