"""Imports lived in the app ``interop`` until it became ``imports`` and ``exports``.

An installation that ran the old app has its tables: their rows move here (the columns both
tables have; later columns take their defaults), the old tables go, and the content type and the
audit entries that name it follow. A fresh installation has nothing to move.
"""

from django.core.management.color import no_style
from django.db import migrations

MOVES = [("interop_importbatch", "ImportBatch"), ("interop_importrow", "ImportRow")]


def rows_from_interop(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        if MOVES[0][0] not in existing:
            return
        quote = connection.ops.quote_name
        moved = []
        for old_table, model_name in MOVES:
            model = apps.get_model("imports", model_name)
            old_columns = {c.name for c in connection.introspection.get_table_description(cursor, old_table)}
            columns, selects, params = [], [], []
            for field in model._meta.concrete_fields:
                columns.append(quote(field.column))
                if field.column in old_columns:
                    selects.append(quote(field.column))
                else:
                    selects.append("%s")
                    params.append(field.get_db_prep_save(field.get_default(), connection))
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
                f"SELECT {', '.join(selects)} FROM {quote(old_table)}",
                params,
            )
            moved.append(model)
        for statement in connection.ops.sequence_reset_sql(no_style(), moved):
            cursor.execute(statement)
        for old_table, _model_name in reversed(MOVES):
            cursor.execute(f"DROP TABLE {quote(old_table)}")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["interop"])
    ContentType = apps.get_model("contenttypes", "ContentType")
    for _old_table, model_name in MOVES:
        model = model_name.lower()
        if not ContentType.objects.filter(app_label="imports", model=model).exists():
            ContentType.objects.filter(app_label="interop", model=model).update(app_label="imports")


class Migration(migrations.Migration):
    dependencies = [("imports", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(rows_from_interop, migrations.RunPython.noop)]
