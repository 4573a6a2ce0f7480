"""The export in the layout for people (FORMAT.md): CSV for Excel and a workbook with a legend.

Headings, labels, yes/no words and dates are in the active language; the
cells come from ``interchange.people``, which the import reads back.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from augenhoehe.directory import profile_fields
from augenhoehe.interchange import people
from augenhoehe.interchange.format import COLUMNS

from .formats import LineWriter
from .legend import legend_rows
from .xlsx import bold, cell, data_sheet, saved

# Excel opens a CSV as UTF-8 only when it starts with the byte order mark.
BOM = "\ufeff"
_FIELDS = profile_fields.EXPORT_FIELDS
# strftime → Excel number format, for the date-times of the workbook.
_EXCEL_DATE_PARTS = {"%d": "DD", "%m": "MM", "%Y": "YYYY", "%H": "HH", "%M": "MM"}


def headings() -> list[str]:
    return [people.heading(column) for column in COLUMNS]


def people_csv_chunks(rows: Iterable[dict[str, Any]], *, language: str) -> Iterator[bytes]:
    """CSV in the Excel dialect (quotes, CRLF), UTF-8 with BOM, the list separator of ``language``.

    The response streams after the view has returned, when the request's language may
    no longer be active; so each chunk is written with ``language``, and the yield is
    outside it, so that the language does not leak to whoever consumes the stream.
    """
    with translation.override(language):
        writer = csv.writer(LineWriter(), dialect="excel", delimiter=people.csv_delimiter())
        line = (BOM + writer.writerow(headings())).encode()
    yield line
    iterator = iter(rows)
    while True:
        with translation.override(language):
            row = next(iterator, None)
            if row is None:
                break
            line = writer.writerow([people.cell_text(field, row[field.name]) for field in _FIELDS]).encode()
        yield line


def people_xlsx_file(rows: Iterable[dict[str, Any]]) -> IO[bytes]:
    """A workbook: the organisations (first sheet, read by the import) and a legend."""
    workbook = Workbook(write_only=True)
    right_to_left = translation.get_language_bidi()
    sheet = data_sheet(
        workbook, _sheet_title(_("Organisationen")), headings=headings(), right_to_left=right_to_left
    )
    legend = workbook.create_sheet(_sheet_title(_("Legende")))
    legend.sheet_view.rightToLeft = right_to_left or None
    date_format = excel_date_format(people.datetime_format())
    for row in rows:
        sheet.append(
            [
                cell(sheet, people.cell_value(field, row[field.name]), date_format=date_format)
                for field in _FIELDS
            ]
        )
    for index, width in enumerate((34, 22, 70, 34, 12)):
        legend.column_dimensions[chr(ord("A") + index)].width = width
    for values, is_heading in legend_rows():
        first, *rest = values
        legend.append(
            [bold(legend, first), *(bold(legend, value) if is_heading else value for value in rest)]
        )
    return saved(workbook)


def excel_date_format(strftime_format: str) -> str:
    """The Excel number format that shows a date-time as ``strftime_format`` writes it."""
    return re.sub(r"%[dmYHM]", lambda match: _EXCEL_DATE_PARTS[match[0]], strftime_format)


def _sheet_title(title: str) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
