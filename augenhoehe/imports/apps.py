from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "augenhoehe.imports"
    label = "imports"
    verbose_name = _("Import von Listen")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
