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

from augenhoehe.accounts.permissions import is_network_staff
from augenhoehe.directory import profile_fields
from augenhoehe.directory.models import Organisation, Tag, UmbrellaMembership
from augenhoehe.directory.permissions import edit_check
from augenhoehe.directory.selectors import organisation_visible_queryset
from augenhoehe.interchange.format import TAG_COLUMNS

# Rows are fetched in chunks; each chunk costs three queries (rows, tags, umbrella memberships).
CHUNK_SIZE = 2000


def organisation_export_rows(
    *, organisations: QuerySet[Organisation], viewer, readable: bool = False
) -> Iterator[dict[str, Any]]:
    """One row per organisation of ``organisations`` (already limited to what ``viewer``
    may see), with only the fields ``viewer`` may see; three queries per chunk of rows.

    ``readable`` (the layout for people) names places and umbrellas instead of
    giving their keys; the names come in the same three queries."""
    may_edit = edit_check(viewer)
    visible_umbrellas = organisation_visible_queryset(viewer=viewer)
    # The folded search text is large and not exported.
    fetched = organisations.select_related(*(READABLE_RELATED if readable else ("kreis",)))
    fetched = fetched.defer("search_document")
    for batch in _batches(fetched.iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        tags, umbrellas = _relations(batch, visible_umbrellas)
        for organisation in batch:
            row = organisation_export_row(
                organisation,
                editor=may_edit(organisation),
                tags=tags[organisation.pk],
                umbrellas=[pk for pk, _name in umbrellas[organisation.pk]],
            )
            yield _named(row, organisation, umbrellas[organisation.pk]) if readable else row


# What the layout for people reads besides the row: the names of the places.
READABLE_RELATED = ("kreis__land", "gemeinde")


def _named(
    row: dict[str, Any], organisation: Organisation, umbrellas: list[tuple[int, str]]
) -> dict[str, Any]:
    """``row`` with names for keys: the Kreis with its key (names repeat in other Länder, and
    the import reads the key back), the Land, the Gemeinde, the umbrellas by name."""
    kreis, gemeinde = organisation.kreis, organisation.gemeinde
    named = {
        "kreis_ags": f"{kreis.display_name} ({kreis.ags})",
        "land": kreis.land.name,
        "gemeinde_ags": gemeinde.name if gemeinde is not None else "",
        "umbrellas": sorted(name for _pk, name in umbrellas),
    }
    return row | {column: value for column, value in named.items() if row[column] is not None}


def organisation_export_row(
    organisation: Organisation, *, editor: bool, tags: list[tuple[str, str]], umbrellas: list[int]
) -> dict[str, Any]:
    """The row of one organisation: ``editor`` is whether the viewer may edit it, ``tags``
    its (scheme, code) pairs, ``umbrellas`` the ids of the umbrellas the viewer may see."""
    codes: dict[str, list[str]] = {scheme: [] for scheme in TAG_COLUMNS.values()}
    for scheme, code in tags:
        codes[scheme].append(code)
    related = profile_fields.Related(tags=codes, umbrellas=umbrellas)
    # A hidden field is never filled in: its cell stays None.
    shown = profile_fields.visible_fields(None, organisation, editor=editor)
    return {
        field.name: field.value(organisation, related) if field.name in shown else None
        for field in profile_fields.EXPORT_FIELDS
    }


def _batches(items: Iterable[Organisation], size: int) -> Iterator[list[Organisation]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _relations(
    batch: list[Organisation], visible_umbrellas: QuerySet[Organisation]
) -> tuple[dict[int, list[tuple[str, str]]], dict[int, list[tuple[int, str]]]]:
    """Tags and visible umbrellas (id, name) of a batch, one query each.

    Plain tuples rather than ``prefetch_related``: building a model and a
    queryset per organisation would cost more than the queries themselves.
    """
    ids = [organisation.pk for organisation in batch]
    tags: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for organisation_id, scheme, code in Tag.objects.filter(organisation_id__in=ids).values_list(
        "organisation_id", "scheme", "code"
    ):
        tags[organisation_id].append((scheme, code))
    umbrellas: dict[int, list[tuple[int, str]]] = defaultdict(list)
    # Only umbrellas the viewer may open: an unpublished umbrella must not show up by id.
    # EXISTS per membership, not IN (SELECT …): SQLite without statistics would test every
    # member against every visible profile (minutes for 20,000 rows).
    visible = Exists(visible_umbrellas.filter(pk=OuterRef("umbrella_id")))
    for member_id, umbrella_id, umbrella_name in (
        UmbrellaMembership.objects.filter(member_id__in=ids)
        .filter(visible)
        .values_list("member_id", "umbrella_id", "umbrella__name")
    ):
        umbrellas[member_id].append((umbrella_id, umbrella_name))
    return tags, umbrellas


def organisations_with_hidden_special_categories(
    *, organisations: QuerySet[Organisation], viewer
) -> list[Organisation]:
    """Those of ``organisations`` whose special categories (GDPR Art. 9) ``viewer`` reads in an
    export although they are not public: for network staff only (one query), else none."""
    if not is_network_staff(viewer):
        return []
    candidates = (
        organisations.select_related(None)
        .prefetch_related(None)
        .exclude(**dict.fromkeys(profile_fields.SPECIAL_CATEGORY_FIELDS, ""))
        .only("pk", "public_fields", *profile_fields.SPECIAL_CATEGORY_FIELDS)
    )
    return [o for o in candidates.order_by() if profile_fields.hidden_special_categories(o)]
