"""Reading an uploaded list into a table of text cells, whatever program wrote it.

Lists come as UTF-8 CSV (with or without the BOM Excel writes), as German
Excel's CSV (semicolons, Windows-1252), with tabs, or as an XLSX workbook.
Augenhöhe's own JSON export reads back too. Every cell becomes stripped
text; dates from a workbook become ISO dates.
Row numbers are the ones a spreadsheet program shows, so a coordinator finds
"Zeile 7" where it is.
"""

import codecs
import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from xml.etree.ElementTree import ParseError  # noqa: S405  (openpyxl parses with defusedxml where installed)

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from augenhoehe.interchange.excel import unprotect
from augenhoehe.interchange.format import COLUMNS, FORMAT_NAME, FORMAT_VERSION, cell_text

MAX_ROWS = 50_000
DELIMITERS = (";", ",", "\t")
_XLSX_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
# Windows-1252 leaves these bytes undefined: a file with them is neither UTF-8 nor ANSI text.
_ENCODINGS = ("utf-8", "cp1252")


class UnreadableFile(Exception):
    """The file is not a list we can read; the message says why, for the person who uploaded it."""


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


def read_table(content: bytes, *, filename: str = "") -> Table:
    """The table in ``content``: CSV in any of the usual encodings and separators, or XLSX."""
    if not content.strip():
        raise UnreadableFile(_("Die Datei ist leer."))
    if content.startswith(_XLSX_MAGIC):
        return _read_xlsx(content)
    if content.startswith(_OLD_EXCEL_MAGIC) or filename.lower().endswith(".xls"):
        raise UnreadableFile(
            _(
                "Das alte Excel-Format (.xls) können wir nicht lesen. Bitte speichern Sie die Liste als .xlsx oder .csv."
            )
        )
    text, encoding = _decode(content)
    if text.lstrip().startswith("{"):
        return _read_json(text)
    return _read_csv(text, encoding)


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16"), "utf-16"
    for encoding in _ENCODINGS:
        try:
            return content.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _(
            "Die Zeichen der Datei können wir nicht lesen. Bitte speichern Sie sie als „CSV UTF-8“ oder als .xlsx."
        )
    )


def _read_csv(text: str, encoding: str) -> Table:
    if "\x00" in text:
        raise UnreadableFile(_("Das ist keine Textdatei. Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as error:
        raise UnreadableFile(_("Die CSV-Datei ist beschädigt: %(error)s") % {"error": error}) from error
    # csv yields an empty list for an empty line, so record numbers are the row numbers Excel shows.
    numbered = [
        (number, [unprotect(_clean(cell)) for cell in cells]) for number, cells in enumerate(records, 1)
    ]
    return _table(numbered, encoding=encoding, delimiter=delimiter)


def _read_json(text: str) -> Table:
    """Augenhöhe's own JSON export (FORMAT.md), read as the table its CSV would be."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableFile(_("Die JSON-Datei ist beschädigt: %(error)s") % {"error": error}) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise UnreadableFile(_("Diese JSON-Datei ist kein Export von Augenhöhe."))
    if document.get("version") != FORMAT_VERSION:
        raise UnreadableFile(
            _("Diese JSON-Datei hat die Formatversion %(version)s; wir lesen Version %(expected)s.")
            % {"version": document.get("version"), "expected": FORMAT_VERSION}
        )
    organisations = document.get("organisations") or []
    headers = list(COLUMNS)
    numbered = [(1, headers)] + [
        (number, [cell_text(item.get(column)) for column in headers])
        for number, item in enumerate(organisations, 2)
        if isinstance(item, dict)
    ]
    return _table(numbered, encoding="json")


def _read_xlsx(content: bytes) -> Table:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise UnreadableFile(_("Die Excel-Datei ist beschädigt oder keine .xlsx-Datei.")) from error
    try:
        sheet = workbook.worksheets[0]
        numbered = [
            (number, [_xlsx_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    except (ParseError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise UnreadableFile(_("Die Excel-Datei ist beschädigt oder keine .xlsx-Datei.")) from error
    finally:
        workbook.close()
    table = _table(numbered, encoding="xlsx")
    if len(workbook.worksheets) > 1:
        table.notes.append(
            _("Die Mappe hat mehrere Blätter; gelesen wird nur das erste: „%(sheet)s“.")
            % {"sheet": sheet.title}
        )
    return table


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def _clean(cell: str) -> str:
    return cell.replace("\u00a0", " ").strip()


def _table(numbered: list[tuple[int, list[str]]], *, encoding: str, delimiter: str = "") -> Table:
    filled = [(number, cells) for number, cells in numbered if any(cells)]
    if not filled:
        raise UnreadableFile(_("Die Datei enthält keine Zeilen."))
    (_header_number, headers), rows = filled[0], filled[1:]
    while headers and not headers[-1]:
        headers.pop()
    if len(rows) > MAX_ROWS:
        raise UnreadableFile(
            _("Die Datei hat %(count)s Zeilen; bitte teilen Sie sie in Dateien mit höchstens %(max)s Zeilen.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    if not rows:
        raise UnreadableFile(_("Die Datei enthält nur die Kopfzeile, keine Organisationen."))
    return Table(headers=headers, rows=rows, encoding=encoding, delimiter=delimiter)
