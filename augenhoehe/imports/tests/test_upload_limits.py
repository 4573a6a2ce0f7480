"""The upload page and ``import_start`` with hostile files: a message at the file field, nothing stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from augenhoehe.imports import services as importing
from augenhoehe.imports.models import ImportBatch
from augenhoehe.imports.reading import UnreadableFile
from augenhoehe.testing.factories import home_network

from . import hostile
from .test_import_views import by_id, dom, text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions"), pytest.mark.usefixtures("unscoped")]

WIDE_CSV = (";".join(f"Spalte {n}" for n in range(100_000)) + "\r\nVerein;Verl\r\n").encode()


def test_a_csv_with_100000_columns_gets_no_mapping_page(client_for):
    # It made a 248 MB mapping page that took 110 s on every view.
    response = client_for("coordinator").post(
        reverse("imports:list"), {"file": SimpleUploadedFile("breit.csv", WIDE_CSV, content_type="text/csv")}
    )
    assert response.status_code == 400
    assert text(by_id(dom(response), "id_file_error")) == (
        "Zeile 1 hat mehr als 200 Spalten; so viele kann eine Liste von Organisationen nicht brauchen. "
        "Bitte löschen Sie die überzähligen Spalten."
    )
    assert len(response.content) < 100_000
    assert not ImportBatch.objects.exists()


def test_a_huge_cell_is_not_stored_in_the_import(users):
    # One 100 MB inline cell (107 KB zipped) was stored whole in the import batch.
    content = hostile.workbook(hostile.huge_inline_cell(b"A" * 1024 * 1024, 100))
    with pytest.raises(UnreadableFile):
        importing.import_start(
            network=home_network(users["coordinator"]),
            actor=users["coordinator"],
            file_name="bombe.xlsx",
            content=content,
        )
    assert not ImportBatch.objects.exists()


def test_the_upload_field_names_the_limit_from_the_settings(client_for, settings):
    settings.IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024
    page = dom(client_for("coordinator").get(reverse("imports:list")))
    assert "bis 5,0 MB." in text(by_id(page, "id_file_helptext"))


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800"])
def test_a_nul_or_half_a_character_in_a_json_export_is_refused_not_stored(users, escape):
    # PostgreSQL refused either when the import's samples were stored: a 500.
    document = '{"format": "augenhoehe.organisations", "version": 1, "organisations": [{"name": "a%s"}]}'
    content = (document % escape).encode()
    with pytest.raises(UnreadableFile) as refused:
        importing.import_start(
            network=home_network(users["coordinator"]),
            actor=users["coordinator"],
            file_name="x.json",
            content=content,
        )
    assert str(refused.value) == (
        "Die Zelle in Zeile 2, Spalte B enthält ein Zeichen, das in keinem Text stehen kann "
        "(ein Nullzeichen oder ein halbes Schriftzeichen). Bitte entfernen Sie es."
    )
    assert not ImportBatch.objects.exists()
