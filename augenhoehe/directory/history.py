"""Turns the audit log of a profile into lines a person can read."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from augenhoehe.core.audit import REDACTED, REDACTED_TEXT, action_label
from augenhoehe.core.models import Gemeinde, Kreis, LogEntry
from augenhoehe.core.translations import language_name

from . import profile_fields
from .selectors import organisation_visible_queryset

_EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    entry: LogEntry
    action: str
    changes: list[Change]
    # What the entry says beyond its changes: who decided a proposal, and why it was rejected.
    note: str = ""


TAG_FIELD_OF_SCHEME = {field.scheme: field for field in profile_fields.TAG_FIELDS}


def _registry_field(name: str) -> profile_fields.ProfileField:
    """The field a history key names: a model attribute, ``tags.<scheme>`` or ``umbrellas``."""
    if name.startswith("tags."):
        return TAG_FIELD_OF_SCHEME[name.removeprefix("tags.")]
    return profile_fields.BY_ATTRIBUTE.get(name) or profile_fields.BY_NAME[name]


# The description's versions in other languages (``Translated.translations``), kept beside the fields.
_TRANSLATIONS = "translations"


def _versions_text(value: dict) -> str:
    """``{"tr": {"description": "…"}}`` as "Türkisch: …"."""
    return " · ".join(
        f"{language_name(language)}: {' / '.join(str(text) for text in fields.values())}"
        for language, fields in sorted(value.items())
        if isinstance(fields, dict)
    )


def _field_value(name: str, value, names: dict[str, str]) -> str:
    if value in (None, "", [], {}):
        return _EMPTY
    if value == REDACTED:
        return str(REDACTED_TEXT)
    if name == _TRANSLATIONS:
        return _versions_text(value) if isinstance(value, dict) else str(value)
    if name in ("kreis_id", "gemeinde_id", "umbrellas"):
        values = value if isinstance(value, list) else [value]
        return ", ".join(names.get(str(v), str(v)) for v in values)
    return _registry_field(name).display(value)


def field_label(name: str) -> str:
    if name == _TRANSLATIONS:
        return str(_("Beschreibung in weiteren Sprachen"))
    return str(_registry_field(name).get_history_label())


def _referenced_names(changes: Iterable[Mapping[str, list]], viewer) -> dict[str, str]:
    """Names of the Kreise, Gemeinden and umbrellas the changes mention, in three queries."""
    keys: dict[str, set] = {"kreis_id": set(), "gemeinde_id": set(), "umbrellas": set()}
    for pairs in changes:
        for name, pair in pairs.items():
            if name in keys:
                for value in pair:
                    keys[name].update(value if isinstance(value, list) else [value])
    names = {k.ags: k.display_name for k in Kreis.objects.filter(ags__in=keys["kreis_id"] - {None})}
    names |= dict(Gemeinde.objects.filter(ags__in=keys["gemeinde_id"] - {None}).values_list("ags", "name"))
    # An umbrella the viewer may not open stays a number, its name is not revealed.
    visible = organisation_visible_queryset(viewer=viewer)
    umbrellas = visible.filter(pk__in=keys["umbrellas"]).values_list("pk", "name")
    return names | {str(pk): name for pk, name in umbrellas}


def _changes(pairs: Mapping[str, list], names: dict[str, str]) -> list[Change]:
    return [
        Change(
            label=field_label(name), old=_field_value(name, old, names), new=_field_value(name, new, names)
        )
        for name, (old, new) in pairs.items()
    ]


def changes_described(pairs: Mapping[str, list], *, viewer) -> list[Change]:
    """``{field: [old, new]}`` (keys as the history names them) as a person reads it."""
    return _changes(pairs, _referenced_names([pairs], viewer))


def _note(entry: LogEntry) -> str:
    if not entry.action.startswith("directory.proposal."):
        return ""
    network, reason = entry.data.get("network", ""), entry.data.get("reason", "")
    if entry.action == "directory.proposal.accepted":
        return _("Geprüft und übernommen für %(network)s.") % {"network": network}
    if entry.action == "directory.proposal.rejected":
        return _("Abgelehnt für %(network)s. Grund: %(reason)s") % {"network": network, "reason": reason}
    return ""


def describe(entries: Iterable[LogEntry], *, viewer) -> list[HistoryLine]:
    """One readable line per entry, each change with its old and new value."""
    entries = list(entries)
    names = _referenced_names((entry.data.get("changes", {}) for entry in entries), viewer)
    return [
        HistoryLine(
            entry=entry,
            action=action_label(entry.action),
            changes=_changes(entry.data.get("changes", {}), names),
            note=_note(entry),
        )
        for entry in entries
    ]
