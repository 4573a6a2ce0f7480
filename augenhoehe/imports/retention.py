"""Uploaded lists are kept only as long as the installation says: the daily retention run deletes older ones.

The file and the raw cells of each row go; the import's counts, outcome and
audit entries stay, so the history still says who imported what and when.
The rule is one of the installation's retention rules (``core.retention``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from augenhoehe.core.retention import register_rule
from augenhoehe.core.services import log_action

from .models import ImportBatch, ImportRow

# An import being checked or written keeps its file until it is over.
_BUSY = (ImportBatch.Status.CHECKING, ImportBatch.Status.IMPORTING)
# One that still waits for the user cannot go on without its rows: it is discarded.
_WAITING = (ImportBatch.Status.MAPPING, ImportBatch.Status.VALUES, ImportBatch.Status.CHECKED)


@transaction.atomic
def import_purge(*, days: int | None = None) -> list[ImportBatch]:
    """Delete the files and raw rows of imports uploaded more than ``days`` ago (the setting by default)."""
    days = settings.IMPORT_RETENTION_DAYS if days is None else days
    # Retention is the installation's duty towards every network alike, so it runs across all of them.
    with scopes_disabled():
        return _purge(days=days)


def _purge(*, days: int) -> list[ImportBatch]:
    now = timezone.now()
    batches = list(
        ImportBatch.objects.select_for_update(of=("self",))
        .select_related("network")
        .filter(created_at__lt=now - timedelta(days=days), purged_at__isnull=True)
        .exclude(status__in=_BUSY)
        .order_by("created_at")
    )
    ImportRow.objects.filter(batch__in=batches).update(cells=[], values={}, changes={}, errors=[])
    for batch in batches:
        discarded = batch.status in _WAITING
        batch.content, batch.samples, batch.purged_at = b"", [], now
        batch.unknown_values, batch.value_mapping = {}, None
        if discarded:
            batch.status = ImportBatch.Status.CANCELLED
        batch.save(
            update_fields=["content", "samples", "unknown_values", "value_mapping", "purged_at", "status"]
        )
        log_action(
            subject=batch,
            action="import.purged",
            network=batch.network,
            data={"days": days, "discarded": discarded},
        )
    return batches


register_rule(
    "imports.files",
    kind=_("Hochgeladene Listen und ihre Rohzeilen"),
    models=["imports.ImportBatch", "imports.ImportRow"],
    setting="IMPORT_RETENTION_DAYS",
    outcome=_(
        "Datei, Beispielzeilen und Rohzeilen werden gelöscht; Zählung, Ergebnis und Protokoll bleiben. "
        "Ein nicht abgeschlossener Import wird verworfen."
    ),
    purge=lambda days: len(import_purge(days=days)),
)
