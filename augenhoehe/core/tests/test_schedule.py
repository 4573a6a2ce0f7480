"""``augenhoehe serve`` queues the daily retention run through core's start signal."""

from django_tasks_db.models import DBTaskResult

from augenhoehe.core.management.commands.serve import Command as Serve
from augenhoehe.core.retention import purge_expired
from augenhoehe.core.signals import tasks_starting


def queued() -> list[str]:
    return list(
        DBTaskResult.objects.filter(task_path=purge_expired.module_path).values_list("status", flat=True)
    )


def test_starting_the_tasks_queues_the_retention_run_once(db):
    assert queued() == []
    tasks_starting.send(sender=Serve)
    assert queued() == ["READY"]
    # A second start (another host, a restart) finds it queued and adds none.
    tasks_starting.send(sender=Serve)
    assert queued() == ["READY"]
