"""Writes shared by every app: the audit log, its records of reads, and its redaction."""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from .audit import REDACTED
from .models import LogEntry, Network
from .personal_data import personal_fields


def log_action(
    *,
    subject: models.Model,
    action: str,
    actor: Any = None,
    network: Network | None = None,
    data: dict | None = None,
    restricted_to: Iterable[str] = (),
) -> LogEntry:
    """Record that ``actor`` did ``action`` (a dotted name) to ``subject``.

    ``restricted_to`` names the roles ("admin", "coordinator") of which a
    reader in ``network`` must hold one to see the entry.
    """
    return LogEntry.objects.create(
        **_entry(
            subject=subject,
            action=action,
            actor=actor,
            network=network,
            data=data,
            restricted_to=restricted_to,
        )
    )


def log_actions(
    *,
    entries: Iterable[tuple[models.Model, dict | None]],
    action: str,
    actor: Any = None,
    network: Network | None = None,
    batch_size: int = 1000,
) -> list[LogEntry]:
    """``log_action`` for many subjects at once, each with its own data: the same entries,
    written with one insert per ``batch_size`` (for imports of thousands of profiles)."""
    return LogEntry.objects.bulk_create(
        [
            LogEntry(**_entry(subject=subject, action=action, actor=actor, network=network, data=data))
            for subject, data in entries
        ],
        batch_size=batch_size,
    )


def _entry(
    *,
    subject: models.Model,
    action: str,
    actor: Any,
    network: Network | None,
    data: dict | None,
    restricted_to: Iterable[str] = (),
) -> dict[str, Any]:
    """The values of an entry, as ``log_action`` and ``log_actions`` store them."""
    return {
        "action": action,
        "content_type": ContentType.objects.get_for_model(subject),
        "object_id": str(subject.pk),
        "actor": actor if getattr(actor, "is_authenticated", False) else None,
        "network": network,
        "data": data or {},
        # Sorted and unique, so that equal restrictions compare equal in the database.
        "restricted_to": sorted(set(restricted_to)),
    }


def log_read(
    *,
    subject: models.Model,
    actor: Any,
    network: Network | None,
    action: str | None = None,
    data: dict | None = None,
) -> LogEntry:
    """Record that ``actor`` read a restricted record (``<model>.viewed`` unless ``action`` says otherwise)."""
    return log_action(
        subject=subject,
        action=action or f"{subject._meta.model_name}.viewed",
        actor=actor,
        network=network,
        data=data,
    )


def log_reads(
    *,
    subjects: Iterable[models.Model],
    actor: Any,
    network: Network | None,
    fields: Iterable[str],
    via: str,
    action: str | None = None,
) -> list[LogEntry]:
    """Record that ``actor`` read ``fields`` of each of ``subjects`` (special categories of
    personal data, GDPR Art. 9, or a restricted record) through ``via`` ("page", "export", "api").

    One entry per subject (``<model>.fields_viewed`` unless ``action`` says otherwise), so each
    record's history says who read it; written with one insert per thousand, for exports. The
    values themselves are never logged, only which fields were read.
    """
    subjects = list(subjects)
    if not subjects:
        return []
    data = {"fields": sorted(set(fields)), "via": via}
    return log_actions(
        entries=[(subject, data) for subject in subjects],
        action=action or f"{subjects[0]._meta.model_name}.fields_viewed",
        actor=actor,
        network=network,
    )


def _blanked(value: Any) -> Any:
    if isinstance(value, list):  # a change pair [old, new], or a list of values
        return [_blanked(v) for v in value]
    if isinstance(value, dict):
        return {key: _blanked(v) for key, v in value.items()}
    # An empty value says nothing about anyone; it stays, so "added" and "removed" stay readable.
    return value if value in (None, "") else REDACTED


def _redacted(value: Any, keys: frozenset[str]) -> Any:
    """``value`` with the values under ``keys`` replaced by the marker, wherever they are nested."""
    if isinstance(value, dict):
        return {k: _blanked(v) if k in keys else _redacted(v, keys) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v, keys) for v in value]
    return value


@transaction.atomic
def log_redact(
    *,
    subject: models.Model | None = None,
    entries: Iterable[LogEntry] | None = None,
    fields: Iterable[str] | None = None,
    actor: Any,
    reason: str,
    network: Network | None = None,
) -> list[LogEntry]:
    """Replace the personal values in the entries about ``subject`` (or in ``entries``) by a marker.

    Which keys are personal comes from the subject model's declaration in
    ``personal_data``; ``fields`` narrows them. The keys stay, so the history
    still says that the e-mail address changed, not what it was. The
    redaction itself is logged, without any of the values.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund.")})
    # Redaction is for the whole installation (a person's erasure reaches every network's entries
    # about the subject, and the shared ones), so it deliberately reads outside the request's network.
    with scopes_disabled():
        return _log_redact(
            subject=subject, entries=entries, fields=fields, actor=actor, reason=reason, network=network
        )


def _log_redact(*, subject, entries, fields, actor, reason, network) -> list[LogEntry]:
    queryset = LogEntry.objects.select_for_update().select_related("content_type")
    if subject is not None:
        queryset = queryset.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
        )
    if entries is not None:
        queryset = queryset.filter(pk__in=[entry.pk for entry in entries])
    if subject is None and entries is None:
        raise ValueError("log_redact needs a subject or entries")
    redacted: dict[tuple[int, str], list[LogEntry]] = defaultdict(list)
    now = timezone.now()
    for entry in queryset.order_by("pk"):
        keys = personal_fields(entry.content_type.model_class() or entry.content_type.model)
        if fields is not None:
            unknown = set(fields) - keys
            if unknown:
                # Only what an app declared personal may be redacted; anything else is a programming error.
                raise ValueError(f"not declared personal for {entry.content_type}: {sorted(unknown)}")
            keys = frozenset(fields)
        data = _redacted(entry.data, keys)
        if data == entry.data:
            continue
        data["_redacted"] = sorted(set(entry.data.get("_redacted", [])) | (keys & _keys_in(entry.data)))
        entry.data, entry.redacted_at = data, now
        entry.save(update_fields=["data", "redacted_at"])
        redacted[(entry.content_type_id, entry.object_id)].append(entry)
    for changed in redacted.values():
        log_action(
            subject=changed[0].subject or changed[0],
            action="log.redacted",
            actor=actor,
            network=network,
            data={
                "entries": [entry.pk for entry in changed],
                "fields": sorted({key for entry in changed for key in entry.data["_redacted"]}),
                "reason": reason,
            },
        )
    return [entry for changed in redacted.values() for entry in changed]


def _keys_in(value: Any) -> set[str]:
    """Every key of every dict nested in ``value``."""
    if isinstance(value, dict):
        return set(value) | {key for v in value.values() for key in _keys_in(v)}
    if isinstance(value, list):
        return {key for v in value for key in _keys_in(v)}
    return set()
