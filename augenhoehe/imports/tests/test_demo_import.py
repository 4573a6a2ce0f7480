"""The demo shows both import steps filled: a list waiting in its preview, one in the value step."""

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from augenhoehe.imports.demo import FILE_NAME, SECOND_FILE_NAME
from augenhoehe.imports.models import ImportBatch, ImportValueMapping


@pytest.mark.django_db
def test_the_demo_has_a_list_in_its_preview_and_one_in_the_value_step(capsys):
    call_command("demo", no_serve=True)
    with scopes_disabled():
        preview = ImportBatch.objects.get(file_name=FILE_NAME)
        values = ImportBatch.objects.get(file_name=SECOND_FILE_NAME)
        kept = list(ImportValueMapping.objects.values_list("column", "target_column", "target_code"))
        assert preview.status == ImportBatch.Status.CHECKED
        assert preview.counts["error"] > 0 and preview.counts["warnings"] > 0
        assert preview.rows.filter(note__startswith="Dieselbe Organisation").exists()
    assert kept == [("kind", "fields", "encounter")]
    assert values.status == ImportBatch.Status.VALUES
    asked = {(e["column"], e["value"]): e for e in values.unknown_values["values"]}
    assert asked[("languages", "Kurdisch")]["candidates"] == ["languages:ku", "languages:ckb"]
    assert asked[("kind", "Treffpunkt")]["kept"] == "fields:encounter"
    call_command("demo", no_serve=True)  # a second start adds no lists
    with scopes_disabled():
        assert ImportBatch.objects.count() == 2
