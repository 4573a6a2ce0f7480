"""A backup of the whole database as one compressed JSON file, and its restore: the same on SQLite and PostgreSQL.

The file holds every row of every model (Django's serialisation, ids kept), so
it restores into an empty or a used database of the same version of
Augenhöhe, on either database, and can move an installation from SQLite to
PostgreSQL. For large installations ``pg_dump`` is faster; docs/security.md
says how to use either.
"""

import datetime
import gzip
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import caches
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django_scopes import scopes_disabled


class _Exact(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder (and so ``dumpdata``) cuts them to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _backed_up_models(database: str) -> list[type[models.Model]]:
    # As ``dumpdata --all``: every concrete model this database holds; many-to-many links travel with their rows.
    connection = connections[database]
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy
        and model._meta.can_migrate(connection)
        and router.allow_migrate_model(database, model)
    ]


def _rows(database: str) -> Iterator[models.Model]:
    for model in _backed_up_models(database):
        yield from model._base_manager.using(database).order_by(model._meta.pk.name).iterator(chunk_size=2000)


def backup_write(*, path: Path, database: str = DEFAULT_DB_ALIAS) -> Path:
    """Write every row of every model to ``path`` (``.json.gz``: compressed); return the path."""
    path = Path(path)
    # A backup is the installation's, across every network.
    opener = gzip.open if path.suffix == ".gz" else open
    with (
        scopes_disabled(),
        transaction.atomic(using=database),
        opener(path, "wt", encoding="utf-8") as stream,
    ):
        # One transaction: the file is a consistent snapshot even while the app is in use.
        serializers.get_serializer("json")().serialize(_rows(database), stream=stream, cls=_Exact)
    return path


def backup_restore(*, path: Path, database: str = DEFAULT_DB_ALIAS) -> None:
    """Replace every row of every model by those in the backup at ``path``: all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    with scopes_disabled(), transaction.atomic(using=database):
        if connections[database].vendor == "postgresql":
            # Checks of rows written earlier in this transaction are due now: PostgreSQL empties no
            # table with checks still pending.
            with connections[database].cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # The backup holds content types and permissions too, so none are made after the flush.
        call_command("flush", database=database, interactive=False, inhibit_post_migrate=True, verbosity=0)
        if connections[database].vendor == "postgresql":
            # Rows come in any order; their links are checked when the load is complete.
            with connections[database].cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        call_command("loaddata", str(path), database=database, verbosity=0)
    ContentType.objects.clear_cache()
    # Cached searches and rate limits describe the data before the restore.
    for alias in caches:
        caches[alias].clear()
