"""Writes of the statistics: importing a table, all or nothing.

The file is read by the imports' hardened reader (``read_table``: limits on rows, columns, cell
length and a workbook's unpacked size), the first row is the heading, the first column the
region. Every cell is parsed before anything is saved: one cell that is not a figure refuses the
whole file with a message naming its row and column (``ValidationError``), so a table is never
half imported.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from augenhoehe.core.models import Land, Network
from augenhoehe.core.services import log_action
from augenhoehe.imports.reading import Table, UnreadableFile, read_table

from . import parsing
from .computing import Column, Row, Sheet
from .models import StatisticsColumn, StatisticsRow, StatisticsTable, StatisticsValue

MAX_RAW = 100
MAX_LABEL = 300
# What the value columns hold (24 digits, 6 of them after the comma).
LARGEST = Decimal(10) ** 17


def land_keys() -> dict[str, str]:
    """The key of every Land's name (``parsing.region_key``) → its AGS."""
    return {parsing.region_key(land.name): land.ags for land in Land.objects.all()}


def _column(label: str, previous_year: int | None) -> Column:
    """A column from its heading. A percentage or rank without a year of its own belongs to the
    count before it ("Anzahl 2016 | in % | Rang"), so it takes that year."""
    kind = parsing.column_kind(label)
    year = parsing.column_year(label)
    if year is None and kind in (parsing.PERCENT, parsing.RANK):
        year = previous_year
    return Column(label=label, year=year, kind=kind)


def _columns(table: Table, errors: list[str]) -> list[Column]:
    columns: list[Column] = []
    year = None
    for position, header in enumerate(table.headers[1:], start=1):
        label = parsing.region_label(header)
        if not label:
            errors.append(
                _("Spalte %(column)s hat keine Überschrift.") % {"column": table.column_name(position)}
            )
        elif len(label) > MAX_LABEL:
            errors.append(
                _("Die Überschrift von Spalte %(column)s ist zu lang.")
                % {"column": table.column_name(position)}
            )
        columns.append(_column(label, year))
        year = columns[-1].year
    return columns


def _row(
    table: Table, number: int, cells: list[str], width: int, lands: dict[str, str], errors: list[str]
) -> Row | None:
    label = parsing.region_label(cells[0] if cells else "")
    if not label:
        errors.append(_("Zeile %(row)s: die erste Spalte nennt keine Region.") % {"row": number})
        return None
    if len(label) > MAX_LABEL:
        errors.append(_("Zeile %(row)s: der Name der Region ist zu lang.") % {"row": number})
        return None
    for position in range(width + 1, len(cells)):
        if cells[position].strip():
            errors.append(
                _("Zeile %(row)s, Spalte %(column)s: ein Wert ohne Überschrift.")
                % {"row": number, "column": table.column_name(position)}
            )
    figures = []
    for position in range(1, width + 1):
        raw = cells[position] if position < len(cells) else ""
        try:
            if len(raw) > MAX_RAW:
                raise parsing.FigureError(_("der Wert ist zu lang für eine Zahl."))
            figure = parsing.parse_figure(raw)
            if any(abs(end) >= LARGEST for end in (figure.low, figure.high) if end is not None):
                raise parsing.FigureError(_("die Zahl ist zu groß."))
            figures.append(figure)
        except parsing.FigureError as error:
            errors.append(
                _("Zeile %(row)s, Spalte %(column)s: %(error)s")
                % {"row": number, "column": table.column_name(position), "error": error}
            )
    is_total = parsing.is_total(label)
    land = None if is_total else lands.get(parsing.region_key(label))
    return Row(label=label, land=land, is_total=is_total, figures=tuple(figures))


def sheet_from_table(table: Table, *, lands: dict[str, str]) -> Sheet:
    """The parsed sheet of a read table; ``ValidationError`` listing every bad cell."""
    errors: list[str] = []
    if len(table.headers) < 2:
        raise ValidationError(
            _("Die Tabelle braucht eine Spalte mit Regionen und mindestens eine mit Zahlen.")
        )
    columns = _columns(table, errors)
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        row = _row(table, number, cells, len(columns), lands, errors)
        if row is None:
            continue
        if row.land is not None and row.land in seen:
            errors.append(
                _("Zeile %(row)s: dasselbe Land steht schon in Zeile %(first)s.")
                % {"row": number, "first": seen[row.land]}
            )
        elif row.land is not None:
            seen[row.land] = number
        rows.append(row)
    if sum(1 for row in rows if row.is_total) > 1:
        errors.append(_("Die Tabelle hat mehr als eine Summenzeile („Gesamt“)."))
    if not errors and not any(not row.is_total for row in rows):
        errors.append(_("Die Tabelle hat keine Zeile mit einer Region."))
    if errors:
        raise ValidationError(errors)
    return Sheet(region_heading=parsing.region_label(table.headers[0]), columns=columns, rows=rows)


def sheet_read(*, content: bytes, filename: str = "") -> Sheet:
    """Read and parse a file (CSV or XLSX) into a sheet, without saving; ``ValidationError`` if
    it cannot be read or a cell is not a figure."""
    try:
        table = read_table(content, filename=filename)
    except UnreadableFile as error:
        raise ValidationError(str(error)) from error
    return sheet_from_table(table, lands=land_keys())


@transaction.atomic
def table_import(
    *, network: Network, actor, content: bytes, filename: str = "", title: str, source: str = ""
) -> StatisticsTable:
    """Import a table of figures per region for ``network``: all or nothing, with an audit entry."""
    sheet = sheet_read(content=content, filename=filename)
    table = StatisticsTable(
        network=network, title=title, source=source, region_heading=sheet.region_heading, created_by=actor
    )
    table.full_clean()
    table.save()
    columns = StatisticsColumn.objects.bulk_create(
        StatisticsColumn(
            network=network,
            table=table,
            position=position,
            label=column.label,
            year=column.year,
            kind=column.kind,
        )
        for position, column in enumerate(sheet.columns)
    )
    rows = StatisticsRow.objects.bulk_create(
        StatisticsRow(
            network=network,
            table=table,
            position=position,
            label=row.label,
            land_id=row.land,
            is_total=row.is_total,
        )
        for position, row in enumerate(sheet.rows)
    )
    StatisticsValue.objects.bulk_create(
        StatisticsValue(
            network=network,
            row=stored_row,
            column=column,
            raw=figure.raw,
            low=figure.low,
            high=figure.high,
            footnote=figure.footnote,
            approximate=figure.approximate,
        )
        for stored_row, row in zip(rows, sheet.rows, strict=True)
        for column, figure in zip(columns, row.figures, strict=True)
    )
    log_action(
        subject=table,
        action="statistics.table.imported",
        actor=actor,
        network=network,
        data={"rows": len(rows), "columns": len(columns)},
    )
    return table
