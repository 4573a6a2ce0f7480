"""The zip guard opens a zip only once its directory and declared sizes are within bounds."""

import io
import zipfile

import pytest

from augenhoehe.core.zipguard import DamagedZip, ZipBomb, ZipTooLarge, open_zip


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_plain_zip_is_opened():
    with open_zip(_zip({"a.xml": b"<a/>" * 100}), max_unpacked_bytes=10_000) as archive:
        assert archive.read("a.xml") == b"<a/>" * 100


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 kein zip", b"%PDF-1.4"])
def test_what_is_no_zip_is_damaged(content):
    with pytest.raises(DamagedZip):
        open_zip(content, max_unpacked_bytes=10_000)


def test_too_many_parts_are_refused_before_the_directory_is_read():
    content = _zip({f"p{number}.xml": b"x" for number in range(30)})
    with pytest.raises(DamagedZip):
        open_zip(content, max_unpacked_bytes=10_000, max_parts=20)


def test_a_part_packed_far_beyond_what_deflate_does_for_documents_is_a_bomb():
    with pytest.raises(ZipBomb):
        open_zip(_zip({"a.xml": b"\x00" * (8 * 1024 * 1024)}), max_unpacked_bytes=100 * 1024 * 1024)


def test_parts_that_together_unpack_beyond_the_limit_are_refused():
    with pytest.raises(ZipTooLarge):
        open_zip(_zip({"a.xml": b"x" * 6000, "b.xml": b"y" * 6000}), max_unpacked_bytes=10_000)
