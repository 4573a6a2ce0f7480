"""When the apps' daily runs come back: django-tasks has no scheduler, so each daily task queues its
next run itself, for the next day at ``DAILY_HOUR`` local time (Europe/Berlin, also across a change
to or from daylight saving time). Shared here so that no app depends on another for it.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

# The local hour of the daily runs: reminders go out in the morning.
DAILY_HOUR = 8


def next_run_at(now: datetime) -> datetime:
    """DAILY_HOUR local time on the day after ``now``'s local day."""
    day = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time(DAILY_HOUR)))
