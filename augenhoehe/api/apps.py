from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "augenhoehe.api"
    label = "api"
    verbose_name = _("Programmierschnittstelle")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
