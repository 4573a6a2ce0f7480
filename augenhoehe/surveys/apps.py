from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "augenhoehe.surveys"
    label = "surveys"
    verbose_name = _("Befragungen")

    def ready(self) -> None:
        from . import audit, permissions, personal_data, space, tasks  # noqa: F401  (actions, rules, declarations, space section, daily run)
