"""The network's log page in real Chromium, with axe-core, in German and in right-to-left Arabic."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from augenhoehe.core.services import log_action
from augenhoehe.imports import retention
from augenhoehe.imports import services as importing
from augenhoehe.imports.tests.test_import_views import VALID_ROWS, batch_for
from augenhoehe.testing import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions", "unscoped"),  # the fixtures drive services outside a request
]


def sign_in(page, live_server, user) -> None:
    client = Client()
    factories.sign_in(client, user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def logged(users, network):
    batch = batch_for(users["coordinator"], VALID_ROWS)
    importing.import_cancel(batch=batch, actor=users["coordinator"])
    retention.import_purge(days=0)
    log_action(
        subject=network,
        action="vetting.reviewed",
        actor=users["network_admin"],
        network=network,
        restricted_to=["admin"],
    )
    return batch


def test_an_admin_reads_and_filters_the_log(page, live_server, users, network, logged, assert_accessible):
    sign_in(page, live_server, users["network_admin"])
    page.goto(f"/networks/{network.slug}/log/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protokoll")
    expect(page.get_by_role("cell", name="Liste hochgeladen")).to_be_visible()
    expect(page.get_by_text("vertraulich", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Aktion").select_option(label="Import verworfen")
    expect(page.get_by_role("cell", name="Liste hochgeladen")).to_have_count(0)
    expect(page.get_by_role("cell", name="Import verworfen")).to_be_visible()
    assert "action=import.cancelled" in page.url


def test_the_arabic_log_runs_right_to_left(page, live_server, users, network, logged, assert_accessible):
    sign_in(page, live_server, users["network_admin"])
    page.context.add_cookies([{"name": "augenhoehe_language", "value": "ar", "url": live_server.url}])
    page.goto(f"/networks/{network.slug}/log/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page)
