"""Importing organisation lists: upload, map columns, check every row, then write all or nothing.

1. ``import_start`` reads the file and suggests which heading means which column.
2. ``import_map`` stores the mapping the user confirmed.
3. ``import_check`` reads every row, validates it by the directory's own rules
   (``organisation_check``) and looks for the profile it is about: by id, by
   folded name in the same Kreis, and for likely duplicates by e-mail, website
   and similar name. Nothing is written to the directory; the outcome of each
   row is stored as an ``ImportRow`` for the preview.
4. ``import_decide`` lets the user merge a row into, or update, a likely
   duplicate, or keep it separate.
5. ``import_run`` writes every row in one transaction, all or nothing: new
   profiles through ``organisations_create_many`` (the outcome of
   ``organisation_create``, written in bulk), changed ones through
   ``organisation_update``.

An empty cell never clears a stored value. Updating replaces what a row gives;
merging only fills what the profile lacks and adds to its lists. So a file
imported twice changes nothing the second time.
"""

import logging
from collections.abc import Iterable
from graphlib import CycleError, TopologicalSorter
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Network
from augenhoehe.core.services import log_action
from augenhoehe.directory import choices
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.services import organisation_check

from . import infile
from .checking import (
    RowChecker,
    from_json,
    plan_row,
    row_references,
    service_arguments,
)
from .columns import IGNORE, POSTAL_CODE_CITY, suggest_mapping, targets
from .merging import merge_into_earlier
from .models import ImportBatch, ImportRow
from .reading import Table, read_table
from .samples import column_samples
from .selectors import import_value_mappings
from .value_mapping import all_kept, unknown_values
from .writing import PROGRESS_EVERY, ImportFailed, Progress, Writer

logger = logging.getLogger(__name__)

# Rows up to this many are checked and written while the user waits; longer files go to a worker.
INLINE_ROWS = 300

Action = ImportRow.Action
WRITING = (Action.CREATE, Action.UPDATE, Action.MERGE)
# Rows shown among the duplicates: new ones like a stored profile, and the file's repeated rows.
DECIDABLE_DUPLICATES = (Action.CREATE, Action.SKIP)


def _no_progress(done: int, total: int) -> None:
    pass


def _log(batch: ImportBatch, action: str, actor, **data: Any) -> None:
    """An audit entry for a step of ``batch``, private to its network; no cell of the file goes in."""
    log_action(subject=batch, action=action, actor=actor, network=batch.network, data=data)


def authorised(batch: ImportBatch, actor) -> None:
    """Refuse anyone who is not staff of the import's network (the pages refuse them first; a
    service that keeps something for the whole network must not rely on that)."""
    if not actor.has_perm("imports.view_import", batch):
        raise PermissionDenied


def _locked(batch: ImportBatch, *statuses: str) -> ImportBatch:
    """``batch`` re-read under a row lock; refused unless it is in one of ``statuses``.

    Two colleagues acting on one import at once then act one after the other.
    """
    stored = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if stored.status not in statuses:
        raise ValidationError(_("Dieser Import ist nicht mehr in diesem Schritt."))
    return stored


@transaction.atomic
def import_start(*, network: Network, actor, file_name: str, content: bytes) -> ImportBatch:
    """Read an uploaded list and keep it for ``network``, with suggested column mapping; raises
    ``UnreadableFile``. The actor must work for ``network``."""
    if not actor.has_perm("imports.import_organisations", network):
        raise PermissionDenied
    table = read_table(content, filename=file_name)
    batch = ImportBatch.objects.create(
        network=network,
        created_by=actor,
        file_name=file_name[:255],
        content=content,
        encoding=table.encoding,
        delimiter=table.delimiter,
        headers=table.headers,
        samples=column_samples(table.rows, len(table.headers)),
        notes=table.notes,
        row_count=len(table.rows),
        mapping=suggest_mapping(table.headers),
    )
    _log(batch, "import.uploaded", actor, file_name=batch.file_name, rows=batch.row_count)
    return batch


def import_table(batch: ImportBatch) -> Table:
    return read_table(bytes(batch.content), filename=batch.file_name)


@transaction.atomic
def import_map(*, batch: ImportBatch, mapping: list[str], default_kind: str, actor) -> ImportBatch:
    """Keep the mapping the user confirmed; errors name the heading they concern."""
    _locked(batch, ImportBatch.Status.MAPPING)
    known = {column for column, _label in targets()}
    errors: dict[str, list[str]] = {}
    first_use: dict[str, int] = {}
    for index, column in enumerate(mapping):
        if column not in known and column != IGNORE:
            errors[f"column_{index}"] = [_("Unbekannte Zuordnung.")]
        elif column != IGNORE and column in first_use:
            errors[f"column_{index}"] = [
                _("„%(target)s“ ist schon der Spalte „%(header)s“ zugeordnet.")
                % {"target": dict(targets())[column], "header": batch.headers[first_use[column]]}
            ]
        first_use.setdefault(column, index)
    if "name" not in first_use:
        errors[NON_FIELD_ERRORS] = [_("Ordnen Sie bitte eine Spalte dem Namen zu.")]
    if "city" not in first_use and POSTAL_CODE_CITY not in first_use:
        errors.setdefault(NON_FIELD_ERRORS, []).append(_("Ordnen Sie bitte eine Spalte dem Ort zu."))
    if default_kind and default_kind not in choices.Kind.values:
        errors["default_kind"] = [_("Unbekannte Art.")]
    if errors:
        raise ValidationError(errors)
    batch.mapping = list(mapping)
    batch.default_kind = default_kind
    batch.status = ImportBatch.Status.CHECKING
    # Other columns may hold other values: the check looks for unknown ones again.
    batch.unknown_values, batch.value_mapping = {}, None
    batch.save(update_fields=["mapping", "default_kind", "status", "unknown_values", "value_mapping"])
    _log(batch, "import.mapped", actor, mapping=batch.mapping, default_kind=default_kind)
    return batch


# --- checking -------------------------------------------------------------------------------------


def import_check(*, batch: ImportBatch, actor, progress: Progress = _no_progress) -> ImportBatch:
    """Check every row and store what it would do; writes nothing to the directory."""
    try:
        table = import_table(batch)
        if batch.value_mapping is None and _ask_for_values(batch=batch, table=table, actor=actor):
            return batch
        checker = RowChecker(batch, table, actor)
        total = len(checker.parsed)
        rows = []
        for done, (number, cells, parsed) in enumerate(checker.parsed, 1):
            rows.append(checker.check(number, cells, parsed))
            if done % PROGRESS_EVERY == 0 or done == total:
                progress(done, total)
        checker.finish()
    except Exception:
        logger.exception("Checking import %s failed", batch.pk)
        with transaction.atomic():
            batch.status = ImportBatch.Status.FAILED
            batch.failure = _(
                "Die Prüfung ist an einem technischen Fehler gescheitert; es wurde nichts geändert."
            )
            batch.save(update_fields=["status", "failure"])
            _log(batch, "import.check.failed", actor)
        raise
    with transaction.atomic():
        _locked(batch, ImportBatch.Status.CHECKING)
        batch.rows.all().delete()
        ImportRow.objects.bulk_create(rows, batch_size=1000)
        batch.status = ImportBatch.Status.CHECKED
        batch.counts = _counts(batch)
        batch.save(update_fields=["status", "counts", "value_mapping"])
        _log(batch, "import.checked", actor, counts=batch.counts)
    return batch


def _ask_for_values(*, batch: ImportBatch, table: Table, actor) -> bool:
    """Stop the check for the value step if the vocabulary columns hold values nobody mapped yet;
    otherwise apply the network's kept mappings and let the check go on."""
    kept = import_value_mappings(network=batch.network)
    found = unknown_values(table.rows, batch.mapping, kept)
    mapped = set(batch.mapping)
    batch.value_mapping = {column: values for column, values in kept.items() if column in mapped}
    if all_kept(found):
        return False
    with transaction.atomic():
        _locked(batch, ImportBatch.Status.CHECKING)
        batch.status = ImportBatch.Status.VALUES
        batch.unknown_values = found
        batch.value_mapping = None
        batch.save(update_fields=["status", "unknown_values", "value_mapping"])
        _log(batch, "import.values.unknown", actor, values=len(found["values"]), hidden=found["hidden"])
    return True


def _counts(batch: ImportBatch) -> dict[str, int]:
    """How many rows do what, and how many new ones have likely duplicates: one grouped query."""
    return batch.rows.aggregate(
        **{action: Count("pk", filter=Q(action=action)) for action in Action.values},
        duplicates=Count("pk", filter=Q(action__in=DECIDABLE_DUPLICATES) & ~Q(candidates=[])),
        warnings=Count("pk", filter=~Q(warnings=[])),
    )


# --- what a row will write ------------------------------------------------------------------------


@transaction.atomic
def import_decide(
    *, batch: ImportBatch, row: ImportRow, action: str, target_id: int | None, actor
) -> ImportRow:
    """The user's decision on a row: keep separate (create), update or merge into a candidate, or skip."""
    # Locked, so that two decisions at once count the rows one after the other.
    batch.status = ImportBatch.objects.select_for_update().values_list("status", flat=True).get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("Diese Vorschau kann nicht mehr geändert werden."))
    if infile.merged_into(row) is not None or action == infile.MERGE_ROW:
        _merge_rows(batch=batch, row=row, into=target_id, actor=actor)
    elif action in (Action.UPDATE, Action.MERGE):
        allowed = {c["id"] for c in row.candidates} | ({row.target_id} if row.target_id else set())
        target = (
            Organisation.objects.filter(pk=target_id).first()
            if target_id is not None and target_id in allowed
            else None
        )
        if target is None:
            raise ValidationError(_("Bitte wählen Sie eine der vorgeschlagenen Organisationen."))
        other = batch.rows.filter(target=target, action__in=WRITING).exclude(pk=row.pk).first()
        if other is not None:
            raise ValidationError(
                _("Diese Organisation ändert schon Zeile %(number)s; eine Zeile je Organisation.")
                % {"number": other.number}
            )
        plan_row(row, target=target, action=action, actor=actor)
    elif action in (Action.CREATE, Action.SKIP) and row.action != Action.ERROR:
        row.action, row.target, row.changes = action, None, {}
        if action == Action.CREATE:
            fields, tags, umbrellas = service_arguments(
                from_json(row.values), default_kind=batch.default_kind
            )
            organisation_check(
                actor=actor, fields=fields, tags=tags, umbrellas=umbrellas, network=batch.network
            )
    else:
        raise ValidationError(_("Diese Zeile hat Fehler; korrigieren Sie bitte die Datei."))
    row.save()
    batch.counts = _counts(batch)
    batch.save(update_fields=["counts"])
    _log(batch, "import.row.decided", actor, row=row.number, decision=row.action, target=row.target_id)
    return row


def _merge_rows(*, batch: ImportBatch, row: ImportRow, into: int | None, actor) -> None:
    """Merge ``row`` into an earlier row of the same file (see infile.py), which is checked again."""
    earlier = infile.check_merge(row, batch.rows.select_related("target").filter(number=into or 0).first())
    merge_into_earlier(row, earlier, default_kind=batch.default_kind, actor=actor)
    earlier.save()


@transaction.atomic
def import_remap(*, batch: ImportBatch, mapping: list[str], default_kind: str, actor) -> ImportBatch:
    """A new column mapping for an import in its value step or preview; the rows are then checked again.

    Only before the import is confirmed; the checked rows and the user's decisions are discarded.
    """
    authorised(batch, actor)
    before = _locked(batch, ImportBatch.Status.CHECKED, ImportBatch.Status.VALUES).status
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.MAPPING)
    batch.status = ImportBatch.Status.MAPPING
    _log(batch, "import.remapped", actor)
    try:
        return import_map(batch=batch, mapping=mapping, default_kind=default_kind, actor=actor)
    except ValidationError:
        batch.status = before  # the transaction leaves the import as it was
        raise


# --- writing --------------------------------------------------------------------------------------


@transaction.atomic
def import_cancel(*, batch: ImportBatch, actor) -> bool:
    """Discard an import that has not started writing; whether it was discarded."""
    discarded = ImportBatch.objects.filter(
        pk=batch.pk,
        status__in=[ImportBatch.Status.MAPPING, ImportBatch.Status.VALUES, ImportBatch.Status.CHECKED],
    ).update(status=ImportBatch.Status.CANCELLED)
    if discarded:
        batch.status = ImportBatch.Status.CANCELLED
        _log(batch, "import.cancelled", actor)
    return bool(discarded)


@transaction.atomic
def import_confirm(*, batch: ImportBatch, skip_errors: bool, actor) -> ImportBatch:
    """The user's go-ahead: refused while rows have errors, unless they are to be skipped.

    The row is locked, so two colleagues pressing "import" at once start one import.
    """
    batch.status = ImportBatch.objects.select_for_update().values_list("status", flat=True).get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("Dieser Import ist nicht bereit."))
    if batch.counts.get(Action.ERROR) and not skip_errors:
        raise ValidationError(
            {
                "skip_errors": _(
                    "Einige Zeilen haben Fehler. Korrigieren Sie die Datei oder überspringen Sie diese Zeilen."
                )
            }
        )
    batch.skip_errors = skip_errors
    batch.status = ImportBatch.Status.IMPORTING
    batch.save(update_fields=["skip_errors", "status"])
    _log(batch, "import.confirmed", actor, skip_errors=skip_errors)
    return batch


def import_run(*, batch: ImportBatch, actor, progress: Progress = _no_progress) -> ImportBatch:
    """Write every row that creates, updates or merges, in one transaction: all or nothing."""
    if batch.status != ImportBatch.Status.IMPORTING:
        raise ValidationError(_("Dieser Import wurde nicht bestätigt oder ist schon abgeschlossen."))
    # What the file said and what the preview showed is not needed to write (and large for long lists).
    rows = {
        row.number: row
        for row in batch.rows.filter(action__in=WRITING)
        .select_related("target")
        .defer("cells", "errors", "changes", "candidates")
    }
    try:
        with transaction.atomic():
            writer = Writer(batch=batch, actor=actor, rows=rows, progress=progress)
            for number in _in_dependency_order(rows, batch):
                writer.add(rows[number])
            writer.flush()
            _remember_created(rows, writer.written)
    except ImportFailed as error:
        batch.status, batch.failure = ImportBatch.Status.FAILED, str(error)
    except Exception:
        logger.exception("Import %s failed", batch.pk)
        batch.status = ImportBatch.Status.FAILED
        batch.failure = _("Der Import ist an einem technischen Fehler gescheitert; es wurde nichts geändert.")
    else:
        batch.status = ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    with transaction.atomic():
        batch.save(update_fields=["status", "failure", "finished_at"])
        if batch.status == ImportBatch.Status.DONE:
            _log(batch, "import.finished", actor, counts=batch.counts)
        else:
            _log(batch, "import.failed", actor, failure=batch.failure)
    return batch


def _remember_created(rows: dict[int, ImportRow], written: dict[int, Organisation]) -> None:
    """The profiles the new rows became, for the result page (its list and its "publish")."""
    links = [
        (written[number].pk, row.pk)
        for number, row in rows.items()
        if row.action == Action.CREATE and number in written
    ]
    # One prepared statement for every row: bulk_update() builds a CASE of 1,000 branches per
    # thousand rows, which took as long as writing the profiles themselves.
    quote = connection.ops.quote_name
    table, target, pk = map(quote, (ImportRow._meta.db_table, "target_id", "id"))
    sql = f"UPDATE {table} SET {target} = %s WHERE {pk} = %s"  # noqa: S608 (names from the model, values bound)
    with connection.cursor() as cursor:
        cursor.executemany(sql, links)


def _in_dependency_order(rows: dict[int, ImportRow], batch: ImportBatch) -> Iterable[int]:
    """Umbrellas before their members, where both are rows of the file."""
    graph = {number: {n for n in row_references(row.values) if n in rows} for number, row in rows.items()}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise ImportFailed(
            _("Die Zeilen %(rows)s sind wechselseitig Dachverband voneinander.")
            % {"rows": ", ".join(str(n) for n in sorted(set(error.args[1])))}
        ) from None


# --- row values as JSON ---------------------------------------------------------------------------
