"""Round trips: what the exports write, the importer reads back as the same data.

Network staff export every field, so their files re-import without a change,
into the same directory (every row "unchanged") or into an empty one (the
same export again, umbrella memberships re-created from the file's own ids).
"""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation, Tag, UmbrellaMembership
from augenhoehe.directory.services import organisation_update
from augenhoehe.imports import services as importing
from augenhoehe.imports.columns import IGNORE
from augenhoehe.imports.models import ImportBatch
from augenhoehe.interchange.format import COLUMNS
from augenhoehe.testing.factories import home_network

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unscoped")]

ELTERN = "Türkischer Elternverein Gütersloh"
FORMATS = [
    ("exports:organisations_csv", "organisationen.csv"),
    ("exports:organisations_excel_csv", "organisationen-excel.csv"),
    ("exports:organisations_xlsx", "organisationen.xlsx"),
    ("exports:organisations_json", "organisationen.json"),
]
# CSV for German Excel is Windows-1252: "ş" has to become "s" (FORMAT.md), the one documented loss.
EXCEL_LOSS = {"contact_person": ["Ayşe Demir", "Ayse Demir"]}


@pytest.fixture
def located(directory):
    """The directory with coordinates on two profiles, so that those columns travel too."""
    for key, latitude, longitude in [
        ("eltern", "51.906512", "8.378400"),
        ("syrisch", "51.884000", "8.516000"),
    ]:
        organisation_update(
            organisation=directory[key],
            actor=None,
            fields={"latitude": Decimal(latitude), "longitude": Decimal(longitude)},
        )
    return directory


def download(client, url_name: str, **query) -> bytes:
    response = client.get(reverse(url_name), query)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def checked(actor, content: bytes, file_name: str, *, ignore=()) -> ImportBatch:
    batch = importing.import_start(
        network=home_network(actor), actor=actor, file_name=file_name, content=content
    )
    mapping = [
        IGNORE if header in ignore else column
        for header, column in zip(batch.headers, batch.mapping, strict=True)
    ]
    importing.import_map(batch=batch, mapping=mapping, default_kind="", actor=actor)
    return importing.import_check(batch=batch, actor=actor)


def outcome(batch: ImportBatch) -> dict[str, tuple]:
    return {row.values["name"]: (row.action, row.changes, row.errors) for row in batch.rows.all()}


def directory_state() -> tuple:
    return (
        # What the directory's history says; the import's own steps are logged on the import.
        LogEntry.objects.filter(content_type__app_label="directory").count(),
        list(Organisation.objects.order_by("pk").values_list("pk", "updated_at")),
        list(UmbrellaMembership.objects.order_by("pk").values_list("member_id", "umbrella_id")),
    )


def unchanged(names, **exceptions) -> dict[str, tuple]:
    return {name: exceptions.get(name, ("unchanged", {}, [])) for name in names}


NAMES = [
    "Bundesverband Türkischer Elternvereine",
    "Geheimer Dachverband",
    "Kurdischer Entwurf e. V.",
    "Syrischer Kulturverein",
    ELTERN,
]


@pytest.mark.parametrize("url_name,file_name", FORMATS)
def test_every_column_but_umbrellas_reads_back_unchanged(users, located, client_for, url_name, file_name):
    coordinator = users["coordinator"]
    content = download(client_for("coordinator"), url_name)
    batch = checked(coordinator, content, file_name, ignore={"umbrellas"})
    assert batch.mapping == [IGNORE if c in ("gemeinde_ags", "land", "umbrellas") else c for c in COLUMNS]
    lossy = url_name == "exports:organisations_excel_csv"
    assert outcome(batch) == unchanged(NAMES, **({ELTERN: ("update", EXCEL_LOSS, [])} if lossy else {}))
    if lossy:
        return
    before = directory_state()
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.DONE
    assert directory_state() == before


@pytest.mark.parametrize("url_name,file_name", FORMATS)
def test_a_staff_export_reads_back_unchanged(users, located, client_for, url_name, file_name):
    coordinator = users["coordinator"]
    content = download(client_for("coordinator"), url_name)
    batch = checked(coordinator, content, file_name)
    lossy = url_name == "exports:organisations_excel_csv"
    assert outcome(batch) == unchanged(NAMES, **({ELTERN: ("update", EXCEL_LOSS, [])} if lossy else {}))
    before = directory_state()
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.DONE
    if not lossy:
        assert directory_state() == before


def parse_csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"), newline="")))


def umbrella_names(rows: list[dict[str, str]]) -> dict[str, set[str]]:
    """Each row's umbrellas by name: ids differ between two directories, names do not."""
    names = {row["id"]: row["name"] for row in rows}
    return {row["name"]: {names[i] for i in row["umbrellas"].split("|") if i} for row in rows}


def test_an_export_rebuilds_an_empty_directory(users, located, client_for):
    coordinator, client = users["coordinator"], client_for("coordinator")
    first = download(client, "exports:organisations_csv")
    Organisation.objects.all().delete()
    assert (Tag.objects.count(), UmbrellaMembership.objects.count()) == (0, 0)

    batch = checked(coordinator, first, "organisationen.csv")
    assert outcome(batch) == {name: ("create", {}, []) for name in NAMES}
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.DONE

    second = download(client, "exports:organisations_csv")
    before, after = parse_csv(first), parse_csv(second)
    same_columns = [column for column in COLUMNS if column not in ("id", "umbrellas")]
    assert [[row[c] for c in same_columns] for row in after] == [
        [row[c] for c in same_columns] for row in before
    ]
    assert umbrella_names(after) == umbrella_names(before)
    assert umbrella_names(after)[ELTERN] == {"Bundesverband Türkischer Elternvereine", "Geheimer Dachverband"}
    eltern = next(row for row in after if row["name"] == ELTERN)
    assert (eltern["latitude"], eltern["longitude"]) == ("51.906512", "8.378400")
    assert eltern["confirmed_at"] == "2024-12-31T14:05:00+01:00"
    assert {row["id"] for row in after}.isdisjoint({row["id"] for row in before})


def test_a_visitors_export_clears_nothing_that_was_hidden_from_the_visitor(users, located, client_for):
    coordinator = users["coordinator"]
    content = download(client_for("anonymous"), "exports:organisations_csv")
    batch = checked(coordinator, content, "organisationen.csv")
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.DONE
    located["syrisch"].refresh_from_db()
    assert located["syrisch"].email == "verborgen@syrisch.example"
    assert set(located["eltern"].umbrellas.all()) == {located["umbrella"], located["secret_umbrella"]}
