"""Writing a confirmed import: every row that creates, updates or merges, in the order given.

New profiles go through ``organisations_create_many`` (the outcome of
``organisation_create`` for each, written in bulk); a row that changes a stored
profile goes through ``organisation_update``. ``services.import_run`` runs this
in one transaction.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from augenhoehe.directory.models import Organisation
from augenhoehe.directory.services import (
    NewProfile,
    ProfileRejected,
    organisation_update,
    organisations_create_many,
)
from augenhoehe.directory.validation import Places

from .checking import errors_by_column, from_json, row_references, service_arguments, target_arguments
from .models import ImportBatch, ImportRow

Action = ImportRow.Action
Progress = Callable[[int, int], None]
# Progress is reported every this many rows; new profiles are written in chunks of this size.
PROGRESS_EVERY = 100


class ImportFailed(Exception):
    """The import wrote nothing; the message says which row stopped it and why."""


class Writer:
    """Writes the rows in the order given: new profiles collected and created in bulk
    (``organisations_create_many``), a chunk at a time; a row that changes a stored profile,
    or names a collected row as its umbrella, first writes what is collected, so the outcome
    and its order are those of writing row by row."""

    def __init__(self, *, batch: ImportBatch, actor, rows: dict[int, ImportRow], progress: Progress):
        self.batch, self.actor, self.progress, self.total = batch, actor, progress, len(rows)
        self.written: dict[int, Organisation] = {}
        self.pending: list[tuple[int, NewProfile]] = []
        self.pending_numbers: set[int] = set()
        self.places = Places()
        self.reported = 0

    def add(self, row: ImportRow) -> None:
        values = from_json(row.values)
        if self.pending_numbers.intersection(row_references(values)):
            self.flush()
        umbrellas_from_rows = self._umbrellas_from_rows(row, values)
        if row.action == Action.CREATE:
            fields, tags, umbrellas = service_arguments(values, default_kind=self.batch.default_kind)
            profile = NewProfile(
                fields=fields, tags=tags, umbrellas=[*(umbrellas or []), *umbrellas_from_rows]
            )
            self.pending.append((row.number, profile))
            self.pending_numbers.add(row.number)
            if len(self.pending) >= PROGRESS_EVERY:
                self.flush()
            return
        self.flush()
        assert row.target is not None  # the check gives every update and merge row its target
        fields, tags, umbrellas = target_arguments(values, row.target, row.action)
        if umbrellas_from_rows:
            umbrellas = [*(umbrellas or []), *umbrellas_from_rows]
        try:
            self.written[row.number] = organisation_update(
                organisation=row.target,
                actor=self.actor,
                fields=fields,
                tags=tags,
                umbrellas=umbrellas,
                based_on=row.target_version,
            )
        except ValidationError as error:
            raise _failed(row.number, error) from error
        self._progressed()

    def flush(self) -> None:
        """Create the collected new profiles."""
        if not self.pending:
            return
        numbers = [number for number, _profile in self.pending]
        try:
            created = organisations_create_many(
                actor=self.actor,
                profiles=[profile for _number, profile in self.pending],
                places=self.places,
                network=self.batch.network,
            )
        except ProfileRejected as rejected:
            raise _failed(numbers[rejected.index], rejected.error) from rejected
        self.written.update(zip(numbers, created, strict=True))
        self.pending, self.pending_numbers = [], set()
        self._progressed()

    def _progressed(self) -> None:
        done = len(self.written)
        if done // PROGRESS_EVERY > self.reported // PROGRESS_EVERY or done == self.total:
            self.progress(done, self.total)
            self.reported = done

    def _umbrellas_from_rows(self, row: ImportRow, values: dict[str, Any]) -> list[Organisation]:
        umbrellas = []
        for number in row_references(values):
            if number in self.written:
                umbrellas.append(self.written[number])
                continue
            other = self.batch.rows.filter(number=number).select_related("target").first()
            if other is None or other.target is None:
                raise ImportFailed(
                    _("Zeile %(row)s: Der Dachverband aus Zeile %(other)s wird nicht importiert.")
                    % {"row": row.number, "other": number}
                )
            umbrellas.append(other.target)
        return umbrellas


def _failed(number: int, error: ValidationError) -> ImportFailed:
    messages = "; ".join(
        f"{e['column']}: {e['message']}" if e["column"] else e["message"]
        for e in errors_by_column(error, lambda column: column)
    )
    return ImportFailed(_("Zeile %(row)s: %(message)s") % {"row": number, "message": messages})
