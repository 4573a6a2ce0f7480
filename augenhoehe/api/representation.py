"""Profiles as JSON, leaving out what the viewer may not see (as the profile page does)."""

from typing import Any

from django.db.models import TextChoices
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.directory import choices
from augenhoehe.directory.models import Organisation, Tag

TAG_LABELS: dict[str, Any] = {
    Tag.Scheme.FUNCTION: choices.Function,
    Tag.Scheme.FIELD: choices.Field,
    Tag.Scheme.TARGET_GROUP: choices.TargetGroup,
    Tag.Scheme.LANGUAGE: Language,
}


def _choice(vocabulary: type[TextChoices], code: str) -> dict[str, str] | None:
    if not code:
        return None
    label = vocabulary(code).label if code in vocabulary.values else code
    return {"code": code, "label": str(label)}


def _tag(scheme: str, code: str) -> dict[str, str]:
    if scheme == Tag.Scheme.COUNTRY:
        return {"code": code, "label": str(countries.name(code) or code)}
    return _choice(TAG_LABELS[scheme], code) or {"code": code, "label": code}


def _tags(organisation: Organisation) -> dict[str, list[dict[str, str]]]:
    tags: dict[str, list[dict[str, str]]] = {scheme: [] for scheme in Tag.Scheme.values}
    for tag in sorted(organisation.tags.all(), key=lambda t: (t.scheme, t.code)):
        tags[tag.scheme].append(_tag(tag.scheme, tag.code))
    return tags


def _optional(organisation: Organisation, groups: frozenset[str]) -> dict[str, Any]:
    o = organisation
    data: dict[str, Any] = {
        name: getattr(o, name)
        for name in ("street", "email", "phone", "website", "contact_person")
        if name in groups
    }
    if "street" in groups:
        # Coordinates locate the address as precisely as the street does.
        data |= {
            "latitude": None if o.latitude is None else float(o.latitude),
            "longitude": None if o.longitude is None else float(o.longitude),
        }
    if "legal" in groups:
        data |= {
            "legal_form": _choice(choices.LegalForm, o.legal_form),
            "charitable": o.charitable,
            "founding_year": o.founding_year,
        }
    if "staffing" in groups:
        data |= {
            "staffing": _choice(choices.Staffing, o.staffing),
            "volunteers": _choice(choices.VolunteersBand, o.volunteers),
            "employees": _choice(choices.EmployeesBand, o.employees),
            "member_count": o.member_count,
        }
    if "criteria" in groups:
        data |= {
            name: _choice(choices.Criterion, getattr(o, name))
            for name in ("criterion_aims", "criterion_members", "criterion_structures")
        }
        data["criteria_result"] = _choice(choices.CriteriaResult, o.criteria_result)
    return data


def organisation_data(
    organisation: Organisation, *, groups: frozenset[str], umbrellas: list[Organisation], editor: bool
) -> dict[str, Any]:
    """One profile; ``groups`` are the optional field groups the viewer may see,
    ``umbrellas`` the umbrellas it may see; editors also learn which groups are public."""
    o = organisation
    data: dict[str, Any] = {
        "id": o.pk,
        "name": o.name,
        "short_name": o.short_name,
        "description": o.description,
        "kind": _choice(choices.Kind, o.kind),
        "self_understanding": _choice(choices.SelfUnderstanding, o.self_understanding),
        "svr_type": _choice(choices.SvrType, o.svr_type),
        "level": _choice(choices.Level, o.level),
        "active_in": _choice(choices.ActiveIn, o.active_in),
        "postal_code": o.postal_code,
        "city": o.city,
        "kreis": {"ags": o.kreis.ags, "name": str(o.kreis.display_name)},
        "land": {"ags": o.kreis.land.ags, "name": o.kreis.land.name},
        "tags": _tags(o),
        "umbrellas": [{"id": u.pk, "name": u.name} for u in sorted(umbrellas, key=lambda u: (u.name, u.pk))],
        "is_published": o.is_published,
        "confirmed_at": o.confirmed_at.isoformat() if o.confirmed_at else None,
        "updated_at": o.updated_at.isoformat(),
    }
    data |= _optional(o, groups)
    if editor:
        data["public_fields"] = list(o.public_fields)
    return data
