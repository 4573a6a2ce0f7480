"""Real bytes of every file type a cooperation keeps, and of some it refuses."""

import io
import struct
import zipfile
import zlib

from openpyxl import Workbook

from augenhoehe.cooperation.pdf import simple_pdf


def pdf() -> bytes:
    return simple_pdf(["Kooperationsvereinbarung", "Köprü e. V. und KI Kreis Gütersloh"])


def _zip(parts: dict[str, bytes], first_stored: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            archive.writestr(zipfile.ZipInfo(first_stored), parts.pop(first_stored), zipfile.ZIP_STORED)
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            b'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
            b'officedocument.wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
            "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.'
            b'org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Vereinbarung</w:t></w:r></w:p>'
            b"</w:body></w:document>",
        }
    )


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Posten", "Betrag"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _opendocument(mimetype: str) -> bytes:
    return _zip(
        {
            "mimetype": mimetype.encode(),
            "content.xml": b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:'
            b'tc:opendocument:xmlns:office:1.0"/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:'
            b'names:tc:opendocument:xmlns:manifest:1.0"/>',
        },
        first_stored="mimetype",
    )


def odt() -> bytes:
    return _opendocument("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return _opendocument("application/vnd.oasis.opendocument.spreadsheet")


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def jpeg() -> bytes:
    # A JFIF header as cameras and scanners write it; the type is told from these first bytes.
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        b"\xff\xdb\x00\x43\x00" + bytes(range(1, 65)) + b"\xff\xd9"
    )


def text() -> bytes:
    return "Protokoll des Treffens\nTeilnehmende: Vorstand, Frau Yılmaz – نعم\n".encode()


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def html() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def zip_bomb() -> bytes:
    """A "document" whose one part packs 50 MB of zeros into a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"wordprocessingml.document.main+xml")
        archive.writestr("word/document.xml", b"\x00" * (50 * 1024 * 1024))
    return buffer.getvalue()
