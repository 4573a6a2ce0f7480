"""A look at every XML part of a workbook, streamed, before openpyxl builds anything from it.

openpyxl trusts a workbook: it keeps a cell's whole text, a row's every cell, every shared string
and every style in memory, and pads rows to the sheet's declared size. A few kilobytes of zip can
declare gigabytes of that. This scan reads each part through expat in small chunks and refuses,
as soon as it sees it, what no list of organisations needs:

- a document type (entity tricks), or one token (tag, comment) longer than ``MAX_TOKEN_BYTES``
  (expat would buffer it whole);
- in a sheet: a cell whose text passes the cell limit, a row with more elements than Excel's
  widest row needs, a row number beyond Excel's last row, more cells than the cell limit;
- in the shared strings: one longer than the cell limit, more of them than the cell limit;
- in any other part (styles, relations, properties): more than ``MAX_PART_ELEMENTS`` elements or
  an element with more than ``MAX_PART_TEXT`` characters.

Which rules a part gets depends on its name; a sheet stored under another name gets the stricter
rules of "any other part". Parts that are not XML are bounded by the unpacked size alone.
"""

from typing import IO
from xml.parsers import expat  # noqa: S410  (no entities: a document type is refused before any)

from django.utils.translation import gettext as _

from .table import Limits, UnreadableFile, cell_too_long, too_many_cells

CHUNK_BYTES = 64 * 1024
MAX_TOKEN_BYTES = 1024 * 1024
MAX_PART_ELEMENTS = 200_000
MAX_PART_TEXT = 1024 * 1024
EXCEL_ROWS = 1_048_576
# Elements of one row (its cells and their values) or one shared string, which openpyxl keeps in
# memory together: four per cell of Excel's widest row.
MAX_HELD_ELEMENTS = 4 * 16_384

SHEET, SHARED_STRINGS, OTHER = "sheet", "shared_strings", "other"


class Refused(Exception):
    """The part breaks a rule; carries the person's message."""

    def __init__(self, error: UnreadableFile) -> None:
        super().__init__(str(error))
        self.error = error


def damaged() -> UnreadableFile:
    return UnreadableFile(_("Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."))


def kind_of(name: str) -> str | None:
    """The rules for the part ``name``; None for a part that is not XML."""
    lowered = name.lower()
    if not lowered.endswith((".xml", ".rels")):
        return None
    if lowered.startswith("xl/worksheets/") and lowered.count("/") == 2:
        return SHEET
    if lowered == "xl/sharedstrings.xml":
        return SHARED_STRINGS
    return OTHER


class _Scan:
    def __init__(self, kind: str, limits: Limits) -> None:
        self.kind, self.limits = kind, limits
        self.parser = expat.ParserCreate()
        self.last_event = 0
        self.text = 0  # characters of the current cell, shared string or element
        self.items = 0  # cells or shared strings so far
        self.elements = 0
        # Elements since the current row (sheet) or shared string began: what openpyxl holds at once.
        self.held = 0
        self.row = 0
        self.max_elements = MAX_PART_ELEMENTS if kind == OTHER else 4 * limits.cells + MAX_PART_ELEMENTS
        self.parser.StartElementHandler = {
            SHEET: self._sheet_element,
            SHARED_STRINGS: self._string_element,
            OTHER: self._other_element,
        }[kind]
        self.parser.CharacterDataHandler = self._characters
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.CommentHandler = self._event
        self.parser.ProcessingInstructionHandler = self._event

    def _event(self, *_args) -> None:
        self.last_event = self.parser.CurrentByteIndex

    def _doctype(self, *_args) -> None:
        raise Refused(damaged())

    def _element(self) -> None:
        self.last_event = self.parser.CurrentByteIndex
        self.elements += 1
        self.held += 1
        if self.elements > self.max_elements:
            raise Refused(damaged() if self.kind == OTHER else too_many_cells(self.limits))

    def _sheet_element(self, name: str, attributes: dict[str, str]) -> None:
        self._element()
        local = name.rpartition(":")[2]
        if local == "row":
            self.row = _row_number(attributes.get("r"), self.row + 1)
            self.held = 0
        elif local == "c":
            self.text = 0
            self._item()
        if self.held > MAX_HELD_ELEMENTS:
            raise Refused(damaged())

    def _string_element(self, name: str, _attributes: dict[str, str]) -> None:
        self._element()
        if name.rpartition(":")[2] == "si":
            self.text = 0
            self.held = 0
            self._item()
        if self.held > MAX_HELD_ELEMENTS:
            raise Refused(damaged())

    def _item(self) -> None:
        self.items += 1
        if self.items > self.limits.cells:
            raise Refused(too_many_cells(self.limits))

    def _other_element(self, _name: str, _attributes: dict[str, str]) -> None:
        self._element()
        self.text = 0

    def _characters(self, data: str) -> None:
        self.last_event = self.parser.CurrentByteIndex
        self.text += len(data)
        if self.kind == OTHER:
            if self.text > MAX_PART_TEXT:
                raise Refused(damaged())
        elif self.text > self.limits.cell_chars:
            raise Refused(cell_too_long(self.limits, self.row if self.kind == SHEET else None))

    def feed(self, stream: IO[bytes]) -> None:
        fed = 0
        while chunk := stream.read(CHUNK_BYTES):
            self.parser.Parse(chunk, False)
            fed += len(chunk)
            if fed - self.last_event > MAX_TOKEN_BYTES:
                raise Refused(damaged())
        self.parser.Parse(b"", True)


def _row_number(text: str | None, default: int) -> int:
    if text is None:
        return default
    if not text.isdecimal() or not 0 < int(text) <= EXCEL_ROWS:
        raise Refused(damaged())
    return int(text)


def scan_part(stream: IO[bytes], *, kind: str, limits: Limits) -> None:
    """Read the XML part in ``stream`` to its end; raises ``UnreadableFile`` at the first thing
    it refuses, or if the XML is not well-formed."""
    try:
        _Scan(kind, limits).feed(stream)
    except Refused as refused:
        raise refused.error from None
    except expat.ExpatError as error:
        raise damaged() from error
