"""Helpers for the browser checks of every page (``testing/tests/test_accessibility_matrix.py``).

The pages come from the URL × role matrix (``accounts/tests/test_url_matrix.py``): every URL name
some role may open (200) is checked as the least privileged of those roles, so a new page is
checked as soon as it has its row in the matrix.
"""

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from django.conf import settings
from django.core import mail
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

# The browser asks this origin; no server listens there, every request is answered in-process.
# ``testserver`` is the host Django's test environment adds to ALLOWED_HOSTS.
ORIGIN = "http://testserver"
# Headers the test client sets itself, or that would make the answer one the browser must decode.
NOT_FORWARDED = {"host", "content-length", "content-type", "accept-encoding", "connection"}

# Least privileged first: a visitor, then the organisations' members and admins, then the staff of
# one network, of two networks, and their admins.
PRIVILEGE_ORDER = [
    "anonymous",
    "mso_member_b",
    "mso_admin_a",
    "coordinator_1",
    "coordinator_2",
    "coordinator_both",
    "admin_1",
    "admin_2",
]
LANGUAGES = ["de", "ar"]


def least_privileged_role(statuses: dict[str, int]) -> str | None:
    """The first role in ``PRIVILEGE_ORDER`` the matrix row answers with 200, or None."""
    return next((role for role in PRIVILEGE_ORDER if statuses.get(role) == 200), None)


def pages_to_check(expected: dict[str, dict[str, int]], skipped: tuple[str, ...]) -> list[tuple[str, str]]:
    """(URL name, role) for every URL some role may open, in the matrix's order."""
    pages = []
    for name, statuses in expected.items():
        role = least_privileged_role(statuses)
        if role is not None and not name.startswith(skipped):
            pages.append((name, role))
    return pages


def session_cookie(user) -> dict[str, str] | None:
    """A signed-in session for ``user`` (second factor checked), as a cookie for the browser."""
    from augenhoehe.testing.factories import sign_in

    if user is None:
        return None
    client = Client()
    sign_in(client, user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}


class InProcessSite:
    """Answers a browser context's requests to ``ORIGIN`` through Django's test client, in this thread.

    No live server: the page's requests run on the test's own database connection, inside the
    test's transaction (SQLite's write lock is never wanted by a second connection), and nothing
    listens on a port. Playwright calls the handler in a greenlet of its own, in this thread but
    with its own context variables, where Django would open connections of its own: ``share``
    hands it the test's connections first. Method, path, query, headers (cookies included) and body go to Django as the
    browser sent them; status, headers, cookies and body come back. Static files come through the
    same client (WhiteNoise serves them from the finders, ``WHITENOISE_USE_FINDERS``). A request to
    any other host is aborted and kept in ``foreign``; an exception in a view is kept in ``errors``
    and answered with 500.
    """

    def __init__(self) -> None:
        self.client = Client()
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.connections: dict[str, BaseDatabaseWrapper] = {}

    def share(self) -> None:
        """Answer the next requests on this test's connections (in its transaction)."""
        self.connections = {alias: connections[alias] for alias in connections}

    def install(self, context) -> None:
        context.route("**/*", self.handle)

    def handle(self, route) -> None:
        request = route.request
        url = urlsplit(request.url)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            self.foreign.append(request.url)
            route.abort("blockedbyclient")
            return
        headers = {k: v for k, v in request.headers.items() if k.lower() not in NOT_FORWARDED}
        path = url.path + (f"?{url.query}" if url.query else "")
        for alias, connection in self.connections.items():
            connections[alias] = connection
        # The browser keeps the cookies (it sends them in its ``Cookie`` header), not the client.
        self.client.cookies = SimpleCookie()
        try:
            response = self.client.generic(
                request.method,
                path,
                data=request.post_data_buffer or b"",
                content_type=request.headers.get("content-type", "application/octet-stream"),
                headers=headers,
            )
            body = response.getvalue()  # a streamed answer (a download) read to its end
        except Exception:
            self.errors.append(f"{request.method} {path}\n{traceback.format_exc()}")
            route.fulfill(status=500, content_type="text/plain", body="error in the view")
            return
        answer = dict(response.items())
        answer.pop("Content-Length", None)
        cookies = [morsel.OutputString() for morsel in response.cookies.values()]
        if cookies:
            answer["Set-Cookie"] = "\n".join(cookies)
        route.fulfill(status=response.status_code, headers=answer, body=body)


def regions_reload() -> None:
    """The bundled regions (``core/migrations/0002_load_regions``), unless they are there."""
    from augenhoehe.core.models import Gemeinde, Kreis, Land
    from augenhoehe.core.regions import regions_load

    if not Gemeinde.objects.exists():
        regions_load(land_model=Land, kreis_model=Kreis, gemeinde_model=Gemeinde)


@contextmanager
def committed_world(django_db_blocker) -> Iterator[list]:
    """Database access outside a test, with every row committed (built once, read by every test of
    a module in its own rolled-back transaction), and afterwards the database as the migrations
    left it: emptied, the regions loaded again."""
    from django.core.management import call_command

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        mail.outbox = []
        try:
            yield mail.outbox
        finally:
            call_command("flush", interactive=False, verbosity=0)
            # What a data migration loaded, as every other test expects to find it.
            regions_reload()
            # The in-process requests opened connections (the import progress mirror on PostgreSQL
            # too) that would keep the test database from being dropped at the end.
            connections.close_all()


def columns_run_right_to_left(table) -> bool:
    """Whether a table (a Playwright locator) reads right to left: its first column is drawn right
    of its last, and its header cells start at their right edge (``text-align: start``, not centred or
    left). Checks what Chromium laid out,
    not the markup: a ``text-align: left`` or a physical margin in the CSS would show here."""
    return table.evaluate(
        """table => {
            const cells = [...table.rows[0].cells];  // the header row
            const first = cells[0].getBoundingClientRect(), last = cells.at(-1).getBoundingClientRect();
            const aligned = cells.every(cell => getComputedStyle(cell).textAlign === "start"
                && getComputedStyle(cell).direction === "rtl");
            return cells.length > 1 && first.left > last.left && aligned;
        }"""
    )
