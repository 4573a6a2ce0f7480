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


def _claiming_parts(content: bytes, claimed: int) -> bytes:
    """``content`` whose end record claims ``claimed`` parts (on this disk and in all)."""
    end = content.rfind(b"PK\x05\x06")
    patched = claimed.to_bytes(2, "little") * 2
    return content[: end + 8] + patched + content[end + 12 :]


def test_a_directory_larger_than_its_claimed_count_is_refused_before_it_is_read(monkeypatch):
    """zipfile reads every entry of the directory, whatever count the end record claims."""
    content = _claiming_parts(_zip({f"p{number}.xml": b"x" for number in range(300)}), claimed=1)
    read = []
    monkeypatch.setattr(zipfile, "ZipFile", lambda *args, **kwargs: read.append(args))
    with pytest.raises(DamagedZip):
        open_zip(content, max_unpacked_bytes=10_000, max_parts=2)
    assert read == []


def test_a_zip64_end_record_is_refused():
    content = _zip({"a.xml": b"<a/>"})
    end = content.rfind(b"PK\x05\x06")
    locator = b"PK\x06\x07" + bytes(16)
    with pytest.raises(DamagedZip):
        open_zip(content[:end] + locator + content[end:], max_unpacked_bytes=10_000)


def test_a_claimed_count_that_differs_between_disk_and_total_is_refused():
    content = _zip({"a.xml": b"<a/>", "b.xml": b"<b/>"})
    end = content.rfind(b"PK\x05\x06")
    content = content[: end + 8] + (1).to_bytes(2, "little") + content[end + 10 :]
    with pytest.raises(DamagedZip):
        open_zip(content, max_unpacked_bytes=10_000)
