from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "augenhoehe.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self) -> None:
        from . import audit, personal_data, sqlite  # noqa: F401  (sqlite registers SQL functions)

        # Every app's declarations of personal data and of its audit actions.
        personal_data.autodiscover()
        audit.autodiscover()
