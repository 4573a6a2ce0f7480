"""Progress of an import is read by other processes while the import's transaction is still open."""

import os

import pytest
from django.conf import settings as django_settings

from augenhoehe.config import stores
from augenhoehe.core.tests.processes import environment, run_python
from augenhoehe.directory.models import Organisation
from augenhoehe.imports import services as importing
from augenhoehe.imports import tasks
from augenhoehe.imports.models import ImportBatch

from .test_import_tasks import long_rows
from .test_import_views import batch_for

# Transactional: the import's transaction is the outermost one, as in the worker.
# The test drives the import's services itself, outside any request, so it reads unscoped.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("regions", "unscoped")]

# A web process of this or another host: the progress it reads, and the organisations it sees.
READER = """
import sys, django
django.setup()
from augenhoehe.directory.models import Organisation
from augenhoehe.imports import tasks
from augenhoehe.imports.models import ImportBatch
done, total = tasks.progress_of(ImportBatch(pk=sys.argv[1]))
print(done, total, Organisation.objects.count())
"""

REDIS_URL = os.environ.get("AUGENHOEHE_TEST_REDIS_URL", "")


@pytest.fixture(
    params=[
        pytest.param("", id="database"),
        pytest.param(
            REDIS_URL,
            id="redis",
            marks=pytest.mark.skipif(not REDIS_URL, reason="AUGENHOEHE_TEST_REDIS_URL is not set"),
        ),
    ]
)
def redis_url(request, settings):
    """The store of this test and of the processes it starts: the database (files on SQLite) or Redis."""
    if request.param:
        settings.CACHES = stores.caches_config(
            redis_url=request.param,
            database_engine=django_settings.DATABASES["default"]["ENGINE"],
            progress_dir=django_settings.WORK_DIR / "cache",
        )
    return request.param


def test_another_process_reads_progress_while_the_import_is_open(users, redis_url, unscoped):
    coordinator = users["coordinator"]
    rows = long_rows(2 * importing.PROGRESS_EVERY + 10)
    batch = batch_for(coordinator, rows)
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    env = environment(AUGENHOEHE_REDIS_URL=redis_url or None)
    report = tasks._reporter(batch)
    seen = []

    def progress(done: int, total: int) -> None:
        report(done, total)
        # Still inside the import's transaction: nothing it wrote is visible elsewhere yet.
        reader = run_python(READER, str(batch.pk), env=env)
        assert reader.returncode == 0, reader.stderr
        seen.append(reader.stdout.split())

    importing.import_run(batch=batch, actor=coordinator, progress=progress)

    assert batch.status == ImportBatch.Status.DONE
    total = str(len(rows))
    assert seen == [
        [str(importing.PROGRESS_EVERY), total, "0"],
        [str(2 * importing.PROGRESS_EVERY), total, "0"],
        [total, total, "0"],
    ]
    assert Organisation.objects.count() == len(rows)
    after = run_python(READER, str(batch.pk), env=env)
    assert after.stdout.split() == [total, total, total]
