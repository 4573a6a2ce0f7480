from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "augenhoehe.privacy"
    label = "privacy"
    verbose_name = _("Datenschutz")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
