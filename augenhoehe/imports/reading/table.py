"""The table every reader builds, row by row, refusing a file the moment it passes a limit.

Readers hand over rows as they read them (a generator), so a file with a million rows is
refused at the first row past the limit, not after all of them are in memory. The limits are
settings (``IMPORT_MAX_*``, docs/production.md).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter


class UnreadableFile(Exception):
    """The file is not a list we can read; the message says why, for the person who uploaded it."""


@dataclass(frozen=True)
class Limits:
    """What one uploaded list may hold."""

    rows: int = 50_000
    columns: int = 200
    cell_chars: int = 32_767
    cells: int = 2_000_000
    unpacked_bytes: int = 128 * 1024 * 1024

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            rows=settings.IMPORT_MAX_ROWS,
            columns=settings.IMPORT_MAX_COLUMNS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            cells=settings.IMPORT_MAX_CELLS,
            unpacked_bytes=settings.IMPORT_MAX_UNPACKED_BYTES,
        )


@dataclass
class Table:
    headers: list[str]
    # (row number as a spreadsheet shows it, cells); rows without any value are left out
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)

    def column_name(self, index: int) -> str:
        """How a person finds column ``index``: its letter and its heading ("E (E-Mail)")."""
        letter = get_column_letter(index + 1)
        header = self.headers[index] if index < len(self.headers) else ""
        return f"{letter} ({header})" if header else letter


def number(value: int) -> str:
    """A count as the reader's language writes it ("50.000")."""
    return number_format(value, force_grouping=True)


def too_many_rows(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _(
            "Die Datei hat mehr als %(max)s Zeilen; bitte teilen Sie sie in Dateien mit höchstens %(max)s Zeilen."
        )
        % {"max": number(limits.rows)}
    )


def too_many_columns(limits: Limits, row: int) -> UnreadableFile:
    return UnreadableFile(
        _(
            "Zeile %(row)s hat mehr als %(max)s Spalten; so viele kann eine Liste von Organisationen nicht "
            "brauchen. Bitte löschen Sie die überzähligen Spalten."
        )
        % {"row": row, "max": number(limits.columns)}
    )


def cell_too_long(limits: Limits, row: int | None, column: int | None = None) -> UnreadableFile:
    if row is None:
        return UnreadableFile(
            _("Eine Zelle hat mehr als %(max)s Zeichen; so lange Zellen sind nicht erlaubt.")
            % {"max": number(limits.cell_chars)}
        )
    if column is None:
        return UnreadableFile(
            _("Eine Zelle in Zeile %(row)s hat mehr als %(max)s Zeichen; so lange Zellen sind nicht erlaubt.")
            % {"row": row, "max": number(limits.cell_chars)}
        )
    return UnreadableFile(
        _(
            "Die Zelle in Zeile %(row)s, Spalte %(column)s hat mehr als %(max)s Zeichen; so lange Zellen "
            "sind nicht erlaubt."
        )
        % {"row": row, "column": get_column_letter(column + 1), "max": number(limits.cell_chars)}
    )


def nul_in_cell(row: int, column: int) -> UnreadableFile:
    # PostgreSQL can store neither in text nor in JSON: the file's rows are kept as both.
    return UnreadableFile(
        _(
            "Die Zelle in Zeile %(row)s, Spalte %(column)s enthält ein Zeichen, das in keinem Text stehen "
            "kann (ein Nullzeichen oder ein halbes Schriftzeichen). Bitte entfernen Sie es."
        )
        % {"row": row, "column": get_column_letter(column + 1)}
    )


def too_many_cells(limits: Limits) -> UnreadableFile:
    return UnreadableFile(
        _("Die Datei hat mehr als %(max)s Zellen; bitte teilen Sie sie in kleinere Dateien.")
        % {"max": number(limits.cells)}
    )


def build_table(
    records: Iterable[tuple[int, list[str]]], *, limits: Limits, encoding: str, delimiter: str = ""
) -> Table:
    """The table of ``records`` (row number, cells): empty rows left out, the first filled row the
    headings; raises ``UnreadableFile`` at the first row past a limit."""
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    cells_seen = 0
    for row_number, cells in records:
        width = len(cells)
        while width and not cells[width - 1]:
            width -= 1
        if not width:
            continue
        if width > limits.columns:
            raise too_many_columns(limits, row_number)
        for index in range(width):
            if len(cells[index]) > limits.cell_chars:
                raise cell_too_long(limits, row_number, index)
            if "\x00" in cells[index] or not _storable(cells[index]):
                raise nul_in_cell(row_number, index)
        cells_seen += width
        if cells_seen > limits.cells:
            raise too_many_cells(limits)
        if headers is None:
            headers = cells[:width]
            continue
        if len(rows) == limits.rows:
            raise too_many_rows(limits)
        rows.append((row_number, cells[: max(width, len(headers))]))
    if headers is None:
        raise UnreadableFile(_("Die Datei enthält keine Zeilen."))
    if not rows:
        raise UnreadableFile(_("Die Datei enthält nur die Kopfzeile, keine Organisationen."))
    return Table(headers=headers, rows=rows, encoding=encoding, delimiter=delimiter)


def _storable(cell: str) -> bool:
    """Whether PostgreSQL can store the text: a JSON export may carry lone surrogates ("\\ud800")."""
    if cell.isascii():
        return True
    try:
        cell.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean(cell: str) -> str:
    return cell.replace("\u00a0", " ").strip()
