"""axe-core on every page, in German and Arabic, generated from the URL × role matrix.

Every URL name that answers 200 to some role in ``accounts/tests/test_url_matrix.py`` is opened in
real Chromium as the least privileged role that may see it (a visitor before an organisation's
member before the staff before a network admin) and checked with axe (WCAG 2.1 A/AA and best
practices). A new page is checked as soon as the matrix has its row. Answers that are not HTML
(CSV, JSON, iCalendar, images, PDF, spreadsheets) are skipped by their content type.

One world (the matrix's) is built once for the module and committed; every check reads it in its
own transaction, rolled back afterwards. No live server: one browser context per role sends its
requests to a made-up origin (``http://testserver``), and ``InProcessSite`` answers them through
Django's test client in this thread, so the pages run on the test's own database connection (no
second connection waits for SQLite's write lock). The language is the language cookie.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse
from django.utils.translation import get_language_info
from django_scopes import scopes_disabled

from augenhoehe.accounts.tests.test_url_matrix import (
    EXPECTED,
    SKIPPED_NAMESPACES,
    named_urls,
    url_for,
    world_build,
)
from augenhoehe.events.models import Registration
from augenhoehe.surveys.models import Survey
from augenhoehe.testing.accessibility import (
    LANGUAGES,
    ORIGIN,
    InProcessSite,
    committed_world,
    pages_to_check,
    regions_reload,
    session_cookie,
)
from augenhoehe.testing.factories import OrganisationFactory, sign_in

# Each check runs in a transaction that is rolled back; the world it reads was committed before.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGES = pages_to_check(EXPECTED, SKIPPED_NAMESPACES)


def link_in(language: str, name: str, url: str) -> str:
    """A personal link as it reaches someone who reads ``language``: such a page speaks the language
    of its link (the recipient's), not the cookie's. Other pages' URLs stay as they are.

    Called inside the check's transaction: what it changes in the world is rolled back with it.
    """
    if name in {"checkins:answer", "freshness:confirm"}:  # the language is part of the link
        match = resolve(url)
        return reverse(name, kwargs=match.kwargs | {"language": language})
    if name.startswith("events:registration_"):  # the registrant's language, kept with the registration
        Registration.objects.update(language=language)
    if name == "surveys:answer":  # the questionnaire offers its languages; the link chooses one
        for survey in Survey.objects.all():
            survey.languages = sorted({*survey.languages, language})
            survey.save(update_fields=["languages"])
        return f"{url}?lang={language}"
    return url


# Markup we do not write: Swagger UI renders the API's documentation (its own colours and ids).
THIRD_PARTY = {
    "api:docs": (
        # Swagger UI's own colours, its own <main>, content outside landmarks, no <h1> of its own.
        "color-contrast",
        "landmark-one-main",
        "region",
        "page-has-heading-one",
        # Swagger UI's operation tags are <h3> right under its own <h2> title block.
        "heading-order",
        # Swagger UI puts a copy button and a lock button inside each operation's summary button.
        "nested-interactive",
    )
}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, browser):
    """The matrix's world, committed; per role a browser context answered in-process, signed in."""
    with committed_world(django_db_blocker) as outbox:
        regions_reload()
        people, kwargs, by_name = world_build(OrganisationFactory, outbox)
        arguments = dict(named_urls())
        urls = {name: url_for(name, arguments[name], kwargs, by_name) for name, _role in PAGES}
        roles = {}
        try:
            for role, person in people.items():
                context = browser.new_context(base_url=ORIGIN)
                # A loaded machine (the whole suite on 2 cores) needs more than the default 30 s now and then.
                context.set_default_timeout(60_000)
                with scopes_disabled():
                    cookie = session_cookie(person)
                served = InProcessSite()
                served.install(context)
                roles[role] = (context, served, person, [cookie | {"url": ORIGIN}] if cookie else [])
            yield roles, urls, {}
        finally:
            for context, *_rest in roles.values():
                context.close()


def signed_in_client(person) -> Client:
    client = Client()
    if person is not None:
        with scopes_disabled():
            sign_in(client, person)
    return client


def content_type_of(client: Client, url: str) -> str:
    """What the page answers, asked in-process: a download would keep the browser waiting.

    A piece of HTML without its ``<html>`` (what htmx puts into a page, whose page is checked)
    counts as a fragment, not as a page.
    """
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
        return response.get("Content-Type", "")
    content_type = response.get("Content-Type", "")
    if content_type.startswith("text/html") and b"<html" not in response.content[:2000].lower():
        return "text/html; fragment"
    return content_type


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "role"), PAGES, ids=[f"{name}-as-{role}" for name, role in PAGES])
def test_every_page_passes_axe(site, assert_accessible, name, role, language):
    roles, urls, content_types = site
    context, served, person, cookies = roles[role]
    # Asked once per page: the German and the Arabic check get the same kind of answer.
    if name not in content_types:
        content_types[name] = content_type_of(signed_in_client(person), urls[name])
    content_type = content_types[name]
    if not content_type.startswith("text/html") or content_type.endswith("fragment"):
        pytest.skip(f"not a page: {content_type}")
    # What an earlier check's answers set (a new CSRF token, a message) was rolled back with it.
    context.clear_cookies()
    language_cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": ORIGIN}
    context.add_cookies([*cookies, language_cookie])
    served.foreign.clear()
    served.errors.clear()
    served.share()
    page = context.new_page()
    with scopes_disabled():
        url = link_in(language, name, urls[name])
    try:
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, f"{name} as {role}: {response.status} {served.errors}"
        assert page.url == f"{ORIGIN}{url}", f"{name} as {role}: sent on to {page.url}"
        assert page.locator("html").get_attribute("lang") == language, name
        assert page.locator("html").get_attribute("dir") == (
            "rtl" if get_language_info(language)["bidi"] else "ltr"
        )
        assert_accessible(page, third_party_exceptions=THIRD_PARTY.get(name, ()))
        assert not served.errors, served.errors
        assert not served.foreign, f"requests to third-party hosts: {served.foreign}"
    finally:
        page.close()
