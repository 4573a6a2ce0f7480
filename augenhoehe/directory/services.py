"""Writes to organisation profiles. Pages, API and importers all come through here."""

import operator
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import reduce
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.core.models import Network
from augenhoehe.core.regions import lookup_name
from augenhoehe.core.selectors import gemeinde_candidates
from augenhoehe.core.services import log_action
from augenhoehe.core.text import fold

from . import choices, profile_fields, search
from .models import COORDINATE_STEP, InternalNote, Organisation, Tag, UmbrellaMembership
from .selectors import umbrella_ancestor_ids

# Profile fields whose changes the history records (everything a person edits, and the place).
TRACKED_FIELDS = profile_fields.TRACKED_ATTRIBUTES


def _resolve_place(organisation: Organisation) -> None:
    """Set the Gemeinde (and so the Kreis) from the city, or explain why not.

    The Kreis is only needed where the city is ambiguous or not a Gemeinde
    (a part of town, say); a Kreis that contradicts the city is an error.
    """
    if not organisation.city.strip():
        raise ValidationError({"city": Organisation._meta.get_field("city").error_messages["blank"]})
    kreis = organisation.kreis if organisation.kreis_id else None
    candidates = gemeinde_candidates(city=organisation.city, kreis=kreis)
    if kreis is not None and not candidates and gemeinde_candidates(city=organisation.city):
        raise ValidationError(
            {
                "city": _(
                    "„%(city)s“ liegt nicht im %(kreis)s. Bitte Ort oder Kreis korrigieren; "
                    "für einen Ortsteil geben Sie bitte die Gemeinde als Ort an."
                )
                % {"city": organisation.city, "kreis": kreis.display_name}
            }
        )
    if len(candidates) == 1:
        organisation.gemeinde = candidates[0]
        organisation.kreis = candidates[0].kreis
        return
    organisation.gemeinde = None
    if kreis is not None:
        return  # a part of town, or one of two same-named Gemeinden, in the Kreis the user chose
    if candidates:
        raise ValidationError(
            {
                "kreis": _("Mehrere Gemeinden heißen „%(city)s“. Bitte wählen Sie den Kreis.")
                % {"city": organisation.city}
            }
        )
    raise ValidationError(
        {
            "city": _(
                "Den Ort „%(city)s“ kennen wir nicht. Bitte prüfen Sie die Schreibweise oder wählen Sie den Kreis."
            )
            % {"city": organisation.city}
        }
    )


def _clean_tags(tags: Mapping[str, Iterable[str]] | None) -> dict[str, list[str]]:
    """Known schemes and codes only, each once; anything else is a clear error."""
    cleaned: dict[str, list[str]] = {}
    for scheme, codes in (tags or {}).items():
        if scheme not in Tag.Scheme.values:
            raise ValidationError({"tags": _("Unbekanntes Vokabular: %(scheme)s") % {"scheme": scheme}})
        known = dict(countries) if scheme == Tag.Scheme.COUNTRY else choices.TAG_VOCABULARIES[scheme].values
        unknown = sorted({str(code) for code in codes} - set(known))
        if unknown:
            raise ValidationError(
                {scheme: _("Unbekannte Werte: %(values)s") % {"values": ", ".join(unknown)}}
            )
        cleaned[scheme] = sorted(set(codes))
    return cleaned


def _clean_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(fields)
    if "public_fields" in cleaned:
        values = set(cleaned["public_fields"] or [])
        if unknown := values - set(choices.PublicField.values):
            raise ValidationError(
                {"public_fields": _("Unbekannte Werte: %(values)s") % {"values": ", ".join(sorted(unknown))}}
            )
        cleaned["public_fields"] = sorted(values)
    for name in ("latitude", "longitude"):
        if name in cleaned:
            cleaned[name] = _coordinate(name, cleaned[name])
    return cleaned


def _coordinate(name: str, value: Any) -> Decimal | None:
    """A coordinate (number or text) rounded to the six places stored; the model checks the range."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ValidationError({name: _("Bitte geben Sie eine Zahl an, z. B. 51.9065.")})
    if abs(number) >= 1000:
        return number  # far out of range (and too long to round): the range check reports it
    return number.quantize(COORDINATE_STEP, rounding=ROUND_HALF_UP)


def _check_rights(actor, organisation: Organisation | None, fields: Mapping[str, Any], umbrellas) -> None:
    """Publication belongs to the organisation, umbrella memberships to network staff.

    ``actor=None`` is the system itself (demo data, migrations).
    """
    if actor is None:
        return
    publishing = {"is_published", "public_fields"} & set(fields)
    if publishing and not actor.has_perm("directory.publish_organisation", organisation):
        changed = [n for n in publishing if organisation is None or getattr(organisation, n) != fields[n]]
        if changed:
            raise ValidationError(
                {n: _("Über die Veröffentlichung entscheidet die Organisation selbst.") for n in changed}
            )
    if umbrellas is not None and not actor.has_perm("directory.change_umbrellas", organisation):
        current = (
            set()
            if organisation is None
            else set(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
        )
        if {u.pk for u in umbrellas} != current:
            raise ValidationError(
                {"umbrellas": _("Mitgliedschaften in Dachverbänden trägt das Netzwerk ein.")}
            )


def _tags_save(organisation: Organisation, tags: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Replace the given schemes' codes; return every scheme's codes afterwards."""
    current = {scheme: set(codes) for scheme, codes in _current_tags(organisation).items()}
    removed: list[Q] = []
    added: list[Tag] = []
    for scheme, codes in tags.items():
        wanted = set(codes)
        if gone := current[scheme] - wanted:
            removed.append(Q(scheme=scheme, code__in=gone))
        added.extend(
            Tag(organisation=organisation, scheme=scheme, code=c) for c in sorted(wanted - current[scheme])
        )
        current[scheme] = wanted
    if removed:
        organisation.tags.filter(reduce(operator.or_, removed)).delete()
    Tag.objects.bulk_create(added)
    return {scheme: sorted(codes) for scheme, codes in current.items()}


def _check_umbrellas(organisation: Organisation, umbrellas: list[Organisation]) -> None:
    wanted = {u.pk for u in umbrellas}
    if any(u.kind != choices.Kind.UMBRELLA for u in umbrellas):
        raise ValidationError({"umbrellas": _("Nur Dachverbände können Mitglieder haben.")})
    if organisation.pk is None:
        return  # a new profile has no members yet, so no membership can close a circle
    if organisation.pk in wanted:
        raise ValidationError({"umbrellas": _("Eine Organisation kann nicht ihr eigener Dachverband sein.")})
    current = set(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
    for umbrella_id in wanted - current:
        # A member umbrella cannot become the umbrella of one of its own umbrellas.
        if organisation.pk in umbrella_ancestor_ids(organisation=Organisation(pk=umbrella_id)):
            raise ValidationError(
                {"umbrellas": _("Diese Mitgliedschaft ergäbe einen Kreis von Dachverbänden.")}
            )


def _umbrellas_save(organisation: Organisation, umbrellas: list[Organisation]) -> list[int]:
    """Set the umbrellas (checked by ``_check_umbrellas``); return their ids."""
    wanted = {u.pk for u in umbrellas}
    current = set(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
    organisation.umbrella_memberships.filter(umbrella_id__in=current - wanted).delete()
    UmbrellaMembership.objects.bulk_create(
        [UmbrellaMembership(member=organisation, umbrella_id=pk) for pk in sorted(wanted - current)]
    )
    return sorted(wanted)


def _search_fields_set(organisation: Organisation, tags: dict[str, list[str]]) -> None:
    organisation.search_document = search.document_for(organisation, tags)
    organisation.name_folded = fold(organisation.name)


def _search_index_update(organisation: Organisation, tags: dict[str, list[str]]) -> None:
    _search_fields_set(organisation, tags)
    Organisation.objects.filter(pk=organisation.pk).update(
        search_document=organisation.search_document, name_folded=organisation.name_folded
    )


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    return {name: getattr(organisation, name) for name in TRACKED_FIELDS}


def _prepared(
    *,
    actor,
    organisation: Organisation | None,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None,
    umbrellas: Iterable[Organisation] | None,
) -> tuple[Organisation, dict[str, list[str]], list[Organisation] | None]:
    """Validate a create (``organisation=None``) or an update without writing anything.

    Returns the profile as it would be saved (unsaved), the cleaned tags and
    umbrellas; raises ``ValidationError`` with the field it concerns.
    """
    fields, tags = _clean_fields(fields), _clean_tags(tags)
    umbrellas = None if umbrellas is None else list(umbrellas)
    # A new profile without umbrellas asks for no right to record memberships.
    _check_rights(actor, organisation, fields, None if organisation is None and not umbrellas else umbrellas)
    if organisation is None:
        organisation = Organisation(**fields)
        _resolve_place(organisation)
    elif _place_changed(organisation, fields):
        for name, value in fields.items():
            setattr(organisation, name, value)
        _resolve_place(organisation)
    else:
        # Same city, no Kreis given: the Gemeinde found before still holds.
        for name, value in fields.items():
            if name != "kreis":
                setattr(organisation, name, value)
    # Kreis and Gemeinde come from the place resolution, so they exist. Every check constraint
    # of the table is also a field validator or in clean(); Django would ask the database once
    # per constraint and profile, which an import of thousands of rows feels.
    organisation.full_clean(
        exclude=["search_document", "name_folded", "kreis", "gemeinde", "confirmed_by"],
        validate_constraints=False,
    )
    if umbrellas is not None:
        _check_umbrellas(organisation, umbrellas)
    return organisation, tags, umbrellas


def organisation_check(
    *,
    actor,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None = None,
    umbrellas: Iterable[Organisation] | None = None,
    organisation: Organisation | None = None,
) -> Organisation:
    """What ``organisation_create`` (or, given ``organisation``, ``organisation_update``)
    would save, checked by the same rules but not written: for previews such as imports.

    ``organisation`` is changed in memory; pass a fresh copy.
    """
    checked, _tags, _umbrellas = _prepared(
        actor=actor, organisation=organisation, fields=fields, tags=tags, umbrellas=umbrellas
    )
    return checked


@transaction.atomic
def organisation_create(
    *,
    actor,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None = None,
    umbrellas: Iterable[Organisation] = (),
) -> Organisation:
    """Create a profile from validated values; the place resolves to a Gemeinde."""
    organisation, tags, checked_umbrellas = _prepared(
        actor=actor, organisation=None, fields=fields, tags=tags, umbrellas=umbrellas
    )
    all_tags = {scheme: sorted(tags.get(scheme, ())) for scheme in Tag.Scheme.values}
    # A new profile is written once, with its search text; imports create thousands.
    _search_fields_set(organisation, all_tags)
    organisation.save()
    Tag.objects.bulk_create(
        [
            Tag(organisation=organisation, scheme=scheme, code=code)
            for scheme, codes in all_tags.items()
            for code in codes
        ]
    )
    umbrella_ids = sorted(u.pk for u in checked_umbrellas or ())
    UmbrellaMembership.objects.bulk_create(
        [UmbrellaMembership(member=organisation, umbrella_id=pk) for pk in umbrella_ids]
    )
    log_action(
        subject=organisation,
        action="organisation.created",
        actor=actor,
        data={
            "fields": _jsonable(_snapshot(organisation)),
            "tags": all_tags,
            "umbrellas": umbrella_ids,
        },
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None = None,
    umbrellas: Iterable[Organisation] | None = None,
    based_on: str | None = None,
) -> Organisation:
    """Change a profile and record what changed, field by field.

    The row is locked and re-read, so the history compares with what is stored.
    ``based_on`` is the version (``updated_at``) the editor started from; a
    profile changed since then is not overwritten.
    """
    organisation = Organisation.objects.select_for_update().select_related("kreis").get(pk=organisation.pk)
    if based_on is not None and based_on != organisation.updated_at.isoformat():
        raise ValidationError(
            _(
                "Jemand hat dieses Profil geändert, während Sie es bearbeitet haben. "
                "Bitte öffnen Sie es neu und übernehmen Sie Ihre Änderungen noch einmal."
            )
        )
    before = _snapshot(organisation)
    tags_before = _current_tags(organisation)
    umbrellas_before = sorted(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
    organisation, tags, umbrellas = _prepared(
        actor=actor, organisation=organisation, fields=fields, tags=tags, umbrellas=umbrellas
    )
    organisation.save()
    all_tags = _tags_save(organisation, tags)
    umbrella_ids = umbrellas_before if umbrellas is None else _umbrellas_save(organisation, umbrellas)
    _search_index_update(organisation, all_tags)

    changes = {
        name: _jsonable([old, getattr(organisation, name)])
        for name, old in before.items()
        if getattr(organisation, name) != old
    }
    changes |= {f"tags.{s}": [tags_before[s], all_tags[s]] for s in all_tags if all_tags[s] != tags_before[s]}
    if umbrella_ids != umbrellas_before:
        changes["umbrellas"] = [umbrellas_before, umbrella_ids]
    if changes:
        log_action(
            subject=organisation,
            action="organisation.changed",
            actor=actor,
            data={"changes": changes},
        )
    return organisation


def _place_changed(organisation: Organisation, fields: Mapping[str, Any]) -> bool:
    city = fields.get("city", organisation.city)
    kreis = fields.get("kreis")
    return lookup_name(city) != lookup_name(organisation.city) or (
        kreis is not None and kreis.pk != organisation.kreis_id
    )


def _current_tags(organisation: Organisation) -> dict[str, list[str]]:
    current: dict[str, list[str]] = {scheme: [] for scheme in Tag.Scheme.values}
    for scheme, code in organisation.tags.values_list("scheme", "code"):
        current[scheme].append(code)
    return {scheme: sorted(codes) for scheme, codes in current.items()}


def _jsonable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value if value is None or isinstance(value, str | int | float | bool) else str(value)


@transaction.atomic
def organisation_confirm(*, organisation: Organisation, actor) -> Organisation:
    """Record that ``actor`` confirmed the profile is current."""
    organisation.confirmed_at = timezone.now()
    organisation.confirmed_by = actor
    organisation.save(update_fields=["confirmed_at", "confirmed_by", "updated_at"])
    log_action(subject=organisation, action="organisation.confirmed", actor=actor)
    return organisation


@transaction.atomic
def internal_note_create(*, organisation: Organisation, network: Network, actor, text: str) -> InternalNote:
    """Add a note that only ``network`` can read; the actor must work for it."""
    if not is_staff_of(actor, network):
        raise ValidationError(_("Nur Mitarbeitende eines Netzwerks können interne Notizen schreiben."))
    note = InternalNote(network=network, organisation=organisation, author=actor, text=text.strip())
    note.full_clean()
    note.save()
    log_action(
        subject=organisation,
        action="organisation.note.added",
        actor=actor,
        network=network,
        data={"note": note.pk},
    )
    return note
