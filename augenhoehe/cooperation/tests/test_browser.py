"""The desk as a coordinator uses it, in real Chromium: a cooperation started from a profile and
moved through the guide's stages, a vetting proposed; axe-core on every page, in German and Arabic."""

import base64
import re

import pyotp
import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
]


@pytest.fixture
def desk(organisation_factory, users):
    organisation = organisation_factory(name="Syrischer Elternverein Verl", kind="parents", city="Verl")
    return organisation, users


def sign_in(page, username="koordination"):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden").click()
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:  # network admins have a second factor: the code their app shows now
        page.get_by_label("Code").fill(pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now())
        page.get_by_role("button", name="Bestätigen").click()


def test_a_cooperation_is_started_from_a_profile_and_moved_through_the_stages(
    page, desk, assert_accessible, browser, live_server
):
    organisation, _users = desk
    sign_in(page)
    page.goto(organisation.get_absolute_url())
    assert_accessible(page)  # the profile with the staff's buttons to the desk
    page.get_by_role("link", name="Kooperation beginnen").click()
    expect(page.get_by_label("Syrischer Elternverein Verl (Verl)")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Titel").fill("Infoabend Kita auf Arabisch")
    page.get_by_label("Thema").select_option("kita_entry")
    page.get_by_label("Unsere Ziele").fill("Familien kennen den Weg in die Kita.")
    page.get_by_role("button", name="Speichern").click()
    # What the MSO gains is required: the message stands next to the field.
    expect(page.locator("#id_mso_gain_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Was die MSO davon hat").fill("Honorar und Räume.")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Kooperation wurde angelegt.")).to_be_visible()
    expect(page.locator("#current-stage")).to_have_text("Ziele definiert")
    assert_accessible(page)

    for stage in ["MSO gefunden", "Erstkontakt", "vereinbart", "aktiv", "ausgewertet"]:
        page.get_by_label("Nächste Phase").select_option(label=stage)
        if stage == "Erstkontakt":
            page.get_by_label("Anmerkung").fill("Gespräch im Vereinsheim")
        page.get_by_role("button", name="Phase ändern").click()
        expect(page.locator("#current-stage")).to_have_text(stage)
        if stage == "Erstkontakt":
            expect(page.locator("#stage-advice")).to_contain_text("persönliche Gespräch")
    expect(page.get_by_text("Diese Kooperation ist abgeschlossen.")).to_be_visible()
    expect(page.get_by_role("cell", name="Gespräch im Vereinsheim")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Bearbeiten").click()
    assert_accessible(page)
    page.goto("/cooperations/")
    expect(page.get_by_role("link", name="Infoabend Kita auf Arabisch")).to_be_visible()
    assert_accessible(page)

    read_as_the_organisation(browser, live_server, organisation, assert_accessible)


def read_as_the_organisation(browser, live_server, organisation, assert_accessible):
    """The organisation's representative, on a phone in Arabic, reads the cooperation the coordinator
    moved (goals of both sides, a shared contact, no vetting) and writes its goals and a comment."""
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.cooperation import services
    from augenhoehe.cooperation.models import ContactEntry, Cooperation
    from augenhoehe.directory.models import RepresentativeRole
    from augenhoehe.testing.factories import representative

    with scopes_disabled():
        cooperation = Cooperation.objects.select_related("network", "created_by").get()
    with network_scope(cooperation.network):
        services.vetting_record(
            network=cooperation.network,
            organisation=organisation,
            actor=cooperation.created_by,
            status="concerns",
            sources="VERTRAULICHER-VERMERK",
        )
        for shared, outcome in ((True, "Saal für 40 Personen zugesagt"), (False, "INTERNE-NOTIZ")):
            ContactEntry.objects.create(
                network=cooperation.network,
                cooperation=cooperation,
                kind="visit",
                happened_on=timezone.localdate(),
                with_whom="Vorstand",
                outcome=outcome,
                shared=shared,
            )
    member = representative(organisation, RepresentativeRole.ADMIN, username="vorstand")
    phone = browser.new_context(
        base_url=live_server.url, locale="de-DE", viewport={"width": 360, "height": 740}
    ).new_page()
    sign_in(phone, member.username)  # lands in its organisation's own space, which lists its cooperations
    assert_accessible(phone)
    phone.get_by_role("link", name="Infoabend Kita auf Arabisch").click()
    expect(phone.locator("#current-stage")).to_have_text("ausgewertet")
    expect(phone.locator("#goals")).to_contain_text("Familien kennen den Weg in die Kita.")
    expect(phone.get_by_text("Saal für 40 Personen zugesagt")).to_be_visible()
    content = phone.content()
    assert "INTERNE-NOTIZ" not in content and "VERTRAULICHER-VERMERK" not in content
    assert "Prüfung" not in content and "Bedenken" not in content
    assert_accessible(phone)

    phone.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    phone.reload()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(phone)
    phone.locator(f"#id_goals_{organisation.pk}_goals").fill("أن تعرف الأسر طريقها إلى الروضة.")
    phone.locator("#goals button[type=submit]").click()
    expect(phone.locator("#goals")).to_contain_text("أن تعرف الأسر طريقها إلى الروضة.")
    phone.locator("#comment-form button[type=submit]").click()  # empty: the message at the field
    expect(phone.locator("#id_text_error")).to_be_visible()
    assert_accessible(phone)
    phone.locator("#id_text").fill("سنحضر الشاي.")
    phone.locator("#comment-form button[type=submit]").click()
    expect(phone.locator("#comments")).to_contain_text("سنحضر الشاي.")
    # Nothing is wider than the phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone)
    phone.goto("/cooperations/shared/")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone)
    phone.context.close()


def test_a_vetting_waits_for_the_second_person(page, desk, assert_accessible, browser, live_server):
    organisation, _users = desk
    sign_in(page)
    page.goto(organisation.get_absolute_url())
    page.get_by_role("link", name="Prüfung (vertraulich)").click()
    assert_accessible(page)
    page.get_by_label("keine Bedenken").check()
    page.get_by_label("Dachverband geprüft").check()
    page.get_by_label("Quellen und Ergebnis").fill("Integrationsrat gefragt")
    page.get_by_label("Nächste Prüfung").fill("2000-01-01")
    page.get_by_role("button", name="Prüfung speichern").click()
    expect(page.locator("#id_next_review_on_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nächste Prüfung").fill("")
    page.get_by_role("button", name="Prüfung speichern").click()
    expect(page.locator("#vetting-status")).to_have_text("nicht geprüft")
    expect(page.get_by_text("wartet auf Bestätigung durch eine zweite Person")).to_be_visible()
    expect(page.get_by_role("button", name="Ergebnis bestätigen")).to_have_count(0)
    assert_accessible(page)
    page.goto("/cooperations/vetting/")
    assert_accessible(page)

    # The admin, a second person of the network, approves.
    second = browser.new_context(base_url=live_server.url, locale="de-DE").new_page()
    sign_in(second, "admin")
    second.goto(f"/cooperations/vetting/{organisation.pk}/")
    second.get_by_role("button", name="Ergebnis bestätigen").click()
    expect(second.locator("#vetting-status")).to_have_text("keine Bedenken")
    second.context.close()


def test_the_desks_pages_run_right_to_left_in_arabic(page, live_server, desk, network, assert_accessible):
    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.cooperation import services

    organisation, users = desk
    with network_scope(network):
        cooperation = services.cooperation_create(
            network=network,
            actor=users["coordinator"],
            title="Frauenbrunch",
            topic="womens_brunch",
            network_goals="Mütter informieren",
            mso_gain="Kostenübernahme",
            organisations=[organisation],
        )
        services.vetting_record(
            network=network, organisation=organisation, actor=users["coordinator"], status="concerns"
        )
    sign_in(page)
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    for url in [
        "/cooperations/",
        "/cooperations/new/",
        f"/cooperations/{cooperation.pk}/",
        f"/cooperations/{cooperation.pk}/edit/",
        "/cooperations/vetting/",
        f"/cooperations/vetting/{organisation.pk}/",
        "/cooperations/funding-ending/",
    ]:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page).to_have_url(re.compile(re.escape(url)))
        assert_accessible(page)


def test_funding_is_added_on_the_cooperations_page_and_warned_of_before_it_ends(
    page, desk, network, assert_accessible
):
    from datetime import timedelta

    from django.utils import timezone

    from augenhoehe.accounts.middleware import network_scope
    from augenhoehe.cooperation import services

    organisation, users = desk
    with network_scope(network):
        cooperation = services.cooperation_create(
            network=network,
            actor=users["coordinator"],
            title="Frauenbrunch in Verl",
            topic="womens_brunch",
            network_goals="Mütter erreichen.",
            mso_gain="Kosten des Brunchs.",
            organisations=[organisation],
        )
    today = timezone.localdate()
    sign_in(page)
    page.goto(cooperation.get_absolute_url())
    page.get_by_label("Förderquelle").select_option("state")
    page.get_by_label("Betrag (Euro)").fill("-3")
    page.get_by_label("Beginn").fill((today - timedelta(days=200)).isoformat())
    page.get_by_label("Ende").fill((today + timedelta(days=40)).isoformat())
    page.get_by_role("button", name="Förderzeitraum eintragen").click()
    expect(page.locator("#id_amount_error")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Betrag (Euro)").fill("12000")
    page.get_by_role("button", name="Förderzeitraum eintragen").click()
    expect(page.get_by_text("Der Förderzeitraum wurde eingetragen.")).to_be_visible()
    expect(page.locator("#funding-periods")).to_contain_text("Landesprogramm")
    assert_accessible(page)

    page.goto("/cooperations/")
    page.get_by_role("link", name="Förderung endet bald").click()
    expect(page.locator("#funding-ending")).to_contain_text("noch 40 Tage")
    assert_accessible(page)
    page.get_by_role("link", name="Frauenbrunch in Verl").click()
    expect(page.locator("h1")).to_have_text("Frauenbrunch in Verl")
