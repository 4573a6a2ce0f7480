from django.db import migrations

from augenhoehe.directory import search


def restore_search_triggers(apps, schema_editor):
    # 0009 added ``translations`` (a JSON default), which SQLite does by rebuilding the table: that
    # drops the triggers keeping the full-text index current, so new and changed profiles were not
    # found. install() recreates them; 'rebuild' indexes what was written without them.
    if schema_editor.connection.vendor == "sqlite":
        search.install(schema_editor)
        schema_editor.execute(f"INSERT INTO {search.FTS_TABLE}({search.FTS_TABLE}) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0009_organisation_translations_profileproposal"),
    ]

    operations = [migrations.RunPython(restore_search_triggers, migrations.RunPython.noop)]
