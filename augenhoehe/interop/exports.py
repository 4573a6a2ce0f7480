"""Rows of the organisation export: one per organisation, in the stable column order of FORMAT.md.

A row holds typed values (``str``, ``int``, ``bool``, ``Decimal``, ``datetime``,
lists of codes or ids); each format in ``formats.py`` serialises them. ``None`` means
"not shown to this viewer" or "no value": a hidden field is never filled in.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from augenhoehe.directory.models import Organisation, Tag, UmbrellaMembership
from augenhoehe.directory.permissions import ALL_FIELD_GROUPS, edit_check
from augenhoehe.directory.selectors import organisation_visible_queryset

COLUMNS: tuple[str, ...] = (
    "id", "name", "short_name", "kind", "self_understanding", "svr_type", "description",
    "street", "postal_code", "city", "gemeinde_ags", "kreis_ags", "land",
    "email", "phone", "website", "contact_person",
    "legal_form", "charitable", "founding_year", "level", "active_in",
    "staffing", "volunteers", "employees", "member_count",
    "criterion_aims", "criterion_members", "criterion_structures",
    "functions", "fields", "target_groups", "languages", "countries", "umbrellas",
    "is_published", "public_fields", "confirmed_at",
    "latitude", "longitude",
)  # fmt: skip

# The optional field group (directory.choices.PublicField) that guards each column;
# every other column is public wherever the profile itself is visible.
FIELD_GROUP_OF_COLUMN: dict[str, str] = {
    "street": "street",
    # Coordinates locate the address as precisely as the street does.
    "latitude": "street",
    "longitude": "street",
    "email": "email",
    "phone": "phone",
    "website": "website",
    "contact_person": "contact_person",
    "legal_form": "legal",
    "charitable": "legal",
    "founding_year": "legal",
    "staffing": "staffing",
    "volunteers": "staffing",
    "employees": "staffing",
    "member_count": "staffing",
    "criterion_aims": "criteria",
    "criterion_members": "criteria",
    "criterion_structures": "criteria",
}
# Publication settings are for those who may edit the profile (directory.change_organisation).
EDITOR_COLUMNS = ("is_published", "public_fields", "confirmed_at")

TAG_COLUMNS: dict[str, str] = {
    "functions": Tag.Scheme.FUNCTION,
    "fields": Tag.Scheme.FIELD,
    "target_groups": Tag.Scheme.TARGET_GROUP,
    "languages": Tag.Scheme.LANGUAGE,
    "countries": Tag.Scheme.COUNTRY,
}
# Between the values of a multi-valued cell in CSV and XLSX; codes and ids never contain it.
SEPARATOR = "|"

# Rows are fetched in chunks; each chunk costs three queries (rows, tags, umbrella memberships).
CHUNK_SIZE = 2000

# Plain model fields exported under their own name.
_PLAIN_FIELDS = (
    "name", "short_name", "kind", "self_understanding", "svr_type", "description",
    "street", "postal_code", "city", "email", "phone", "website", "contact_person",
    "legal_form", "charitable", "founding_year", "level", "active_in",
    "staffing", "volunteers", "employees", "member_count",
    "criterion_aims", "criterion_members", "criterion_structures", "latitude", "longitude",
)  # fmt: skip


def organisation_export_rows(*, organisations: QuerySet[Organisation], viewer) -> Iterator[dict[str, Any]]:
    """One row per organisation of ``organisations`` (already limited to what ``viewer``
    may see), with only the fields ``viewer`` may see; three queries per chunk of rows."""
    may_edit = edit_check(viewer)
    visible_umbrellas = organisation_visible_queryset(viewer=viewer)
    # The folded search text is large and not exported.
    fetched = organisations.select_related("kreis").defer("search_document")
    for batch in _batches(fetched.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        tags, umbrellas = _relations(batch, visible_umbrellas)
        for organisation in batch:
            yield organisation_export_row(
                organisation,
                editor=may_edit(organisation),
                tags=tags[organisation.pk],
                umbrellas=umbrellas[organisation.pk],
            )


def organisation_export_row(
    organisation: Organisation, *, editor: bool, tags: list[tuple[str, str]], umbrellas: list[int]
) -> dict[str, Any]:
    """The row of one organisation: ``editor`` is whether the viewer may edit it, ``tags``
    its (scheme, code) pairs, ``umbrellas`` the ids of the umbrellas the viewer may see."""
    row: dict[str, Any] = {"id": organisation.pk}
    row.update((name, getattr(organisation, name)) for name in _PLAIN_FIELDS)
    row["gemeinde_ags"] = organisation.gemeinde_id or ""
    row["kreis_ags"] = organisation.kreis_id
    row["land"] = organisation.kreis.land_id
    codes: dict[str, list[str]] = {scheme: [] for scheme in TAG_COLUMNS.values()}
    for scheme, code in tags:
        codes[scheme].append(code)
    row.update((column, sorted(codes[scheme])) for column, scheme in TAG_COLUMNS.items())
    row["umbrellas"] = sorted(umbrellas)
    row["is_published"] = organisation.is_published
    row["public_fields"] = sorted(organisation.public_fields)
    row["confirmed_at"] = organisation.confirmed_at

    shown = ALL_FIELD_GROUPS if editor else frozenset(organisation.public_fields) & ALL_FIELD_GROUPS
    for column, group in FIELD_GROUP_OF_COLUMN.items():
        if group not in shown:
            row[column] = None
    if not editor:
        for column in EDITOR_COLUMNS:
            row[column] = None
    return {column: row[column] for column in COLUMNS}


def join_values(values) -> str:
    """A multi-valued cell as text: ``["ar", "tr"]`` → ``"ar|tr"``."""
    return SEPARATOR.join(str(value) for value in values)


def _batches(items: Iterable[Organisation], size: int) -> Iterator[list[Organisation]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _relations(
    batch: list[Organisation], visible_umbrellas: QuerySet[Organisation]
) -> tuple[dict[int, list[tuple[str, str]]], dict[int, list[int]]]:
    """Tags and visible umbrella ids of a batch, one query each.

    Plain tuples rather than ``prefetch_related``: building a model and a
    queryset per organisation would cost more than the queries themselves.
    """
    ids = [organisation.pk for organisation in batch]
    tags: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for organisation_id, scheme, code in Tag.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", "scheme", "code"
    ):
        tags[organisation_id].append((scheme, code))
    umbrellas: dict[int, list[int]] = defaultdict(list)
    # Only umbrellas the viewer may open: an unpublished umbrella must not show up by id.
    # EXISTS per membership, not IN (SELECT …): SQLite without statistics would test every
    # member against every visible profile (minutes for 20,000 rows).
    visible = Exists(visible_umbrellas.filter(pk=OuterRef("umbrella_id")))
    for member_id, umbrella_id in (
        UmbrellaMembership.objects.filter(member_id__in=ids)
        .filter(visible)
        .values_list("member_id", "umbrella_id")
    ):
        umbrellas[member_id].append(umbrella_id)
    return tags, umbrellas
