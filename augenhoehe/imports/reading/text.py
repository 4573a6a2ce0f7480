"""CSV in the usual encodings and separators, and Augenhöhe's own JSON export, as rows of text.

Both are read as they stream: a CSV record is checked against the limits as soon as it is read
(csv keeps no more than one record), a JSON document's nesting is measured before it is parsed
(core.safejson).
"""

import codecs
import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from augenhoehe.core import safejson
from augenhoehe.interchange.excel import unprotect
from augenhoehe.interchange.format import COLUMNS, FORMAT_NAME, FORMAT_VERSION, cell_text

from .table import Limits, Table, UnreadableFile, build_table, cell_too_long, clean, number, too_many_rows

DELIMITERS = (";", ",", "\t")
# Windows-1252 leaves these bytes undefined: a file with them is neither UTF-8 nor ANSI text.
_ENCODINGS = ("utf-8", "cp1252")
# The deepest an export nests: the document, its list, an organisation, a list value.
JSON_DEPTH = 8


def decode(content: bytes) -> tuple[str, str]:
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    else:
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


def read_csv(text: str, encoding: str, *, limits: Limits) -> Table:
    if "\x00" in text:
        raise UnreadableFile(_("Das ist keine Textdatei. Bitte laden Sie eine CSV- oder XLSX-Datei hoch."))
    first_line = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")
    delimiter = max(DELIMITERS, key=first_line.count)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    return build_table(_records(records, limits), limits=limits, encoding=encoding, delimiter=delimiter)


def _records(records: Iterator[list[str]], limits: Limits) -> Iterator[tuple[int, list[str]]]:
    # csv yields an empty list for an empty line, so record numbers are the row numbers Excel shows.
    row = 0
    while True:
        row += 1
        try:
            cells = next(records)
        except StopIteration:
            return
        except csv.Error as error:
            if "field larger than field limit" in str(error):
                raise cell_too_long(limits, row) from error
            raise UnreadableFile(_("Die CSV-Datei ist beschädigt (Zeile %(row)s).") % {"row": row}) from error
        yield row, [unprotect(clean(cell)) for cell in cells]


def read_json(text: str, *, limits: Limits) -> Table:
    """Augenhöhe's own JSON export (FORMAT.md), read as the table its CSV would be."""
    try:
        document = safejson.loads(text, limit=JSON_DEPTH)
    except safejson.TooDeep as error:
        raise UnreadableFile(
            _(
                "Die JSON-Datei ist tiefer verschachtelt, als ein Export von Augenhöhe es ist (%(max)s Ebenen)."
            )
            % {"max": error.limit}
        ) from error
    except ValueError as error:
        raise UnreadableFile(_("Die JSON-Datei ist beschädigt: %(error)s") % {"error": error}) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise UnreadableFile(_("Diese JSON-Datei ist kein Export von Augenhöhe."))
    if document.get("version") != FORMAT_VERSION:
        raise UnreadableFile(
            _("Diese JSON-Datei hat die Formatversion %(version)s; wir lesen Version %(expected)s.")
            % {"version": str(document.get("version"))[:20], "expected": FORMAT_VERSION}
        )
    organisations = document.get("organisations") or []
    if not isinstance(organisations, list):
        raise UnreadableFile(_("Diese JSON-Datei ist kein Export von Augenhöhe."))
    if len(organisations) > limits.rows:
        raise too_many_rows(limits)
    headers = list(COLUMNS)
    numbered = [(1, headers)] + [
        (row, [cell_text(item.get(column)) for column in headers])
        for row, item in enumerate(organisations, 2)
        if isinstance(item, dict)
    ]
    return build_table(numbered, limits=limits, encoding="json")


__all__ = ["decode", "number", "read_csv", "read_json"]
