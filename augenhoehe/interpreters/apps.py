from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterpretersConfig(AppConfig):
    name = "augenhoehe.interpreters"
    label = "interpreters"
    verbose_name = _("Dolmetschpool")

    def ready(self) -> None:
        from . import audit, permissions  # noqa: F401  (they register actions and rules)
