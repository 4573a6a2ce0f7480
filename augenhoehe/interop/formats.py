"""Serialising export rows: CSV, CSV for German Excel, and JSON, each as a stream of chunks.

XLSX lives in ``xlsx.py``, vCard in ``vcard.py``. The column set and the
meaning of each cell are documented in FORMAT.md.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from django.utils import timezone

from . import excel
from .exports import COLUMNS, join_values

FORMAT_NAME = "augenhoehe.organisations"
FORMAT_VERSION = 1


class _Line:
    """A file-like object whose ``write`` returns the line, so that ``csv.writer`` can stream."""

    def write(self, value: str) -> str:
        return value


def cell_text(value: Any) -> str:
    """A row value as CSV text: codes as they are, lists joined by ``|``, times in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return join_values(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return str(value)


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """RFC 4180 CSV in UTF-8 (no BOM), comma-separated, CRLF line ends, header of column keys."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS).encode()
    for row in rows:
        yield writer.writerow([cell_text(row[column]) for column in COLUMNS]).encode()


def excel_csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """CSV as German Excel opens it by double-click: semicolons, Windows-1252, German dates."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield excel.encode(writer.writerow(COLUMNS))
    for row in rows:
        yield excel.encode(writer.writerow([excel.cell_text(row[column]) for column in COLUMNS]))


def json_chunks(rows: Iterable[dict[str, Any]], *, exported_at: datetime) -> Iterator[bytes]:
    """One JSON document, streamed: a header, the array of organisations, then their count."""
    head = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.localtime(exported_at).isoformat(timespec="seconds"),
    }
    # The count comes last so that it is the number actually written, without a second query.
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "organisations": [').encode()
    count = 0
    for row in rows:
        values = {column: _json_value(row[column]) for column in COLUMNS}
        yield (("," if count else "") + "\n" + json.dumps(values, ensure_ascii=False)).encode()
        count += 1
    yield f'\n], "count": {count}}}\n'.encode()


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value
