"""Reading an uploaded list into a table of text cells, whatever program wrote it.

Lists come as UTF-8 CSV (with or without the BOM Excel writes), as German
Excel's CSV (semicolons, Windows-1252), with tabs, or as an XLSX workbook.
Augenhöhe's own JSON export reads back too. Every cell becomes stripped
text; dates from a workbook become ISO dates.
Row numbers are the ones a spreadsheet program shows, so a coordinator finds
"Zeile 7" where it is.

Nothing a file declares about itself is trusted: rows, columns, cell lengths and (for a
workbook) unpacked sizes are counted while reading and refused at the first one past its limit
(``Limits``, from the ``IMPORT_MAX_*`` settings), before the rest is read.
"""

from django.utils.translation import gettext as _

from .table import Limits, Table, UnreadableFile
from .text import decode, read_csv, read_json
from .xlsx import read_xlsx

_XLSX_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"

__all__ = ["Limits", "Table", "UnreadableFile", "read_table"]


def read_table(content: bytes, *, filename: str = "", limits: Limits | None = None) -> Table:
    """The table in ``content``: CSV in any of the usual encodings and separators, XLSX, or JSON."""
    limits = limits or Limits.from_settings()
    if not content.strip():
        raise UnreadableFile(_("Die Datei ist leer."))
    if content.startswith(_XLSX_MAGIC):
        return read_xlsx(content, limits=limits)
    if content.startswith(_OLD_EXCEL_MAGIC) or filename.lower().endswith(".xls"):
        raise UnreadableFile(
            _(
                "Das alte Excel-Format (.xls) können wir nicht lesen. Bitte speichern Sie die Liste als .xlsx oder .csv."
            )
        )
    text, encoding = decode(content)
    if text.lstrip().startswith("{"):
        return read_json(text, limits=limits)
    return read_csv(text, encoding, limits=limits)
