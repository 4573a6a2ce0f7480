from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "augenhoehe.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self) -> None:
        # Actions, rules, retention; each part's module connects its page sections and tasks.
        from . import audit, parts, permissions, retention, space  # noqa: F401
