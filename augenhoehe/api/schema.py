"""OpenAPI pieces shared by the views: query parameters, error responses."""

import csv
from pathlib import Path

from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import SAFE_METHODS

from augenhoehe import core
from augenhoehe.cooperation.choices import Stage
from augenhoehe.core.languages import Language
from augenhoehe.directory import choices
from augenhoehe.directory.facets import FACETS, MAX_FILTER_VALUES, Sort

from .permissions import ReadOrSignedIn
from .serializers import ErrorSerializer


def _region_keys(filename: str) -> list[str]:
    """Official keys from the region files the app ships (the same data the migration loads)."""
    with (Path(core.__file__).parent / "data" / filename).open(encoding="utf-8") as handle:
        return [row["ags"] for row in csv.DictReader(handle)]


# Facets whose values are a fixed vocabulary; umbrellas are records, given by id.
FACET_ENUMS: dict[str, list[str]] = {
    "land": _region_keys("laender.csv"),
    "kreis": _region_keys("kreise.csv"),
    "kind": choices.Kind.values,
    "self_understanding": choices.SelfUnderstanding.values,
    "field": choices.Field.values,
    "target_group": choices.TargetGroup.values,
    "language": Language.values,
    "country": [code for code, _name in countries],
    "staffing": choices.Staffing.values,
}
FACET_PATTERNS = {"umbrella": r"^[1-9][0-9]{0,17}$"}


def _facet_parameter(facet) -> OpenApiParameter:
    items: dict = {"type": "string"}
    if facet.key in FACET_ENUMS:
        items["enum"] = FACET_ENUMS[facet.key]
    else:
        items["pattern"] = FACET_PATTERNS[facet.key]
    description = _("Filter „%(label)s“; mehrere Werte sind Alternativen.") % {"label": facet.label}
    if facet.staff_only:
        description += " " + _("Nur für Mitarbeitende eines Netzwerks.")
    return OpenApiParameter(
        facet.key,
        {"type": "array", "items": items, "maxItems": MAX_FILTER_VALUES},
        OpenApiParameter.QUERY,
        description=description,
        style="form",
        explode=True,
    )


LIST_PARAMETERS = [
    OpenApiParameter(
        "q", {"type": "string", "maxLength": 200}, description=_("Volltextsuche wie auf der Seite.")
    ),
    OpenApiParameter("sort", str, enum=[value for value, _label in Sort.CHOICES]),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": 10**6}),
    OpenApiParameter(
        "page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description=_("Standard 20.")
    ),
    *(_facet_parameter(facet) for facet in FACETS),
]

COOPERATION_LIST_PARAMETERS = [
    OpenApiParameter("stage", str, enum=Stage.values, description=_("Nur Kooperationen in dieser Phase.")),
    OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": 10**6}),
    OpenApiParameter(
        "page_size", {"type": "integer", "minimum": 1, "maximum": 100}, description=_("Standard 20.")
    ),
]

ID_PARAMETER = OpenApiParameter(
    "id", {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}, OpenApiParameter.PATH
)


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """The JSON error body for each status."""
    texts = {
        400: _("Ungültige Anfrage; „errors“ nennt die Felder."),
        401: _("Kein, ein ungültiges oder ein widerrufenes Token."),
        403: _("Keine Berechtigung (z. B. Lese-Token beim Schreiben)."),
        404: _("Nicht gefunden oder nicht sichtbar."),
        405: _("Methode nicht erlaubt."),
        415: _("Nur application/json."),
        429: _("Zu viele Anfragen; Retry-After nennt die Wartezeit."),
    }
    return {status: OpenApiResponse(ErrorSerializer, description=texts[status]) for status in statuses}


class ApiSchema(AutoSchema):
    """Reading the public directory needs no credentials; the schema says so. Private data
    (cooperations) needs them for reading too."""

    def get_auth(self):
        auth = super().get_auth()
        public = ReadOrSignedIn in getattr(self.view, "permission_classes", ())
        if public and self.method in SAFE_METHODS and {} not in auth:
            auth.append({})
        return auth


def documented(**kwargs):
    """``extend_schema`` for a view method, based on drf-spectacular's AutoSchema.

    On a method, ``extend_schema`` derives from DRF's DEFAULT_SCHEMA_CLASS
    setting; naming the base here keeps the settings untouched.
    """

    def decorator(method):
        method.kwargs = {"schema": ApiSchema}
        return extend_schema(**kwargs)(method)

    return decorator
