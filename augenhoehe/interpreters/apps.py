from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretersConfig(AppConfig):
    name = "augenhoehe.interpreters"
    label = "interpreters"
    verbose_name = _("Dolmetschpool")

    def ready(self) -> None:
        from . import audit, permissions, sections  # noqa: F401  (they register actions, rules, a section)
