from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "augenhoehe.imports"
    label = "imports"
    verbose_name = _("Import von Listen")

    def ready(self) -> None:
        from augenhoehe.core.signals import tasks_starting

        from . import permissions  # noqa: F401  (registers the rules)
        from .retention import schedule_on_start

        tasks_starting.connect(schedule_on_start, dispatch_uid="imports.retention")
