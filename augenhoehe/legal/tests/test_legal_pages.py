"""Impressum, Datenschutzerklärung and Barrierefreiheitserklärung: filled in by the installation, linked everywhere."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from augenhoehe.legal.admin import LegalDetailsAdmin
from augenhoehe.legal.demo import legal_demo
from augenhoehe.legal.models import Conformance, LegalDetails
from augenhoehe.testing.factories import UserFactory, sign_in, with_second_factor

pytestmark = pytest.mark.django_db

PAGES = ["legal:imprint", "legal:privacy", "legal:accessibility", "legal:easy_language"]
MISSING = "[noch nicht angegeben]"


@pytest.fixture
def filled() -> LegalDetails:
    details = LegalDetails(
        operator_name="Stadt Musterstadt <Integrationsbüro>",
        address="Rathausplatz 1\n12345 Musterstadt",
        represented_by="die Oberbürgermeisterin",
        email="integration@musterstadt.example",
        phone="+49 123 4567-0",
        privacy_officer="Datenschutz, datenschutz@musterstadt.example",
        privacy_authority="Landesbeauftragte für Datenschutz",
        hosting="Kommunales Rechenzentrum",
        conformance=Conformance.PARTIAL,
        known_barriers="Exportierte Tabellen",
        assessed_on=date(2026, 11, 1),
        accessibility_contact="barrierefrei@musterstadt.example",
        enforcement_body="Schlichtungsstelle BGG",
    )
    details.save()
    return details


@pytest.mark.parametrize("name", PAGES)
def test_before_the_operator_fills_in_a_page_it_says_what_is_missing_and_invents_nothing(client, name):
    body = client.get(reverse(name)).content.decode()
    assert "noch nicht alle Angaben eingetragen" in body
    assert MISSING in body
    assert LegalDetails.objects.count() == 0  # reading a page stores nothing


def test_the_imprint_names_each_missing_detail_by_its_label(client):
    body = client.get(reverse("legal:imprint")).content.decode()
    for label in ["Anbieter", "Anschrift", "Vertreten durch", "E-Mail"]:
        assert f"<li>{label}</li>" in body


@pytest.mark.parametrize("name", PAGES)
def test_filled_in_details_appear_escaped_and_the_missing_notice_goes(client, filled, name):
    body = client.get(reverse(name)).content.decode()
    assert "noch nicht alle Angaben eingetragen" not in body and MISSING not in body
    assert "&lt;Integrationsbüro&gt;" in body and "<Integrationsbüro>" not in body


def test_the_imprint_shows_address_lines_and_contact(client, filled):
    body = client.get(reverse("legal:imprint")).content.decode()
    assert "Rathausplatz 1<br>12345 Musterstadt" in body
    assert 'href="mailto:integration@musterstadt.example"' in body
    assert '<span dir="ltr" class="tel">+49 123 4567-0</span>' in body


def test_the_privacy_page_states_the_apps_cookies_and_its_retention_setting(client):
    body = client.get(reverse("legal:privacy")).content.decode()
    for cookie in [settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME]:
        assert f"<code>{cookie}</code>" in body
    assert f"nach {settings.IMPORT_RETENTION_DAYS} Tagen gelöscht" in body
    with override_settings(IMPORT_RETENTION_DAYS=1):
        assert "nach 1 Tag gelöscht" in client.get(reverse("legal:privacy")).content.decode()


def test_the_accessibility_statement_states_the_conformance_chosen(client, filled):
    assert (
        "mit den Anforderungen teilweise vereinbar"
        in client.get(reverse("legal:accessibility")).content.decode()
    )
    filled.conformance = Conformance.FULL
    filled.save()
    assert (
        "mit den Anforderungen vollständig vereinbar"
        in client.get(reverse("legal:accessibility")).content.decode()
    )


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Legal notice"), ("tr", "Künye"), ("ar", "بيانات الناشر")],
)
def test_the_pages_speak_the_readers_language_and_keep_german_details_marked_german(filled, language, title):
    body = Client(headers={"accept-language": language}).get(reverse("legal:imprint")).content.decode()
    assert f'<html lang="{language}"' in body and title in body
    assert '<p lang="de" dir="auto"><bdi>Stadt Musterstadt' in body


@pytest.mark.parametrize(
    "url",
    [reverse("directory:search"), reverse("accounts:login"), "/gibt-es-nicht/", reverse("legal:privacy")],
)
def test_every_page_links_the_three_legal_pages_in_its_footer(client, url):
    footer = client.get(url).content.decode().split('<footer class="site-footer">')[1]
    for name in PAGES:
        assert f'href="{reverse(name)}"' in footer


def test_the_page_in_leichte_sprache_names_who_is_behind_it_and_whom_to_ask(client, filled):
    body = client.get(reverse("legal:easy_language")).content.decode()
    assert "Augenhöhe in Leichter Sprache" in body
    assert "Migranten·selbst·organisationen" in body
    assert 'href="mailto:integration@musterstadt.example"' in body and "+49 123 4567-0" in body
    for name in ["directory:search", "legal:privacy", "legal:accessibility"]:
        assert f'href="{reverse(name)}"' in body


@pytest.mark.parametrize("name", ["directory:search", "legal:accessibility"])
def test_the_directory_and_the_accessibility_statement_link_leichte_sprache(client, name):
    main = client.get(reverse(name)).content.decode().split('<footer class="site-footer">')[0]
    assert f'href="{reverse("legal:easy_language")}"' in main


def test_the_demo_fills_in_the_details_once_and_never_over_an_operators(filled):
    assert legal_demo() is False
    assert LegalDetails.current().operator_name == filled.operator_name
    LegalDetails.objects.all().delete()
    assert legal_demo() is True and "Demo" in LegalDetails.current().operator_name


def test_there_is_one_set_of_details_which_the_admin_cannot_add_twice_or_delete(filled):
    operator = UserFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().get("/")
    request.user = operator
    admin = LegalDetailsAdmin(LegalDetails, site)
    assert not admin.has_add_permission(request) and not admin.has_delete_permission(request, filled)
    LegalDetails(operator_name="Zweiter Versuch").save()
    assert LegalDetails.objects.count() == 1 and LegalDetails.current().operator_name == "Zweiter Versuch"


def test_the_operator_fills_in_the_details_through_the_admin(client):
    # Superusers hold a second factor like network admins (accounts.second_factor.is_required_for).
    operator = UserFactory(is_staff=True, is_superuser=True)
    with_second_factor(operator)
    sign_in(client, operator)
    assert client.get(reverse("admin:legal_legaldetails_add")).status_code == 200
    response = client.post(
        reverse("admin:legal_legaldetails_add"),
        {"operator_name": "Kreis Beispiel", "email": "kein-mail", "conformance": Conformance.FULL},
    )
    assert response.status_code == 200 and "gültige E-Mail" in response.content.decode()
    assert not LegalDetails.objects.exists()
    response = client.post(
        reverse("admin:legal_legaldetails_add"),
        {"operator_name": "Kreis Beispiel", "email": "amt@kreis.example", "conformance": Conformance.FULL},
    )
    assert response.status_code == 302 and LegalDetails.current().operator_name == "Kreis Beispiel"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("name", PAGES)
def test_the_legal_pages_are_accessible_in_german_and_arabic(
    page, live_server, assert_accessible, filled, language, name
):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto(reverse(name))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("footer a[href='/impressum/']").is_visible()
    assert_accessible(page)
