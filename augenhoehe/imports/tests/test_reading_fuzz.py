"""The readers fuzzed (issue 9, point 1): whatever the bytes, a table or a message, never a 500;
memory stays within a bound for every example.

Three generators: any bytes and CSV-ish text; workbooks whose sheet, shared strings and parts
are assembled from hostile fragments (and then cut or flipped); JSON documents of any shape and
depth. Each example is measured with tracemalloc.
"""

import io
import tracemalloc
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from augenhoehe.imports.reading import Limits, Table, UnreadableFile, read_table

from . import hostile

LIMITS = Limits(rows=200, columns=50, cell_chars=500, cells=2_000, unpacked_bytes=2 * 1024 * 1024)
BUDGET = 30 * 1024 * 1024
FUZZ = settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def read_bounded(content: bytes) -> None:
    tracemalloc.start()
    try:
        try:
            table = read_table(content, limits=LIMITS)
        except UnreadableFile as error:
            assert str(error)
        else:
            assert isinstance(table, Table)
            assert len(table.rows) <= LIMITS.rows
            assert all(len(cells) <= LIMITS.columns for _n, cells in table.rows)
            assert all(len(cell) <= LIMITS.cell_chars for _n, cells in table.rows for cell in cells)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < BUDGET


CSV_ALPHABET = st.sampled_from([";", ",", "\t", '"', "\r\n", "\n", "\r", "a", "ä", "=", "\x00", " ", "1"])


@FUZZ
@given(
    st.binary(max_size=3000)
    | st.lists(CSV_ALPHABET, max_size=3000).map(lambda chars: "".join(chars).encode())
    | st.lists(CSV_ALPHABET, max_size=400).map(lambda chars: ("\ufeff" + "".join(chars)).encode("utf-16"))
)
def test_csv_and_any_bytes(content):
    read_bounded(content)


CELL_VALUES = st.sampled_from(
    ["1", "x", "-1e999", "NaN", "0", "7", "true", "2024-01-01T00:00:00", "A" * 600, ""]
)
TYPES = st.sampled_from(["", ' t="s"', ' t="str"', ' t="b"', ' t="e"', ' t="d"', ' t="inlineStr"', ' t="n"'])
REFERENCES = st.sampled_from(["A1", "B2", "XFD1", "ZZZ9", "1A", "", "AAAA1", "A0", "A99999999999"])


@st.composite
def cell(draw) -> str:
    reference = draw(REFERENCES)
    kind = draw(TYPES)
    value = draw(CELL_VALUES)
    attribute = f' r="{reference}"' if reference else ""
    if kind == ' t="inlineStr"':
        return f"<c{attribute}{kind}><is><t>{value}</t></is></c>"
    return f"<c{attribute}{kind}><v>{value}</v></c>"


@st.composite
def sheet_xml(draw) -> str:
    rows = []
    for _index in range(draw(st.integers(0, 12))):
        number = draw(st.sampled_from(["", "1", "2", "3", "5000", "1048577", "0", "-1", "x"]))
        cells = "".join(draw(st.lists(cell(), max_size=8)))
        attribute = f' r="{number}"' if number else ""
        rows.append(f"<row{attribute}>{cells}</row>")
    dimension = draw(st.sampled_from(["", "A1:XFD1048576", "A1:B2", "ZZZZ1", "A1:A0"]))
    return hostile.sheet(*rows, dimension=dimension)


@st.composite
def damaged(draw, content: bytes) -> bytes:
    how = draw(st.sampled_from(["whole", "cut", "flip"]))
    if how == "cut":
        return content[: draw(st.integers(0, len(content)))]
    if how == "flip":
        position = draw(st.integers(0, len(content) - 1))
        return (
            content[:position]
            + bytes([content[position] ^ draw(st.integers(1, 255))])
            + content[position + 1 :]
        )
    return content


@st.composite
def workbooks(draw) -> bytes:
    strings = draw(st.lists(CELL_VALUES, max_size=6))
    shared = hostile.strings(*strings)
    if draw(st.booleans()):
        shared = shared[: draw(st.integers(0, len(shared)))]
    content = hostile.workbook(draw(sheet_xml()), shared_strings=shared)
    return draw(damaged(content))


@FUZZ
@given(workbooks())
def test_workbooks(content):
    read_bounded(content)


@FUZZ
@given(st.data())
def test_workbooks_with_parts_replaced_by_anything(data):
    content = hostile.workbook()
    source, output = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    victim = data.draw(st.sampled_from([info.filename for info in source.infolist()]))
    replacement = data.draw(st.binary(max_size=500) | st.text(max_size=500).map(str.encode))
    with zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            target.writestr(item, replacement if item.filename == victim else source.read(item.filename))
    read_bounded(output.getvalue())


JSON_VALUES = st.deferred(
    lambda: (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=20)
        | st.lists(JSON_VALUES, max_size=3)
        | st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=3)
    )
)


@FUZZ
@given(
    st.dictionaries(st.sampled_from(["name", "city", "kind", "tags", "x"]), JSON_VALUES, max_size=5),
    st.integers(0, 3_000),
    st.sampled_from([1, 2, "1", None]),
)
def test_json_exports(organisation, nesting, version):
    import json

    document = json.dumps(
        {
            "format": "augenhoehe.organisations",
            "version": version,
            "organisations": [organisation, organisation],
        }
    )
    deep = document.replace('"organisations": [', '"organisations": [' + "[" * nesting, 1)
    deep = deep[:-2] + "]" * nesting + deep[-2:]
    read_bounded(document.encode())
    read_bounded(deep.encode())
