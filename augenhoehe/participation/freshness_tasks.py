"""The daily run of fresh data: remind the representatives of every stale profile.

django-tasks has no scheduler: the run is queued when ``augenhoehe serve`` starts its worker
(``core.signals.tasks_starting``) and queues its next run itself, for the next day at DAILY_HOUR
local time (``core.scheduling``, as the surveys' run does); ``augenhoehe freshness_daily`` runs it
now (for cron) or queues it (``--schedule``).
"""

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from augenhoehe.core.scheduling import next_run_at
from augenhoehe.core.signals import tasks_starting

from .freshness import reminders_due_send


def freshness_run() -> dict[str, int]:
    """Remind the stale profiles of every network that may be reminded today."""
    return reminders_due_send()


@task()
def freshness_daily() -> dict[str, int]:
    """The daily run, then come back tomorrow morning (also after a run that failed)."""
    try:
        return freshness_run()
    finally:
        freshness_daily.using(run_after=next_run_at(timezone.now())).enqueue()


def freshness_schedule() -> bool:
    """Queue the daily run unless it is queued or running already; whether it queued one."""
    pending = DBTaskResult.objects.filter(
        task_path=freshness_daily.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if not pending:
        freshness_daily.enqueue()
    return not pending


def schedule_on_start(**kwargs) -> None:
    """Receiver of ``core.signals.tasks_starting``."""
    freshness_schedule()


tasks_starting.connect(schedule_on_start, dispatch_uid="participation.freshness.daily")
