"""Which databases a test may use: the import progress alias besides ``default``."""

import pytest

DB_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def pytest_collection_modifyitems(items):
    """Tests that use the database may also use the alias import progress is written through.

    On PostgreSQL progress has its own connection (``config/stores.py``), a test mirror of
    ``default``: it adds no transaction or flush, but pytest-django refuses every alias a test
    did not name. Naming it here spares each test that touches an import from having to.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None and not DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            continue
        if marker is not None and "databases" in marker.kwargs:
            continue
        args, kwargs = (marker.args, marker.kwargs) if marker is not None else ((), {})
        item.add_marker(pytest.mark.django_db(*args, **kwargs, databases="__all__"), append=False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Close the progress connection before the test database is dropped.

    Django's teardown closes the connections it created the database with, not a mirror's.
    """
    yield
    from django.db import connections

    from augenhoehe.config.stores import PROGRESS_DATABASE

    if PROGRESS_DATABASE in connections.settings:
        connections[PROGRESS_DATABASE].close()
