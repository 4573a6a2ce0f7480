"""Issue 11's journey in real Chromium, end to end: a coordinator finds a partner for
"arabischsprachige Eltern in Gütersloh", starts a cooperation with the best result, names the
organisation's contact (who reads Turkish) and starts a check-in; the contact opens the personal
link from the mail on a 360 px phone, answers in Turkish, and the coordinator sees the answer on the
cooperation's page. axe-core on every page on the way, in German, and the new pages in Arabic."""

import re

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.cooperation.tests.test_browser import sign_in
from augenhoehe.matching import services as matching_services
from augenhoehe.matching.tests.conftest import make_organisation

from ..choices import Factor
from ..models import Response
from .conftest import link_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


def test_a_partner_is_found_a_cooperation_started_and_a_checkin_answered_in_turkish_on_a_phone(
    page, browser, users, network, live_server, assert_accessible
):
    jasmin = make_organisation(
        "Jasmin – Arabische Familien Gütersloh", tags={"country": ["SY"], "target_group": ["parents"]}
    )
    matching_services.offer_create(
        organisation=jasmin,
        actor=users["coordinator"],
        format="info_evening",
        description="Informationsabend Kita auf Arabisch",
        languages=["ar"],
        target_groups=["parents"],
        reached=40,
        year=2025,
    )
    make_organisation("Türkischer Elternverein Dortmund", city="Dortmund", languages=["tr", "de"])
    make_organisation("Centro Italiano Gütersloh", languages=["it", "de"])

    # The coordinator describes the need as people say it.
    sign_in(page)
    page.get_by_role("link", name="Partner finden").click()
    page.get_by_label("Was brauchen Sie?").fill(
        "Arabischsprachige Eltern in Gütersloh zur Kita-Anmeldung erreichen"
    )
    page.get_by_role("group", name="Zielgruppe").get_by_label("Eltern", exact=True).check()
    page.get_by_label("Sprachen").fill("arabischsprachige")
    page.get_by_label("Ort (Gemeinde oder Kreis)").fill("Gütersloh")
    page.get_by_label("Format").select_option("info_evening")
    page.get_by_role("button", name="Partner suchen").click()

    results = page.locator("ol.result-list > li")
    expect(results.nth(0)).to_contain_text("Jasmin – Arabische Familien Gütersloh")
    expect(results.nth(0)).to_contain_text("Gleiche Sprache: Arabisch")
    # The Italian association nearby speaks none of the sought languages and says so, below.
    expect(results.filter(has_text="Centro Italiano")).to_contain_text("Spricht keine der gesuchten Sprachen")
    assert_accessible(page)
    result_url = page.url

    page.get_by_role("link", name="Kooperation beginnen mit Jasmin – Arabische Familien Gütersloh").click()
    page.get_by_label("Was die MSO davon hat").fill("Honorar für die Referentin, Räume im Familienzentrum")
    page.get_by_role("button", name="Kooperation beginnen").click()
    expect(page.get_by_text("Die Kooperation ist begonnen")).to_be_visible()
    expect(page.get_by_text("MSO gefunden").first).to_be_visible()
    cooperation_url = page.url
    # The need the cooperation came from is on its page, with the way back to the results.
    expect(page.locator("#need-heading")).to_be_visible()
    expect(
        page.get_by_text("Arabischsprachige Eltern in Gütersloh zur Kita-Anmeldung erreichen")
    ).to_be_visible()

    # The organisation's contact reads Turkish best; the check-in starts now.
    contact = page.locator("form.checkin-contact").filter(has_text="Jasmin")
    contact.get_by_label("Name").fill("Ayşe Yılmaz")
    contact.get_by_label("E-Mail").fill("ayse@example.org")
    contact.get_by_label("Sprache").select_option("tr")
    contact.get_by_role("button", name="Ansprechperson speichern").click()
    page.get_by_role("button", name="Check-in jetzt starten").click()
    expect(page.locator("#checkin-rounds")).to_contain_text("Jasmin")
    assert_accessible(page)

    [invitation] = [message for message in mail.outbox if message.to == ["ayse@example.org"]]
    assert invitation.extra_headers["Content-Language"] == "tr"
    language, secret = link_in(invitation)
    link = re.search(r"https?://\S+/checkins/link/\S+/", invitation.body)[0]
    assert language == "tr"

    # On her phone, without an account.
    phone = browser.new_context(locale="tr-TR", viewport={"width": 360, "height": 740})
    mobile = phone.new_page()
    mobile.goto(live_server.url + link[link.index("/checkins/") :])
    expect(mobile.get_by_role("heading", level=1)).to_have_text("İş birliği nasıl gidiyor?")
    expect(mobile.locator("html")).to_have_attribute("lang", "tr")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    for factor in Factor.values:
        answer = "tamamen doğru" if factor != "feels_used" else "kısmen doğru"
        mobile.locator(f"#id_{factor}").get_by_label(answer, exact=True).check()
    mobile.get_by_role("button", name="Gönder").click()
    expect(mobile.get_by_role("heading", level=1)).to_have_text("Çok teşekkürler!")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(mobile)
    phone.close()

    with scopes_disabled():
        response = Response.objects.get(side="organisation")
    assert response.language == "tr" and response.organisation == jasmin

    # The coordinator sees her answer; the new pages also hold in Arabic.
    page.goto(cooperation_url)
    expect(page.locator("#checkin-rounds")).to_contain_text("beantwortet")
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    for url in ("/matching/", result_url, cooperation_url):
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        assert_accessible(page)
