from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "augenhoehe.directory"
    label = "directory"
    verbose_name = _("Verzeichnis")

    def ready(self) -> None:
        from . import caching, desk, permissions  # noqa: F401  (the rules, the desk's panel)

        caching.connect_signals()
