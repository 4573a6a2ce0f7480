"""Writes of the statistics: importing a table, all or nothing.

The file is read by the imports' hardened reader (``read_table``: limits on rows, columns, cell
length and a workbook's unpacked size), the first row is the heading, the first column the
region. Every cell is parsed before anything is saved: one cell that is not a figure refuses the
whole file with a message naming its row and column (``ValidationError``), so a table is never
half imported.
"""

from dataclasses import replace
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
from .selectors import kreis_keys

MAX_RAW = 100
MAX_LABEL = 300
# A statistics table is a table of regions (16 Länder, some 400 Kreise, 11,000 Gemeinden would
# be another feature): the import stops far below what the database's columns hold.
MAX_ROWS = 2_000
MAX_COLUMNS = 60
# Cell errors listed before "… und N weitere Zellen".
MAX_CELL_ERRORS = 20
_XLSX_MAGIC = b"PK\x03\x04"
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
    table: Table,
    number: int,
    cells: list[str],
    width: int,
    lands: dict[str, str],
    errors: list[str],
    cell_errors: list[str],
    *,
    spreadsheet: bool,
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
            if spreadsheet and parsing.AMBIGUOUS_IN_SPREADSHEET.match(raw.strip()):
                # The reader turns a number cell 2.152 into "2.152", as a text cell "2.152"
                # (= 2152) arrives: which one it was is lost.
                raise parsing.FigureError(
                    _(
                        "„%(raw)s“ ist in einer Excel-Datei mehrdeutig (Dezimalpunkt oder "
                        "Tausenderpunkt?). Bitte ohne Tausenderpunkt oder mit Dezimalkomma eingeben, "
                        "oder die Tabelle als CSV hochladen."
                    )
                    % {"raw": raw}
                )
            figure = parsing.parse_figure(raw)
            if any(abs(end) >= LARGEST for end in (figure.low, figure.high) if end is not None):
                raise parsing.FigureError(_("die Zahl ist zu groß."))
            figures.append(figure)
        except parsing.FigureError as error:
            cell_errors.append(
                _("Zeile %(row)s, Spalte %(column)s: %(error)s")
                % {"row": number, "column": table.column_name(position), "error": error}
            )
    is_total = parsing.is_total(label)
    land = None if is_total else lands.get(parsing.region_key(label))
    return Row(label=label, land=land, is_total=is_total, figures=tuple(figures))


def _kreise_matched(rows: list[tuple[int, Row]], kreise: parsing.KreisKeys) -> list[tuple[int, Row]]:
    """The rows matched to Kreise instead of Länder when more than half of the regions' names
    name a Kreis and no Land (a table of Kreise; "Berlin" then is the Kreis 11000); else as they
    are. A name that can mean several Kreise is matched to none (``parsing.kreis_candidates``)."""
    candidates = [row for _number, row in rows if not row.is_total and not parsing.is_aggregate(row.label)]
    found = {row.label: parsing.kreis_candidates(row.label, kreise) for row in candidates}
    if sum(1 for row in candidates if row.land is None and found[row.label]) * 2 <= len(candidates):
        return rows
    unique = {label: kreis[0] for label, kreis in found.items() if len(kreis) == 1}
    return [(number, replace(row, land=None, kreis=unique.get(row.label))) for number, row in rows]


def sheet_from_table(
    table: Table, *, lands: dict[str, str], kreise: parsing.KreisKeys | None = None, spreadsheet: bool = False
) -> Sheet:
    """The parsed sheet of a read table; ``ValidationError`` listing the bad cells (the first
    ``MAX_CELL_ERRORS``, then how many more). ``kreise`` (``selectors.kreis_keys``): match a
    table of Kreise to them. ``spreadsheet``: read from XLSX, whose number cells arrive as text
    that a thousands dot can look like (``parsing.AMBIGUOUS_IN_SPREADSHEET``)."""
    errors: list[str] = []
    cell_errors: list[str] = []
    if len(table.headers) < 2:
        raise ValidationError(
            _("Die Tabelle braucht eine Spalte mit Regionen und mindestens eine mit Zahlen.")
        )
    if len(table.rows) > MAX_ROWS:
        raise ValidationError(
            _("Die Tabelle hat %(count)s Zeilen; eine Statistiktabelle darf höchstens %(max)s haben.")
            % {"count": len(table.rows), "max": MAX_ROWS}
        )
    if len(table.headers) - 1 > MAX_COLUMNS:
        raise ValidationError(
            _("Die Tabelle hat %(count)s Zahlenspalten; eine Statistiktabelle darf höchstens %(max)s haben.")
            % {"count": len(table.headers) - 1, "max": MAX_COLUMNS}
        )
    columns = _columns(table, errors)
    numbered: list[tuple[int, Row]] = []
    for number, cells in table.rows:
        row = _row(
            table, number, cells, len(columns), lands, cell_errors, cell_errors, spreadsheet=spreadsheet
        )
        if row is not None:
            numbered.append((number, row))
    numbered = _kreise_matched(numbered, kreise or {})
    seen: dict[str, int] = {}
    for number, row in numbered:
        if row.region is not None and row.region in seen:
            if row.kreis:
                again = _("Zeile %(row)s: derselbe Kreis steht schon in Zeile %(first)s.")
            else:
                again = _("Zeile %(row)s: dasselbe Land steht schon in Zeile %(first)s.")
            cell_errors.append(again % {"row": number, "first": seen[row.region]})
        elif row.region is not None:
            seen[row.region] = number
    rows = [row for _number, row in numbered]
    if sum(1 for row in rows if row.is_total) > 1:
        errors.append(_("Die Tabelle hat mehr als eine Summenzeile („Gesamt“)."))
    if not errors and not cell_errors and not any(not row.is_total for row in rows):
        errors.append(_("Die Tabelle hat keine Zeile mit einer Region."))
    if len(cell_errors) > MAX_CELL_ERRORS:
        more = len(cell_errors) - MAX_CELL_ERRORS
        cell_errors = cell_errors[:MAX_CELL_ERRORS] + [_("… und %(count)s weitere Zellen.") % {"count": more}]
    if errors or cell_errors:
        raise ValidationError(errors + cell_errors)
    return Sheet(region_heading=parsing.region_label(table.headers[0]), columns=columns, rows=rows)


def sheet_read(*, content: bytes, filename: str = "") -> Sheet:
    """Read and parse a file (CSV or XLSX) into a sheet, without saving; ``ValidationError`` if
    it cannot be read or a cell is not a figure."""
    try:
        table = read_table(content, filename=filename)
    except UnreadableFile as error:
        # The shared reader speaks of organisations; a statistics table has regions.
        if str(error) == _("Die Datei enthält nur die Kopfzeile, keine Organisationen."):
            raise ValidationError(
                _("Die Datei enthält nur die Kopfzeile, keine Zeile mit einer Region.")
            ) from error
        raise ValidationError(str(error)) from error
    return sheet_from_table(
        table, lands=land_keys(), kreise=kreis_keys(), spreadsheet=content.startswith(_XLSX_MAGIC)
    )


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
            kreis_id=row.kreis,
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
