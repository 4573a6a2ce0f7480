"""Error pages in the app's frame and the reader's language, not Django's bare English ones."""

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import path, reverse

from augenhoehe.config import urls

pytestmark = pytest.mark.django_db


def broken(request):
    raise RuntimeError("a bug")


# This module is also the URLconf of the 500 test: the app's pages plus one that fails.
urlpatterns = [path("kaputt/", broken), *urls.urlpatterns]

FRAME = 'class="site-header"'


@pytest.mark.parametrize(
    ("language", "title"),
    [("de", "Seite nicht gefunden"), ("en", "Page not found"), ("ar", "الصفحة غير موجودة")],
)
def test_an_unknown_address_gets_the_404_page_in_the_readers_language(language, title):
    response = Client(headers={"accept-language": language}).get("/gibt-es-nicht/")
    body = response.content.decode()
    assert response.status_code == 404
    assert FRAME in body and f'lang="{language}"' in body and title in body
    assert 'href="/organisations/"' in body


def test_a_refused_page_gets_the_403_page_with_the_way_to_sign_in_only_for_visitors(client_for):
    refused = client_for("coordinator").get(reverse("network:people"))
    body = refused.content.decode()
    assert refused.status_code == 403 and FRAME in body and "Keine Berechtigung" in body
    assert "/accounts/login/" not in body.split('class="site-header"')[1].split("</header>")[1]


def test_a_stale_form_gets_the_403_page_saying_what_to_do():
    response = Client(enforce_csrf_checks=True).post(
        reverse("accounts:login"), {"username": "x", "password": "y"}
    )
    body = response.content.decode()
    assert response.status_code == 403 and FRAME in body
    assert "Bitte laden Sie die Seite neu" in body


@override_settings(ROOT_URLCONF=__name__)
def test_a_failing_page_gets_the_500_page_in_the_apps_frame():
    response = Client(raise_request_exception=False, headers={"accept-language": "en"}).get("/kaputt/")
    body = response.content.decode()
    assert response.status_code == 500
    assert FRAME in body and "An error has occurred" in body


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_404_page_is_accessible_and_right_to_left_in_arabic(
    page, live_server, assert_accessible, language
):
    # The browser context speaks German; the language cookie is what the language switch sets.
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page.goto("/gibt-es-nicht/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.locator("h1").is_visible()
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_refusal_of_a_nul_character_is_accessible(page, live_server, assert_accessible, language):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    response = page.goto("/organisations/?land=%00")
    assert response is not None and response.status == 400
    assert page.locator("h1").is_visible() and page.locator("code").inner_text() == "land"
    assert_accessible(page)
