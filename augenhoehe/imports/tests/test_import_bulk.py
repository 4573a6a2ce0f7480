"""The import writes new profiles in bulk; the outcome is that of writing row by row through the
services the pages use (``organisation_create``, ``organisation_update``), and the number of
queries does not grow with the number of rows."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.models import Organisation, Tag, UmbrellaMembership
from augenhoehe.directory.search import full_text_filter
from augenhoehe.directory.services import organisation_create, organisation_update
from augenhoehe.imports import services as importing
from augenhoehe.imports.checking import from_json, row_references, service_arguments, target_arguments
from augenhoehe.imports.models import ImportBatch
from augenhoehe.testing.factories import home_network

from .test_import_rows import checked

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]

HEADER = "id;name;kind;city;email;phone;fields;target_groups;languages;umbrellas\r\n"


def a_list(stored_umbrella: Organisation) -> bytes:
    """New profiles in several places, one umbrella of the file and a stored one, rows naming
    the file's umbrella before and after a row that updates a stored profile."""
    return (
        HEADER
        + "901;Dachverband Migrantenvereine Gütersloh;umbrella;Gütersloh;dach@example.org;;encounter;;de|tr;\r\n"
        + f"902;Kulturverein Anadolu Verl;cultural;Verl;;05246 1;culture|education;women;tr;901|{stored_umbrella.pk}\r\n"
        + "903;Elternverein Harsewinkel;parents;Harsewinkel;eltern@example.org;;education;families_young_children;ar|de;\r\n"
        + "904;Türkischer Elternverein Gütersloh;parents;Gütersloh;;05241 999;education;;tr;\r\n"
        + "905;Frauentreff Rheda;other;Rheda-Wiedenbrück;;;encounter|culture;women;fa|ku;901\r\n"
        + "906;Sportverein Gençlik Verl;leisure_sport;Verl;;;sport;young_people;tr|de;\r\n"
    ).encode()


def write_row_by_row(batch: ImportBatch, actor) -> None:
    """What the import did before it wrote in bulk: every row through the pages' services."""
    rows = {
        row.number: row for row in batch.rows.filter(action__in=importing.WRITING).select_related("target")
    }
    written: dict[int, Organisation] = {}
    for number in importing._in_dependency_order(rows, batch):
        row = rows[number]
        values = from_json(row.values)
        from_rows = [written[other] for other in row_references(values)]
        if row.action == "create":
            fields, tags, umbrellas = service_arguments(values, default_kind=batch.default_kind)
            written[number] = organisation_create(
                actor=actor,
                fields=fields,
                tags=tags,
                umbrellas=[*(umbrellas or []), *from_rows],
                network=batch.network,
            )
        else:
            fields, tags, umbrellas = target_arguments(values, row.target, row.action)
            written[number] = organisation_update(
                organisation=row.target,
                actor=actor,
                fields=fields,
                tags=tags,
                umbrellas=[*(umbrellas or []), *from_rows] if from_rows else umbrellas,
                based_on=row.target_version,
            )


def directory_outcome() -> dict:
    """Everything an import writes, by name rather than id (ids differ between two runs)."""
    names = dict(Organisation.objects.values_list("pk", "name"))
    skip = {"id", "created_at", "updated_at"}
    columns = [f.attname for f in Organisation._meta.concrete_fields if f.attname not in skip]
    organisation_type = ContentType.objects.get_for_model(Organisation)
    history = []
    for entry in LogEntry.objects.filter(content_type=organisation_type).order_by("pk"):
        data = dict(entry.data)
        if "umbrellas" in data:
            data["umbrellas"] = sorted(names[pk] for pk in data["umbrellas"])
        if "umbrellas" in data.get("changes", {}):
            data["changes"] = {
                **data["changes"],
                "umbrellas": [sorted(names[pk] for pk in ids) for ids in data["changes"]["umbrellas"]],
            }
        history.append(
            (
                entry.action,
                names[int(entry.object_id)],
                entry.actor_id,
                entry.network_id,
                data,
                entry.restricted_to,
            )
        )
    return {
        "profiles": sorted(tuple(str(v) for v in row) for row in Organisation.objects.values_list(*columns)),
        "order": [name for _pk, name in sorted(names.items())],
        "tags": sorted((names[o], s, c) for o, s, c in Tag.objects.values_list("organisation_id", "scheme", "code")),
        "umbrellas": sorted((names[m], names[u]) for m, u in UmbrellaMembership.objects.values_list("member_id", "umbrella_id")),
        "history": history,
        "search": {
            term: sorted(Organisation.objects.filter(full_text_filter(term)).values_list("name", flat=True))
            for term in ("elternverein", "kultur", "frauen", "begegnung", "verl", "gütersloh", "dachverband")
        },
    }  # fmt: skip


def test_the_bulk_write_has_the_outcome_of_writing_row_by_row(users, organisation_factory):
    coordinator = users["coordinator"]
    stored_umbrella = organisation_factory(
        name="Bundesverband der Elternvereine", kind="umbrella", city="Köln"
    )
    organisation_factory(name="Türkischer Elternverein Gütersloh", kind="parents", city="Gütersloh")
    batch = checked(coordinator, a_list(stored_umbrella))
    assert [(row.number, row.action) for row in batch.rows.order_by("number")] == [
        (2, "create"), (3, "create"), (4, "create"), (5, "update"), (6, "create"), (7, "create"),
    ]  # fmt: skip
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)

    with transaction.atomic():
        before = transaction.savepoint()
        importing.import_run(batch=batch, actor=coordinator)
        assert batch.status == ImportBatch.Status.DONE, batch.failure
        in_bulk = directory_outcome()
        transaction.savepoint_rollback(before)
    write_row_by_row(batch, coordinator)
    row_by_row = directory_outcome()

    assert in_bulk == row_by_row
    # The comparison has something to compare: every row's profile, its tags and its history.
    assert len(in_bulk["profiles"]) == 2 + 5
    assert ("Kulturverein Anadolu Verl", "Dachverband Migrantenvereine Gütersloh") in in_bulk["umbrellas"]
    assert ("Frauentreff Rheda", "Dachverband Migrantenvereine Gütersloh") in in_bulk["umbrellas"]
    assert ("Kulturverein Anadolu Verl", "Bundesverband der Elternvereine") in in_bulk["umbrellas"]
    # Umbrellas before their members (rows naming the file's umbrella come last); the update
    # between the new rows stays in its place.
    assert [(action, name) for action, name, *_rest in in_bulk["history"]][2:] == [
        ("organisation.created", "Dachverband Migrantenvereine Gütersloh"),
        ("organisation.created", "Elternverein Harsewinkel"),
        ("organisation.changed", "Türkischer Elternverein Gütersloh"),
        ("organisation.created", "Sportverein Gençlik Verl"),
        ("organisation.created", "Kulturverein Anadolu Verl"),
        ("organisation.created", "Frauentreff Rheda"),
    ]
    assert "Frauentreff Rheda" in in_bulk["search"]["frauen"]
    assert ("Elternverein Harsewinkel", "language", "ar") in in_bulk["tags"]


def many_new_rows(count: int, name: str = "Verein") -> bytes:
    places = ["Verl", "Gütersloh", "Harsewinkel", "Rheda-Wiedenbrück"]
    return (
        HEADER
        + "".join(
            f";{name} Nummer {n};cultural;{places[n % 4]};{name.split()[-1]}-{n}@example.org;;culture;women;tr|de;\r\n"
            for n in range(count)
        )
    ).encode()


def queries_to_write(actor, count: int) -> int:
    batch = checked(actor, many_new_rows(count, f"Verein {count}"))
    assert batch.counts["create"] == count
    importing.import_confirm(batch=batch, skip_errors=False, actor=actor)
    with CaptureQueriesContext(connection) as queries:
        importing.import_run(batch=batch, actor=actor)
    assert batch.status == ImportBatch.Status.DONE, batch.failure
    return len(queries)


def test_writing_new_rows_takes_the_same_queries_for_few_and_many(users):
    # 20 profiles fit in one insert on either database (SQLite allows 999 parameters per statement);
    # more take one insert per chunk of PROGRESS_EVERY rows, and more on SQLite.
    coordinator = users["coordinator"]
    few = queries_to_write(coordinator, 3)
    many = queries_to_write(coordinator, 20)
    assert many == few
    assert Organisation.objects.count() == 3 + 20


def test_checking_takes_the_same_queries_for_few_and_many_rows(users):
    coordinator = users["coordinator"]

    def queries_to_check(count: int) -> int:
        batch = importing.import_start(
            network=home_network(coordinator),
            actor=coordinator,
            file_name="l.csv",
            content=many_new_rows(count, f"Gruppe {count}"),
        )
        importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=coordinator)
        with CaptureQueriesContext(connection) as queries:
            importing.import_check(batch=batch, actor=coordinator)
        assert batch.counts["create"] == count
        return len(queries)

    assert queries_to_check(40) == queries_to_check(4)
