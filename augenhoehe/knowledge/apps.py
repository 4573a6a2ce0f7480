from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "augenhoehe.knowledge"
    label = "knowledge"
    verbose_name = _("Wissen der Communities")

    def ready(self) -> None:
        from . import audit, permissions, personal_data  # noqa: F401  (they register themselves)
