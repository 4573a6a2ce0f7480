"""The check-in in real Chromium: the personal link opened in Turkish on a 360 px wide phone,
filled in and thanked; axe-core on the link's page in German and Arabic and on the cooperation
page's check-in section in German and Arabic."""

import pytest
from django.core import mail
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from augenhoehe.accounts.middleware import network_scope

from .. import services
from ..choices import Factor
from ..models import Checkin, Response
from .conftest import add_contact, link_in, ratings, start

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def link(users, cooperation, köprü):
    add_contact(cooperation, köprü, users["coordinator"], language="tr")
    start(cooperation, users["coordinator"])
    return link_in(mail.outbox[-1])


def test_the_link_is_filled_in_in_turkish_on_a_phone(browser, live_server, link, assert_accessible):
    language, secret = link
    context = browser.new_context(
        base_url=live_server.url, locale="tr-TR", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(reverse("checkins:answer", args=[language, secret]))
    expect(page.get_by_role("heading", level=1)).to_have_text("İş birliği nasıl gidiyor?")
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.get_by_role("button", name="Gönder").click()  # nothing chosen: the errors are named
    expect(page.locator("#error-summary")).to_be_visible()
    for number, factor in enumerate(Factor.values):
        group = page.locator(f"#id_{factor}")
        group.get_by_label("kısmen doğru" if number % 2 else "tamamen doğru", exact=True).check()
    page.locator("#id_feels_used").get_by_label("bilmiyorum").check()
    page.get_by_label("Not (isteğe bağlı)").first.fill("Toplantılar çok iyi geçiyor.")
    page.get_by_role("button", name="Gönder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Çok teşekkürler!")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.goto(reverse("checkins:answer", args=[language, secret]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaten yanıtlandı")
    context.close()
    assert not errors
    with scopes_disabled():
        response = Response.objects.get()
        assert response.language == "tr"
        assert response.ratings.get(factor="motivation").agreement == 5
        assert response.ratings.get(factor="feels_used").agreement is None
        assert response.ratings.get(factor="motivation").comment == "Toplantılar çok iyi geçiyor."


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_links_page_is_accessible(page, link, assert_accessible, language):
    _language, secret = link
    page.goto(reverse("checkins:answer", args=[language, secret]))
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.get_by_role("button").last.click()  # the form with its errors
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_section_on_the_cooperation_page_is_accessible(
    page, network, users, cooperation, link, assert_accessible, language
):
    _language, secret = link
    services.link_response_submit(token=secret, ratings=ratings(3, feels_used=5), language="tr")
    with network_scope(network):
        checkin = Checkin.objects.get()
        services.network_response_submit(
            checkin=checkin, actor=users["coordinator"], ratings=ratings(4, feels_used=1)
        )
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill("koordination")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    if language == "ar":
        page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": page.url}])
    page.goto(cooperation.get_absolute_url() + "#checkins")
    expect(page.locator("#checkin-divergences")).to_be_visible()
    expect(page.locator("svg.checkin-chart").first).to_be_visible()
    assert_accessible(page)
    page.goto(reverse("cooperation:desk"))
    expect(page.locator("#desk-divergences-total")).to_be_visible()
    assert_accessible(page)
