from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinsConfig(AppConfig):
    name = "augenhoehe.checkins"
    label = "checkins"
    verbose_name = _("Check-ins")

    def ready(self) -> None:
        from augenhoehe.core.signals import tasks_starting

        from . import audit, permissions, sections, space, tasks  # noqa: F401  (actions, rules, sections, tasks)

        # django-tasks has no scheduler: the daily check-in run is queued when the worker starts.
        tasks_starting.connect(tasks.schedule_on_start, dispatch_uid="checkins.daily")
