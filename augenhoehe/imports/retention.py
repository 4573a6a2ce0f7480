"""Uploaded lists are kept only as long as the installation says: a daily task deletes older ones.

The file and the raw cells of each row go; the import's counts, outcome and
audit entries stay, so the history still says who imported what and when.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from augenhoehe.core.services import log_action

from .models import ImportBatch, ImportRow

# An import being checked or written keeps its file until it is over.
_BUSY = (ImportBatch.Status.CHECKING, ImportBatch.Status.IMPORTING)
# One that still waits for the user cannot go on without its rows: it is discarded.
_WAITING = (ImportBatch.Status.MAPPING, ImportBatch.Status.VALUES, ImportBatch.Status.CHECKED)


@transaction.atomic
def import_purge(*, days: int | None = None) -> list[ImportBatch]:
    """Delete the files and raw rows of imports uploaded more than ``days`` ago (the setting by default)."""
    days = settings.IMPORT_RETENTION_DAYS if days is None else days
    # Retention is the installation's duty towards every network alike, so it runs across all of them.
    with scopes_disabled():
        return _purge(days=days)


def _purge(*, days: int) -> list[ImportBatch]:
    now = timezone.now()
    batches = list(
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("network")
        .filter(created_at__lt=now - timedelta(days=days), purged_at__isnull=True)
        .exclude(status__in=_BUSY)
        .order_by("created_at")
    )
    ImportRow.objects.filter(batch__in=batches).update(cells=[], values={}, changes={}, errors=[])
    for batch in batches:
        discarded = batch.status in _WAITING
        batch.content, batch.samples, batch.purged_at = b"", [], now
        batch.unknown_values, batch.value_mapping = {}, None
        if discarded:
            batch.status = ImportBatch.Status.CANCELLED
        batch.save(
            update_fields=["content", "samples", "unknown_values", "value_mapping", "purged_at", "status"]
        )
        log_action(
            subject=batch,
            action="import.purged",
            network=batch.network,
            data={"days": days, "discarded": discarded},
        )
    return batches


@task()
def purge_imports() -> int:
    """Delete what the retention period allows, then come back tomorrow."""
    purged = import_purge()
    purge_imports.using(run_after=timezone.now() + timedelta(days=1)).enqueue()
    return len(purged)


def retention_schedule() -> bool:
    """Queue the daily purge unless it is already queued or running; whether it queued one.

    Safe to call on every start of the app.
    """
    pending = DBTaskResult.objects.filter(
        task_path=purge_imports.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if not pending:
        purge_imports.enqueue()
    return not pending


def schedule_on_start(**kwargs) -> None:
    """Receiver of ``core.signals.tasks_starting``: the daily purge is queued when the app starts."""
    retention_schedule()
