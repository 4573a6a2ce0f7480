from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "augenhoehe.interop"
    label = "interop"
    verbose_name = _("Import und Export")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the rules)
