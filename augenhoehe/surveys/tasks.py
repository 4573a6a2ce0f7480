"""The surveys' daily run: remind the organisations that have not answered, 7 days and 1 day
before a survey closes.

django-tasks has no scheduler: the run is queued when ``augenhoehe serve`` starts its worker
(``core.signals.tasks_starting``) and queues its next run itself, for the next day at DAILY_HOUR
local time (``core.scheduling``, as the events' run does); ``augenhoehe surveys_daily`` runs it now (for cron) or queues
it (``--schedule``).
"""

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from augenhoehe.core.scheduling import next_run_at
from augenhoehe.core.signals import tasks_starting

from .distribution import reminders_due_send


def surveys_run() -> dict[str, int]:
    """Remind for the surveys closing in 7 days or tomorrow, in every network."""
    return {"reminded": reminders_due_send()}


@task()
def surveys_daily() -> dict[str, int]:
    """The daily run, then come back tomorrow morning (also after a run that failed)."""
    try:
        return surveys_run()
    finally:
        surveys_daily.using(run_after=next_run_at(timezone.now())).enqueue()


def surveys_schedule() -> bool:
    """Queue the daily run unless it is queued or running already; whether it queued one."""
    pending = DBTaskResult.objects.filter(
        task_path=surveys_daily.module_path, status__in=["READY", "RUNNING"]
    ).exists()
    if not pending:
        surveys_daily.enqueue()
    return not pending


def schedule_on_start(**kwargs) -> None:
    """Receiver of ``core.signals.tasks_starting``."""
    surveys_schedule()


tasks_starting.connect(schedule_on_start, dispatch_uid="surveys.daily")
