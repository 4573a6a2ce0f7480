"""Which files a cooperation keeps: the type is told from the bytes, never from the name or the
browser; the name is kept readable (Unicode too) but cannot reach a path or a header.

Allowed: PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG and plain text in UTF-8. An office file is a zip:
it is opened through ``core.zipguard`` (parts counted, declared sizes and packing ratio bounded)
and only its list of parts and a few bytes of one part are read. Text that starts like markup
(HTML, SVG, XML) is not plain text and is refused.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from augenhoehe.core.zipguard import DamagedZip, ZipRefused, open_zip


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("PDF", "application/pdf", (".pdf",))
DOCX = FileType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = FileType("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
ODT = FileType("ODT", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = FileType("ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
JPEG = FileType("JPEG", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileType("PNG", "image/png", (".png",))
TEXT = FileType("Text (UTF-8)", "text/plain; charset=utf-8", (".txt", ".csv", ".md"))
ALLOWED = (PDF, DOCX, XLSX, ODT, ODS, JPEG, PNG, TEXT)

# The part of an office zip that names its type, and what it must say.
_OOXML = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}
_OOXML_MAIN = {
    DOCX: b"wordprocessingml.document.main+xml",
    XLSX: b"spreadsheetml.sheet.main+xml",
}
_OPENDOCUMENT = {ODT.content_type.encode(): ODT, ODS.content_type.encode(): ODS}
_CONTENT_TYPES_BYTES = 64 * 1024
# Control characters other than tab, line feed, form feed and carriage return do not occur in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class RefusedFile(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def max_bytes() -> int:
    return settings.COOPERATION_DOCUMENT_MAX_BYTES


def limits_text() -> str:
    """What is allowed, in the words a refusal uses."""
    return _("Erlaubt sind %(types)s bis %(max)s MB.") % {
        "types": ", ".join(file_type.label for file_type in ALLOWED),
        "max": _megabytes(max_bytes()),
    }


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def _refuse(reason: str) -> RefusedFile:
    return RefusedFile(f"{reason} {limits_text()}")


def detect(content: bytes) -> FileType:
    """The allowed type of ``content``; ``RefusedFile`` (with the allowed types and the limit) for
    an empty file, one over the limit, or any other type."""
    if not content:
        raise _refuse(_("Die Datei ist leer."))
    if len(content) > max_bytes():
        raise _refuse(_("Die Datei ist zu groß."))
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    if _is_plain_text(content):
        return TEXT
    raise _refuse(_("Diese Art von Datei nehmen wir nicht an."))


def _office(content: bytes) -> FileType:
    try:
        archive = open_zip(content, max_unpacked_bytes=settings.COOPERATION_DOCUMENT_MAX_UNPACKED_BYTES)
    except DamagedZip as error:
        raise _refuse(_("Die Datei ist kein lesbares Office-Dokument.")) from error
    except ZipRefused as error:  # a bomb, or too large once unpacked
        raise _refuse(
            _("Die Datei entpackt sich auf ein Vielfaches ihrer Größe, wie es kein Dokument tut.")
        ) from error
    try:
        with archive:
            found = _office_type(archive)
    except Exception as error:  # zipfile on a damaged part: CRC, zlib, encryption, methods, …
        raise _refuse(_("Die Datei ist kein lesbares Office-Dokument.")) from error
    if found is None:
        raise _refuse(_("Diese Art von Datei nehmen wir nicht an."))
    return found


def _office_type(archive: zipfile.ZipFile) -> FileType | None:
    names = set(archive.namelist())
    if "mimetype" in names:
        with archive.open("mimetype") as stream:
            return _OPENDOCUMENT.get(stream.read(100).strip())
    if "[Content_Types].xml" not in names:
        return None
    with archive.open("[Content_Types].xml") as stream:
        declared = stream.read(_CONTENT_TYPES_BYTES)
    for part, file_type in _OOXML.items():
        if part in names and _OOXML_MAIN[file_type] in declared:
            return file_type
    return None


def _is_plain_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if _CONTROL.search(text):
        return False
    # A browser would read this as a page or an image (HTML, SVG, XML): not what "text" means here.
    return not text.lstrip().startswith("<")


_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f"*:<>?|\\/]+')


def clean_filename(name: str, file_type: FileType) -> str:
    """``name`` as it can be shown and offered for download: the last part of any path, without
    control and reserved characters, Unicode kept (NFC), ending in an extension of its type."""
    name = unicodedata.normalize("NFC", name or "")
    # Format characters (a right-to-left override makes "Rechnung\u202efdp.docx" read "…xcod.pdf"),
    # other controls and line separators never belong in a file name.
    name = "".join(c for c in name if unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp"})
    name = re.split(r"[\\/]", name)[-1]
    name = _UNSAFE_IN_NAME.sub("_", name)
    name = " ".join(name.split()).strip(". ")
    stem, dot, extension = name.rpartition(".")
    if not dot or f".{extension.lower()}" not in file_type.extensions:
        stem = name
        extension = file_type.extensions[0][1:]
    stem = (stem or _("Dokument"))[: 200 - len(extension) - 1].rstrip(". ")
    return f"{stem}.{extension.lower()}"


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback name and the real one as RFC 6266 ``filename*``."""
    # ß has no decomposition; NFKD turns the other umlauts into their base letters.
    ascii_name = unicodedata.normalize("NFKD", filename.replace("ß", "ss")).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]", "_", ascii_name).strip() or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
