from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "augenhoehe.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self) -> None:
        from . import sqlite  # noqa: F401  (registers SQL functions on new SQLite connections)
