"""The value step of an import: what the values the vocabularies do not know mean.

``services.import_check`` stops before checking the rows where a vocabulary
column holds values nobody mapped yet (``value_mapping.unknown_values``); the
user's choices are kept for the network and the check starts again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ImportBatch, ImportValueMapping
from .selectors import import_value_mappings
from .services import _locked, _log, authorised
from .value_mapping import IGNORE_VALUE, LEAVE_VALUE, is_target_of


@transaction.atomic
def import_map_values(
    *, batch: ImportBatch, choices: dict[int, str], actor, keep: bool = True
) -> ImportBatch:
    """What each unknown value of the value step means (by its index: "column:code", ``IGNORE_VALUE``,
    or ``LEAVE_VALUE`` to leave its rows in error), kept for the network's next lists unless ``keep`` is false; errors name the
    value they concern (``value_<index>``)."""
    authorised(batch, actor)
    _locked(batch, ImportBatch.Status.VALUES)
    entries = batch.unknown_values.get("values", [])
    errors: dict[str, list[str]] = {}
    chosen: dict[tuple[str, str], str] = {}
    for index, entry in enumerate(entries):
        target = choices.get(index, "")
        if target == LEAVE_VALUE:
            continue
        if target == IGNORE_VALUE:
            chosen[(entry["column"], entry["key"])] = ""
        elif not target:
            errors[f"value_{index}"] = [
                _("Bitte wählen Sie, was „%(value)s“ bedeutet, oder „nicht übernehmen“.")
                % {"value": entry["value"]}
            ]
        elif not is_target_of(entry["column"], target):
            errors[f"value_{index}"] = [_("Diese Zuordnung ist für diese Spalte nicht möglich.")]
        else:
            chosen[(entry["column"], entry["key"])] = target
    if errors:
        raise ValidationError(errors)
    mapped = set(batch.mapping)
    value_mapping = {
        column: dict(values)
        for column, values in import_value_mappings(network=batch.network).items()
        if column in mapped
    }
    for (column, key), target in chosen.items():
        value_mapping.setdefault(column, {})[key] = target
        if keep:
            target_column, _sep, target_code = target.partition(":")
            ImportValueMapping.objects.update_or_create(
                network=batch.network,
                column=column,
                value=key,
                defaults={"target_column": target_column, "target_code": target_code},
            )
    batch.value_mapping = value_mapping
    batch.status = ImportBatch.Status.CHECKING
    batch.save(update_fields=["value_mapping", "status"])
    ignored = sum(1 for target in chosen.values() if not target)
    left = len(entries) - len(chosen)
    _log(
        batch,
        "import.values.mapped",
        actor,
        mapped=len(chosen) - ignored,
        ignored=ignored,
        left=left,
        kept=keep,
    )
    return batch
