"""Reads of the statistics: a network's tables, one table fetched and authorised, a table's
figures as the sheet the computations work on, and the Kreise's names to match printed ones."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from augenhoehe.core.models import Kreis, Network

from .computing import Column, Row, Sheet
from .models import StatisticsColumn, StatisticsRow, StatisticsTable, StatisticsValue
from .parsing import Figure, KreisKeys, region_key


def _of(model, network: Network):
    """``model``'s rows of ``network``, whatever scope is active (the scope is bound to the query)."""
    return model.objects.with_scope(network=[network.pk]).get_queryset()


def table_list(*, viewer, network: Network | None) -> QuerySet[StatisticsTable]:
    """The tables of ``network``, newest first; 403 off its staff."""
    if network is None or not viewer.has_perm("statistics.view_statistics", network):
        raise PermissionDenied
    return _of(StatisticsTable, network).select_related("created_by")


def table_get_for_user(*, user, network: Network | None, pk: int) -> StatisticsTable:
    """Fetch and authorise in one step: 403 off the active network's staff, 404 for another network's."""
    if network is None or not user.has_perm("statistics.view_statistics", network):
        raise PermissionDenied
    table = _of(StatisticsTable, network).filter(pk=pk).select_related("network").first()
    if table is None:
        raise Http404
    return table


def table_sheet(*, table: StatisticsTable) -> Sheet:
    """The table's figures as printed, in their order (three queries)."""
    columns = list(_of(StatisticsColumn, table.network).filter(table=table).order_by("position"))
    values = Prefetch("values", queryset=_of(StatisticsValue, table.network).all())
    rows = _of(StatisticsRow, table.network).filter(table=table).order_by("position").prefetch_related(values)
    sheet_rows = []
    for row in rows:
        by_column = {value.column_id: value for value in row.values.all()}
        figures = tuple(
            by_column[column.pk].figure() if column.pk in by_column else Figure("", None, None)
            for column in columns
        )
        sheet_rows.append(
            Row(label=row.label, land=row.land_id, kreis=row.kreis_id, is_total=row.is_total, figures=figures)
        )
    return Sheet(
        region_heading=table.region_heading,
        columns=[Column(label=c.label, year=c.year, kind=c.kind) for c in columns],
        rows=sheet_rows,
    )


def kreis_keys() -> KreisKeys:
    """Every Kreis's name key (``parsing.region_key``) → the (AGS, kind) of the Kreise so named."""
    keys: KreisKeys = {}
    for kreis in Kreis.objects.order_by("ags"):
        keys.setdefault(region_key(kreis.name), []).append((kreis.ags, kreis.kind))
    return keys
