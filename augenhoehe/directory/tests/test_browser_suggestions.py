"""Suggesting a publication and deciding it, in real Chromium, with axe-core (German and Arabic)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from augenhoehe.directory.models import ChangeSuggestion

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),
]


def sign_in(page, live_server, user, language: str = "de") -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": "augenhoehe_language", "value": language, "url": live_server.url},
        ]
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_another_network_suggests_and_the_responsible_network_accepts(
    page, live_server, organisation_factory, users, assert_accessible, language
):
    draft = organisation_factory(name="Elternverein Verl", city="Verl", is_published=False)

    sign_in(page, live_server, users["other_coordinator"], language)
    page.goto(f"/organisations/{draft.pk}/suggest/")
    assert_accessible(page)
    page.locator("input[name=is_published]").check()
    page.locator("textarea[name=message]").fill("Bitte veröffentlichen.")
    page.locator("form.stack button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/organisations/{draft.pk}/")
    suggestion = ChangeSuggestion.objects.get()

    sign_in(page, live_server, users["coordinator"], language)
    page.goto("/organisations/suggestions/")
    assert_accessible(page)
    page.locator(f"a[href='/organisations/suggestions/{suggestion.pk}/']").click()
    assert_accessible(page)
    page.locator("button[value=accept]").click()
    expect(page).to_have_url(f"{live_server.url}/organisations/suggestions/")
    draft.refresh_from_db()
    assert draft.is_published
