"""Finding a partner as a coordinator does, in real Chromium: "arabischsprachige Eltern in
Gütersloh" described in words, the ranked list with its reasons, a cooperation started; the
organisation's offer on its profile; axe-core on every page, in German and (at 360 px) Arabic."""

import os
import re

import pytest
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.cooperation.tests.test_browser import sign_in

from .. import services
from .conftest import make_cooperation, make_organisation

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]

# Where the 360 px screenshots go to be looked at (the test run's temporary folder by default).
SCREENSHOTS_DIR = "AUGENHOEHE_SCREENSHOTS"


def test_a_partner_is_found_for_arabic_speaking_parents_in_guetersloh_and_a_cooperation_started(
    page, users, network, other_network, assert_accessible, live_server, tmp_path
):
    screenshots = os.environ.get(SCREENSHOTS_DIR, str(tmp_path))
    jasmin = make_organisation(
        "Jasmin – Arabische Familien Gütersloh", tags={"country": ["SY"], "target_group": ["parents"]}
    )
    services.offer_create(
        organisation=jasmin,
        actor=users["coordinator"],
        format="info_evening",
        description="Informationsabend Kita auf Arabisch",
        languages=["ar"],
        target_groups=["parents"],
        reached=40,
        year=2025,
    )
    busy = make_organisation("Arabischer Elternkreis Gütersloh", tags={"target_group": ["parents"]})
    for turn in range(3):
        make_cooperation(other_network, users["other_coordinator"], busy, title=f"Anfrage {turn}")
    make_organisation("Türkischer Elternverein Dortmund", city="Dortmund", languages=["tr", "de"])

    sign_in(page)
    page.get_by_role("link", name="Partner finden").click()
    assert_accessible(page)
    page.get_by_role("button", name="Partner suchen").click()
    expect(page.get_by_text("Bitte beschreiben Sie den Bedarf")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Was brauchen Sie?").fill(
        "Wir wollen arabischsprachige Eltern zur Kita-Anmeldung informieren."
    )
    page.get_by_role("group", name="Zielgruppe").get_by_label("Eltern", exact=True).check()
    page.get_by_label("Sprachen").fill("arabischsprachige")
    page.get_by_label("Communities / Herkunftsländer").fill("Syrien")
    page.get_by_label("Ort (Gemeinde oder Kreis)").fill("Gütersloh")
    page.get_by_label("Format").select_option("info_evening")
    page.get_by_label("Datum").fill("2026-02-31")  # the browser's date field refuses it: empty
    page.get_by_role("button", name="Partner suchen").click()

    results = page.locator("ol.result-list > li")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("Jasmin – Arabische Familien Gütersloh")
    expect(results.nth(0)).to_contain_text("Gleiche Sprache: Arabisch")
    expect(results.nth(0)).to_contain_text("Passendes Angebot: Informationsabend auf Arabisch für Eltern")
    expect(results.nth(1)).to_contain_text("In den letzten 12 Monaten 3-mal angefragt (alle Netzwerke)")
    expect(page.get_by_text("Türkischer Elternverein Dortmund")).to_have_count(0)
    expect(page.get_by_text("Gleiche Sprache: +10 Punkte je Sprache.")).to_be_visible()
    assert_accessible(page)
    result_url = page.url

    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=f"{screenshots}/matching-result-360.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Kooperation beginnen mit Jasmin – Arabische Familien Gütersloh").click()
    assert_accessible(page)
    page.get_by_role("button", name="Kooperation beginnen").click()
    expect(page.locator("#id_mso_gain_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Was die MSO davon hat").fill(
        "Honorar für die Referentin und Räume im Familienzentrum."
    )
    page.get_by_role("button", name="Kooperation beginnen").click()
    expect(page.get_by_text("Die Kooperation ist begonnen")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Informationsabend mit Jasmin")
    expect(page.get_by_text("MSO gefunden").first).to_be_visible()
    assert_accessible(page)

    page.goto(jasmin.get_absolute_url())
    expect(page.get_by_text("2025: 40 Personen erreicht")).to_be_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 360, "height": 740})
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    for url in [
        "/matching/",
        result_url,
        jasmin.get_absolute_url(),
        f"/matching/organisations/{jasmin.pk}/offers/new/",
    ]:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page).to_have_url(re.compile(re.escape(url)))
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(result_url)
    page.screenshot(path=f"{screenshots}/matching-result-360-ar.png", full_page=True)


def test_the_weights_page_passes_axe_for_a_network_admin(page, users, network, assert_accessible):
    sign_in(page, "admin")
    page.goto("/matching/weights/")
    assert_accessible(page)
    page.get_by_label("Gleiche Sprache").fill("60")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#id_language_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Gleiche Sprache").fill("20")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Gleiche Sprache: +20 Punkte je Sprache.")).to_be_visible()
    with network_scope(network):
        from ..models import Weights

        assert Weights.objects.get().language == 20
