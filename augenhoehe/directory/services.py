"""Writes to organisation profiles. Pages, API and importers all come through here."""

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.accounts.permissions import is_network_staff, is_staff_of
from augenhoehe.core.models import Network
from augenhoehe.core.regions import lookup_name
from augenhoehe.core.selectors import gemeinde_candidates
from augenhoehe.core.services import log_action, log_actions, log_reads
from augenhoehe.core.text import fold

from . import caching, choices, profile_fields, search
from .models import REVIEWED_FIELDS, ChangeSuggestion, InternalNote, Organisation, Tag, UmbrellaMembership
from .selectors import umbrella_ancestor_ids
from .validation import PlaceLookup, Places, clean_fields, clean_tags, resolve_place

# Profile fields whose changes the history records (everything a person edits, and the place).
TRACKED_FIELDS = profile_fields.TRACKED_ATTRIBUTES
# Profiles ``organisations_create_many`` writes with one insert per table.
CREATE_CHUNK = 1000


def _check_rights(
    actor, organisation: Organisation | None, fields: Mapping[str, Any], umbrellas, *, new: bool = False
) -> None:
    """Publication belongs to the organisation (or, while it has no MSO admin, to the networks
    that answer for it), umbrella memberships to network staff.

    ``organisation`` is the profile as stored, or for a ``new`` one as it would be created (its
    Kreis and creating network known). ``actor=None`` is the system itself (demo data, migrations).
    """
    if actor is None:
        return
    publishing = {"is_published", "public_fields"} & set(fields)
    if publishing and not actor.has_perm("directory.publish_organisation", organisation):
        changed = [
            n for n in publishing if new or organisation is None or getattr(organisation, n) != fields[n]
        ]
        # A new profile left unpublished and showing nothing asks for no decision.
        if new:
            changed = [n for n in changed if fields[n]]
        if changed:
            raise ValidationError(
                {n: _("Über die Veröffentlichung entscheidet die Organisation selbst.") for n in changed}
            )
    if umbrellas is not None and not actor.has_perm("directory.change_umbrellas", organisation):
        current = (
            set()
            if new or organisation is None
            else set(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
        )
        if {u.pk for u in umbrellas} != current:
            raise ValidationError(
                {"umbrellas": _("Mitgliedschaften in Dachverbänden trägt das Netzwerk ein.")}
            )


# The attributes behind ``REVIEWED_FIELDS`` (umbrellas are checked with their own right).
REVIEWED_ATTRIBUTES = tuple(
    f"{name}_id" if name in ("kreis", "gemeinde") else name for name in REVIEWED_FIELDS if name != "umbrellas"
)


def check_based_on(organisation: Organisation, based_on: str | None) -> None:
    """Refuse an edit started from another version (``updated_at``) than the stored one."""
    if based_on is not None and based_on != organisation.updated_at.isoformat():
        raise ValidationError(
            _(
                "Jemand hat dieses Profil geändert, während Sie es bearbeitet haben. "
                "Bitte öffnen Sie es neu und übernehmen Sie Ihre Änderungen noch einmal."
            )
        )


def _check_reviewed(actor, organisation: Organisation, before: Mapping[str, Any]) -> None:
    """Refuse a change of a reviewed field by someone who may only propose it: whatever path a
    representative writes through (form, API), the network checks these before they appear."""
    if actor is None or actor.has_perm("directory.change_reviewed_fields", organisation):
        return
    changed = [name for name in REVIEWED_ATTRIBUTES if getattr(organisation, name) != before[name]]
    if changed:
        message = _(
            "Diese Angabe prüft das Netzwerk. Bitte schlagen Sie die Änderung im Profil-Formular vor."
        )
        # The Gemeinde follows from the city: its change is the city's.
        fields = {"gemeinde_id": "city", "kreis_id": "kreis"}
        raise ValidationError({fields.get(name, name): message for name in changed})


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
    # The description's versions in other languages are edited with it; the history shows them too.
    return {name: getattr(organisation, name) for name in (*TRACKED_FIELDS, "translations")}


def _prepared(
    *,
    actor,
    organisation: Organisation | None,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None,
    umbrellas: Iterable[Organisation] | None,
    places: PlaceLookup = gemeinde_candidates,
    network: Network | None = None,
) -> tuple[Organisation, dict[str, list[str]], list[Organisation] | None]:
    """Validate a create (``organisation=None``, on behalf of ``network``) or an update without
    writing anything.

    Returns the profile as it would be saved (unsaved), the cleaned tags and
    umbrellas; raises ``ValidationError`` with the field it concerns.
    """
    fields, tags = clean_fields(fields), clean_tags(tags)
    umbrellas = None if umbrellas is None else list(umbrellas)
    if organisation is None:
        organisation = Organisation(**fields)
        organisation.created_by_network = _creating_network(actor, network)
        resolve_place(organisation, places)
        # Checked once the place is known: who may publish depends on the profile's Kreis.
        # A new profile without umbrellas asks for no right to record memberships.
        _check_rights(actor, organisation, fields, umbrellas or None, new=True)
    else:
        _check_rights(actor, organisation, fields, umbrellas)
        organisation = _changed_in_memory(organisation, fields, places)
    # Kreis and Gemeinde come from the place resolution, so they exist. Every check constraint
    # of the table is also a field validator or in clean(); Django would ask the database once
    # per constraint and profile, which an import of thousands of rows feels.
    organisation.full_clean(
        exclude=["search_document", "name_folded", "kreis", "gemeinde", "confirmed_by", "created_by_network"],
        validate_constraints=False,
    )
    if umbrellas is not None:
        _check_umbrellas(organisation, umbrellas)
    return organisation, tags, umbrellas


def _changed_in_memory(
    organisation: Organisation, fields: Mapping[str, Any], places: PlaceLookup
) -> Organisation:
    """``organisation`` with ``fields`` set; the place resolved again where it changed."""
    if _place_changed(organisation, fields):
        for name, value in fields.items():
            setattr(organisation, name, value)
        resolve_place(organisation, places)
    else:
        # Same city, no Kreis given: the Gemeinde found before still holds.
        for name, value in fields.items():
            if name != "kreis":
                setattr(organisation, name, value)
    return organisation


def _creating_network(actor, network: Network | None) -> Network | None:
    """The network a new profile is recorded as created by: the actor's, where they work for it."""
    if network is None or (actor is not None and not is_staff_of(actor, network)):
        return None
    return network


def organisation_check(
    *,
    actor,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None = None,
    umbrellas: Iterable[Organisation] | None = None,
    organisation: Organisation | None = None,
    places: PlaceLookup = gemeinde_candidates,
    network: Network | None = None,
) -> Organisation:
    """What ``organisation_create`` (or, given ``organisation``, ``organisation_update``)
    would save, checked by the same rules but not written: for previews such as imports.

    ``organisation`` is changed in memory; pass a fresh copy. ``places`` may be a
    ``Places`` shared by the checks of one list.
    """
    checked, _tags, _umbrellas = _prepared(
        actor=actor,
        organisation=organisation,
        fields=fields,
        tags=tags,
        umbrellas=umbrellas,
        places=places,
        network=network,
    )
    return checked


@transaction.atomic
def organisation_create(
    *,
    actor,
    fields: Mapping[str, Any],
    tags: Mapping[str, Iterable[str]] | None = None,
    umbrellas: Iterable[Organisation] = (),
    network: Network | None = None,
) -> Organisation:
    """Create a profile from validated values; the place resolves to a Gemeinde. ``network``
    (which the actor works for) is recorded as the one that created it."""
    prepared = _prepared(
        actor=actor, organisation=None, fields=fields, tags=tags, umbrellas=umbrellas, network=network
    )
    return _created(actor, [prepared])[0]


@dataclass(frozen=True)
class NewProfile:
    """The arguments of one ``organisation_create``, for ``organisations_create_many``."""

    fields: Mapping[str, Any]
    tags: Mapping[str, Iterable[str]] | None = None
    umbrellas: Iterable[Organisation] = ()


class ProfileRejected(Exception):
    """Profile ``index`` of ``organisations_create_many`` breaks a rule (``error``); nothing was written."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(index, error)
        self.index, self.error = index, error


@transaction.atomic
def organisations_create_many(
    *, actor, profiles: Sequence[NewProfile], places: Places | None = None, network: Network | None = None
) -> list[Organisation]:
    """``organisation_create`` for each of ``profiles``, in order, with the same outcome
    (profiles with their search text, tags, umbrella memberships, one history entry each),
    but written in bulk: for imports of thousands of rows.

    Every profile is checked by the same rules first; the first that fails raises
    ``ProfileRejected`` and nothing is written. Then each table gets one insert per
    ``CREATE_CHUNK`` profiles. ``places`` may be shared with the check that came before.
    """
    places = places or Places()
    places.preload((p.fields.get("city", ""), p.fields.get("kreis")) for p in profiles)
    prepared = []
    for index, profile in enumerate(profiles):
        try:
            prepared.append(
                _prepared(
                    actor=actor,
                    organisation=None,
                    fields=profile.fields,
                    tags=profile.tags,
                    umbrellas=profile.umbrellas,
                    places=places,
                    network=network,
                )
            )
        except ValidationError as error:
            raise ProfileRejected(index, error) from error
    created: list[Organisation] = []
    for start in range(0, len(prepared), CREATE_CHUNK):
        created += _created(actor, prepared[start : start + CREATE_CHUNK])
    return created


def _created(
    actor, prepared: list[tuple[Organisation, dict[str, list[str]], list[Organisation] | None]]
) -> list[Organisation]:
    """Write checked new profiles: each table with one insert, the history entries with another."""
    organisations, tag_rows, memberships, history = [], [], [], []
    for organisation, tags, umbrellas in prepared:
        all_tags = {scheme: sorted(tags.get(scheme, ())) for scheme in Tag.Scheme.values}
        # A new profile is written once, with its search text.
        _search_fields_set(organisation, all_tags)
        umbrella_ids = sorted(u.pk for u in umbrellas or ())
        organisations.append(organisation)
        history.append((all_tags, umbrella_ids))
    Organisation.objects.bulk_create(organisations)
    for organisation, (all_tags, umbrella_ids) in zip(organisations, history, strict=True):
        tag_rows += [
            Tag(organisation_id=organisation.pk, scheme=scheme, code=code)
            for scheme, codes in all_tags.items()
            for code in codes
        ]
        memberships += [UmbrellaMembership(member_id=organisation.pk, umbrella_id=pk) for pk in umbrella_ids]
    Tag.objects.bulk_create(tag_rows)
    UmbrellaMembership.objects.bulk_create(memberships)
    caching.directory_changed()  # bulk inserts send no signals: searches must see the new profiles
    log_actions(
        action="organisation.created",
        actor=actor,
        entries=[
            (
                organisation,
                {"fields": _jsonable(_snapshot(organisation)), "tags": all_tags, "umbrellas": umbrella_ids},
            )
            for organisation, (all_tags, umbrella_ids) in zip(organisations, history, strict=True)
        ],
    )
    return organisations


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
    check_based_on(organisation, based_on)
    before = _snapshot(organisation)
    tags_before = _current_tags(organisation)
    umbrellas_before = sorted(organisation.umbrella_memberships.values_list("umbrella_id", flat=True))
    organisation, tags, umbrellas = _prepared(
        actor=actor, organisation=organisation, fields=fields, tags=tags, umbrellas=umbrellas
    )
    _check_reviewed(actor, organisation, before)
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


def special_category_reads_log(
    *, organisations: Iterable[Organisation], viewer, network: Network | None, via: str
) -> int:
    """Log that network staff ``viewer`` read the special categories (GDPR Art. 9) of those
    ``organisations`` that keep them from the public; return how many profiles that was.

    Representatives reading their own profile and visitors (who never see them) are not logged.
    """
    if not is_network_staff(viewer):
        return 0
    read: dict[tuple[str, ...], list[Organisation]] = {}
    for organisation in organisations:
        if fields := tuple(profile_fields.hidden_special_categories(organisation)):
            read.setdefault(fields, []).append(organisation)
    for fields, subjects in read.items():
        log_reads(
            subjects=subjects,
            actor=viewer,
            network=network,
            fields=fields,
            via=via,
            action="organisation.special_categories.viewed",
        )
    return sum(len(subjects) for subjects in read.values())


# What another network may suggest: the publication of a profile, which it may not decide itself.
SUGGESTIBLE_FIELDS = ("is_published", "public_fields")


def _suggested_fields(organisation: Organisation, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The publication fields of ``fields`` that differ from the profile, cleaned and validated."""
    unknown = set(fields) - set(SUGGESTIBLE_FIELDS)
    if unknown:
        raise ValidationError(_("Vorschlagen lässt sich nur, was veröffentlicht wird."))
    cleaned = clean_fields({name: fields[name] for name in SUGGESTIBLE_FIELDS if name in fields})
    changed = {name: value for name, value in cleaned.items() if getattr(organisation, name) != value}
    if not changed:
        raise ValidationError(_("Der Vorschlag ändert nichts an der Veröffentlichung."))
    return _jsonable(changed)


@transaction.atomic
def change_suggestion_create(
    *, organisation: Organisation, network: Network, actor, fields: Mapping[str, Any], message: str = ""
) -> ChangeSuggestion:
    """``network``'s staff ``actor``, who may not publish ``organisation``, suggest a change of its
    publication to those who may (``selectors.change_suggestions_to_review``)."""
    if not is_staff_of(actor, network) or not actor.has_perm("directory.suggest_change", organisation):
        raise PermissionDenied
    suggestion = ChangeSuggestion(
        network=network,
        organisation=organisation,
        fields=_suggested_fields(organisation, fields),
        message=(message or "").strip(),
        author=actor,
    )
    suggestion.full_clean()
    suggestion.save()
    log_action(
        subject=organisation,
        action="organisation.suggestion.made",
        actor=actor,
        network=network,
        data={"suggestion": suggestion.pk, "fields": suggestion.fields},
    )
    return suggestion


def _open_for_review(suggestion: ChangeSuggestion, actor) -> ChangeSuggestion:
    """``suggestion`` locked and re-read; refused unless open and ``actor`` decides the publication."""
    locked = (
        ChangeSuggestion.objects.with_scopes_disabled()
        .select_for_update(of=("self",))
        .select_related("organisation", "network")
        .get(pk=suggestion.pk)
    )
    if not actor.has_perm("directory.publish_organisation", locked.organisation):
        raise PermissionDenied
    if locked.status != ChangeSuggestion.Status.OPEN:
        raise ValidationError(_("Über diesen Vorschlag ist schon entschieden."))
    return locked


def _decided(suggestion: ChangeSuggestion, *, actor, status: str, reason: str = "") -> ChangeSuggestion:
    suggestion.status, suggestion.reason = status, reason
    suggestion.reviewed_by, suggestion.reviewed_at = actor, timezone.now()
    suggestion.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at"])
    # In the suggesting network's log: it learns what became of its suggestion.
    log_action(
        subject=suggestion.organisation,
        action=f"organisation.suggestion.{status}",
        actor=actor,
        network=suggestion.network,
        data={"suggestion": suggestion.pk, "fields": suggestion.fields, "reason": reason},
    )
    return suggestion


@transaction.atomic
def change_suggestion_accept(*, suggestion: ChangeSuggestion, actor) -> ChangeSuggestion:
    """Apply the suggested publication through ``organisation_update`` (its history and checks)."""
    suggestion = _open_for_review(suggestion, actor)
    organisation_update(organisation=suggestion.organisation, actor=actor, fields=suggestion.fields)
    return _decided(suggestion, actor=actor, status=ChangeSuggestion.Status.ACCEPTED)


@transaction.atomic
def change_suggestion_reject(*, suggestion: ChangeSuggestion, actor, reason: str) -> ChangeSuggestion:
    """Decline a suggestion, saying why (the suggesting network reads the reason)."""
    suggestion = _open_for_review(suggestion, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund der Ablehnung.")})
    return _decided(suggestion, actor=actor, status=ChangeSuggestion.Status.REJECTED, reason=reason)
