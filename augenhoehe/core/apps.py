from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "augenhoehe.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self) -> None:
        from . import audit, personal_data, retention, rights, sqlite  # noqa: F401  (sqlite registers SQL functions)
        from .signals import tasks_starting

        # Every app's declarations of personal data, of its audit actions and of its retention rules.
        personal_data.autodiscover()
        audit.autodiscover()
        retention.autodiscover()
        # django-tasks has no scheduler: the daily retention run is queued when the worker starts.
        tasks_starting.connect(retention.schedule_on_start, dispatch_uid="core.retention")
