from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "augenhoehe.cooperation"
    label = "cooperation"
    verbose_name = _("Zusammenarbeit")

    def ready(self) -> None:
        from . import permissions, space  # noqa: F401  (the rules; the section of the organisation's space)
