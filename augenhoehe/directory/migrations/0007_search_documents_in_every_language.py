"""Rebuild the search documents so that vocabulary labels are found in every UI language.

Only ``search_document`` is written (no schema change): rebuilding the table on
SQLite would drop the full-text triggers.
"""

from django.db import migrations

from augenhoehe.directory import search


def rebuild(apps, schema_editor):
    search.documents_rebuild(apps.get_model("directory", "Organisation"), apps.get_model("directory", "Tag"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_merge")]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
