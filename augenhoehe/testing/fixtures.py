"""The pytest plugin with every app's shared fixtures: networks, a signed-in client per role, a browser.

Registered by the root ``conftest.py`` (``pytest_plugins``).
"""

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import NetworkRole

from .factories import NetworkFactory, OrganisationFactory, UserFactory, sign_in, staff, with_second_factor

ROLES = ["anonymous", "mso_member", "coordinator", "network_admin", "other_coordinator"]


@pytest.fixture(autouse=True)
def _fresh_directory_cache():
    """Each test starts with a directory nobody has searched yet.

    A test's changes are rolled back, not committed, so they never start a new data version (see
    ``directory.caching``), and the cache's own rows go with them; what a process keeps in memory
    stays, so a later test could read a search an earlier one cached under the same version.
    """
    from augenhoehe.directory import caching

    caching.forget_local_entries()
    yield
    caching.forget_local_entries()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 is slow on purpose; tests create hundreds of people and sign many of them in.

    Hashing stays real (Django's own MD5 hasher, for tests only); ``test_password_hashing``
    checks the installation's setting itself.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# A form with errors is answered 400, a refused or unknown page 403 or 404, a locked-out sign-in
# 429: on purpose, with a page.
ANSWERED_BY_DESIGN = {400, 403, 404, 429}


@pytest.fixture
def unscoped():
    """Network scopes off for the test's own reads, as an operator looks across networks.

    For tests that inspect stored rows directly; the pages, commands and tasks they
    call still enter their own network's scope, and ``accounts/tests/test_tenancy.py``
    proves that a query without one raises.
    """
    with scopes_disabled():
        yield


@pytest.fixture
def regions(db):
    """The bundled regions; transactional tests flush what the data migration loaded."""
    from .accessibility import regions_reload

    regions_reload()


@pytest.fixture
def network(db):
    return NetworkFactory(name="KI Kreis Gütersloh", kreise=["05754"])


@pytest.fixture
def other_network(db):
    return NetworkFactory(name="Integrationsbüro Dortmund", kreise=["05913"])


@pytest.fixture
def users(db, network, other_network):
    """One person for each role; ``other_coordinator`` works for another network.

    ``mso_member`` represents nothing until a test makes it represent a profile.
    """
    admin = staff(network, NetworkRole.ADMIN, username="admin")
    # A network admin cannot work without a second factor; this one has set up an app.
    with_second_factor(admin)
    return {
        "anonymous": None,
        "mso_member": UserFactory(username="mitglied"),
        "coordinator": staff(network, NetworkRole.COORDINATOR, username="koordination"),
        "network_admin": admin,
        "other_coordinator": staff(other_network, NetworkRole.COORDINATOR, username="andere"),
    }


@pytest.fixture
def client_for(users):
    """``client_for("coordinator")`` is a test client signed in with that role (and its second factor)."""

    def make(role: str) -> Client:
        client = Client()
        if users[role] is not None:
            sign_in(client, users[role])
        return client

    return make


@pytest.fixture
def organisation_factory(db):
    return OrganisationFactory


# Browser tests: Debian's Chromium driven by Playwright, never a downloaded browser.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    # Details of violations only: the passes of every rule on every node were most of the answer.
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def browser():
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # the tests make alongside it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        pytest.fail("Chromium is missing: bin/test installs Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab that fails the test on any request to another host."""
    from urllib.parse import urlparse

    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    own_host = urlparse(live_server.url).netloc
    foreign: list[str] = []

    def on_request(request) -> None:
        if urlparse(request.url).netloc not in {own_host, ""}:
            foreign.append(request.url)

    page.on("request", on_request)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Chromium logs a page answered with an error status as an error, even where that is by design.
    answered_by_design: set[str] = set()

    def on_response(response) -> None:
        if response.status in ANSWERED_BY_DESIGN and response.request.resource_type == "document":
            answered_by_design.add(response.url)

    page.on("response", on_response)

    def on_console(message) -> None:
        if message.type != "error":
            return
        # htmx reports a request it replaced by a newer one (hx-sync) as an error; that is intended.
        if message.text.startswith(("htmx:sendAbort", "htmx:afterRequest")):
            return
        if "Failed to load resource" in message.text and message.location.get("url") in answered_by_design:
            return
        errors.append(message.text)

    page.on("console", on_console)
    yield page
    context.close()
    assert not foreign, f"requests to third-party hosts: {foreign}"
    assert not errors, f"errors in the browser: {errors}"


@pytest.fixture(scope="session")
def assert_accessible():
    """Run axe-core (WCAG 2.1 A/AA and best practices) on the page; no violation may remain.

    axe-core (the copy ``axe-playwright-python`` bundles) is put into a document once, not before
    every check of the same page; only the violations come back.
    """
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults

    def check(page, *, third_party_exceptions: tuple[str, ...] = ()) -> None:
        # Exceptions only for markup we do not write (Swagger UI); every use says why.
        options = AXE_OPTIONS | {"rules": {rule: {"enabled": False} for rule in third_party_exceptions}}
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_SCRIPT)
        violations = page.evaluate(
            "options => axe.run(document, options).then(results => results.violations)", options
        )
        results = AxeResults({"violations": violations})
        assert results.violations_count == 0, results.generate_report()

    return check
