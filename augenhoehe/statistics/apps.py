from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "augenhoehe.statistics"
    label = "statistics"
    verbose_name = _("Regionalstatistik")

    def ready(self) -> None:
        from . import audit, permissions  # noqa: F401  (actions, rules)
