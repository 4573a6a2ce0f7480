"""Serialising export rows: CSV, CSV for German Excel, JSON and GeoJSON, each as a stream of chunks.

XLSX lives in ``xlsx.py``, vCard in ``vcard.py``. The column set and the
meaning of each cell are documented in FORMAT.md.
"""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from augenhoehe.interchange import excel
from augenhoehe.interchange.format import COLUMNS, FORMAT_NAME, FORMAT_VERSION, cell_text, neutralised


class LineWriter:
    """A file-like object whose ``write`` returns the line, so that ``csv.writer`` can stream."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """RFC 4180 CSV in UTF-8 (no BOM), comma-separated, CRLF line ends, header of column keys.

    Text that a spreadsheet would run as a formula gets a leading apostrophe (``csv_cell``)."""
    writer = csv.writer(LineWriter(), lineterminator="\r\n")
    yield writer.writerow(COLUMNS).encode()
    for row in rows:
        yield writer.writerow([csv_cell(row[column]) for column in COLUMNS]).encode()


def csv_cell(value: Any) -> str:
    """A value as a cell of the UTF-8 CSV: numbers as they are (``-7.5`` is no formula), text
    neutralised where it starts like a formula."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return cell_text(value)
    return neutralised(cell_text(value))


def excel_csv_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """CSV as German Excel opens it by double-click: semicolons, Windows-1252, German dates."""
    writer = csv.writer(LineWriter(), delimiter=";", lineterminator="\r\n")
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


# Columns that are the feature's geometry rather than one of its properties.
GEOMETRY_COLUMNS = ("latitude", "longitude")


def geojson_chunks(rows: Iterable[dict[str, Any]], *, exported_at: datetime) -> Iterator[bytes]:
    """An RFC 7946 FeatureCollection, streamed: one Point feature per row whose coordinates
    the viewer may see; rows without them are left out. Properties are the JSON export's values."""
    head = {
        "type": "FeatureCollection",
        # Foreign members (RFC 7946 §6.1) naming the format of the properties.
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timezone.localtime(exported_at).isoformat(timespec="seconds"),
    }
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "features": [').encode()
    count = 0
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        feature = {
            "type": "Feature",
            "id": row["id"],
            # RFC 7946 §3.1.1: longitude first, then latitude (WGS84).
            "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": {
                column: _json_value(row[column]) for column in COLUMNS if column not in GEOMETRY_COLUMNS
            },
        }
        yield (("," if count else "") + "\n" + json.dumps(feature, ensure_ascii=False)).encode()
        count += 1
    yield b"\n]}\n"


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, Decimal):
        return float(value)
    return value
