"""The tables of the database cache (rate limits, import progress), so a fresh install needs no
``createcachetable``. Both are made whatever CACHES says now, so switching away from Redis later
needs no step either."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

from augenhoehe.config.stores import CACHE_TABLE, PROGRESS_TABLE


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    for table in (CACHE_TABLE, PROGRESS_TABLE):
        # Django's own definition of the table; it leaves a table that exists alone.
        command.create_table(schema_editor.connection.alias, table, dry_run=False)


def drop(apps, schema_editor):
    for table in (CACHE_TABLE, PROGRESS_TABLE):
        schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(table)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_load_regions")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
