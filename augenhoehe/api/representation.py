"""Profiles as JSON, leaving out what the viewer may not see (as the profile page does).

Which fields a viewer sees, and how a code reads, comes from ``directory.profile_fields``.
"""

from typing import Any

from augenhoehe.directory.models import Organisation, Tag
from augenhoehe.directory.profile_fields import FIELDS, TAG_FIELDS, Kind, ProfileField, code_label

_VOCABULARY_OF_SCHEME = {field.scheme: field.vocabulary for field in TAG_FIELDS}
# Places, tags and umbrellas have their own shape below; publication state and times too.
_STRUCTURED = {"id", "kreis_ags", "gemeinde_ags", "land", "is_published", "confirmed_at"}
_PLAIN_KINDS = {Kind.TEXT, Kind.CHOICE, Kind.BOOLEAN, Kind.NUMBER, Kind.COORDINATE, Kind.CODES}


def _choice(field: ProfileField, code: str) -> dict[str, str] | None:
    if not code:
        return None
    return {"code": code, "label": code_label(field.vocabulary, code)}


def _tags(organisation: Organisation) -> dict[str, list[dict[str, str]]]:
    tags: dict[str, list[dict[str, str]]] = {scheme: [] for scheme in Tag.Scheme.values}
    for tag in sorted(organisation.tags.all(), key=lambda t: (t.scheme, t.code)):
        label = code_label(_VOCABULARY_OF_SCHEME[tag.scheme], tag.code)
        tags[tag.scheme].append({"code": tag.code, "label": label})
    return tags


def _plain(field: ProfileField, organisation: Organisation) -> Any:
    value = getattr(organisation, field.model_attribute)
    if field.kind == Kind.CHOICE:
        return _choice(field, value)
    if field.kind == Kind.COORDINATE:
        return None if value is None else float(value)
    if field.kind == Kind.CODES:
        return list(value)
    return value


def organisation_data(
    organisation: Organisation, *, shown: frozenset[str], umbrellas: list[Organisation]
) -> dict[str, Any]:
    """One profile; ``shown`` are the names of the fields the viewer may see
    (``profile_fields.visible_fields``), ``umbrellas`` the umbrellas it may see."""
    o = organisation
    data: dict[str, Any] = {"id": o.pk}
    for field in FIELDS:
        if field.name in shown and field.kind in _PLAIN_KINDS and field.name not in _STRUCTURED:
            data[field.name] = _plain(field, o)
    data |= {
        "kreis": {"ags": o.kreis.ags, "name": str(o.kreis.display_name)},
        "land": {"ags": o.kreis.land.ags, "name": o.kreis.land.name},
        "tags": _tags(o),
        "umbrellas": [{"id": u.pk, "name": u.name} for u in sorted(umbrellas, key=lambda u: (u.name, u.pk))],
        "is_published": o.is_published,
        "confirmed_at": o.confirmed_at.isoformat() if o.confirmed_at else None,
        "updated_at": o.updated_at.isoformat(),
    }
    return data
