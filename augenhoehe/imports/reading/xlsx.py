"""An XLSX workbook's first sheet as rows of text, with the zip and its XML checked first.

An XLSX file is a zip of XML parts. Before openpyxl opens it: the zip's directory may list only
a few parts, their unpacked sizes (as the zip declares them; reading stops there) must stay
within the limit and be plausible for their packed size, and every XML part is scanned
(xmlscan.py). openpyxl then reads the sheet in read-only mode with the sheet's declared size
ignored (a few bytes can declare A1:XFD1048576, which it would fill with empty cells), and the
rows are counted as they come.
"""

import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from augenhoehe.core.zipguard import DamagedZip, ZipBomb, ZipTooLarge, open_zip

from .table import Limits, Table, UnreadableFile, build_table, clean
from .xmlscan import EXCEL_ROWS, damaged, kind_of, scan_part


def read_xlsx(content: bytes, *, limits: Limits) -> Table:
    archive = _archive(content, limits)
    try:
        with archive:
            for info in archive.infolist():
                kind = kind_of(info.filename)
                if kind is not None:
                    with archive.open(info) as stream:
                        scan_part(stream, kind=kind, limits=limits)
    except UnreadableFile:
        raise
    except Exception as error:  # zipfile on a damaged archive: CRC, zlib, encryption, methods, …
        raise damaged() from error
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # whatever openpyxl trips over in a damaged file
        raise damaged() from error
    try:
        if not workbook.worksheets:
            raise damaged()
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        table = build_table(_rows(sheet.iter_rows(values_only=True)), limits=limits, encoding="xlsx")
        if len(workbook.worksheets) > 1:
            table.notes.append(
                _("Die Mappe hat mehrere Blätter; gelesen wird nur das erste: „%(sheet)s“.")
                % {"sheet": sheet.title}
            )
    finally:
        workbook.close()
    return table


def _archive(content: bytes, limits: Limits) -> zipfile.ZipFile:
    """The zip, once its directory and declared sizes are within bounds (core.zipguard)."""
    try:
        return open_zip(content, max_unpacked_bytes=limits.unpacked_bytes)
    except ZipBomb as error:
        raise UnreadableFile(
            _(
                "Die Excel-Datei entpackt sich auf ein Vielfaches ihrer Größe, wie es keine Liste tut, "
                "und wird nicht gelesen. Bitte speichern Sie die Liste neu oder als CSV."
            )
        ) from error
    except ZipTooLarge as error:
        raise UnreadableFile(
            _(
                "Die Excel-Datei würde entpackt mehr als %(max)s MB groß; so groß kann eine Liste von "
                "Organisationen nicht sein. Bitte speichern Sie sie neu oder als CSV."
            )
            % {"max": limits.unpacked_bytes // (1024 * 1024)}
        ) from error
    except DamagedZip as error:
        raise damaged() from error


def _rows(rows: Iterator[tuple]) -> Iterator[tuple[int, list[str]]]:
    """Numbered rows of text; openpyxl's own failures on a damaged sheet are ours to explain."""
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as error:  # a damaged sheet: openpyxl raises what its parser raises
            raise damaged() from error
        number += 1
        if number > EXCEL_ROWS:
            raise damaged()
        width = len(values)
        while width and values[width - 1] is None:
            width -= 1
        yield number, [_text(value) for value in values[:width]]


def _text(value) -> str:
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
    return clean(str(value))
