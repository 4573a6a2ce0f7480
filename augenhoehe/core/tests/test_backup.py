"""``augenhoehe backup`` and ``augenhoehe restore``: what was backed up comes back, nothing lost, on either database."""

from io import StringIO

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from augenhoehe.accounts.models import User
from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation

from .test_rights import world  # noqa: F401  (a person in every app: rows in every personal model)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


def snapshot() -> dict[str, list]:
    """Every row of every model, as Django serialises it."""
    found = {}
    with scopes_disabled():
        for model in apps.get_models():
            rows = serializers.serialize("python", model._base_manager.order_by("pk"))
            found[model._meta.label] = rows
    return found


def test_a_backup_restores_every_row_of_every_model(world, tmp_path):  # noqa: F811
    before = snapshot()
    assert len(before["imports.ImportBatch"]) == 1 and before["imports.ImportBatch"][0]["fields"]["content"]
    out = StringIO()
    call_command("backup", str(tmp_path / "sicherung"), stdout=out)
    path = tmp_path / "sicherung.json.gz"
    assert path.is_file() and str(path) in out.getvalue()

    # What happens after the backup is undone by the restore.
    with scopes_disabled():
        Organisation.objects.filter(pk=world["organisation"].pk).delete()
        User.objects.filter(pk=world["person"].pk).update(email="anders@example.org")
        LogEntry.objects.create(
            action="after", content_type_id=LogEntry.objects.first().content_type_id, object_id="1"
        )
    assert snapshot() != before

    call_command("restore", str(path), "--yes", stdout=out)
    after = snapshot()
    assert after.keys() == before.keys()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, changed
    # And the database goes on: new rows get new ids.
    with scopes_disabled():
        entry = LogEntry.objects.create(action="later", content_type_id=1, object_id="1")
        assert entry.pk > max(row["pk"] for row in before["core.LogEntry"])


def test_a_missing_file_or_a_no_changes_nothing(world, tmp_path):  # noqa: F811
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "nichts.json.gz"), "--yes")
    call_command("backup", str(tmp_path / "b.json.gz"), stdout=StringIO())
    from unittest import mock

    with mock.patch("builtins.input", return_value="n"), pytest.raises(CommandError):
        call_command("restore", str(tmp_path / "b.json.gz"))
    assert snapshot() == before
