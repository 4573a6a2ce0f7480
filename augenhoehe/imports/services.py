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
5. ``import_run`` writes every row through ``organisation_create`` and
   ``organisation_update`` in one transaction: all or nothing.

An empty cell never clears a stored value. Updating replaces what a row gives;
merging only fills what the profile lacks and adds to its lists. So a file
imported twice changes nothing the second time.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from graphlib import CycleError, TopologicalSorter
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from augenhoehe.core.models import Kreis, Network
from augenhoehe.core.services import log_action
from augenhoehe.directory import choices
from augenhoehe.directory.duplicates import email_key, name_key, similar_names, website_key
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.services import organisation_check, organisation_create, organisation_update
from augenhoehe.interchange.format import TAG_COLUMNS

from .columns import IGNORE, POSTAL_CODE_CITY, suggest_mapping, targets
from .models import ImportBatch, ImportRow
from .reading import Table, read_table
from .values import kreis_of, parse_row

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 100
# Rows up to this many are checked and written while the user waits; longer files go to a worker.
INLINE_ROWS = 300
# Rows the mapping page shows as examples of each column.
SAMPLE_ROWS = 3

Action = ImportRow.Action
WRITING = (Action.CREATE, Action.UPDATE, Action.MERGE)
# Columns that are not a field of the profile itself.
_SPECIAL = {"id", "kreis_ags", "umbrellas", *TAG_COLUMNS}
_EMPTY = ("", None, choices.Criterion.UNKNOWN)


def _no_progress(done: int, total: int) -> None:
    pass


def _log(batch: ImportBatch, action: str, actor, **data: Any) -> None:
    """An audit entry for a step of ``batch``, private to its network; no cell of the file goes in."""
    log_action(subject=batch, action=action, actor=actor, network=batch.network, data=data)


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
        samples=[cells for _number, cells in table.rows[:SAMPLE_ROWS]],
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
    batch.save(update_fields=["mapping", "default_kind", "status"])
    _log(batch, "import.mapped", actor, mapping=batch.mapping, default_kind=default_kind)
    return batch


# --- checking -------------------------------------------------------------------------------------


class _Directory:
    """What the check needs to know of the stored profiles, fetched once per import."""

    def __init__(self, rows: list[dict[str, Any]]):
        ids = {row["id"] for row in rows if isinstance(row.get("id"), int)}
        self.by_id = {o.pk: o for o in Organisation.objects.filter(pk__in=ids).only("pk", "name")}
        # Umbrellas named by id, all looked up at once rather than per row.
        referenced = {r for row in rows for r in row.get("umbrellas") or () if isinstance(r, int)}
        self.existing_ids = set(Organisation.objects.filter(pk__in=referenced).values_list("pk", flat=True))
        emails = sorted({email_key(row["email"]) for row in rows if row.get("email")})
        self.by_email: dict[str, list[int]] = {}
        for start in range(0, len(emails), 500):
            for pk, email in (
                Organisation.objects.annotate(email_key=Lower("email"))
                .filter(email_key__in=emails[start : start + 500])
                .values_list("pk", "email_key")
            ):
                self.by_email.setdefault(email, []).append(pk)
        self.by_website: dict[str, list[int]] = {}
        if any(row.get("website") for row in rows):
            for pk, website in Organisation.objects.exclude(website="").values_list("pk", "website"):
                self.by_website.setdefault(website_key(website), []).append(pk)
        self.umbrellas_by_name: dict[str, list[int]] = {}
        for pk, name in Organisation.objects.filter(kind=choices.Kind.UMBRELLA).values_list("pk", "name"):
            self.umbrellas_by_name.setdefault(name_key(name), []).append(pk)
        self._names_in_kreis: dict[str, dict[str, list[int]]] = {}

    def same_name(self, name: str, kreis_id: str) -> list[int]:
        if kreis_id not in self._names_in_kreis:
            names: dict[str, list[int]] = {}
            for pk, stored in Organisation.objects.filter(kreis_id=kreis_id).values_list("pk", "name"):
                names.setdefault(name_key(stored), []).append(pk)
            self._names_in_kreis[kreis_id] = names
        return self._names_in_kreis[kreis_id].get(name_key(name), [])


class _Checker:
    def __init__(self, batch: ImportBatch, table: Table, actor):
        self.batch, self.actor = batch, actor
        self.mapping = batch.mapping
        self.columns = {column: index for index, column in enumerate(self.mapping) if column != IGNORE}
        self.parsed = [(number, cells, parse_row(cells, self.mapping)) for number, cells in table.rows]
        self.table = table
        self.directory = _Directory([parsed.values for _n, _c, parsed in self.parsed])
        self.network_kreise = list(batch.network.kreise.all())
        # an export's id column lets umbrellas refer to rows of the same file
        self.rows_by_id: dict[int, int] = {}
        for number, _cells, parsed in self.parsed:
            if isinstance(parsed.values.get("id"), int):
                self.rows_by_id.setdefault(parsed.values["id"], number)
        # ids of rows that name a stored profile (same id, same name): references to them are that profile
        self.stored_row_ids = {
            parsed.values["id"]
            for _number, _cells, parsed in self.parsed
            if parsed.values.get("id") in self.directory.by_id
            and name_key(self.directory.by_id[parsed.values["id"]].name)
            == name_key(parsed.values.get("name", ""))
        }
        self.seen: dict[tuple[str, str], int] = {}

    def column_name(self, column: str) -> str:
        index = self.columns.get(column)
        if index is None and column in ("city", "postal_code"):
            index = self.columns.get(POSTAL_CODE_CITY)
        return "" if index is None else self.table.column_name(index)

    def check(self, number: int, cells: list[str], parsed) -> ImportRow:
        row = ImportRow(batch=self.batch, number=number, cells=cells, values=to_json(parsed.values))
        if parsed.errors:
            row.action = Action.ERROR
            row.errors = [
                {"column": self.table.column_name(index), "message": message}
                for index, messages in sorted(parsed.errors.items())
                for message in messages
            ]
            # The cells that could be read are checked too, so one pass shows every problem.
            failed = {self.mapping[index] for index in parsed.errors if index < len(self.mapping)}
            readable = {k: v for k, v in parsed.values.items() if k not in failed and k != "umbrellas"}
            try:
                self._check_new(readable)
            except ValidationError as error:
                shown = {(e["column"], e["message"]) for e in row.errors}
                row.errors += [
                    e
                    for e in errors_by_column(error, self.column_name)
                    if (e["column"], e["message"]) not in shown
                ]
                # Cell errors and the model's rules together, left to right as the file has them.
                position = {self.table.column_name(i): i for i in range(len(self.mapping) + 1)}
                row.errors.sort(key=lambda e: position.get(e["column"], len(position)))
            return row
        values = dict(parsed.values)
        try:
            if "umbrellas" in values:
                values["umbrellas"] = self._umbrella_references(values["umbrellas"])
            target = self._target_by_id(values)
            if target is not None:
                kreis_id, name = target.kreis_id, values.get("name") or target.name
            else:
                checked = self._check_new(values)
                kreis_id, name = checked.kreis_id, values["name"]
                # Found by name in the same Kreis, so the key's Kreis stays the same.
                same = self.directory.same_name(name, kreis_id)
                target = Organisation.objects.filter(pk=same[0]).first() if same else None
        except ValidationError as error:
            return self._error(row, error)
        row.values = to_json(values)
        key = (name_key(name), kreis_id)
        if key in self.seen:
            row.action = Action.SKIP
            row.note = _("Dieselbe Organisation wie in Zeile %(number)s.") % {"number": self.seen[key]}
            return row
        self.seen[key] = number
        row.candidates = self._candidates(values, kreis_id, exclude={target.pk} if target else set())
        if target is None:
            row.action = Action.CREATE
            return row
        try:
            return plan_row(row, target=target, action=Action.UPDATE, actor=self.actor)
        except ValidationError as error:
            return self._error(row, error)

    def _check_new(self, values: dict[str, Any]) -> Organisation:
        fields, tags, umbrellas = service_arguments(values, default_kind=self.batch.default_kind)
        try:
            return organisation_check(actor=self.actor, fields=fields, tags=tags, umbrellas=umbrellas)
        except ValidationError as error:
            # "Halle" is ambiguous, but maybe only one of them lies in the network's area.
            if "kreis" not in getattr(error, "error_dict", {}) or "kreis" in fields:
                raise
            fits = []
            for kreis in self.network_kreise:
                try:
                    fits.append(
                        organisation_check(
                            actor=self.actor,
                            fields={**fields, "kreis": kreis},
                            tags=tags,
                            umbrellas=umbrellas,
                        )
                    )
                except ValidationError:
                    continue
            if len(fits) != 1:
                raise
            values["kreis_ags"] = fits[0].kreis_id
            return fits[0]

    def _target_by_id(self, values: dict[str, Any]) -> Organisation | None:
        """The profile an export's id names, if it is still that organisation."""
        stored = self.directory.by_id.get(values["id"]) if values.get("id") is not None else None
        if stored is None or name_key(stored.name) != name_key(values.get("name", stored.name)):
            return None
        return Organisation.objects.get(pk=stored.pk)

    def _umbrella_references(self, references: list) -> list[list]:
        resolved, unknown = [], []
        for reference in references:
            if isinstance(reference, int) and reference in self.stored_row_ids:
                resolved.append(["organisation", reference])  # the file's row is that stored profile
            elif isinstance(reference, int) and reference in self.rows_by_id:
                resolved.append(["row", self.rows_by_id[reference]])
            elif isinstance(reference, int) and reference in self.directory.existing_ids:
                resolved.append(["organisation", reference])
            elif (
                isinstance(reference, str)
                and len(self.directory.umbrellas_by_name.get(name_key(reference), [])) == 1
            ):
                resolved.append(["organisation", self.directory.umbrellas_by_name[name_key(reference)][0]])
            else:
                unknown.append(str(reference))
        if unknown:
            raise ValidationError(
                {
                    "umbrellas": _("Diese Dachverbände gibt es nicht: %(values)s.")
                    % {"values": ", ".join(unknown)}
                }
            )
        return resolved

    def _candidates(self, values: dict[str, Any], kreis_id: str, exclude: set[int]) -> list[dict[str, Any]]:
        reasons: dict[int, list[str]] = {}
        for pk in self.directory.by_email.get(email_key(values.get("email", "")), []):
            reasons.setdefault(pk, []).append("email")
        for pk in self.directory.by_website.get(website_key(values.get("website", "")), []):
            reasons.setdefault(pk, []).append("website")
        for pk in similar_names(name=values["name"], kreis_id=kreis_id, exclude=exclude).values_list(
            "pk", flat=True
        )[:5]:
            reasons.setdefault(pk, []).append("name")
        found = Organisation.objects.filter(pk__in=set(reasons) - exclude).only("pk", "name", "city")
        return [
            {"id": o.pk, "name": o.name, "city": o.city, "reasons": reasons[o.pk]}
            for o in sorted(found, key=lambda o: (-len(reasons[o.pk]), o.pk))
        ]

    def _error(self, row: ImportRow, error: ValidationError) -> ImportRow:
        row.action = Action.ERROR
        row.errors = errors_by_column(error, self.column_name)
        return row


def errors_by_column(error: ValidationError, column_name: Callable[[str], str]) -> list[dict[str, str]]:
    """A service's errors, each at the column of the file it concerns."""
    where = {"kreis": "kreis_ags", "gemeinde": "city", "tags": "", NON_FIELD_ERRORS: ""}
    messages = error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    result: list[dict[str, str]] = []
    for name, texts in messages.items():
        column = where.get(name, name)
        scheme_column = {scheme: column for column, scheme in TAG_COLUMNS.items()}.get(name)
        shown = column_name(scheme_column or column) if column else ""
        if column == "kreis_ags" and not shown:
            shown = column_name("city")
        result.extend({"column": shown, "message": text} for text in texts)
    return result


def import_check(*, batch: ImportBatch, actor, progress: Progress = _no_progress) -> ImportBatch:
    """Check every row and store what it would do; writes nothing to the directory."""
    try:
        table = import_table(batch)
        checker = _Checker(batch, table, actor)
        total = len(checker.parsed)
        rows = []
        for done, (number, cells, parsed) in enumerate(checker.parsed, 1):
            rows.append(checker.check(number, cells, parsed))
            if done % PROGRESS_EVERY == 0 or done == total:
                progress(done, total)
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
        batch.save(update_fields=["status", "counts"])
        _log(batch, "import.checked", actor, counts=batch.counts)
    return batch


def _counts(batch: ImportBatch) -> dict[str, int]:
    counts = dict.fromkeys(Action.values, 0)
    for action in batch.rows.values_list("action", flat=True):
        counts[action] += 1
    counts["duplicates"] = batch.rows.exclude(candidates=[]).filter(action=Action.CREATE).count()
    return counts


# --- what a row will write ------------------------------------------------------------------------


def service_arguments(values: dict[str, Any], *, default_kind: str = "") -> tuple[dict, dict, list | None]:
    """Fields, tags and (stored) umbrellas for the services, from a row's values."""
    fields = {name: value for name, value in values.items() if name not in _SPECIAL}
    if "kreis_ags" in values:
        fields["kreis"] = kreis_of(values["kreis_ags"])
    if default_kind and not fields.get("kind"):
        fields["kind"] = default_kind
    tags = {TAG_COLUMNS[column]: values[column] for column in TAG_COLUMNS if column in values}
    umbrellas = None
    if values.get("umbrellas") is not None:
        umbrellas = list(
            Organisation.objects.filter(
                pk__in=[pk for kind, pk in values["umbrellas"] if kind == "organisation"]
            )
        )
    return fields, tags, umbrellas


def plan_row(row: ImportRow, *, target: Organisation, action: str, actor) -> ImportRow:
    """Set ``row`` to update or merge into ``target``, with the changes that would make;
    raises ``ValidationError`` where the directory's rules refuse them."""
    values = from_json(row.values)
    fields, tags, umbrellas = _target_arguments(values, target, action)
    before = _state(target)
    checked = organisation_check(
        actor=actor,
        organisation=Organisation.objects.get(pk=target.pk),
        fields=fields,
        tags=tags,
        umbrellas=umbrellas,
    )
    after = _state(checked, tags=tags, umbrellas=umbrellas, new_rows=_row_references(values))
    row.target = target
    row.target_version = target.updated_at.isoformat()
    row.changes = {
        key: [to_json_value(before[key]), to_json_value(after[key])]
        for key in after
        if after[key] != before[key]
    }
    row.action = action if row.changes else Action.UNCHANGED
    return row


def _target_arguments(
    values: dict[str, Any], target: Organisation, action: str
) -> tuple[dict, dict, list | None]:
    values = dict(values)
    confirmed_at = values.pop("confirmed_at", None)
    if confirmed_at and (target.confirmed_at is None or confirmed_at > target.confirmed_at):
        values["confirmed_at"] = confirmed_at  # an older confirmation does not replace a newer one
    fields, tags, umbrellas = service_arguments(values)
    if name_key(fields.get("name", "")) == name_key(target.name):
        fields.pop("name", None)  # "Tuerkischer …" does not replace the stored "Türkischer … e. V."
    if umbrellas is not None:
        # A list shows the umbrellas its author could see: it adds memberships, never removes one.
        umbrellas = list({u.pk: u for u in [*target.umbrellas.all(), *umbrellas]}.values())
    if action == Action.MERGE:
        fields = {name: value for name, value in fields.items() if _stored(target, name) in _EMPTY}
        current = _tags_of(target)
        tags = {scheme: sorted(set(codes) | set(current[scheme])) for scheme, codes in tags.items()}
    return fields, tags, umbrellas


def _stored(organisation: Organisation, name: str) -> Any:
    return organisation.kreis_id if name == "kreis" else getattr(organisation, name)


def _tags_of(organisation: Organisation) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {scheme: [] for scheme in TAG_COLUMNS.values()}
    for scheme, code in organisation.tags.values_list("scheme", "code"):
        tags[scheme].append(code)
    return tags


def _state(organisation: Organisation, *, tags=None, umbrellas=None, new_rows=()) -> dict[str, Any]:
    """The comparable values of a profile, keyed by import column."""
    state: dict[str, Any] = {
        column: getattr(organisation, column)
        for column, _label in targets()
        if column not in _SPECIAL and column != POSTAL_CODE_CITY
    }
    state["kreis_ags"] = organisation.kreis_id
    stored_tags = _tags_of(organisation) if organisation.pk and tags is None else {}
    for column, scheme in TAG_COLUMNS.items():
        if tags is None:
            state[column] = sorted(stored_tags.get(scheme, []))
        elif scheme in tags:
            state[column] = sorted(tags[scheme])
    if umbrellas is None and tags is None:
        state["umbrellas"] = sorted(organisation.umbrellas.values_list("pk", flat=True))
    elif umbrellas is not None:
        state["umbrellas"] = sorted([u.pk for u in umbrellas]) + [f"row {n}" for n in new_rows]
    return state


def _row_references(values: dict[str, Any]) -> list[int]:
    return [number for kind, number in values.get("umbrellas") or [] if kind == "row"]


@transaction.atomic
def import_decide(
    *, batch: ImportBatch, row: ImportRow, action: str, target_id: int | None, actor
) -> ImportRow:
    """The user's decision on a row: keep separate (create), update or merge into a candidate, or skip."""
    # Locked, so that two decisions at once count the rows one after the other.
    batch.status = ImportBatch.objects.select_for_update().values_list("status", flat=True).get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        raise ValidationError(_("Diese Vorschau kann nicht mehr geändert werden."))
    if action in (Action.UPDATE, Action.MERGE):
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
            organisation_check(actor=actor, fields=fields, tags=tags, umbrellas=umbrellas)
    else:
        raise ValidationError(_("Diese Zeile hat Fehler; korrigieren Sie bitte die Datei."))
    row.save()
    batch.counts = _counts(batch)
    batch.save(update_fields=["counts"])
    _log(batch, "import.row.decided", actor, row=row.number, decision=row.action, target=row.target_id)
    return row


# --- writing --------------------------------------------------------------------------------------


class ImportFailed(Exception):
    """The import wrote nothing; the message says which row stopped it and why."""


@transaction.atomic
def import_cancel(*, batch: ImportBatch, actor) -> bool:
    """Discard an import that has not started writing; whether it was discarded."""
    discarded = ImportBatch.objects.filter(
        pk=batch.pk, status__in=[ImportBatch.Status.MAPPING, ImportBatch.Status.CHECKED]
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
    rows = {row.number: row for row in batch.rows.filter(action__in=WRITING).select_related("target")}
    total = len(rows)
    try:
        with transaction.atomic():
            written: dict[int, Organisation] = {}
            for done, number in enumerate(_in_dependency_order(rows, batch), 1):
                written[number] = _write(rows[number], batch=batch, actor=actor, written=written)
                if done % PROGRESS_EVERY == 0 or done == total:
                    progress(done, total)
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


def _in_dependency_order(rows: dict[int, ImportRow], batch: ImportBatch) -> Iterable[int]:
    """Umbrellas before their members, where both are rows of the file."""
    graph = {number: set(_row_references(row.values)) & set(rows) for number, row in rows.items()}
    try:
        return list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise ImportFailed(
            _("Die Zeilen %(rows)s sind wechselseitig Dachverband voneinander.")
            % {"rows": ", ".join(str(n) for n in sorted(set(error.args[1])))}
        ) from None


def _write(row: ImportRow, *, batch: ImportBatch, actor, written: dict[int, Organisation]) -> Organisation:
    values = from_json(row.values)
    umbrellas_from_rows = []
    for number in _row_references(values):
        if number in written:
            umbrellas_from_rows.append(written[number])
            continue
        other = batch.rows.filter(number=number).select_related("target").first()
        if other is None or other.target is None:
            raise ImportFailed(
                _("Zeile %(row)s: Der Dachverband aus Zeile %(other)s wird nicht importiert.")
                % {"row": row.number, "other": number}
            )
        umbrellas_from_rows.append(other.target)
    try:
        if row.action == Action.CREATE:
            fields, tags, umbrellas = service_arguments(values, default_kind=batch.default_kind)
            return organisation_create(
                actor=actor, fields=fields, tags=tags, umbrellas=[*(umbrellas or []), *umbrellas_from_rows]
            )
        assert row.target is not None  # the check gives every update and merge row its target
        fields, tags, umbrellas = _target_arguments(values, row.target, row.action)
        if umbrellas_from_rows:
            umbrellas = [*(umbrellas or []), *umbrellas_from_rows]
        return organisation_update(
            organisation=row.target,
            actor=actor,
            fields=fields,
            tags=tags,
            umbrellas=umbrellas,
            based_on=row.target_version,
        )
    except ValidationError as error:
        messages = "; ".join(
            f"{e['column']}: {e['message']}" if e["column"] else e["message"]
            for e in errors_by_column(error, lambda column: column)
        )
        raise ImportFailed(
            _("Zeile %(row)s: %(message)s") % {"row": row.number, "message": messages}
        ) from error


# --- row values as JSON ---------------------------------------------------------------------------


def to_json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Kreis):
        return value.pk
    if isinstance(value, list | tuple):
        return [to_json_value(v) for v in value]
    return value


def to_json(values: dict[str, Any]) -> dict[str, Any]:
    return {name: to_json_value(value) for name, value in values.items()}


def from_json(values: dict[str, Any]) -> dict[str, Any]:
    restored = dict(values)
    if restored.get("confirmed_at"):
        restored["confirmed_at"] = datetime.fromisoformat(restored["confirmed_at"])
    for name in ("latitude", "longitude"):
        if restored.get(name) is not None:
            restored[name] = Decimal(restored[name])
    return restored
