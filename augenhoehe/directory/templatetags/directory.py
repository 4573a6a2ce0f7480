from django import template

from augenhoehe.core.typing import StrOrPromise

from ..history import tag_label
from ..models import Organisation, Tag, degrees_text

register = template.Library()


@register.filter
def tag_labels(tags: dict[str, list[str]]) -> list[tuple[StrOrPromise, list[str]]]:
    """(scheme label, value labels) for each vocabulary of a profile, in display order."""
    return [
        (scheme.label, sorted(tag_label(scheme, code) for code in tags.get(scheme, [])))
        for scheme in (
            Tag.Scheme.FIELD,
            Tag.Scheme.TARGET_GROUP,
            Tag.Scheme.LANGUAGE,
            Tag.Scheme.COUNTRY,
            Tag.Scheme.FUNCTION,
        )
    ]


@register.filter
def verbose(instance, field_name: str) -> str:
    return instance._meta.get_field(field_name).verbose_name


@register.filter
def coordinates(organisation: Organisation) -> str:
    """Latitude, longitude as people write them ("51.9065, 8.3784"); empty without coordinates."""
    if organisation.latitude is None or organisation.longitude is None:
        return ""
    return f"{degrees_text(organisation.latitude)}, {degrees_text(organisation.longitude)}"
