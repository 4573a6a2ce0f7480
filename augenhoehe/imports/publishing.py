"""Publishing the profiles an import created, from its result page.

An import creates profiles unpublished. Publishing them goes through the directory's own
service (``organisation_update`` with ``is_published``), one profile at a time, so its
permission check (``directory.publish_organisation``: the organisation's own admins, or the
network's staff while it has none) and its history and audit entries apply as on the profile
page. Profiles the actor may not publish stay unpublished and are named.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from augenhoehe.core.services import log_action
from augenhoehe.directory.services import organisation_update

from .models import ImportBatch, ImportRow
from .services import authorised


@dataclass
class Published:
    published: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def created_rows(batch: ImportBatch) -> QuerySet[ImportRow]:
    """The rows that created a profile, with the profile, in the file's order."""
    return (
        batch.rows.filter(action=ImportRow.Action.CREATE, target__isnull=False)
        .select_related("target")
        .order_by("number")
    )


@transaction.atomic
def import_publish(*, batch: ImportBatch, actor, organisation_ids: list[int] | None) -> Published:
    """Publish the unpublished profiles ``batch`` created (those of ``organisation_ids``, or all)."""
    authorised(batch, actor)
    if batch.status != ImportBatch.Status.DONE:
        raise ValidationError(_("Nur ein abgeschlossener Import hat Profile zu veröffentlichen."))
    rows = created_rows(batch).filter(target__is_published=False)
    if organisation_ids is not None:
        rows = rows.filter(target_id__in=organisation_ids)
    outcome = Published()
    for row in rows:
        assert row.target is not None  # created_rows has only rows with their profile
        try:
            with transaction.atomic():
                organisation_update(organisation=row.target, actor=actor, fields={"is_published": True})
        except ValidationError:
            outcome.refused.append(row.target.name)
        else:
            outcome.published.append(row.target.name)
    if outcome.published:
        log_action(
            subject=batch,
            action="import.published",
            actor=actor,
            network=batch.network,
            data={"published": len(outcome.published), "refused": len(outcome.refused)},
        )
    return outcome
