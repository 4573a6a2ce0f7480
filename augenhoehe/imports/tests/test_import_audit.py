"""Every step of an import is one atomic service that leaves an audit entry on the import."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from augenhoehe.core.models import LogEntry
from augenhoehe.directory.services import organisation_update
from augenhoehe.imports import services as importing
from augenhoehe.imports.models import ImportBatch, ImportRow

from .test_import_views import FLOW_ROWS, VALID_ROWS, batch_for, csv_bytes, suggested_mapping, upload

# These tests read stored rows of any network directly; pages and services keep their own scope.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions", "unscoped")]


def steps(batch: ImportBatch) -> list[tuple[str, str | None, int | None]]:
    """(action, actor, network) of the import's entries, oldest first."""
    return list(
        LogEntry.objects.filter(content_type__model="importbatch", object_id=str(batch.pk))
        .order_by("pk")
        .values_list("action", "actor__username", "network_id")
    )


def test_every_step_is_logged_on_the_import_with_actor_and_network(users, network, organisation_factory):
    coordinator = users["coordinator"]
    organisation_factory(name="Syrischer Kulturverein", city="Verl", email="info@syrisch.example")
    batch = importing.import_start(
        network=network, actor=coordinator, file_name="vereine.csv", content=csv_bytes(FLOW_ROWS)
    )
    importing.import_map(batch=batch, mapping=batch.mapping, default_kind="other", actor=coordinator)
    importing.import_check(batch=batch, actor=coordinator)
    importing.import_decide(
        batch=batch, row=batch.rows.get(number=2), action="skip", target_id=None, actor=users["network_admin"]
    )
    importing.import_confirm(batch=batch, skip_errors=True, actor=coordinator)
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.DONE

    admin = "admin"
    assert steps(batch) == [
        ("import.uploaded", "koordination", network.pk),
        ("import.mapped", "koordination", network.pk),
        ("import.checked", "koordination", network.pk),
        ("import.row.decided", admin, network.pk),
        ("import.confirmed", "koordination", network.pk),
        ("import.finished", "koordination", network.pk),
    ]
    entries = LogEntry.objects.filter(object_id=str(batch.pk)).order_by("pk")
    assert entries[0].data == {"file_name": "vereine.csv", "rows": 4}
    assert entries[3].data == {"row": 2, "decision": "skip", "target": None}
    assert entries[5].data["counts"] == batch.counts
    # No cell of the file is copied into the log.
    assert "syrisch.example" not in str([entry.data for entry in entries])


def test_a_discarded_import_is_logged(users, network):
    batch = batch_for(users["coordinator"], VALID_ROWS)
    assert importing.import_cancel(batch=batch, actor=users["network_admin"])
    assert not importing.import_cancel(batch=batch, actor=users["network_admin"])  # once only
    assert steps(batch)[-1] == ("import.cancelled", "admin", network.pk)
    assert [step[0] for step in steps(batch)].count("import.cancelled") == 1


def test_a_failed_check_and_a_failed_import_are_logged(users, network, organisation_factory):
    coordinator = users["coordinator"]
    broken = importing.import_start(
        network=network, actor=coordinator, file_name="a.csv", content=csv_bytes(VALID_ROWS)
    )
    importing.import_map(batch=broken, mapping=broken.mapping, default_kind="other", actor=coordinator)
    ImportBatch.objects.filter(pk=broken.pk).update(content=b"\x00\x01 kein CSV")
    broken.refresh_from_db()
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the reader raises, the check is marked failed
        importing.import_check(batch=broken, actor=coordinator)
    assert broken.status == ImportBatch.Status.FAILED
    assert steps(broken)[-1] == ("import.check.failed", "koordination", network.pk)

    profile = organisation_factory(name="Kurdisches Zentrum Rheda", city="Rheda-Wiedenbrück")
    batch = batch_for(coordinator, VALID_ROWS)
    assert batch.rows.get(number=2).target == profile
    importing.import_confirm(batch=batch, skip_errors=False, actor=coordinator)
    organisation_update(organisation=profile, actor=users["network_admin"], fields={"member_count": 3})
    assert importing.import_run(batch=batch, actor=coordinator).status == ImportBatch.Status.FAILED
    failed = LogEntry.objects.filter(object_id=str(batch.pk)).latest("pk")
    assert (failed.action, failed.actor, failed.data) == (
        "import.failed",
        coordinator,
        {"failure": batch.failure},
    )


def test_a_refused_step_changes_nothing_and_logs_nothing(users):
    coordinator = users["coordinator"]
    waiting = batch_for(coordinator, VALID_ROWS, check=False)
    checked = batch_for(coordinator, VALID_ROWS)
    with_errors = batch_for(coordinator, [["Ghana Union", "33330 Gütersloh", "", "1750"]])
    mapping = list(waiting.mapping)
    row = checked.rows.get(number=2)
    counts = dict(checked.counts)
    logged = LogEntry.objects.count()

    with pytest.raises(ValidationError):  # no column for the name
        importing.import_map(
            batch=waiting, mapping=[""] * len(mapping), default_kind="other", actor=coordinator
        )
    with pytest.raises(ValidationError):  # mapped already: a second mapping is refused
        importing.import_map(batch=checked, mapping=mapping, default_kind="parents", actor=coordinator)
    with pytest.raises(ValidationError):  # a target that is no candidate of the row
        importing.import_decide(batch=checked, row=row, action="merge", target_id=99999, actor=coordinator)
    with pytest.raises(ValidationError):  # rows with errors, not to be skipped
        importing.import_confirm(batch=with_errors, skip_errors=False, actor=coordinator)

    assert LogEntry.objects.count() == logged
    waiting.refresh_from_db()
    checked.refresh_from_db()
    with_errors.refresh_from_db()
    row.refresh_from_db()
    assert (waiting.status, waiting.mapping) == (ImportBatch.Status.MAPPING, mapping)
    assert (checked.status, checked.default_kind, checked.counts) == (
        ImportBatch.Status.CHECKED,
        "other",
        counts,
    )
    assert (row.action, row.target_id) == (ImportRow.Action.CREATE, None)
    assert with_errors.status == ImportBatch.Status.CHECKED


def test_the_pages_log_under_the_signed_in_person(client_for, users, network):
    client = client_for("coordinator")
    client.post(reverse("imports:list"), {"file": upload(csv_bytes(VALID_ROWS))})
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:mapping", kwargs={"pk": batch.pk}), suggested_mapping(batch))
    client.post(reverse("imports:cancel", kwargs={"pk": batch.pk}))
    assert steps(batch) == [
        ("import.uploaded", "koordination", network.pk),
        ("import.mapped", "koordination", network.pk),
        ("import.checked", "koordination", network.pk),
        ("import.cancelled", "koordination", network.pk),
    ]
