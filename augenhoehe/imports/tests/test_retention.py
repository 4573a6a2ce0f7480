"""Uploaded lists and their raw rows are deleted after the retention period; the outcome stays."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.core import retention as core_retention
from augenhoehe.core.models import LogEntry
from augenhoehe.imports import retention
from augenhoehe.imports import services as importing
from augenhoehe.imports.models import ImportBatch

from .test_import_views import VALID_ROWS, batch_for

# These tests read stored rows of any network directly; the purge, pages and command keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]


def aged(batch: ImportBatch, days: int) -> ImportBatch:
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(days=days))
    batch.refresh_from_db()
    return batch


@pytest.fixture
def imported(users):
    """A list written 40 days ago, and one written today."""
    coordinator = users["coordinator"]

    def written():
        batch = batch_for(coordinator, VALID_ROWS)
        importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
        return importing.import_run(batch=batch, actor=coordinator)

    return {"old": aged(written(), 40), "new": written()}


def test_an_old_import_loses_file_and_cells_and_keeps_its_outcome(imported, network):
    old, new = imported["old"], imported["new"]
    counts = dict(old.counts)
    logged = set(LogEntry.objects.filter(object_id=str(old.pk)).values_list("pk", flat=True))

    assert retention.import_purge() == [old]

    old.refresh_from_db()
    assert (bytes(old.content), old.samples, old.purged_at is not None) == (b"", [], True)
    assert (old.status, old.counts, old.row_count, old.file_name) == (
        ImportBatch.Status.DONE,
        counts,
        2,
        "vereine.csv",
    )
    assert list(old.rows.values_list("number", "cells", "values", "changes")) == [
        (2, [], {}, {}),
        (3, [], {}, {}),
    ]
    assert logged < set(LogEntry.objects.filter(object_id=str(old.pk)).values_list("pk", flat=True))
    purged = LogEntry.objects.get(action="import.purged")
    assert (purged.object_id, purged.actor, purged.network, purged.data) == (
        str(old.pk),
        None,
        network,
        {"days": 30, "discarded": False},
    )

    new.refresh_from_db()
    assert bytes(new.content) and new.samples and new.purged_at is None
    assert all(cells for cells in new.rows.values_list("cells", flat=True))
    assert retention.import_purge() == []  # nothing twice


def test_the_period_is_the_installations(imported):
    with override_settings(IMPORT_RETENTION_DAYS=60):
        assert retention.import_purge() == []
    assert retention.import_purge(days=0) == [imported["old"], imported["new"]]


def test_the_purge_reaches_every_network_whichever_is_active(users, network, other_network):
    mine = aged(batch_for(users["coordinator"], VALID_ROWS, check=False), 31)
    theirs = aged(batch_for(users["other_coordinator"], VALID_ROWS, check=False), 31)
    assert (mine.network, theirs.network) == (network, other_network)
    # As the worker and the command run it: for no network, yet for all of them.
    with network_scope(None):
        assert retention.import_purge() == [mine, theirs]
    with network_scope(network):
        assert retention.import_purge(days=0) == []  # nothing twice, nor anything left elsewhere


def test_a_waiting_import_is_discarded_and_a_running_one_left_alone(users):
    coordinator = users["coordinator"]
    waiting = aged(batch_for(coordinator, VALID_ROWS), 31)
    running = batch_for(coordinator, VALID_ROWS)
    importing.import_confirm(batch=running, skip_errors=False, actor=coordinator)
    aged(running, 31)

    assert retention.import_purge() == [waiting]
    waiting.refresh_from_db()
    assert waiting.status == ImportBatch.Status.CANCELLED
    assert LogEntry.objects.get(action="import.purged").data == {"days": 30, "discarded": True}
    running.refresh_from_db()
    assert running.purged_at is None and bytes(running.content)


def test_the_page_of_a_purged_import_says_the_file_is_gone(imported, client_for):
    retention.import_purge()
    response = client_for("coordinator").get(imported["old"].get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "nach Ablauf der Aufbewahrungsfrist gelöscht" in content
    assert "Der Import ist abgeschlossen" in content
    other = client_for("coordinator").get(imported["new"].get_absolute_url()).content.decode()
    assert "Aufbewahrungsfrist" not in other


def test_the_daily_retention_task_purges_imports_and_comes_back_tomorrow(imported):
    assert core_retention.purge_expired.call()["imports.files"] == 1
    queued = DBTaskResult.objects.get()
    assert (queued.task_path, queued.status) == ("augenhoehe.core.retention.purge_expired", "READY")
    assert timedelta(hours=23) < queued.run_after - timezone.now() <= timedelta(days=1)
    imported["old"].refresh_from_db()
    assert imported["old"].purged_at is not None


def test_the_import_rule_is_one_of_the_installations_rules():
    rule = core_retention.rule_for("imports.files")
    assert rule.models == ("imports.importbatch", "imports.importrow")
    with override_settings(IMPORT_RETENTION_DAYS=12):
        assert rule.days == 12


def test_the_command_purges_now_or_schedules(imported):
    out = StringIO()
    call_command("retention", "--schedule", stdout=out)
    call_command("retention", "--schedule", stdout=out)
    assert DBTaskResult.objects.count() == 1
    call_command("retention", "--rule", "imports.files", stdout=out)
    assert out.getvalue().splitlines() == [
        "Täglicher Lauf eingeplant.",
        "Täglicher Lauf ist schon eingeplant.",
        "imports.files: 1 bereinigt",
    ]
