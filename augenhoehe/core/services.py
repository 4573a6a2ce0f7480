"""Writes shared by every app: the audit log."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import LogEntry, Network


def log_action(
    *,
    subject: models.Model,
    action: str,
    actor: Any = None,
    network: Network | None = None,
    data: dict | None = None,
) -> LogEntry:
    """Record that ``actor`` did ``action`` (a dotted name) to ``subject``."""
    return LogEntry.objects.create(
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        network=network,
        data=data or {},
    )
