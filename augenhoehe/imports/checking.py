"""Checking a row of an import: reading its values into what the directory's services take,
validating it by the directory's own rules, and finding the profile it is about (by id, by name
in the same Kreis) and its likely duplicates. Nothing here writes to the directory; the services
in ``services.py`` store what the check found and write the rows once the user confirms.
"""

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from augenhoehe.core.models import Kreis
from augenhoehe.directory import choices
from augenhoehe.directory.duplicates import email_key, name_key, website_key
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.services import organisation_check
from augenhoehe.directory.validation import Places
from augenhoehe.interchange.format import TAG_COLUMNS

from .candidates import likely_duplicates
from .columns import IGNORE, POSTAL_CODE_CITY, targets
from .infile import FileDuplicates
from .models import ImportBatch, ImportRow
from .plausibility import row_warnings
from .reading import Table
from .values import kreis_of, parse_row

Action = ImportRow.Action
# Columns that are not a field of the profile itself.
_SPECIAL = {"id", "kreis_ags", "umbrellas", *TAG_COLUMNS}
_EMPTY = ("", None, choices.Criterion.UNKNOWN)


class DirectoryIndex:
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


class RowChecker:
    def __init__(self, batch: ImportBatch, table: Table, actor):
        self.batch, self.actor = batch, actor
        self.mapping = batch.mapping
        self.columns = {column: index for index, column in enumerate(self.mapping) if column != IGNORE}
        value_map = batch.value_mapping or {}
        self.parsed = [
            (number, cells, parse_row(cells, self.mapping, value_map)) for number, cells in table.rows
        ]
        self.table = table
        self.directory = DirectoryIndex([parsed.values for _n, _c, parsed in self.parsed])
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
        self.file_rows = FileDuplicates()
        self.network_kreis_ids = {kreis.pk for kreis in self.network_kreise}
        # Places are looked up for all rows at once; duplicates are searched per Kreis in ``finish``.
        self.places = Places()
        self.places.preload(
            (
                parsed.values["city"],
                kreis_of(parsed.values["kreis_ags"]) if "kreis_ags" in parsed.values else None,
            )
            for _number, _cells, parsed in self.parsed
            if parsed.values.get("city")
        )
        self.later: list[tuple[ImportRow, dict[str, Any], str, set[int]]] = []

    def column_name(self, column: str) -> str:
        index = self.columns.get(column)
        if index is None and column in ("city", "postal_code"):
            index = self.columns.get(POSTAL_CODE_CITY)
        return "" if index is None else self.table.column_name(index)

    def check(self, number: int, cells: list[str], parsed) -> ImportRow:
        row = ImportRow(batch=self.batch, number=number, cells=cells, values=to_json(parsed.values))
        row.warnings = self._warnings(cells, parsed.values, None)
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
        row.warnings = self._warnings(cells, values, kreis_id)
        repeated, in_file = self.file_rows.same_as(number, {**values, "name": name}, kreis_id)
        # Rows of this file first; stored profiles follow in ``finish``, searched for all rows at once.
        row.candidates = in_file
        self.later.append((row, values, kreis_id, {target.pk} if target else set()))
        if repeated is not None:
            row.action = Action.SKIP
            row.note = _("Dieselbe Organisation wie in Zeile %(number)s.") % {"number": repeated}
            return row
        if target is None:
            row.action = Action.CREATE
            return row
        try:
            return plan_row(row, target=target, action=Action.UPDATE, actor=self.actor)
        except ValidationError as error:
            return self._error(row, error)

    def _warnings(
        self, cells: list[str], values: dict[str, Any], kreis_id: str | None
    ) -> list[dict[str, str]]:
        return row_warnings(
            cells=cells,
            mapping=self.mapping,
            values=values,
            kreis_id=kreis_id,
            network_kreis_ids=self.network_kreis_ids,
            column_name=lambda index: self.table.column_name(index) if index >= 0 else "",
        )

    def _check_new(self, values: dict[str, Any]) -> Organisation:
        fields, tags, umbrellas = service_arguments(values, default_kind=self.batch.default_kind)
        try:
            return organisation_check(
                actor=self.actor,
                fields=fields,
                tags=tags,
                umbrellas=umbrellas,
                places=self.places,
                network=self.batch.network,
            )
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
                            places=self.places,
                            network=self.batch.network,
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

    def finish(self) -> None:
        """Give the checked rows their likely duplicates, searched for all rows at once."""
        found = likely_duplicates(
            [(values, kreis_id, exclude) for _row, values, kreis_id, exclude in self.later],
            by_email=self.directory.by_email,
            by_website=self.directory.by_website,
        )
        for (row, *_wanted), candidates in zip(self.later, found, strict=True):
            row.candidates = [*row.candidates, *candidates]
        self.later = []

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
    fields, tags, umbrellas = target_arguments(values, target, action)
    before = _state(target)
    checked = organisation_check(
        actor=actor,
        organisation=Organisation.objects.get(pk=target.pk),
        fields=fields,
        tags=tags,
        umbrellas=umbrellas,
    )
    after = _state(checked, tags=tags, umbrellas=umbrellas, new_rows=row_references(values))
    row.target = target
    row.target_version = target.updated_at.isoformat()
    row.changes = {
        key: [to_json_value(before[key]), to_json_value(after[key])]
        for key in after
        if after[key] != before[key]
    }
    row.action = action if row.changes else Action.UNCHANGED
    return row


def target_arguments(
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


def row_references(values: dict[str, Any]) -> list[int]:
    return [number for kind, number in values.get("umbrellas") or [] if kind == "row"]


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
