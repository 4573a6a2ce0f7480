from django.db import migrations

from augenhoehe.core.regions import regions_load


def load(apps, schema_editor):
    regions_load(
        land_model=apps.get_model("core", "Land"),
        kreis_model=apps.get_model("core", "Kreis"),
        gemeinde_model=apps.get_model("core", "Gemeinde"),
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
