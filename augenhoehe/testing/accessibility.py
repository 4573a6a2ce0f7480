"""Helpers for the browser checks of every page (``testing/tests/test_accessibility_matrix.py``).

The pages come from the URL × role matrix (``accounts/tests/test_url_matrix.py``): every URL name
some role may open (200) is checked as the least privileged of those roles, so a new page is
checked as soon as it has its row in the matrix.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core import mail
from django.db import connections
from django.test import Client, override_settings

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


@contextmanager
def committed_world(django_db_blocker) -> Iterator[list]:
    """Database access outside a test, with every row committed (the live server reads it), and an
    empty database again afterwards, as a transactional test leaves it."""
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
            # The in-process requests opened connections (the import progress mirror on PostgreSQL
            # too) that would keep the test database from being dropped at the end.
            connections.close_all()
