"""Hostile uploads (issue 9, point 1): every one refused, or read, within bounded memory and time.

Each file is built here by hand, a few kilobytes; what it declares or unpacks to is what the
probe of the running app found: a sheet declaring A1:XFD1048576 (25.6 s and 3.5 GB before any
limit was checked), one 100 MB inline cell (stored whole in the import batch), 100,000 CSV
columns (a 248 MB mapping page), nesting that ended in a RecursionError, damaged XML parts that
ended in a 500.
"""

import io
import os
import random
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile

import pytest

from augenhoehe.imports.reading import Limits, UnreadableFile, read_table

from . import hostile

MB = 1024 * 1024
# Memory one read may take beyond what the test process already holds.
READ_BUDGET = 40 * MB

# Run in a fresh interpreter whose address space is capped: the read either finishes within the
# cap or the child dies of MemoryError (and the test fails), instead of taking the machine down.
CHILD = textwrap.dedent(
    """
    import os, resource, sys
    import django
    django.setup()
    from augenhoehe.imports.reading import UnreadableFile, read_table

    content = open(sys.argv[1], "rb").read()
    with open("/proc/self/statm") as statm:
        in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (in_use + int(sys.argv[2]), resource.RLIM_INFINITY))
    resource.setrlimit(resource.RLIMIT_CPU, (30, 30))
    try:
        table = read_table(content)
    except UnreadableFile as error:
        print("refused:", error)
    else:
        print("read:", len(table.rows), "rows,", len(table.headers), "headings")
    """
)


def read_in_child(tmp_path, content: bytes, *, budget: int = 300 * MB) -> str:
    if not sys.platform.startswith("linux"):
        pytest.skip("address-space limits as Linux sets them")
    path = tmp_path / "upload.xlsx"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603  (our own interpreter and script)
        [sys.executable, "-c", CHILD, str(path), str(budget)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "augenhoehe.config.settings"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


def refused_within(content: bytes, budget: int = READ_BUDGET, **kwargs) -> str:
    """The message ``read_table`` refuses ``content`` with, having stayed within ``budget`` bytes."""
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile) as refused:
            read_table(content, **kwargs)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < budget, f"{peak / MB:.0f} MB"
    return str(refused.value)


# --- the declared size -----------------------------------------------------------------------


def test_a_sheet_declaring_the_whole_grid_is_read_by_its_real_rows(tmp_path):
    # 4 KB that declare 1,048,576 rows × 16,384 columns, with a last row at the bottom: openpyxl
    # filled every row in between with 16,384 empty cells.
    last = hostile.row(1_048_576, hostile.inline("A1048576", "Verein ganz unten"))
    content = hostile.workbook(hostile.sheet(*hostile.HEADING_AND_ROW, last, dimension="A1:XFD1048576"))
    assert len(content) < 5000
    assert read_in_child(tmp_path, content) == "read: 2 rows, 2 headings"


def test_a_row_far_down_the_sheet_costs_no_memory(tmp_path):
    content = hostile.workbook(
        hostile.sheet(*hostile.HEADING_AND_ROW, hostile.row(1_048_576, hostile.inline("XFD1048576", "x")))
    )
    assert read_in_child(tmp_path, content).startswith("refused: Zeile 1048576 hat mehr als 200 Spalten")


def test_a_row_number_beyond_the_sheet_is_refused(tmp_path):
    content = hostile.workbook(hostile.sheet(*hostile.HEADING_AND_ROW, hostile.row(99_999_999_999)))
    assert read_in_child(tmp_path, content) == (
        "refused: Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."
    )


# --- real rows, columns, cells ---------------------------------------------------------------


def test_one_huge_inline_cell_is_refused_before_it_is_read():
    content = hostile.workbook(hostile.huge_inline_cell(b"A" * MB, 100))
    assert len(content) < 200 * 1024  # 100 MB of text, zipped: refused by its packing ratio
    assert refused_within(content) == (
        "Die Excel-Datei entpackt sich auf ein Vielfaches ihrer Größe, wie es keine Liste tut, "
        "und wird nicht gelesen. Bitte speichern Sie die Liste neu oder als CSV."
    )


def test_a_cell_too_long_is_refused_while_the_sheet_streams_past():
    # Text that packs like text (no ratio to notice): the scan stops after the cell limit.
    letters = random.Random(9).randbytes(MB // 2).hex().encode()
    content = hostile.workbook(hostile.huge_inline_cell(letters, 30))
    assert refused_within(content) == (
        "Eine Zelle in Zeile 2 hat mehr als 32.767 Zeichen; so lange Zellen sind nicht erlaubt."
    )


def test_one_huge_shared_string_is_refused():
    content = hostile.workbook(
        hostile.sheet(hostile.row(1, '<c r="A1" t="s"><v>0</v></c>')),
        shared_strings=hostile.strings(random.Random(3).randbytes(MB).hex()),
    )
    assert refused_within(content) == (
        "Eine Zelle hat mehr als 32.767 Zeichen; so lange Zellen sind nicht erlaubt."
    )


def test_more_rows_than_the_limit_are_refused_at_the_first_row_past_it():
    rows = [hostile.row(n, hostile.inline(f"A{n}", f"Verein {n}")) for n in range(1, 13)]
    content = hostile.workbook(hostile.sheet(*rows))
    message = refused_within(content, limits=Limits(rows=10))
    assert message == (
        "Die Datei hat mehr als 10 Zeilen; bitte teilen Sie sie in Dateien mit höchstens 10 Zeilen."
    )


def test_a_csv_with_100000_columns_is_refused_at_its_heading():
    heading = ";".join(f"Spalte {n}" for n in range(100_000))
    content = f"{heading}\r\nVerein;Verl\r\n".encode()
    assert refused_within(content) == (
        "Zeile 1 hat mehr als 200 Spalten; so viele kann eine Liste von Organisationen nicht brauchen. "
        "Bitte löschen Sie die überzähligen Spalten."
    )


def test_a_long_csv_cell_is_refused_with_its_place():
    content = ("Name;Ort\r\nVerein;" + "x" * 40_000 + "\r\n").encode()
    assert refused_within(content) == (
        "Die Zelle in Zeile 2, Spalte B hat mehr als 32.767 Zeichen; so lange Zellen sind nicht erlaubt."
    )


def test_a_csv_cell_beyond_csvs_own_limit_is_refused_in_german():
    content = ('Name;Ort\r\nVerein;"' + "x" * 200_000 + '"\r\n').encode()
    assert refused_within(content) == (
        "Eine Zelle in Zeile 2 hat mehr als 32.767 Zeichen; so lange Zellen sind nicht erlaubt."
    )


def test_more_csv_rows_than_the_limit_are_refused():
    content = ("Name;Ort\r\n" + "Verein;Verl\r\n" * 11).encode()
    assert refused_within(content, limits=Limits(rows=10)).startswith("Die Datei hat mehr als 10 Zeilen")


def test_more_cells_than_the_limit_are_refused():
    content = ("Name;Ort\r\n" + "Verein;Verl\r\n" * 10).encode()
    assert refused_within(content, limits=Limits(cells=15)) == (
        "Die Datei hat mehr als 15 Zellen; bitte teilen Sie sie in kleinere Dateien."
    )


# --- the zip ---------------------------------------------------------------------------------


def test_a_part_that_unpacks_far_beyond_its_size_is_refused():
    content = hostile.workbook(extra={"xl/media/image1.png": b"\0" * (50 * MB)})
    assert len(content) < 200 * 1024
    assert refused_within(content).startswith("Die Excel-Datei entpackt sich auf ein Vielfaches ihrer Größe")


def test_parts_beyond_the_unpacked_limit_are_refused_by_their_declared_size():
    content = hostile.workbook(extra={"xl/media/image1.png": os.urandom(2 * MB)})
    message = refused_within(content, limits=Limits(unpacked_bytes=MB))
    assert message.startswith("Die Excel-Datei würde entpackt mehr als 1 MB groß")


def test_a_zip_listing_thousands_of_parts_is_refused_before_it_is_opened():
    content = hostile.workbook(extra={f"xl/media/{n}.bin": b"" for n in range(2000)})
    assert refused_within(content) == "Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."


def test_a_document_type_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        f'<worksheet xmlns="{hostile.MAIN}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    assert (
        refused_within(hostile.workbook(laughs)) == "Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."
    )


def test_a_tag_that_never_ends_is_refused_without_buffering_it():
    letters = random.Random(5).randbytes(10 * MB).hex()
    endless = hostile.sheet(*hostile.HEADING_AND_ROW).replace("<sheetData>", "<sheetData " + letters)
    assert (
        refused_within(hostile.workbook(endless)) == "Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."
    )


@pytest.mark.parametrize(
    "parts",
    [
        # The shared strings cut off: openpyxl's parser failed inside load_workbook (a 500).
        {"shared_strings": hostile.strings("Name", "Ort")[:60]},
        # A cell pointing past the shared strings: openpyxl raised IndexError (a 500).
        {
            "sheet_xml": hostile.sheet(hostile.row(1, '<c r="A1" t="s"><v>7</v></c>')),
            "shared_strings": hostile.strings(),
        },
        # A workbook part that is no XML at all.
        {"extra": {"xl/workbook.xml": "kein XML <"}},
        # A cell reference openpyxl cannot read.
        {"sheet_xml": hostile.sheet(hostile.row(1, '<c r="1A"><v>1</v></c>'))},
    ],
    ids=["cut-shared-strings", "string-index", "workbook-not-xml", "bad-reference"],
)
def test_damaged_parts_are_refused_not_a_500(parts):
    content = _replaced(hostile.workbook(), parts["extra"]) if "extra" in parts else hostile.workbook(**parts)
    assert refused_within(content) == "Die Excel-Datei ist beschädigt oder keine .xlsx-Datei."


def _replaced(content: bytes, parts: dict[str, str]) -> bytes:
    source, output = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            target.writestr(item, parts.get(item.filename, source.read(item.filename)))
    return output.getvalue()


# --- JSON ------------------------------------------------------------------------------------


def test_deeply_nested_json_is_refused_before_it_is_parsed():
    content = (
        '{"format": "augenhoehe.organisations", "organisations": ' + "[" * 100_000 + "]" * 100_000 + "}"
    ).encode()
    assert refused_within(content) == (
        "Die JSON-Datei ist tiefer verschachtelt, als ein Export von Augenhöhe es ist (8 Ebenen)."
    )


def test_a_json_export_with_more_organisations_than_rows_allowed_is_refused():
    organisations = ",".join('{"name": "Verein"}' for _n in range(11))
    content = (
        '{"format": "augenhoehe.organisations", "version": 1, "organisations": [' + organisations + "]}"
    ).encode()
    assert refused_within(content, limits=Limits(rows=10)).startswith("Die Datei hat mehr als 10 Zeilen")


def test_the_limits_come_from_the_settings(settings):
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 3, 4
    settings.IMPORT_MAX_CELL_CHARS, settings.IMPORT_MAX_CELLS = 5, 6
    settings.IMPORT_MAX_UNPACKED_BYTES = 7
    assert Limits.from_settings() == Limits(rows=3, columns=4, cell_chars=5, cells=6, unpacked_bytes=7)
