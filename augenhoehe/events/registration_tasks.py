"""The registration's daily run: delete registrations not confirmed in time, remind tomorrow's
participants.

django-tasks has no scheduler: the run is queued when ``augenhoehe serve`` starts its worker
(``core.signals.tasks_starting``) and queues its next run itself, for the next day at DAILY_HOUR
local time (Europe/Berlin, also across a change to or from daylight saving time); ``augenhoehe
events_daily`` runs it now (for cron) or queues it (``--schedule``).
"""

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from augenhoehe.core.scheduling import next_run_at
from augenhoehe.core.signals import tasks_starting

from . import registration as services


def events_run() -> dict[str, int]:
    """Expire what was not confirmed, remind who comes tomorrow, in every network."""
    return {"expired": services.unconfirmed_expire(), "reminded": services.reminders_send()}


@task()
def events_daily() -> dict[str, int]:
    """The daily run, then come back tomorrow morning (also after a run that failed)."""
    try:
        return events_run()
    finally:
        events_daily.using(run_after=next_run_at(timezone.now())).enqueue()


def events_schedule() -> bool:
    """Queue the daily run unless it is queued or running already; whether it queued one."""
    pending = DBTaskResult.objects.filter(
        task_path=events_daily.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if not pending:
        events_daily.enqueue()
    return not pending


def schedule_on_start(**kwargs) -> None:
    """Receiver of ``core.signals.tasks_starting``."""
    events_schedule()


tasks_starting.connect(schedule_on_start, dispatch_uid="events.registration.daily")
