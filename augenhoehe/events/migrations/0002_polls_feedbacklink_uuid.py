"""FeedbackLink gets a random key (UUID) instead of a counting one: the counting key kept the order
the links were made in, and so the order of the people they went to.

A bigint cannot be cast to a UUID, so the table is made anew. The app is not released yet; links
made before would be lost (their people would stay marked as asked).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
    ]

    operations = [
        migrations.DeleteModel(name="FeedbackLink"),
        migrations.CreateModel(
            name="FeedbackLink",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                ("language", models.CharField(default="de", max_length=5)),
                ("used", models.BooleanField(default=False)),
                (
                    "event",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="events.event"
                    ),
                ),
                (
                    "network",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="core.network"
                    ),
                ),
            ],
        ),
    ]
