from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Where an organisation takes part itself: its own space and people, asking to be listed, and
    keeping its data fresh."""

    name = "augenhoehe.participation"
    label = "participation"
    verbose_name = _("Teilhabe der Organisationen")

    def ready(self) -> None:
        # listing: its audit actions, its rules, its panel on the staff's desk
        import augenhoehe.participation.listing_audit  # noqa: F401
        import augenhoehe.participation.listing_desk  # noqa: F401
        import augenhoehe.participation.listing_permissions  # noqa: F401

        from . import personal_data  # noqa: F401  (declarations)
        from . import freshness_audit, freshness_permissions, freshness_tasks  # noqa: F401  # isort: skip  (freshness)
