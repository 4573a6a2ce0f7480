from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "augenhoehe.matching"
    label = "matching"
    verbose_name = _("Partner finden")

    def ready(self) -> None:
        from . import audit, permissions, sections  # noqa: F401  (they register actions, rules, a section)
