from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Where an organisation takes part itself: its own space and people, asking to be listed, and
    keeping its data fresh."""

    name = "augenhoehe.participation"
    label = "participation"
    verbose_name = _("Teilhabe der Organisationen")

    def ready(self) -> None:
        # They register themselves: audit actions, rules, retention, the desk's panels, the daily run.
        from . import (  # noqa: F401
            audit,
            freshness_audit,
            freshness_permissions,
            freshness_sections,
            freshness_tasks,
            listing_audit,
            listing_desk,
            listing_permissions,
            permissions,
            personal_data,
            retention,
        )
