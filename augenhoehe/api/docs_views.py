"""The OpenAPI description and its documentation page (Swagger UI, served by the app)."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.views import SpectacularAPIView

SCHEMA_SETTINGS = {
    "TITLE": "Augenhöhe API",
    "DESCRIPTION": str(
        _(
            "Das Verzeichnis der Migrantenselbstorganisationen: suchen, lesen und – mit einem "
            "Schreib-Token – anlegen und ändern. Für die Mitarbeitenden eines Netzwerks und seine "
            "Tokens außerdem seine Kooperationen: lesen, anlegen, ändern, die Phase wechseln. Fehler kommen immer als JSON "
            '{"detail": …, "errors": {Feld: [Meldungen]}}.'
        )
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_NO_READ_ONLY_REQUIRED": True,
    # The three MSO criteria share one vocabulary; name it once.
    "ENUM_NAME_OVERRIDES": {
        "CriterionEnum": "augenhoehe.directory.choices.Criterion",
        # A cooperation's stage is one vocabulary, wherever it appears (stage, history, next stages).
        "StageEnum": "augenhoehe.cooperation.choices.Stage",
        "TopicEnum": "augenhoehe.cooperation.choices.Topic",
        "FundingSourceEnum": "augenhoehe.cooperation.choices.FundingSource",
    },
}


class _NotDescribed(AutoSchema):
    def is_excluded(self) -> bool:
        return True


class SchemaView(SpectacularAPIView):
    schema = _NotDescribed()

    def get(self, request, *args, **kwargs):
        # drf-spectacular annotates its own ``get`` against DRF's DEFAULT_SCHEMA_CLASS
        # setting; this undecorated override makes the class-level schema above apply.
        return super().get(request, *args, **kwargs)

    custom_settings = SCHEMA_SETTINGS
    throttle_classes: list = []


class DocsView(TemplateView):
    """Swagger UI from drf-spectacular-sidecar's files, started by a static script:
    the site's Content-Security-Policy allows no inline script and no other host."""

    template_name = "api/docs.html"
