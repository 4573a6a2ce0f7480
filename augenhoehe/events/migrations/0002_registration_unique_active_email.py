"""One active registration per address and event: registering needs no lock on the event."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "cancelled"), _negated=True) & ~models.Q(email=""),
                fields=("event", "email"),
                name="registration_unique_active_email",
            ),
        ),
    ]
