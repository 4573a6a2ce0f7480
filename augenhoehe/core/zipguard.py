"""Opening an uploaded zip (an XLSX, DOCX or OpenDocument file is one) without trusting it.

Before ``zipfile`` reads the directory, the number of parts and the directory's size are read
from the end record (a 20 MB zip can list 400,000 parts); then the unpacked sizes the zip declares must stay within a
total and be plausible for their packed sizes. ``zipfile`` stops reading a part at its declared
size, so whoever reads the parts afterwards reads no more than was declared.
"""

import io
import struct
import zipfile

MAX_PARTS = 1_000
# Deflate packs at most about 1:1030; real documents pack 1:5 to 1:50. Far beyond is a bomb.
MAX_RATIO = 200
RATIO_FROM_BYTES = 1024 * 1024
_END_OF_DIRECTORY = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
# A directory entry is 46 bytes and its name, extra field and comment; document parts have short names.
MAX_ENTRY_BYTES = 46 + 512
_END_SEARCH = 65_557  # the end record (22 bytes) and a comment of at most 65,535 bytes


class ZipRefused(Exception):
    """The zip is not opened; the subclass says why, the caller words it for its readers."""


class DamagedZip(ZipRefused):
    """Not a zip, a damaged one, or one with more parts than any document has."""


class ZipBomb(ZipRefused):
    """A part unpacks to a multiple of its size that no real document reaches."""


class ZipTooLarge(ZipRefused):
    """The parts together would unpack to more than allowed."""


def open_zip(
    content: bytes,
    *,
    max_unpacked_bytes: int,
    max_parts: int = MAX_PARTS,
    max_ratio: int = MAX_RATIO,
) -> zipfile.ZipFile:
    """The zip in ``content``, once its directory and declared sizes are within bounds; the caller
    closes it. Raises a ``ZipRefused`` subclass otherwise."""
    end = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - _END_SEARCH))
    if end < 0 or len(content) < end + 22:
        raise DamagedZip
    on_disk, entries, directory_size = struct.unpack("<HHI", content[end + 8 : end + 16])
    # zipfile reads the whole directory, whatever count the end record claims: bound its size too,
    # and refuse the ZIP64 records that would replace these fields (no document needs them).
    if entries > max_parts or on_disk != entries or directory_size > max_parts * MAX_ENTRY_BYTES:
        raise DamagedZip
    if end >= 20 and content[end - 20 : end - 16] == _ZIP64_LOCATOR:
        raise DamagedZip
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except Exception as error:  # zipfile on a damaged directory raises what it meets
        raise DamagedZip from error
    parts = archive.infolist()
    if len(parts) > max_parts:
        archive.close()
        raise DamagedZip
    if any(
        info.file_size > RATIO_FROM_BYTES and info.file_size > max_ratio * max(info.compress_size, 1)
        for info in parts
    ):
        archive.close()
        raise ZipBomb
    if sum(info.file_size for info in parts) > max_unpacked_bytes:
        archive.close()
        raise ZipTooLarge
    return archive
