"""Background tasks: checking and writing long imports, with progress the pages can show."""

import logging

from django.core.cache import caches
from django.utils.connection import ConnectionProxy
from django_scopes import scope
from django_tasks import task

from augenhoehe.accounts.models import User

from . import services
from .models import ImportBatch

logger = logging.getLogger(__name__)
# Shared by the worker and every web process (config/stores.py); looked up on each use, so that
# a test may point it at another store.
cache = ConnectionProxy(caches, "progress")

# Progress entries outlive any import; they are only read while one runs.
PROGRESS_TIMEOUT = 24 * 60 * 60


def progress_key(batch: ImportBatch) -> str:
    return f"exports:import:{batch.pk}:progress"


def progress_of(batch: ImportBatch) -> tuple[int, int]:
    """(rows done, rows in all) of the step that is running now."""
    done, total = cache.get(progress_key(batch), (0, 0))
    return done, total


def _progress_reset(batch: ImportBatch, total: int) -> None:
    cache.set(progress_key(batch), (0, total), PROGRESS_TIMEOUT)


def _reporter(batch: ImportBatch):
    def report(done: int, total: int) -> None:
        cache.set(progress_key(batch), (done, total), PROGRESS_TIMEOUT)

    return report


def check(batch: ImportBatch, actor) -> None:
    services.import_check(batch=batch, actor=actor, progress=_reporter(batch))


def run(batch: ImportBatch, actor) -> None:
    services.import_run(batch=batch, actor=actor, progress=_reporter(batch))


# The worker has no request: each task enters the network of its import explicitly.
@task()
def check_import(batch_id: str, actor_id: int, network_id: int) -> None:
    with scope(network=[network_id]):
        batch = ImportBatch.objects.get(pk=batch_id)
        check(batch, User.objects.get(pk=actor_id))


@task()
def run_import(batch_id: str, actor_id: int, network_id: int) -> None:
    with scope(network=[network_id]):
        batch = ImportBatch.objects.get(pk=batch_id)
        run(batch, User.objects.get(pk=actor_id))


def start_check(batch: ImportBatch, actor) -> None:
    """Check now if the file is short, else queue the check for the worker."""
    _progress_reset(batch, batch.row_count)
    if batch.row_count > services.INLINE_ROWS:
        check_import.enqueue(str(batch.pk), actor.pk, batch.network_id)
        return
    try:
        check(batch, actor)
    except Exception:
        # import_check has logged it and marked the import failed; its page says so.
        logger.debug("Inline check of import %s failed", batch.pk)


def start_run(batch: ImportBatch, actor) -> None:
    """Write now if few rows will be written, else queue the import for the worker."""
    writing = sum(batch.counts.get(action, 0) for action in services.WRITING)
    _progress_reset(batch, writing)
    if writing <= services.INLINE_ROWS:
        run(batch, actor)
    else:
        run_import.enqueue(str(batch.pk), actor.pk, batch.network_id)
