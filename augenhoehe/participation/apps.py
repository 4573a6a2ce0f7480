from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Where an organisation takes part itself: its own space and people, asking to be listed, and
    keeping its data fresh."""

    name = "augenhoehe.participation"
    label = "participation"
    verbose_name = _("Teilhabe der Organisationen")

    def ready(self) -> None:
        from . import personal_data  # noqa: F401  (declarations)
        from . import freshness_audit, freshness_permissions, freshness_sections, freshness_tasks  # noqa: F401  # isort: skip  (freshness)
