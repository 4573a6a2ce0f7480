from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "augenhoehe.cooperation"
    label = "cooperation"
    verbose_name = _("Zusammenarbeit")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (permissions registers the rules)
