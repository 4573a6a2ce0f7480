"""The daily check-in run: start the check-ins that are due and send the reminders.

django-tasks has no scheduler: the run is queued when ``augenhoehe serve`` starts its worker
(``core.signals.tasks_starting``) and queues its next run itself; ``augenhoehe checkins`` runs it
now (for cron) or queues it (``--schedule``).
"""

from datetime import timedelta

from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import services


def checkins_run() -> dict[str, int]:
    """Start what is due and remind who has not answered, in every network."""
    with scopes_disabled():
        started = services.checkins_due_start()
        reminded = services.reminders_send()
    return {"started": started, "reminded": reminded}


@task()
def checkins_daily() -> dict[str, int]:
    """The daily run, then come back tomorrow (also after a run that failed)."""
    try:
        return checkins_run()
    finally:
        checkins_daily.using(run_after=timezone.now() + timedelta(days=1)).enqueue()


def checkins_schedule() -> bool:
    """Queue the daily run unless it is queued or running already; whether it queued one."""
    pending = DBTaskResult.objects.filter(
        task_path=checkins_daily.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if not pending:
        checkins_daily.enqueue()
    return not pending


def schedule_on_start(**kwargs) -> None:
    """Receiver of ``core.signals.tasks_starting``."""
    checkins_schedule()
