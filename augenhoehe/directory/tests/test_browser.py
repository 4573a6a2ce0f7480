"""The directory as a person uses it, in real Chromium, with axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from augenhoehe.directory.models import Tag

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def directory(organisation_factory, users):
    umbrella = organisation_factory(name="Dachverband OWL", kind="umbrella", city="Bielefeld")
    organisation_factory(
        name="Türkischer Elternverein Gütersloh",
        kind="parents",
        description="Elterncafé und Informationsabende zur Kita.",
        umbrellas=[umbrella],
        tags={Tag.Scheme.LANGUAGE: ["tr", "de"], Tag.Scheme.FIELD: ["parents"]},
    )
    organisation_factory(
        name="Ukrainischer Verein Mriya",
        city="Dortmund",
        tags={Tag.Scheme.LANGUAGE: ["uk"], Tag.Scheme.FIELD: ["culture"]},
    )
    organisation_factory(
        name="Syrischer Kulturverein Verl",
        city="Verl",
        umbrellas=[umbrella],
        tags={Tag.Scheme.LANGUAGE: ["ar"], Tag.Scheme.FIELD: ["language_courses"]},
    )
    return users


def results(page):
    return page.locator(".result__title a")


def test_visitor_searches_filters_and_opens_a_profile(page, directory, assert_accessible):
    page.goto("/organisations/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(results(page)).to_have_count(4)
    assert_accessible(page)

    page.get_by_label("Suchbegriff").fill("gütersloh")
    expect(results(page)).to_have_count(2)  # updated in place by htmx: Gütersloh and Verl (Kreis Gütersloh)
    expect(page).to_have_url(re.compile(r"q=g%C3%BCtersloh"))

    page.get_by_label(re.compile(r"^Türkisch")).check()
    expect(results(page)).to_have_count(1)
    expect(page).to_have_url(re.compile(r"language=tr"))
    assert_accessible(page)

    # The URL carries the whole search: reloading it shows the same result.
    page.reload()
    expect(results(page)).to_have_count(1)
    expect(page.get_by_label(re.compile(r"^Türkisch"))).to_be_checked()

    results(page).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Türkischer Elternverein Gütersloh")
    expect(page.get_by_role("link", name="Dachverband OWL")).to_be_visible()
    assert_accessible(page)


def test_search_works_without_javascript(browser, live_server, directory):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    page.goto("/organisations/")
    page.get_by_label("Suchbegriff").fill("tuerkisch")
    page.get_by_role("button", name="Suchen").click()
    expect(results(page)).to_have_count(1)
    page.get_by_label(re.compile(r"^Deutsch")).check()
    apply = page.locator("#apply-filters")
    expect(apply).to_have_text("1 Ergebnis anzeigen")  # the count when the page was drawn
    apply.click()
    expect(page).to_have_url(re.compile(r"language=de"))
    expect(results(page)).to_have_count(1)
    context.close()


def test_coordinator_edits_a_profile_and_sees_the_history(page, directory, assert_accessible):
    page.goto("/accounts/login/?next=/organisations/")
    assert_accessible(page)
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    # Signed in and sent on to the directory (on a busy machine the login page may still show).
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    # The directory's scripts (htmx) run at the load event: typing before it would go unheard.
    page.wait_for_load_state("load")

    page.get_by_label("Suchbegriff").fill("Mriya")
    # The results follow the typing (htmx, after a pause); a loaded machine takes longer than 5 s.
    expect(results(page)).to_have_count(1, timeout=20_000)
    # Let the last search request settle, so the click does not land on a list htmx is replacing.
    page.wait_for_load_state("networkidle")
    results(page).first.click()
    expect(page).to_have_url(re.compile(r"/organisations/\d+/$"))
    page.get_by_role("link", name="Bearbeiten").click()
    assert_accessible(page)

    page.get_by_label("Beschreibung", exact=True).fill(
        "Ukrainische Kultur, Sprache und Beratung in Dortmund."
    )
    page.get_by_label("Postleitzahl").fill("123")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_postal_code_error")).to_contain_text("fünf Ziffern")
    expect(page.get_by_label("Postleitzahl")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label("Postleitzahl").fill("44137")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Das Profil wurde gespeichert.")).to_be_visible()
    expect(page.get_by_text("Ukrainische Kultur, Sprache und Beratung in Dortmund.")).to_be_visible()

    page.get_by_role("link", name="Änderungsverlauf").click()
    expect(
        page.get_by_role("cell", name="Ukrainische Kultur, Sprache und Beratung in Dortmund.")
    ).to_be_visible()
    assert_accessible(page)


def test_arabic_pages_run_right_to_left(page, live_server, directory, assert_accessible):
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto("/organisations/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    # Logical CSS: the filter column sits on the right in a right-to-left page.
    facets = page.locator(".facets").bounding_box()
    listing = page.locator(".results").bounding_box()
    assert facets["x"] > listing["x"]
    assert_accessible(page)
