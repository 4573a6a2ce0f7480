"""Long imports on the database task worker: queued by the pages, progress from the cache, run by db_worker."""

import signal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from augenhoehe.directory.models import Organisation
from augenhoehe.imports import services as importing
from augenhoehe.imports import tasks
from augenhoehe.imports.checking import RowChecker
from augenhoehe.imports.models import ImportBatch
from augenhoehe.imports.tasks import cache

from .test_import_views import attrs, by_id, csv_bytes, dom, suggested_mapping, text, upload

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("regions"),
    pytest.mark.usefixtures("unscoped"),
]

LONG = importing.INLINE_ROWS + 20


def long_rows(count: int = LONG) -> list[list[str]]:
    return [[f"Verein Nummer {n}", "33330 Gütersloh", f"verein{n}@example.org", ""] for n in range(count)]


@pytest.fixture
def run_worker():
    """Run ``db_worker`` in this process until the queue is empty, as ``augenhoehe db_worker --batch`` would."""
    handlers = {
        number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    }

    def run() -> None:
        call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0, stdout=StringIO())

    yield run
    for number, handler in handlers.items():  # the worker installs its own for a graceful stop
        signal.signal(number, handler)


def progress_bar(response) -> tuple[str, str]:
    bar = by_id(dom(response), "import-progress-bar")
    return attrs(bar)["value"], attrs(bar)["max"]


def test_a_long_list_is_checked_and_written_by_the_worker(client_for, users, run_worker):
    client = client_for("coordinator")
    coordinator = users["coordinator"]
    client.post(reverse("imports:list"), {"file": upload(csv_bytes(long_rows()))})
    batch = ImportBatch.objects.get()
    assert batch.row_count == LONG > importing.INLINE_ROWS
    progress_url = reverse("imports:progress", kwargs={"pk": batch.pk})

    # The mapping queues the check instead of running it in the request.
    response = client.post(reverse("imports:mapping", kwargs={"pk": batch.pk}), suggested_mapping(batch))
    assert response["Location"] == batch.get_absolute_url()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKING
    assert not batch.rows.exists()
    check = DBTaskResult.objects.get()
    assert (check.task_path, check.status, check.backend_name) == (
        "augenhoehe.imports.tasks.check_import",
        "READY",
        "default",
    )
    assert check.args_kwargs == {"args": [str(batch.pk), coordinator.pk, batch.network_id], "kwargs": {}}

    # While it waits, the page and the partial show the progress the cache holds.
    response = client.get(batch.get_absolute_url())
    assert "imports/import_progress.html" in [t.name for t in response.templates]
    assert progress_bar(response) == ("0", str(LONG))
    cache.set(tasks.progress_key(batch), (100, LONG))
    response = client.get(progress_url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert progress_bar(response) == ("100", str(LONG))
    assert text(dom(response)).startswith("Zeilen werden geprüft")
    assert f"100 von {LONG} Zeilen" in text(dom(response))

    run_worker()
    check.refresh_from_db()
    assert check.status == "SUCCESSFUL"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.rows.count() == LONG
    assert batch.counts["create"] == LONG
    assert tasks.progress_of(batch) == (LONG, LONG)
    response = client.get(progress_url, headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == batch.get_absolute_url()

    response = client.get(batch.get_absolute_url())
    assert "Bei dieser Menge läuft der Import im Hintergrund" in text(dom(response))
    assert not Organisation.objects.exists()

    # The go-ahead queues the writing, too.
    response = client.post(reverse("imports:confirm", kwargs={"pk": batch.pk}))
    assert response["Location"] == batch.get_absolute_url()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTING
    run = DBTaskResult.objects.exclude(pk=check.pk).get()
    assert (run.task_path, run.status) == ("augenhoehe.imports.tasks.run_import", "READY")
    assert not Organisation.objects.exists()
    response = client.get(progress_url, headers={"HX-Request": "true"})
    assert text(dom(response)).startswith("Organisationen werden übernommen")

    run_worker()
    run.refresh_from_db()
    assert run.status == "SUCCESSFUL"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert tasks.progress_of(batch) == (LONG, LONG)
    assert Organisation.objects.count() == LONG
    assert set(Organisation.objects.values_list("name", flat=True)) == {row[0] for row in long_rows()}
    response = client.get(batch.get_absolute_url())
    assert "imports/import_result.html" in [t.name for t in response.templates]
    assert f"Neu: {LONG}" in text(dom(response))


def test_a_check_that_breaks_in_the_worker_fails_the_import_visibly(
    client_for, users, run_worker, monkeypatch
):
    client = client_for("coordinator")
    client.post(reverse("imports:list"), {"file": upload(csv_bytes(long_rows()))})
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:mapping", kwargs={"pk": batch.pk}), suggested_mapping(batch))

    def broken(self, number, cells, parsed):
        raise RuntimeError("disk full")

    monkeypatch.setattr(RowChecker, "check", broken)
    run_worker()

    assert DBTaskResult.objects.get().status == "FAILED"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert not batch.rows.exists()
    response = client.get(reverse("imports:progress", kwargs={"pk": batch.pk}))
    assert response.status_code == 204  # the polling page reloads and shows the outcome
    response = client.get(batch.get_absolute_url())
    assert "Die Prüfung ist an einem technischen Fehler gescheitert" in text(by_id(dom(response), "main"))
    assert not Organisation.objects.exists()


def test_queued_writing_starts_at_zero_progress(client_for, users, network):
    client = client_for("coordinator")
    batch = importing.import_start(
        network=network, actor=users["coordinator"], file_name="lang.csv", content=csv_bytes(long_rows())
    )
    importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=users["coordinator"])
    tasks.check(batch, users["coordinator"])  # as the worker does: the check reports its progress
    assert tasks.progress_of(batch) == (LONG, LONG)

    client.post(reverse("imports:confirm", kwargs={"pk": batch.pk}))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.IMPORTING
    assert not Organisation.objects.exists()  # queued, nothing written yet
    response = client.get(
        reverse("imports:progress", kwargs={"pk": batch.pk}), headers={"HX-Request": "true"}
    )
    assert text(dom(response)).startswith("Organisationen werden übernommen")
    assert progress_bar(response) == ("0", str(LONG))
