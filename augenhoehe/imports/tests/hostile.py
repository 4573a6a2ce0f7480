"""Workbooks built part by part with zipfile, as a hostile uploader would: a few kilobytes each."""

import io
import zipfile
from collections.abc import Iterable

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"

CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PACKAGE}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SPREADSHEET}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SPREADSHEET}.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
    '<sheets><sheet name="Liste" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}/relationships">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
SHEET_PATH = "xl/worksheets/sheet1.xml"
STRINGS_PATH = "xl/sharedStrings.xml"


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def sheet(*rows: str, dimension: str = "") -> str:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{declared}<sheetData>{"".join(rows)}</sheetData></worksheet>'


def strings(*texts: str) -> str:
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="{len(texts)}">{items}</sst>'


HEADING_AND_ROW = (
    row(1, inline("A1", "Name"), inline("B1", "Ort")),
    row(2, inline("A2", "Verein"), inline("B2", "Verl")),
)


def workbook(
    sheet_xml: str | Iterable[bytes] = "",
    *,
    shared_strings: str | None = None,
    extra: dict[str, bytes | str] | None = None,
) -> bytes:
    """An XLSX with one sheet; ``sheet_xml`` may be chunks, streamed into the zip (large and cheap)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        if isinstance(sheet_xml, str):
            archive.writestr(SHEET_PATH, sheet_xml or sheet(*HEADING_AND_ROW))
        else:
            with archive.open(SHEET_PATH, "w") as part:
                for chunk in sheet_xml:
                    part.write(chunk)
        archive.writestr(STRINGS_PATH, shared_strings if shared_strings is not None else strings())
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return output.getvalue()


def huge_inline_cell(block: bytes, blocks: int) -> Iterable[bytes]:
    """A sheet whose second row holds one inline cell of ``blocks`` times ``block``."""
    yield (
        sheet(row(1, inline("A1", "Name"), inline("B1", "Ort")), "<row r='2'>")
        .split("</sheetData>")[0]
        .encode()
    )
    yield b'<c r="A2" t="inlineStr"><is><t>'
    for _ in range(blocks):
        yield block
    yield b"</t></is></c></row></sheetData></worksheet>"
