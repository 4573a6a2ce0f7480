"""The desk in real Chromium: a coordinator signs in, lands on it and follows two of its panels;
axe-core on the desk and the lists behind it, in German and in Arabic, and at 360 px."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from . import desk_data as make
from .test_browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def full_desk(organisation_factory, users, network):
    """A desk with something in every panel."""
    today = timezone.localdate()
    organisation = organisation_factory(name="Syrischer Elternverein Verl", city="Verl")
    work = make.cooperation(network, organisation, title="Elterncafé Verl")
    make.task(
        work, due_on=today - timedelta(days=2), owner=users["coordinator"], title="Protokoll verschicken"
    )
    make.task(work, due_on=today + timedelta(days=3), title="Raum buchen")
    make.vetting(network, organisation, next_review_on=today + timedelta(days=5))
    make.funding(work, ends_on=today + timedelta(days=40))
    make.contact(work, organisation, happened_on=today - timedelta(days=400))
    return organisation


def test_a_coordinator_lands_on_the_desk_and_follows_two_panels(page, full_desk, assert_accessible):
    sign_in(page)
    expect(page).to_have_url(re.compile(r"/cooperations/desk/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Schreibtisch")
    expect(page.get_by_role("link", name="Schreibtisch")).to_have_attribute("aria-current", "page")
    expect(page.locator("#desk-tasks-total")).to_contain_text("2 offene Aufgaben")
    expect(page.get_by_role("region", name="Fällige Prüfungen")).not_to_contain_text("Elternverein")
    assert_accessible(page)

    page.get_by_role("link", name="Alle fälligen Aufgaben").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Offene Aufgaben")
    expect(page.locator("#task-table tbody tr")).to_have_count(2)
    assert_accessible(page)
    page.get_by_label("Zuständig").select_option("1")  # htmx swaps the results, the URL follows
    expect(page.locator("#task-table tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"mine=1"))
    expect(page.locator("#task-table")).to_contain_text("Protokoll verschicken")

    page.get_by_role("link", name="Schreibtisch").first.click()
    page.get_by_role("link", name="Alle Organisationen ohne Kontakt seit einem Jahr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seit einem Jahr kein Kontakt")
    expect(page.locator("#not-contacted")).to_contain_text("Syrischer Elternverein Verl")
    expect(page.locator("#not-contacted")).to_contain_text("Elterncafé Verl")
    assert_accessible(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_desk_and_its_lists_in_arabic_right_to_left(
    page, live_server, full_desk, assert_accessible, width
):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    for url in ["/cooperations/desk/", "/cooperations/tasks/?due=due", "/cooperations/not-contacted/"]:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("h1")).not_to_have_text(re.compile("Schreibtisch|Offene Aufgaben|kein Kontakt"))
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
