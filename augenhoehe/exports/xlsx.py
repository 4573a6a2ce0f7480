"""The export as an Excel workbook: one sheet, typed cells, bold frozen header of column keys.

The layout for people (``people.py``) builds on the same sheet and cells."""

import tempfile
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from augenhoehe.interchange.format import COLUMNS, FORMULA_START, join_values

SHEET_TITLE = "organisations"
DATE_FORMAT = "DD.MM.YYYY HH:MM"
# Files larger than this go from memory to a temporary file while the workbook is written.
SPOOL_SIZE = 16 * 1024 * 1024

_WIDTHS = {"name": 40, "description": 60, "street": 28, "city": 20, "email": 28, "website": 30}
_WIDTHS |= {"contact_person": 24, "confirmed_at": 17, "id": 8}
_DEFAULT_WIDTH = 14
_BOLD = Font(bold=True)


def xlsx_file(rows: Iterable[dict[str, Any]]) -> IO[bytes]:
    """A finished workbook, rewound; written row by row (write-only) to bound memory."""
    workbook = Workbook(write_only=True)
    sheet = data_sheet(workbook, SHEET_TITLE, headings=COLUMNS)
    for row in rows:
        sheet.append([cell(sheet, row[column]) for column in COLUMNS])
    return saved(workbook)


def data_sheet(
    workbook: Workbook, title: str, *, headings: Iterable[str], right_to_left: bool = False
) -> Any:
    """A write-only sheet with widths per column and a bold, frozen row of ``headings``."""
    sheet = workbook.create_sheet(title)
    # A write-only sheet writes its view with the first row: set it before.
    sheet.sheet_view.rightToLeft = right_to_left or None
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(column, _DEFAULT_WIDTH)
    sheet.append([bold(sheet, heading) for heading in headings])
    return sheet


def bold(sheet, value: Any) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = _BOLD
    return cell


def saved(workbook: Workbook) -> IO[bytes]:
    """``workbook`` written to a (spooled) file, rewound."""
    output = tempfile.SpooledTemporaryFile(max_size=SPOOL_SIZE)  # noqa: SIM115 (FileResponse closes it)
    workbook.save(output)
    output.seek(0)
    return output


def cell(sheet, value: Any, *, date_format: str = DATE_FORMAT) -> Any:
    """A typed cell for ``value``: numbers, local date-times in ``date_format``, text kept text."""
    if isinstance(value, list | tuple):
        value = join_values(value)
    if isinstance(value, Decimal):
        return float(value)  # a number cell; six places survive a float
    if isinstance(value, datetime):
        # Excel has no time zones: local time, as the people reading it expect.
        typed = WriteOnlyCell(sheet, value=timezone.make_naive(value))
        typed.number_format = date_format
        return typed
    if isinstance(value, str):
        # Control characters are not allowed in the file format; they carry no meaning here.
        clean = ILLEGAL_CHARACTERS_RE.sub("", value)
        text = WriteOnlyCell(sheet, value=clean)
        # Text stays text: "=…" would otherwise become a formula (CSV/formula injection).
        text.data_type = "s"
        # And stays text when someone edits the cell or saves the sheet as CSV: Excel's own mark
        # for "typed with a leading apostrophe". The value itself is unchanged, so it reads back.
        if clean.startswith(FORMULA_START):
            text.quotePrefix = True
        return text
    return value
